# Pester 5: the module as installed (out/TwTools), Test-TwPolicy, completion, views and dependency isolation.
# Runs where pwsh 7.4+ and Pester 5 exist (build.ps1 -Task Test in a child pwsh); not run on the build machines.
BeforeAll {
    $moduleRoot = Join-Path $PSScriptRoot '../../out/TwTools'
    Import-Module (Join-Path $moduleRoot 'TwTools.psd1') -Force
}

Describe 'Test-TwPolicy' {
    It 'returns one boolean for this host, by policy name or by path' {
        $byName = Test-TwPolicy busy-client
        $byName | Should -BeOfType [bool]
        Test-TwPolicy -Path (Join-Path $moduleRoot 'policies/busy-client.yaml') | Should -Be $byName
    }

    It 'returns the judged keys only with -Detailed' {
        $detail = Test-TwPolicy busy-client -Detailed
        $detail.Key | Should -Contain 'net.ipv4.tcp_tw_reuse'
        $detail | ForEach-Object { $_.Compliant | Should -Not -BeNullOrEmpty }
    }

    It 'names a missing policy with the stable error id' {
        { Test-TwPolicy -Path (Join-Path $TestDrive 'none.yaml') -ErrorAction Stop } |
            Should -Throw -ErrorId 'TwTools.Policy.NotFound,TwTools.PowerShell.Cmdlets.TestTwPolicyCommand'
    }
}

Describe 'Argument completion' {
    It 'completes <Line> with <Expected>' -TestCases @(
        @{ Line = 'Set-TwPolicy -Path busy'; Expected = 'busy-client' }
        @{ Line = 'Test-TwPolicy nat'; Expected = 'nat-facing-server' }
        @{ Line = 'Get-TwKernelPolicy -Key net.ipv4.tcp_tw_re'; Expected = 'net.ipv4.tcp_tw_reuse' }
        @{ Line = 'Get-TcpSocketState -State TimeW'; Expected = 'TimeWait' }
        @{ Line = 'Get-TcpSocketState -AddressFamily IPv'; Expected = 'IPv6' }
    ) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | Should -Contain $Expected
    }
}

Describe 'Views and types' {
    It 'has a table view for <Type>' -TestCases @(
        @{ Type = 'TwTools.Engine.Compliance.KernelSettingState' }
        @{ Type = 'TwTools.Engine.Sockets.TcpSocket' }
        @{ Type = 'TwTools.Engine.Exhaustion.PortPressureFinding' }
        @{ Type = 'TwTools.Engine.Planning.SettingApplyResult' }
    ) {
        (Get-FormatData -TypeName $Type).FormatViewDefinition.Control | Should -BeOfType [System.Management.Automation.TableControl]
    }

    It 'shows the default display set for the -Summary report' {
        (Test-PortExhaustion -Summary).PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Contain 'Verdict'
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

    It 'works next to powershell-yaml when it is installed' -Skip:(-not (Get-Module -ListAvailable powershell-yaml)) {
        Import-Module powershell-yaml
        ConvertFrom-Yaml 'a: 1' | Should -Not -BeNullOrEmpty
        Test-TwPolicy busy-client | Should -BeOfType [bool]
    }
}

Describe 'Compliance pack' {
    It 'runs as a Pester container with a policy and reports one test per judged key' {
        $pack = Join-Path $moduleRoot 'Compliance/TwTools.Compliance.Tests.ps1'
        $container = New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client' }
        $result = Invoke-Pester -Container $container -PassThru -Output None
        $result.TotalCount | Should -Be (Test-TwPolicy busy-client -Detailed).Count
    }
}
