BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Test-PortExhaustion' {
    It 'declares a finding and a report as outputs and changes nothing' {
        $command = Get-Command Test-PortExhaustion
        $command.OutputType.Name | Should -Contain 'TwTools.PortPressureFinding'
        $command.OutputType.Name | Should -Contain 'TwTools.PortExhaustionReport'
        $command.Parameters.Keys | Should -Not -Contain 'WhatIf'
    }

    It 'returns one report per host with -Summary, its verdict in the list view' {
        $report = Test-PortExhaustion -Summary
        $report.PSObject.TypeNames[0] | Should -Be 'TwTools.PortExhaustionReport'
        $report.Verdict | Should -BeIn 'OK', 'Warning', 'Critical', 'Exhausted'
        $report.Capacity | Should -BeGreaterThan 0
        $list = $report | Format-List | Out-String
        $list | Should -Match '(?m)^Verdict\s+:'
        $list | Should -Not -Match 'ReuseDelayMilliseconds'
    }

    It 'returns findings, one per destination' {
        Test-PortExhaustion | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'TwTools.PortPressureFinding' }
    }

    Context 'on a host whose files make the engine fail' {
        BeforeEach { $testHost = New-TwTestHost -Name ([guid]::NewGuid().ToString('n')) }
        AfterEach { Remove-TwTestHost }

        It 'writes one error, not a terminating .NET exception, for a socket table that is not one' {
            # A socket table that never ends a line (here /dev/zero), read through TWTOOLS_PROC_ROOT.
            $null = New-Item -ItemType Directory -Force (Join-Path $env:TWTOOLS_PROC_ROOT 'net')
            $null = New-Item -ItemType SymbolicLink -Path (Join-Path $env:TWTOOLS_PROC_ROOT 'net/tcp') -Target /dev/zero
            $result = Test-PortExhaustion -ErrorAction SilentlyContinue -ErrorVariable failed
            $result | Should -BeNullOrEmpty
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -Be 'TwTools.Host.SocketReadFailed,TwTools.PowerShell.Cmdlets.TestPortExhaustionCommand'
            $failed[0].Exception.Message | Should -BeLike '*longer than 64 KiB*'
        }

        It 'names an unreadable port range as a read error' {
            Set-Content -Path (Join-Path $testHost.Sys 'net/ipv4/ip_local_port_range') -Value 'abc def'
            { Test-PortExhaustion -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Host.ReadFailed,TwTools.PowerShell.Cmdlets.TestPortExhaustionCommand'
        }
    }

    It 'judges a capture given with -Path against this machine''s port range, and refuses it with a remote host' {
        $capture = Join-Path $TestDrive 'tw-capture.txt'
        $lines = @('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode')
        $lines += 1..12 | ForEach-Object {
            '{0,4}: 0100007F:{1:X4} 0A00000A:0050 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000' -f $_, (40000 + $_)
        }
        Set-Content -LiteralPath $capture -Value $lines
        $finding = Test-PortExhaustion -Path $capture | Where-Object Destination -eq '10.0.0.10:80'
        $finding.TimeWait | Should -Be 12
        $finding.Capacity | Should -Be (Test-PortExhaustion -Summary).Capacity
        (Test-PortExhaustion -Summary -LiteralPath $capture).SocketsScanned | Should -Be 12

        # Export-Csv writes lists as their items, never as a type name.
        $testHost = New-TwTestHost -Name ([guid]::NewGuid().ToString('n'))
        try {
            Set-Content -LiteralPath (Join-Path $testHost.Sys 'net/ipv4/ip_local_port_range') -Value "40001`t40014"
            $report = Test-PortExhaustion -Summary -LiteralPath $capture | ConvertTo-Csv | ConvertFrom-Csv
            $report.Findings | Should -BeLike 'Client 10.0.0.10:80: Critical (12/14)*'
            $row = Test-PortExhaustion -Path $capture | Where-Object Destination -eq '10.0.0.10:80'
            $row.Advice.Count | Should -BeGreaterThan 1
            ($row | ConvertTo-Csv | ConvertFrom-Csv).Advice | Should -Be ($row.Advice -join '; ')
        }
        finally { Remove-TwTestHost }

        # A capture and a host, or a capture and a sample, are different parameter sets: refused before anything runs.
        { Test-PortExhaustion -Path $capture -HostName 'root@127.0.0.1:1' } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
        { Test-PortExhaustion -Path $capture -SampleSeconds 1 } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }

    It 'judges the same through netlink and through the /proc files' {
        (Test-PortExhaustion -Summary -Source ProcFiles).Capacity | Should -Be (Test-PortExhaustion -Summary -Source Netlink).Capacity
    }

    It 'refuses a warning threshold above the critical one' {
        { Test-PortExhaustion -WarningThreshold 0.9 -CriticalThreshold 0.5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'TwTools.Input.InvalidThreshold,TwTools.PowerShell.Cmdlets.TestPortExhaustionCommand'
    }

    It 'refuses a threshold outside 0.01..1 before running' {
        { Test-PortExhaustion -CriticalThreshold 2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,TwTools.PowerShell.Cmdlets.TestPortExhaustionCommand'
    }

    It 'has a table view with Destination, InUse, Blocking, Capacity and Verdict (TimeWait is in Format-List)' {
        $view = (Get-FormatData -TypeName 'TwTools.PortPressureFinding').FormatViewDefinition | Select-Object -First 1
        foreach ($column in 'Destination', 'InUse', 'Blocking', 'Capacity', 'Verdict') { $view.Control.Headers.Label | Should -Contain $column }
    }
}
