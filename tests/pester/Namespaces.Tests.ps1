BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

# Real network namespaces on this machine (ip netns), read and changed from the machine's own: every TIME_WAIT
# setting is per namespace, so a namespace's values are read inside it and every result says which one it is.
Describe 'Network namespace targets' {
    BeforeEach {
        $ns = 'twt-pester-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        ip netns add $ns
        ip netns exec $ns sysctl -q -w net.ipv4.tcp_fin_timeout=41
        $machineFiles = @(Get-ChildItem /etc/sysctl.d | ForEach-Object Name)
    }
    AfterEach {
        ip netns del $ns
        @(Get-ChildItem /etc/sysctl.d | ForEach-Object Name) | Should -Be $machineFiles
    }

    It 'reads a namespace by its ip netns name and names it in every result and the table' {
        $states = Get-TwKernelPolicy -NetworkNamespace $ns
        ($states | Where-Object Key -eq 'net.ipv4.tcp_fin_timeout').Runtime | Should -Be '41'
        $states.NetworkNamespace.Label | Select-Object -Unique | Should -Be "netns:$ns"
        $states.PersistedSource | Where-Object { $_ } | Should -BeNullOrEmpty
        ($states | Out-String -Width 120) | Should -Match ([regex]::Escape("Host: localhost [netns:$ns]"))
    }

    It 'gives one verdict per namespace, in order, the host first, with -AllNetworkNamespaces' {
        $states = Get-TwKernelPolicy -AllNetworkNamespaces -WarningAction SilentlyContinue
        $targets = @($states | ForEach-Object { $_.NetworkNamespace.Inode } | Select-Object -Unique)
        $states[0].NetworkNamespace.Kind | Should -Be 'Host'
        $verdicts = @(Test-TwPolicy busy-client -AllNetworkNamespaces -WarningAction SilentlyContinue)
        # Another run's namespace may come or go in between; this one is there both times.
        [Math]::Abs($verdicts.Count - $targets.Count) | Should -BeLessOrEqual 2
        @($states | Where-Object { $_.NetworkNamespace.Label -eq "netns:$ns" }).Count | Should -Be 9
    }

    It 'applies to a namespace at runtime only, writes no sysctl.d, and says what lasts' {
        $result = Set-TwPolicy tw-reuse -NetworkNamespace $ns -PassThru -WarningVariable warned -InformationVariable told -WarningAction SilentlyContinue
        ($result | Where-Object Key -eq 'net.ipv4.tcp_tw_reuse').Change | Should -Be 'runtime'
        $result.PersistFile | Where-Object { $_ } | Should -BeNullOrEmpty
        ip netns exec $ns cat /proc/sys/net/ipv4/tcp_tw_reuse | Should -Be '1'
        @($warned | Where-Object { "$_" -like '*runtime only*' }).Count | Should -Be 1
        @($told | Where-Object { "$_" -like "*netns:$ns is not a container's*" }).Count | Should -Be 1
        Test-TwPolicy tw-reuse -NetworkNamespace $ns -Detailed | Where-Object Key -eq 'net.ipv4.tcp_tw_reuse' |
            ForEach-Object { $_.Reason } | Should -BeLike 'not persisted:*'
    }

    It 'labels the series with the namespace and keeps a namespace that is not there as a failed run' {
        $series = @(Test-PortExhaustion -Summary -NetworkNamespace $ns, 'twt-not-there' -ErrorAction SilentlyContinue -ErrorVariable failed) | ConvertTo-TwPrometheus
        $series | Should -Match ([regex]::Escape("twtools_run_success{host=""localhost"",netns=""netns:$ns"""))
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TwTools.Input.NoSuchNamespace,*'
    }

    It 'runs the compliance pack on each namespace, named in its test names, with a fix aimed at it' {
        $pack = Join-Path $ModuleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $result = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'tw-reuse'; Connection = @{ NetworkNamespace = $ns } }) -PassThru -Output None
        $result.FailedContainersCount | Should -Be 0
        $reuse = $result.Tests | Where-Object ExpandedName -eq "localhost [netns:$ns]: net.ipv4.tcp_tw_reuse complies"
        $reuse.Result | Should -Be 'Failed'
        $reuse.ErrorRecord[0].Exception.Message.Split("`n")[-1] | Should -BeLike "fix with: Set-TwPolicy -Path 'tw-reuse' -NetworkNamespace '/run/netns/$ns'*runtime only*"
    }

    It 'refuses a namespace together with a capture: they are different parameter sets' {
        { Get-TcpSocketState -Path /proc/net/tcp -NetworkNamespace $ns } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }
}
