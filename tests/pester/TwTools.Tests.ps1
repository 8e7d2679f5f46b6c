# Pester 5 suite for the built module. Runs where pwsh 7.4+ and Pester 5 exist (build.ps1 -Task Test);
# the build machines have neither, so nothing here has been run there.
BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/TwTools/TwTools.psd1'
    Import-Module $modulePath -Force
    $policies = Join-Path $PSScriptRoot '../../policies'
}

Describe 'Get-TwKernelPolicy' {
    It 'returns one object per catalog key' {
        $states = Get-TwKernelPolicy
        $states.Count | Should -Be 9
        $states[0].PSObject.TypeNames[0] | Should -Be 'TwTools.Engine.Compliance.KernelSettingState'
    }

    It 'judges against a policy bound from the pipeline by property name' {
        $states = Get-Item (Join-Path $policies 'nat-facing-server.yaml') | Get-TwKernelPolicy
        ($states | Where-Object Key -eq 'net.ipv4.tcp_tw_recycle').Compliant | Should -BeTrue
    }

    It 'reports a refused policy with the stable error id' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        "apiVersion: twtools.io/v1`nkind: TwPolicy`nmetadata:`n  name: bad`nspec:`n  settings:`n    net.ipv4.tcp_tw_recycle: 1`n" | Set-Content $bad
        { Get-TwKernelPolicy -Path $bad -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Policy.RecycleRefused,TwTools.PowerShell.Cmdlets.GetTwKernelPolicyCommand'
    }
}

Describe 'Set-TwPolicy' {
    It 'supports -WhatIf and writes nothing' {
        $before = Get-TwKernelPolicy | ForEach-Object { "$($_.Key)=$($_.Runtime)" }
        Set-TwPolicy -Path (Join-Path $policies 'busy-client.yaml') -WhatIf
        $after = Get-TwKernelPolicy | ForEach-Object { "$($_.Key)=$($_.Runtime)" }
        $after | Should -Be $before
    }

    It 'declares SupportsShouldProcess and its output type' {
        $command = Get-Command Set-TwPolicy
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.OutputType.Type.Name | Should -Contain 'SettingApplyResult'
    }
}
