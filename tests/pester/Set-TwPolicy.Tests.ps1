# Set-TwPolicy against a fake host under $TestDrive (TWTOOLS_PROC_ROOT / TWTOOLS_CONF_ROOT): real
# writes and a real sysctl.d file, without root and without touching this machine.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Set-TwPolicy' {
    BeforeEach {
        $testHost = New-TwTestHost -Name ([guid]::NewGuid().ToString('n'))
        $busyClient = Join-Path $Policies 'busy-client.yaml'
        $persisted = Join-Path $testHost.Conf 'etc/sysctl.d/60-twtools-busy-client.conf'
    }
    AfterEach { Remove-TwTestHost }

    Context 'the command' {
        It 'has one parameter set with a mandatory positional -Path and supports ShouldProcess' {
            $command = Get-Command Set-TwPolicy
            $command.ParameterSets.Name | Should -Be '__AllParameterSets'
            $path = $command.Parameters['Path']
            $path.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).Mandatory | Should -BeTrue
            $path.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).Position | Should -Be 0
            $path.Aliases | Should -Contain 'FullName'
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
            $command.OutputType.Name | Should -Contain 'TwTools.SettingApplyResult'
        }
    }

    Context 'applying' {
        It 'writes the runtime values and the persisted file, and a second run changes nothing' {
            $first = Set-TwPolicy -Path $busyClient -PassThru
            $first.Where({ $_.Key -eq 'net.ipv4.tcp_tw_reuse' }).Changed | Should -BeTrue
            (Get-Content -Raw (Join-Path $testHost.Sys 'net/ipv4/tcp_tw_reuse')).Trim() | Should -Be '1'
            Get-Content -Raw $persisted | Should -Match 'net.ipv4.tcp_tw_reuse\s*=\s*1'
            Test-TwPolicy -Path $busyClient | Should -BeTrue

            $second = Set-TwPolicy -Path $busyClient -PassThru
            $second.Changed | Should -Not -Contain $true
            $second[0].PSObject.TypeNames[0] | Should -Be 'TwTools.SettingApplyResult'
        }

        It 'writes nothing to the pipeline without -PassThru' {
            Set-TwPolicy -Path $busyClient | Should -BeNullOrEmpty
        }

        It 'turns timestamps on when the policy enables reuse and the host has them off' {
            [System.IO.File]::WriteAllText((Join-Path $testHost.Sys 'net/ipv4/tcp_timestamps'), "0`n")
            $result = Set-TwPolicy -Path $busyClient -PassThru -WarningAction SilentlyContinue
            $timestamps = $result.Where({ $_.Key -eq 'net.ipv4.tcp_timestamps' })
            $timestamps.Enforced | Should -BeTrue
            $timestamps.After | Should -Be '1'
        }

        It 'takes the policy from the pipeline by property name (Get-Item) and by name' {
            Get-Item $busyClient | Set-TwPolicy -WhatIf
            [pscustomobject]@{ Path = 'busy-client' } | Set-TwPolicy -PassThru | Should -Not -BeNullOrEmpty
        }
    }

    Context '-WhatIf' {
        It 'reports each change and writes nothing' {
            $before = Get-TwTestHostFiles -TestHost $testHost
            $result = Set-TwPolicy -Path $busyClient -WhatIf -PassThru
            Get-TwTestHostFiles -TestHost $testHost | Should -Be $before
            Test-Path $persisted | Should -BeFalse
            $result.Where({ $_.Key -eq 'net.ipv4.tcp_tw_reuse' }).WouldChange | Should -BeTrue
        }

        It 'shows the value a change would set and what it would change, at 80 columns' {
            $table = Set-TwPolicy -Path $busyClient -WhatIf -PassThru 6>$null | Out-String -Width 80
            $table | Should -Match '(?m)^tcp_tw_reuse\s+2\s+1 \(what if\)\s+would: runtime\+boot\s*$'
            # Absent on this kernel, as Get-TwKernelPolicy shows it; the policy's 0 is never shown as its value.
            $table | Should -Match '(?m)^tcp_tw_recycle\s+\(absent\)\s+\(absent\)\s+none\s*$'
        }
    }

    Context 'refused policies' {
        It 'refuses <Setting> with <ErrorId> and writes nothing' -TestCases @(
            @{ Setting = 'net.ipv4.tcp_tw_recycle: 1'; ErrorId = 'TwTools.Policy.RecycleRefused' }
            @{ Setting = "net.ipv4.tcp_tw_reuse: 1`n    net.ipv4.tcp_timestamps: 0"; ErrorId = 'TwTools.Policy.ReuseNeedsTimestamps' }
            @{ Setting = 'net.ipv4.tcp_tw_reuse_dealy: 10'; ErrorId = 'TwTools.Policy.UnknownKey' }
            @{ Setting = 'net.ipv4.tcp_tw_reuse: 7'; ErrorId = 'TwTools.Policy.OutOfRange' }
        ) {
            $before = Get-TwTestHostFiles -TestHost $testHost
            $bad = New-TwBadPolicy -Setting $Setting
            { Set-TwPolicy -Path $bad -ErrorAction Stop -WarningAction SilentlyContinue } |
                Should -Throw -ErrorId "$ErrorId,TwTools.PowerShell.Cmdlets.SetTwPolicyCommand"
            Get-TwTestHostFiles -TestHost $testHost | Should -Be $before
        }

        It 'refuses to replace a persist file TwTools did not write, unless -Force' {
            Set-Content -LiteralPath $persisted -Value 'vm.swappiness = 10'
            $before = Get-TwTestHostFiles -TestHost $testHost
            { Set-TwPolicy $busyClient -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Apply.PersistFileNotOurs,TwTools.PowerShell.Cmdlets.SetTwPolicyCommand'
            Get-TwTestHostFiles -TestHost $testHost | Should -Be $before
            Set-TwPolicy $busyClient -Force
            Get-Content -LiteralPath $persisted -TotalCount 1 | Should -BeLike '# Written by TwTools*'
        }

        It 'escapes terminal control characters a sysctl.d file name carries into its warnings' {
            $name = "99-$([char]27)]0;pwned$([char]7).conf"
            Set-Content -LiteralPath (Join-Path $testHost.Conf "etc/sysctl.d/$name") -Value 'net.ipv4.tcp_tw_reuse = 0'
            Set-TwPolicy $busyClient -WhatIf -WarningVariable warned 3>$null
            $overridden = @($warned | Where-Object Message -Like '*99-*')
            $overridden.Count | Should -Be 1
            $overridden[0].Message | Should -BeLike '*99-\e]0;pwned\a.conf:1 sets*'
            $overridden[0].Message.ToCharArray() | Where-Object { [char]::IsControl($_) } | Should -BeNullOrEmpty
        }

        It 'names the file and line of a bad policy and goes on with the next pipeline item' {
            $bad = New-TwBadPolicy -Setting 'net.ipv4.tcp_tw_recycle: 1'
            $errors = $null
            Get-Item $bad, $busyClient | Set-TwPolicy -ErrorAction SilentlyContinue -ErrorVariable errors
            $errors.Count | Should -Be 1
            $errors[0].Exception.Message | Should -BeLike "*$bad*7*"
            $errors[0].CategoryInfo.Category | Should -Not -Be 'NotSpecified'
            Test-Path $persisted | Should -BeTrue
        }
    }
}
