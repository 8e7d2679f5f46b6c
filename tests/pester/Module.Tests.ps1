# The module as installed (out/TwTools): manifest, help, completion, dependency isolation, the
# compliance pack, and the remote parameters every cmdlet shares.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $cmdlets = 'ConvertTo-TwPrometheus', 'Export-TwPrometheus', 'Get-TcpSocketState', 'Get-TwKernelPolicy', 'Remove-TwPolicy', 'Set-TwPolicy', 'Test-PortExhaustion', 'Test-TwPolicy'
}

Describe 'Manifest' {
    It 'is valid and exports exactly the eight cmdlets' {
        $manifest = Test-ModuleManifest (Join-Path $ModuleRoot 'TwTools.psd1')
        $manifest.ExportedCmdlets.Keys | Sort-Object | Should -Be $cmdlets
        $manifest.ExportedFunctions.Count | Should -Be 0
        (Get-Command -Module TwTools).Name | Sort-Object | Should -Be $cmdlets
    }
}

Describe 'Help' {
    It '<_> has its own synopsis, at least two examples and a description for every parameter' -ForEach @(
        'ConvertTo-TwPrometheus', 'Export-TwPrometheus', 'Get-TcpSocketState', 'Get-TwKernelPolicy', 'Set-TwPolicy', 'Test-PortExhaustion', 'Test-TwPolicy'
    ) {
        $help = Get-Help $_ -Full
        # Without a help file Get-Help makes the synopsis from the syntax, as in "[-State <string[]>]".
        $help.Synopsis | Should -Not -Match '<\w+(\[\])?>'
        $help.description.Text | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        $documented = $help.parameters.parameter
        foreach ($parameter in (Get-Command $_).Parameters.Values.Where({ $_.Name -notin [System.Management.Automation.Cmdlet]::CommonParameters -and $_.Name -notin [System.Management.Automation.Cmdlet]::OptionalCommonParameters })) {
            $entry = $documented.Where({ $_.name -eq $parameter.Name })
            $entry | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $_ should be in the help"
            $entry.description.Text | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $_ should be described"
        }
    }

    It 'keeps wildcards inside inline code, as typed' {
        (Get-Help Get-TwKernelPolicy -Parameter Key | Out-String) | Should -Match '`\*tw\*`'
    }

    It 'shows -Session in an example' {
        (Get-Help Test-TwPolicy -Examples | Out-String) | Should -Match 'Test-TwPolicy busy-client -Session'
    }

    It 'has the about topics <_>' -ForEach @('about_TwTools', 'about_TwTools_Policy') {
        $topic = Get-Help $_
        ($topic | Out-String) | Should -Match 'LONG DESCRIPTION'
        (Get-Help about_TwTools*).Name | Should -Contain $_
    }
}

Describe 'Argument completion' {
    It 'completes <Line> with <Expected>' -TestCases @(
        @{ Line = 'Set-TwPolicy -Path busy'; Expected = 'busy-client' }
        @{ Line = 'Test-TwPolicy nat'; Expected = 'nat-facing-server' }
        @{ Line = 'Get-TwKernelPolicy -Key net.ipv4.tcp_tw_re'; Expected = 'net.ipv4.tcp_tw_reuse' }
        @{ Line = 'Get-TcpSocketState -State TimeW'; Expected = 'TimeWait' }
        @{ Line = 'Get-TcpSocketState -AddressFamily IPv'; Expected = 'IPv6' }
        @{ Line = 'Get-TcpSocketState -State TIME_'; Expected = 'TIME_WAIT' }
        @{ Line = 'Get-TcpSocketState -State time-'; Expected = 'time-wait' }
        @{ Line = 'Get-TwKernelPolicy -Key tcp_tw_reuse_'; Expected = 'net.ipv4.tcp_tw_reuse_delay' }
    ) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | Should -Contain $Expected
    }

    Context 'policy paths, relative to the current location as PowerShell completes paths' {
        BeforeAll {
            $work = New-Item -ItemType Directory (Join-Path $TestDrive 'work')
            $null = New-Item -ItemType Directory (Join-Path $work 'policies')
            Set-Content (Join-Path $work 'policies/edge.yaml') 'x'
            Set-Content (Join-Path $work 'policies/notes.txt') 'x'
            Set-Content (Join-Path $work 'policy-local.yml') 'x'
            Push-Location $work
        }
        AfterAll { Pop-Location }

        It 'completes <Line> with <Expected>' -TestCases @(
            @{ Line = 'Set-TwPolicy ./pol'; Expected = './policies' }
            @{ Line = 'Test-TwPolicy -Path ./policies/'; Expected = './policies/edge.yaml' }
            @{ Line = 'Get-TwKernelPolicy ./policy-'; Expected = './policy-local.yml' }
        ) {
            $completions = (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
            $completions | Should -Contain $Expected
            $completions | Should -Not -Contain './policies/notes.txt'
        }

        It 'completes from the home directory' {
            $line = 'Set-TwPolicy ~/'
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            @($completions | Where-Object ResultType -eq 'ProviderContainer').Count | Should -BeGreaterThan 0
        }
    }
}

Describe 'Views' {
    It 'has a table view for <_>' -ForEach @(
        'TwTools.KernelSettingState'
        'TwTools.TcpSocket'
        'TwTools.TcpStateSummary'
        'TwTools.PortPressureFinding'
        'TwTools.SettingApplyResult'
    ) {
        # The table is the first view (what a bare object shows); a list view may follow for Format-List.
        (Get-FormatData -TypeName $_).FormatViewDefinition[0].Control | Should -BeOfType [System.Management.Automation.TableControl]
    }

    Context 'at 120 columns, what matters is not cut' {
        BeforeEach { $null = New-TwTestHost -Name ([guid]::NewGuid().ToString('n')) }
        AfterEach { Remove-TwTestHost }

        It 'shows the whole reason a key does not comply' {
            $table = Get-TwKernelPolicy busy-client | Out-String -Width 120
            $table | Should -Match 'runtime value is 32768 60999, expected'
            # A wrapped column may break inside a word; the text is all there.
            ($table -replace '\s+', '') | Should -Match 'expected1024065535'
        }

        It 'shows values and their source, not empty judgement columns or long meanings, when no policy is given' {
            $table = Get-TwKernelPolicy | Out-String -Width 80
            $table | Should -Match 'Persisted\s+Source'
            $table | Should -Not -Match 'Compliant|Meaning'
            $table | Should -Match '(?m)^tcp_tw_recycle\s+\(absent\)'
        }

        It 'shows what each key means in the Meaning view' {
            $table = Get-TwKernelPolicy | Format-Table -View Meaning | Out-String -Width 80
            ($table -replace '\s+', '') | Should -Match 'tcp_tw_reuseLetsanewoutgoingconnectiontakeovertheport'
        }

        It 'shows a summary report without dumping its findings as record text' {
            $table = Test-PortExhaustion -Summary | Out-String -Width 120
            $table | Should -Match 'Verdict\s+PortRange'
            $table | Should -Not -Match 'PortPressureFinding \{'
        }
    }
}

Describe 'Dependency isolation' {
    It 'loads the engine and YamlDotNet in the TwTools load context, not the default one' {
        $null = Test-TwPolicy busy-client
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'TwTools.Engine' }
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Name | Should -Be 'TwTools'
        $yaml = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Assemblies | Where-Object { $_.GetName().Name -eq 'YamlDotNet' }
        $yaml.Location | Should -BeLike '*dependencies*YamlDotNet.dll'
    }

    # Next to another module's YamlDotNet: tests/TwTools.PowerShell.Tests/ModuleImportTests.cs imports one first.

    It 'lets a script catch a TwTools error by its stable exception type and read the diagnostic' {
        $caught = try { Get-TwKernelPolicy -Path (Join-Path $TestDrive 'missing.yaml') -ErrorAction Stop } catch [TwTools.TwErrorRecordException] { $_ }
        $caught.Exception.Diagnostic.Id | Should -Be 'TwTools.Policy.NotFound'
        $caught.Exception.GetType().FullName | Should -Be 'TwTools.TwErrorRecordException'
    }
}

Describe 'Results in strings' {
    BeforeEach { $null = New-TwTestHost -Name ([guid]::NewGuid().ToString('n')) }
    AfterEach { Remove-TwTestHost }

    It 'reads as what it is, never a type name, when <Name> is put in a string' -ForEach @(
        @{ Name = 'a judged setting'; Run = { Test-TwPolicy busy-client -Detailed | Select-Object -First 1 }; Like = 'localhost: net.ipv4.* = *' }
        @{ Name = 'a port-pressure report'; Run = { Test-PortExhaustion -Summary }; Like = 'localhost: OK (* usable ports in *' }
        @{ Name = 'an apply result'; Run = { Set-TwPolicy busy-client -WhatIf -PassThru 6>$null | Select-Object -First 1 }; Like = 'localhost: net.ipv4.* -> * (would: *)' }
        @{ Name = 'a state summary'; Run = { Get-TcpSocketState -Summary -Source ProcFiles | Select-Object -First 1 }; Like = 'localhost: * (IPv4 *, IPv6 *)' }
    ) {
        $text = "$(& $Run)"
        $text | Should -BeLike $Like
        $text | Should -Not -Match 'TwTools\.|ReadOnlyList'
    }
}

Describe 'Views at 80 and 120 columns' {
    BeforeAll {
        $capture = Join-Path $TestDrive 'views.txt'
        Set-Content -LiteralPath $capture -Value @(
            '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'
            '   0: 0100007F:9C40 0B004D0A:01BB 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000'
            '   1: 0100007F:9C42 0C004D0A:01BB 01 00000000:00000000 00:00000000 00000000     0        0 0 3 0000000000000000')
    }
    BeforeEach { $null = New-TwTestHost -Name ([guid]::NewGuid().ToString('n')) }
    AfterEach { Remove-TwTestHost }

    It 'keeps every line within <Width> columns, the state, the time left and the destination whole' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $sockets = Get-TcpSocketState -Path $capture | Out-String -Width $Width
        $findings = Test-PortExhaustion -Path $capture | Out-String -Width $Width
        $judged = Get-TwKernelPolicy -Path busy-client | Out-String -Width $Width
        foreach ($text in $sockets, $findings, $judged) {
            $text -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        }
        $sockets | Should -Match 'TimeWait +127\.0\.0\.1:40000 +10\.77\.0\.11:443 +60\.0s'
        $sockets | Should -Match 'Established +127\.0\.0\.1:40002'
        $findings | Should -Match 'Client 10\.77\.0\.11:443 '
        $judged | Should -Match 'tcp_tw_reuse +2 +1 +False +runtime value'
    }

    It 'shows a reason whole on its row at 120 columns' {
        Get-TwKernelPolicy -Path busy-client | Out-String -Width 120 | Should -Match 'False +runtime value is 2, expected 1\s*$|False +runtime value is 2, expected 1\r?\n'
    }
}

Describe 'Parameter defaults' {
    It 'are what help says for every cmdlet: a left-out parameter has the value of its [PSDefaultValue]' {
        $checked = 0
        foreach ($command in Get-Command -Module TwTools) {
            $instance = [Activator]::CreateInstance($command.ImplementingType)
            foreach ($parameter in $command.Parameters.Values) {
                $declared = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.PSDefaultValueAttribute] -and $null -ne $_.Value }
                if ($declared) {
                    "$($command.Name) -$($parameter.Name) $($instance.($parameter.Name))" | Should -Be "$($command.Name) -$($parameter.Name) $($declared.Value)"
                    $checked++
                }
            }
        }
        $checked | Should -BeGreaterThan 10
    }
}

Describe 'The Gallery package' {
    It 'installs with Install-PSResource from a local repository into a clean pwsh, runs a cmdlet and uninstalls' {
        # A pwsh of its own whose home, data and config are under $TestDrive: no repository, module or setting of
        # the machine's is read or written.
        $isolated = Join-Path $TestDrive 'home'
        $repo = Join-Path $TestDrive 'repo'
        # .NET names LocalApplicationData (where PSResourceGet keeps its repositories) only when the folder exists.
        New-Item -ItemType Directory -Path $repo, (Join-Path $isolated '.local/share'), (Join-Path $isolated '.config'), (Join-Path $isolated '.cache') | Out-Null
        $script = Join-Path $TestDrive 'install.ps1'
        Set-Content -Path $script -Value @'
param($ModuleRoot, $Repo)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name TwToolsLocal -Uri $Repo -Trusted
Publish-PSResource -Path $ModuleRoot -Repository TwToolsLocal
Install-PSResource TwTools -Repository TwToolsLocal -Scope CurrentUser -TrustRepository
$installed = Get-InstalledPSResource TwTools
Import-Module TwTools
$base = (Get-Module TwTools).ModuleBase
$verdict = (Test-PortExhaustion -Summary).Verdict
$licence = Test-Path (Join-Path $base LICENSE)
Remove-Module TwTools
Uninstall-PSResource TwTools -Scope CurrentUser
"$($installed.Version)|$base|$licence|$verdict|$(@(Get-InstalledPSResource TwTools -ErrorAction SilentlyContinue).Count)"
'@
        $saved = @{}
        foreach ($name in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            $env:HOME = $isolated
            $env:XDG_DATA_HOME = Join-Path $isolated '.local/share'
            $env:XDG_CONFIG_HOME = Join-Path $isolated '.config'
            $env:XDG_CACHE_HOME = Join-Path $isolated '.cache'
            # Bounded: a registry call that never returns fails this test after three minutes instead of stalling CI.
            $log = Join-Path $TestDrive 'install.log'
            $process = Start-Process -FilePath (Join-Path $PSHOME 'pwsh') -NoNewWindow -PassThru -RedirectStandardOutput $log -RedirectStandardError "$log.err" `
                -ArgumentList '-NoProfile', '-NonInteractive', '-File', $script, '-ModuleRoot', (Resolve-Path $ModuleRoot).Path, '-Repo', $repo
            if (-not $process.WaitForExit(180000)) { $process.Kill($true); throw 'Install-PSResource did not finish within 3 minutes' }
            $out = @(Get-Content $log) + @(Get-Content "$log.err")
            $exit = $process.ExitCode
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }

        $exit | Should -Be 0 -Because "$out"
        $version, $base, $licence, $verdict, $left = "$(@(Get-Content $log)[-1])".Split('|')
        $version | Should -Be (Test-ModuleManifest (Join-Path $ModuleRoot 'TwTools.psd1')).Version.ToString()
        $base | Should -BeLike "$isolated/*"
        $licence | Should -Be 'True'
        $verdict | Should -BeIn 'OK', 'Warning', 'Critical', 'Exhausted'
        $left | Should -Be '0'
        Get-ChildItem $repo -Filter 'TwTools.*.nupkg' | Should -HaveCount 1
    }
}

Describe 'A second copy of the module' {
    It 'imports from another folder over the first, in a fresh pwsh, without a type data error' {
        $copy = Join-Path $TestDrive 'copy'
        New-Item -ItemType Directory -Path $copy | Out-Null
        Copy-Item -Recurse -Path $ModuleRoot -Destination (Join-Path $copy 'TwTools')
        $script = "Import-Module '$ModuleRoot/TwTools.psd1'; Import-Module '$copy/TwTools/TwTools.psd1' -Force -ErrorAction Stop; @(Get-Module TwTools).ModuleBase -contains '$copy/TwTools'; (Test-PortExhaustion -Summary | Format-List | Out-String).Contains('Verdict')"
        $out = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0
        "$out" | Should -Not -Match 'TypeData|already present'
        # Both copies are loaded (a binary module's assembly loads once per process, so the first copy's code serves).
        "$($out[0])" | Should -Be 'True'
        "$($out[1])" | Should -Be 'True'
    }
}

Describe 'Compliance pack' {
    BeforeEach { $null = New-TwTestHost -Name ([guid]::NewGuid().ToString('n')) }
    AfterEach { Remove-TwTestHost }

    It 'fails one test per key that is off, naming expected, actual and the fix, and passes after Set-TwPolicy' {
        $pack = Join-Path $ModuleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $before = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client' }) -PassThru -Output None
        $before.TotalCount | Should -Be (Test-TwPolicy busy-client -Detailed).Count
        $before.FailedCount | Should -BeGreaterThan 0
        $message = $before.Failed[0].ErrorRecord[0].Exception.Message
        $message | Should -Match 'expected'
        $message | Should -Match 'Set-TwPolicy'

        Set-TwPolicy busy-client
        $after = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client' }) -PassThru -Output None
        $after.FailedCount | Should -Be 0
        $after.PassedCount | Should -Be $before.TotalCount
    }

    It 'says "(not persisted)" when no file sets a key, and tests in the same order every run' {
        Set-Content -Path (Join-Path $env:TWTOOLS_PROC_ROOT 'sys/net/ipv4/tcp_tw_reuse') -Value '1'
        $pack = Join-Path $ModuleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $first = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client' }) -PassThru -Output None
        $second = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client' }) -PassThru -Output None
        $second.Tests.ExpandedName | Should -Be $first.Tests.ExpandedName
        $reuse = $first.Tests | Where-Object ExpandedName -eq 'localhost: net.ipv4.tcp_tw_reuse complies'
        $reuse.ErrorRecord[0].Exception.Message | Should -BeLike "*runtime '1', persisted (not persisted) (not persisted:*"
        $reuse.ErrorRecord[0].Exception.Message.Split("`n")[-1] | Should -Be "fix with: Set-TwPolicy -Path 'busy-client'"
    }

    It 'offers Remove-TwPolicy for another policy''s file that wins at boot, a fix that ends the loop when pasted' {
        Set-TwPolicy kernel-defaults
        Set-TwPolicy busy-client -WarningAction SilentlyContinue
        $pack = Join-Path $ModuleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $result = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client' }) -PassThru -Output None
        $fixes = @($result.Failed | ForEach-Object { $_.ErrorRecord[0].Exception.Message.Split("`n")[-1] } | Sort-Object -Unique)
        $fixes | Should -Be @("fix with: Remove-TwPolicy -Path 'kernel-defaults'")
        Invoke-Expression ($fixes[0] -replace '^fix with: ') 6>$null
        $after = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client' }) -PassThru -Output None
        $after.FailedCount | Should -Be 0
    }

    It 'names the overriding file instead of a Set-TwPolicy that would change nothing' {
        Set-TwPolicy busy-client
        Set-Content -Path (Join-Path $env:TWTOOLS_CONF_ROOT 'etc/sysctl.d/99-local.conf') -Value 'net.ipv4.tcp_tw_reuse = 0'
        $pack = Join-Path $ModuleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $result = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client' }) -PassThru -Output None
        $failed = @($result.Failed)
        $failed.Count | Should -Be 1
        $failed[0].ErrorRecord[0].Exception.Message | Should -BeLike '*fix with: change or remove /etc/sysctl.d/99-local.conf:1 on localhost*'
    }

    It 'fails a test naming a connection setting it does not know, and lists the ones it takes from the cmdlet' {
        $pack = Join-Path $ModuleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $result = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client'; Connection = @{ Session = 'web1' } }) -PassThru -Output None
        $result.FailedContainersCount | Should -Be 0
        $result.Tests.ExpandedName | Should -Be @('Connection: can be read')
        $message = $result.Tests[0].ErrorRecord[0].Exception.Message
        $message | Should -BeLike '*unknown key(s) Session*Pass sessions as*'
        $message | Should -BeLike '*SshConfigFile*TimeoutSeconds*'
    }

    It 'fails a test, never an empty run, for <Case>, and the NUnit report says Failure' -ForEach @(
        @{ Case = 'a misspelt policy'; Data = @{ Policy = 'busy-clent' }; Name = 'policy busy-clent: can be read' }
        @{ Case = 'a host name that is not valid'; Data = @{ Policy = 'busy-client'; HostName = 'web 2' }; Name = 'web 2: can be read' }
    ) {
        $pack = Join-Path $ModuleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $report = Join-Path $TestDrive "report-$([guid]::NewGuid().ToString('n')).xml"
        $configuration = New-PesterConfiguration
        $configuration.Run.Container = New-PesterContainer -Path $pack -Data $Data
        $configuration.Run.PassThru = $true
        $configuration.Output.Verbosity = 'None'
        $configuration.TestResult.Enabled = $true
        $configuration.TestResult.OutputFormat = 'NUnitXml'
        $configuration.TestResult.OutputPath = $report
        $result = Invoke-Pester -Configuration $configuration
        $result.FailedContainersCount | Should -Be 0
        $result.Tests.ExpandedName | Should -Be @($Name)
        $result.FailedCount | Should -Be 1
        $xml = [xml](Get-Content -Raw $report)
        $xml.'test-results'.total | Should -Be 1
        $xml.'test-results'.failures | Should -Be 1
        $xml.'test-results'.'test-suite'.result | Should -Be 'Failure'
    }

    It 'takes every connection setting the cmdlet takes (SshConfigFile, TimeoutSeconds, ...), not a list kept by hand' {
        $pack = Join-Path $ModuleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $config = Join-Path $TestDrive 'ssh_config'
        Set-Content -Path $config -Value ''
        $env:TWTOOLS_SSH_CONTROL_DIR = Join-Path $TestDrive 'cp'
        try {
            $data = @{ Policy = 'busy-client'; HostName = 'root@127.0.0.1:1'; Connection = @{ SshConfigFile = $config; TimeoutSeconds = 20; UseSudo = $true } }
            $result = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data $data) -PassThru -Output None
        }
        finally { Remove-Item Env:TWTOOLS_SSH_CONTROL_DIR }
        $result.Tests.ExpandedName | Should -Be @('root@127.0.0.1:1: can be read')
        $result.Tests[0].ErrorRecord[0].Exception.Message | Should -BeLike '*TwTools.Remote.Unreachable*'
    }

    It 'makes an unreachable host one failing test of its own instead of failing the container' {
        # Port 1 on loopback: nothing listens there, and nothing leaves the machine.
        $pack = Join-Path $ModuleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $result = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client'; HostName = 'root@127.0.0.1:1' }) -PassThru -Output None
        $result.FailedContainersCount | Should -Be 0
        @($result.Tests).Count | Should -Be 1
        $result.Tests[0].ExpandedName | Should -Be 'root@127.0.0.1:1: can be read'
        $result.Tests[0].ErrorRecord[0].Exception.Message | Should -BeLike '*TwTools.Remote.Unreachable*'
    }
}

Describe 'Remote parameters on <_>' -ForEach @('Get-TcpSocketState', 'Get-TwKernelPolicy', 'Test-PortExhaustion', 'Test-TwPolicy', 'Set-TwPolicy') {
    BeforeAll {
        $command = $_
        $policyArgument = if ($command -in 'Test-TwPolicy', 'Set-TwPolicy') { @{ Path = 'busy-client' } } else { @{} }
    }

    It 'binds HostName and Session from the pipeline by property name, with the ComputerName alias' {
        foreach ($name in 'HostName', 'Session') {
            $parameter = (Get-Command $command).Parameters[$name]
            $parameter.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName | Should -BeTrue
        }
        (Get-Command $command).Parameters['HostName'].Aliases | Should -Contain 'ComputerName'
    }

    It 'refuses a host name that carries an ssh option or a command, per host, before connecting' {
        $errors = $null
        & $command @policyArgument -HostName '-oProxyCommand=touch /tmp/twtools-pwned', 'a;reboot' -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'TwTools.Input.InvalidHostName*' }
        Test-Path /tmp/twtools-pwned | Should -BeFalse
    }

    It 'refuses an ssh option that runs commands' {
        { & $command @policyArgument -HostName localhost -SshOption 'ProxyCommand=touch /tmp/twtools-pwned' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TwTools.Input.InvalidSshOption*'
    }

    It 'reports an unreachable host as one error naming it' -Skip:(-not (Get-Command ssh -ErrorAction SilentlyContinue)) {
        # Port 1 on loopback: nothing listens there, and nothing leaves the machine.
        $errors = $null
        & $command @policyArgument -HostName 'root@127.0.0.1:1' -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TwTools.Remote.Unreachable*'
        $errors[0].TargetObject | Should -Be 'root@127.0.0.1:1'
    }
}
