BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Test-TwPolicy' {
    BeforeEach { $testHost = New-TwTestHost -Name ([guid]::NewGuid().ToString('n')) }
    AfterEach { Remove-TwTestHost }

    It 'declares a Boolean and the detailed type as outputs, and changes nothing' {
        $command = Get-Command Test-TwPolicy
        $command.OutputType.Name | Should -Contain 'System.Boolean'
        $command.OutputType.Name | Should -Contain 'TwTools.KernelSettingState'
        $command.Parameters.Keys | Should -Not -Contain 'WhatIf'
    }

    It 'is $false before an apply and $true after, by name or by path, as a Pester assertion reads' {
        Test-TwPolicy busy-client | Should -BeFalse
        Set-TwPolicy busy-client
        Test-TwPolicy busy-client | Should -BeTrue
        Test-TwPolicy -Path (Join-Path $Policies 'busy-client.yaml') | Should -BeTrue
    }

    It 'is $false when the values are right now but would not survive a reboot' {
        [System.IO.File]::WriteAllText((Join-Path $testHost.Sys 'net/ipv4/tcp_tw_reuse'), "1`n")
        [System.IO.File]::WriteAllText((Join-Path $testHost.Sys 'net/ipv4/ip_local_port_range'), "10240`t65535`n")
        Test-TwPolicy busy-client | Should -BeFalse
        (Test-TwPolicy busy-client -Detailed).Where({ $_.Key -eq 'net.ipv4.tcp_tw_reuse' }).Reason | Should -Match 'not persisted'
    }

    It 'returns only the judged keys with -Detailed' {
        $detail = Test-TwPolicy busy-client -Detailed
        $detail.Key | Should -Contain 'net.ipv4.tcp_tw_reuse'
        $detail.Key | Should -Not -Contain 'net.ipv4.tcp_fin_timeout'
        $detail | ForEach-Object { $_.Compliant | Should -Not -BeNullOrEmpty }
    }

    It 'answers once per policy file from the pipeline' {
        $files = Get-ChildItem (Join-Path $Policies '*.yaml')
        $answers = $files | Test-TwPolicy
        $answers.Count | Should -Be $files.Count
        $answers | ForEach-Object { $_ | Should -BeOfType [bool] }
    }

    It 'reads a policy saved as UTF-16LE with a byte order mark, as Windows PowerShell 5.1''s Out-File writes it' {
        $path = Join-Path $TestDrive 'utf16.yaml'
        Get-Content -Raw (Join-Path $Policies 'busy-client.yaml') | Set-Content -Path $path -Encoding unicode
        [System.IO.File]::ReadAllBytes($path)[0..1] | Should -Be @(0xFF, 0xFE)
        Test-TwPolicy $path -ErrorAction Stop | Should -BeFalse
    }

    It 'makes a missing policy an error, and still answers $false: an answer that was not judged never reads as a pass' {
        { Test-TwPolicy -Path (Join-Path $TestDrive 'none.yaml') -ErrorAction Stop } |
            Should -Throw -ErrorId 'TwTools.Policy.NotFound,TwTools.PowerShell.Cmdlets.TestTwPolicyCommand'
        $answer = Test-TwPolicy -Path (Join-Path $TestDrive 'none.yaml') -ErrorAction SilentlyContinue -ErrorVariable failed
        $answer | Should -BeExactly $false
        $failed.Count | Should -Be 1
    }
}

Describe 'Test-TwPolicy over hosts it cannot judge' {
    BeforeAll { $env:TWTOOLS_SSH_CONTROL_DIR = Join-Path $TestDrive 'cp' }
    AfterAll { Remove-Item Env:TWTOOLS_SSH_CONTROL_DIR -ErrorAction SilentlyContinue }

    It 'answers $false for every host named, an invalid name among them, so -notcontains $false fails' {
        $answers = Test-TwPolicy busy-client -HostName 'web1.invalid', 'web 2', 'web3.invalid' -TimeoutSeconds 20 -ErrorAction SilentlyContinue -ErrorVariable failed
        $answers.Count | Should -Be 3
        $answers | ForEach-Object { $_ | Should -BeExactly $false }
        ($answers -notcontains $false) | Should -BeFalse
        $failed.FullyQualifiedErrorId | Should -Contain 'TwTools.Input.InvalidHostName,TwTools.PowerShell.Cmdlets.TestTwPolicyCommand'
    }

    It 'answers $false per host after one error when the ssh options are refused' {
        $answers = Test-TwPolicy busy-client -HostName 'web1.invalid', 'web2.invalid' -SshOption ProxyCommand=x -ErrorAction SilentlyContinue -ErrorVariable failed
        $answers | Should -HaveCount 2
        $answers | ForEach-Object { $_ | Should -BeExactly $false }
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TwTools.Input.InvalidSshOption,*'
    }

    It 'answers $false per host after one error when the policy cannot be read' {
        $answers = Test-TwPolicy no-such-policy -HostName 'web1.invalid', 'web2.invalid' -ErrorAction SilentlyContinue -ErrorVariable failed
        $answers | Should -HaveCount 2
        $answers | ForEach-Object { $_ | Should -BeExactly $false }
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TwTools.Policy.NotFound,*'
    }
}
