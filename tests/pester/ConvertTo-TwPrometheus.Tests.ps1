BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # A capture with TIME_WAIT toward port 80: <count> ports toward 10.0.0.10, one toward each of 10.0.1.2 and on.
    function New-TwCapture([int] $Count = 12, [int] $Destinations = 1) {
        $path = Join-Path $TestDrive "capture-$([guid]::NewGuid().ToString('n')).txt"
        $lines = @('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode')
        $lines += 1..$Count | ForEach-Object { '{0,4}: 0100007F:{1:X4} 0A00000A:0050 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000' -f $_, (40000 + $_) }
        $lines += 2..([Math]::Max(2, $Destinations)) | Where-Object { $Destinations -gt 1 } | ForEach-Object { '{0,4}: 0100007F:{1:X4} {2:X2}01000A:0050 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000' -f ($_ + 100), (41000 + $_), $_ }
        Set-Content -LiteralPath $path -Value $lines
        $path
    }
}

Describe 'ConvertTo-TwPrometheus' {
    BeforeEach { $testHost = New-TwTestHost -Name ([guid]::NewGuid().ToString('n')) }
    AfterEach { Remove-TwTestHost }

    It 'turns a port-pressure report into series that promtool accepts' {
        # A capture's series are labelled with the capture, as its rows are, so two captures never share a host label.
        $capture = New-TwCapture
        $text = Test-PortExhaustion -Summary -Path $capture | ConvertTo-TwPrometheus
        $text | Should -BeOfType [string]
        $text | Should -Match "(?m)^twtools_destination_time_wait_sockets\{host=`"$([regex]::Escape($capture))`",side=`"client`",address=`"10\.0\.0\.10`",port=`"80`"\} 12$"
        $text | Should -Match "(?m)^twtools_ephemeral_ports_usable\{host=`"$([regex]::Escape($capture))`"\} 28232$"
        $text | Should -Match '(?m)^# TYPE twtools_destination_time_wait_sockets gauge$'
        if (Get-Command promtool -ErrorAction SilentlyContinue) {
            $text | promtool check metrics 2>&1 | Out-Null
            $LASTEXITCODE | Should -Be 0
        }
    }

    It 'keeps series for the -Top busiest destinations and sums the rest' {
        $capture = New-TwCapture -Count 5 -Destinations 10
        $text = Test-PortExhaustion -Summary -Path $capture | ConvertTo-TwPrometheus -Top 2
        @($text -split "`n" | Where-Object { $_ -like 'twtools_destination_blocking_ports{*' }).Count | Should -Be 2
        $text | Should -Match "(?m)^twtools_destinations_omitted\{host=`"$([regex]::Escape($capture))`"\} 8$"
        @(@(Test-PortExhaustion -Summary -Path $capture) + @(Test-PortExhaustion -Summary -Path (New-TwCapture)) | ConvertTo-TwPrometheus -Top 2) -split "`n" |
            Where-Object { $_ -like 'twtools_run_success{*' } | Should -HaveCount 2
    }

    It 'turns judged settings into one compliance series per key and a verdict per host' {
        $text = Test-TwPolicy busy-client -Detailed | ConvertTo-TwPrometheus
        $text | Should -Match '(?m)^twtools_policy_compliant\{host="localhost",policy="busy-client"\} 0$'
        $text | Should -Match '(?m)^twtools_policy_setting_compliant\{host="localhost",policy="busy-client",key="net\.ipv4\.tcp_tw_reuse"\} 0$'
    }

    It 'refuses findings without -Summary, saying so, and anything that is not a TwTools result' {
        { Test-PortExhaustion -Path (New-TwCapture) | ConvertTo-TwPrometheus -ErrorAction Stop } |
            Should -Throw -ErrorId 'TwTools.Input.InvalidArgument,TwTools.PowerShell.Cmdlets.ConvertToTwPrometheusCommand' -ExpectedMessage '*-Summary*'
        { Get-Date | ConvertTo-TwPrometheus -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Input.InvalidArgument,*' -ExpectedMessage '*System.DateTime*'
        { @(Test-PortExhaustion -Summary -Path (New-TwCapture)) + @(Test-TwPolicy busy-client -Detailed) | ConvertTo-TwPrometheus -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*two calls*'
    }
}

Describe 'ConvertTo-TwPrometheus over hosts that could not be read' {
    BeforeAll { $env:TWTOOLS_SSH_CONTROL_DIR = Join-Path $TestDrive 'cp' }
    AfterAll { Remove-Item Env:TWTOOLS_SSH_CONTROL_DIR -ErrorAction SilentlyContinue }

    # Port 1 on loopback: nothing listens there, and nothing leaves the machine.
    # A host name that is not valid is bad input, as in the CLI, which writes no series then: only the unreachable host is a run that failed.
    It 'keeps a failed run series for a host <Command> could not read, as the CLI writes it' -ForEach @(
        @{ Command = 'Test-PortExhaustion'; Series = 'twtools_run_success'; Run = { Test-PortExhaustion -Summary -HostName 'root@127.0.0.1:1', 'web 2' -ErrorAction SilentlyContinue } }
        @{ Command = 'Test-TwPolicy'; Series = 'twtools_policy_run_success'; Run = { Test-TwPolicy busy-client -Detailed -HostName 'root@127.0.0.1:1', 'web 2' -ErrorAction SilentlyContinue } }
    ) {
        $results = @(& $Run)
        $results | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'TwTools.HostFailure' }
        $results.Host | Should -Be @('root@127.0.0.1:1')
        $text = $results | ConvertTo-TwPrometheus
        $text | Should -Match "(?m)^$Series\{host=`"root@127\.0\.0\.1:1`"\} 0$"
        $text | Should -Not -Match 'web 2'
    }

    It 'shows a failed host as a row naming it and its error id' {
        $row = Test-PortExhaustion -Summary -HostName 'root@127.0.0.1:1' -ErrorAction SilentlyContinue | Out-String -Width 120
        $row | Should -Match 'root@127\.0\.0\.1:1 +TwTools\.Remote\.Unreachable'
    }
}
