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

Describe 'Get-TcpSocketState' {
    It 'lists sockets with Get-NetTCPConnection property names' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $socket = Get-TcpSocketState -State Listen -LocalPort $port
            $socket.LocalAddress | Should -Be '127.0.0.1'
            $socket.State | Should -Be 'Listen'
            $socket.PSObject.TypeNames[0] | Should -Be 'TwTools.Engine.Sockets.TcpSocket'
            (Get-TcpSocketState -State listen -LocalPort $port -IncludeProcess).OwningProcess | Should -Be $PID
        } finally { $listener.Stop() }
    }

    It 'accepts ss and netstat spellings of a state' {
        { Get-TcpSocketState -State time-wait, TIME_WAIT, TimeWait -ErrorAction Stop } | Should -Not -Throw
        { Get-TcpSocketState -State half-open -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Input.InvalidSocketFilter,TwTools.PowerShell.Cmdlets.GetTcpSocketStateCommand'
    }

    It 'filters by address family' {
        Get-TcpSocketState -AddressFamily IPv6 | ForEach-Object { $_.AddressFamily | Should -Be 'IPv6' }
    }

    It 'summarises every state' {
        (Get-TcpSocketState -Summary).State | Should -Contain 'TimeWait'
    }
}

Describe 'Test-PortExhaustion' {
    It 'returns a host report with a verdict' {
        $report = Test-PortExhaustion -Summary
        $report.Verdict | Should -BeIn 'OK', 'Warning', 'Critical', 'Exhausted'
        $report.Capacity | Should -BeGreaterThan 0
    }

    It 'refuses a warning threshold above the critical one' {
        { Test-PortExhaustion -WarningThreshold 0.9 -CriticalThreshold 0.5 -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Input.InvalidThreshold,TwTools.PowerShell.Cmdlets.TestPortExhaustionCommand'
    }
}

Describe 'Remote hosts' {
    It 'refuses a host name that carries an ssh option or a command, per host, before connecting' {
        $errors = $null
        Get-TwKernelPolicy -HostName '-oProxyCommand=touch /tmp/twtools-pwned', 'a;reboot' -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'TwTools.Input.InvalidHostName*' }
        Test-Path /tmp/twtools-pwned | Should -BeFalse
    }

    It 'refuses an ssh option that runs commands' {
        { Get-TwKernelPolicy -HostName localhost -SshOption 'ProxyCommand=touch /tmp/twtools-pwned' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TwTools.Input.InvalidSshOption*'
    }

    It 'reports an unreachable host as one error naming it' -Skip:(-not (Get-Command ssh -ErrorAction SilentlyContinue)) {
        # Port 1 on loopback: nothing listens there, and nothing leaves the machine.
        $errors = $null
        Get-TwKernelPolicy -HostName 'root@127.0.0.1:1' -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TwTools.Remote.Unreachable*'
        $errors[0].TargetObject | Should -Be 'root@127.0.0.1:1'
    }

    It 'binds HostName from the pipeline by property name' {
        $errors = $null
        [pscustomobject]@{ HostName = 'bad;name' } | Get-TwKernelPolicy -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TwTools.Input.InvalidHostName*'
    }
}
