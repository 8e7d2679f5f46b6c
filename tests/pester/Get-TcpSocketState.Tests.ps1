# Real sockets on loopback only: a listener, and a connection the client closes first, which leaves
# the client's end in TIME_WAIT for 60 s.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
}
AfterAll { $listener.Stop() }

Describe 'Get-TcpSocketState' {
    It 'has List (default) and Summary parameter sets, for live hosts and for a capture, and declares an output type for each' {
        $command = Get-Command Get-TcpSocketState
        $command.ParameterSets.Name | Sort-Object | Should -Be @('CaptureList', 'CaptureSummary', 'List', 'Summary')
        $command.DefaultParameterSet | Should -Be 'List'
        $command.OutputType.Name | Should -Contain 'TwTools.TcpSocket'
        $command.OutputType.Name | Should -Contain 'TwTools.TcpStateSummary'
        $command.Parameters.Keys | Should -Not -Contain 'WhatIf'
    }

    It 'prints nothing when the summary is assigned, and shows the kernel totals in its table' {
        # Before, the kernel line went to the host like Write-Host, even from $x = ... .
        $printed = & { $rows = Get-TcpSocketState -Summary } *>&1
        $printed | Should -BeNullOrEmpty
        $rows = Get-TcpSocketState -Summary
        $rows[0].Kernel.InUse | Should -BeGreaterOrEqual 1
        ($rows | Format-Table | Out-String) | Should -Match 'kernel: \d+ in use, \d+ TIME_WAIT'
    }

    It 'refuses -IncludeProcess with -Summary, which are in different parameter sets' {
        { Get-TcpSocketState -Summary -IncludeProcess -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet,TwTools.PowerShell.Cmdlets.GetTcpSocketStateCommand'
    }

    It 'lists a listener with its endpoint, state and owning process' {
        $socket = Get-TcpSocketState -State Listen -LocalPort $port -IncludeProcess
        $socket.LocalAddress | Should -Be '127.0.0.1'
        $socket.State | Should -Be 'Listen'
        $socket.OwningProcess | Should -Be $PID
        # Tagged so the format file shows the owner instead of the time left; the type itself is the same.
        $socket.PSObject.TypeNames[0] | Should -Be 'TwTools.TcpSocket#Process'
        $socket.PSObject.TypeNames | Should -Contain 'TwTools.TcpSocket'
        ($socket | Out-String -Width 80) | Should -Match "Listen +127\.0\.0\.1:$port +0\.0\.0\.0:0 +$PID +pwsh"
    }

    It 'shows the TIME_WAIT time left of a connection the client closed first' {
        $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port)
        $server = $listener.AcceptTcpClient()
        $clientPort = $client.Client.LocalEndPoint.Port
        $client.Close()
        Start-Sleep -Milliseconds 200
        $server.Close()
        Start-Sleep -Milliseconds 200
        $waiting = Get-TcpSocketState -State TimeWait -RemotePort $port -LocalPort $clientPort
        $waiting.State | Should -Be 'TimeWait'
        $waiting.TimeLeft.TotalSeconds | Should -BeGreaterThan 50
        $waiting.TimeLeft.TotalSeconds | Should -BeLessOrEqual 60
        # At 120 columns the row keeps both endpoints and the timer whole.
        $row = ($waiting | Out-String -Width 80) -split "`n" | Where-Object { $_ -match '^TimeWait' }
        $row | Should -Match "^TimeWait\s+\[?(::ffff:)?127\.0\.0\.1\]?:$clientPort\s+\[?(::ffff:)?127\.0\.0\.1\]?:$port\s+\d+\.\ds"
    }

    It 'reads the same listener through netlink and the /proc files, and reads a capture with -Path' {
        $viaNetlink = Get-TcpSocketState -State Listen -LocalPort $port -Source Netlink
        $viaProc = Get-TcpSocketState -State Listen -LocalPort $port -Source ProcFiles
        $viaProc.LocalPort | Should -Be $viaNetlink.LocalPort
        $capture = Join-Path $TestDrive 'capture.txt'
        (Get-Content /proc/net/tcp, /proc/net/tcp6) | Set-Content $capture
        $recorded = Get-TcpSocketState -State Listen -LocalPort $port -Path $capture
        $recorded.LocalPort | Should -Be $port
        $recorded.Host | Should -Be $capture
        (Get-TcpSocketState -Summary -LiteralPath $capture | Where-Object State -eq Listen).Total | Should -BeGreaterOrEqual 1
    }

    It 'names a capture line that is not a socket line, and refuses -IncludeProcess with a capture' {
        $bad = Join-Path $TestDrive 'bad.txt'
        Set-Content $bad "  sl  local_address`nnot a socket line"
        { Get-TcpSocketState -Path $bad -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Input.InvalidCapture,TwTools.PowerShell.Cmdlets.GetTcpSocketStateCommand'
        { Get-TcpSocketState -Path $bad -IncludeProcess -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet,TwTools.PowerShell.Cmdlets.GetTcpSocketStateCommand'
    }

    It 'refuses a capture together with a remote host, a session or a source: they are other parameter sets' {
        $capture = Join-Path $TestDrive 'capture2.txt'
        (Get-Content /proc/net/tcp) | Set-Content $capture
        { Get-TcpSocketState -Path $capture -HostName 'root@127.0.0.1:1' } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
        { Get-TcpSocketState -Path $capture -Source Netlink } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
        { Get-TcpSocketState -Path $capture -Summary -HostName 'root@127.0.0.1:1' } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }

    It 'reads a short address prefix as ss does: 10.77/16 is 10.77.0.0/16, not 10.0.0.77/16' {
        $capture = Join-Path $TestDrive 'short-prefix.txt'
        # Remote 10.77.0.11:443 and 10.0.0.77:443, both in TIME_WAIT.
        Set-Content -LiteralPath $capture -Value @(
            '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'
            '   0: 0100007F:9C40 0B004D0A:01BB 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000'
            '   1: 0100007F:9C41 4D00000A:01BB 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000')
        (Get-TcpSocketState -Path $capture -RemoteAddress 10.77/16).RemoteAddress | Should -Be @('10.77.0.11')
        (Get-TcpSocketState -Path $capture -RemoteAddress 10.77).RemoteAddress | Should -BeNullOrEmpty
        { Get-TcpSocketState -Path $capture -RemoteAddress 0x0a.77/16 -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Input.InvalidSocketFilter*'
    }

    It 'shows no kernel totals for a capture, which has none' {
        $capture = Join-Path $TestDrive 'capture3.txt'
        (Get-Content /proc/net/tcp) | Set-Content $capture
        $rows = Get-TcpSocketState -Summary -Path $capture
        $rows | ForEach-Object { $_.Kernel | Should -BeNullOrEmpty }
    }

    It 'binds filters from the pipeline by property name' {
        $found = [pscustomobject]@{ State = 'Listen'; LocalPort = $port } | Get-TcpSocketState
        $found.LocalPort | Should -Be $port
    }

    It 'accepts ss and netstat spellings of a state and names a bad one' {
        { Get-TcpSocketState -State time-wait, TIME_WAIT, TimeWait -ErrorAction Stop } | Should -Not -Throw
        { Get-TcpSocketState -State half-open -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Input.InvalidSocketFilter,TwTools.PowerShell.Cmdlets.GetTcpSocketStateCommand'
    }

    It 'filters by address family, and refuses one that is not IPv4 or IPv6' {
        Get-TcpSocketState -AddressFamily IPv6 | ForEach-Object { $_.AddressFamily | Should -Be 'IPv6' }
        { Get-TcpSocketState -AddressFamily IPv5 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TwTools.PowerShell.Cmdlets.GetTcpSocketStateCommand'
    }

    It 'counts every state with -Summary' {
        $summary = Get-TcpSocketState -Summary
        $summary.State | Should -Contain 'TimeWait'
        $summary[0].PSObject.TypeNames[0] | Should -Be 'TwTools.TcpStateSummary'
    }

    It 'shows sockets as ss does, endpoints as address:port, grouped by host' {
        $view = (Get-FormatData -TypeName 'TwTools.TcpSocket').FormatViewDefinition | Select-Object -First 1
        $view.Control.Headers.Label | Should -Be @('State', 'Local', 'Remote', 'TimeLeft')
        # Grouped by host and, for a namespace target, its namespace: one group per target.
        $view.Control.GroupBy.Expression.Value | Should -Match '\$_\.Host.*NetworkNamespace\.Label'
    }
}
