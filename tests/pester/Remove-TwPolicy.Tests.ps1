BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Remove-TwPolicy' {
    BeforeEach { $testHost = New-TwTestHost -Name ([guid]::NewGuid().ToString('n')) }
    AfterEach { Remove-TwTestHost }

    It 'supports -WhatIf and -Confirm, and declares its result type' {
        $command = Get-Command Remove-TwPolicy
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $command.OutputType.Name | Should -Contain 'TwTools.PolicyRemovalResult'
    }

    It 'removes the file of the policy a host moved away from, so the new policy holds at boot too' {
        Set-TwPolicy kernel-defaults
        Set-TwPolicy busy-client -WarningAction SilentlyContinue
        # kernel-defaults' file sorts after busy-client's and wins at boot: applying busy-client again changes nothing.
        Test-TwPolicy busy-client | Should -BeFalse

        $result = Remove-TwPolicy kernel-defaults -PassThru -InformationVariable said 6>$null

        $result.Removed | Should -BeTrue
        Test-Path (Join-Path $testHost.Conf 'etc/sysctl.d/60-twtools-kernel-defaults.conf') | Should -BeFalse
        Test-TwPolicy busy-client | Should -BeTrue
        "$said" | Should -Match 'removed /etc/sysctl\.d/60-twtools-kernel-defaults\.conf'
    }

    It 'removes nothing with -WhatIf, and a file that is not there is no error' {
        Set-TwPolicy busy-client
        $before = Get-TwTestHostFiles -TestHost $testHost
        (Remove-TwPolicy busy-client -WhatIf -PassThru).WouldRemove | Should -BeTrue
        Get-TwTestHostFiles -TestHost $testHost | Should -Be $before
        Remove-TwPolicy busy-client
        (Remove-TwPolicy busy-client -PassThru -ErrorAction Stop).Existed | Should -BeFalse
    }

    It 'refuses a file TwTools did not write, and removes it only with -Force' {
        $file = Join-Path $testHost.Conf 'etc/sysctl.d/60-twtools-busy-client.conf'
        Set-Content -Path $file -Value 'net.ipv4.tcp_tw_reuse = 1'
        { Remove-TwPolicy busy-client -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Apply.PersistFileNotOurs,TwTools.PowerShell.Cmdlets.RemoveTwPolicyCommand'
        Test-Path $file | Should -BeTrue
        Remove-TwPolicy busy-client -Force
        Test-Path $file | Should -BeFalse
    }
}
