<#
.SYNOPSIS
    TwTools compliance pack: one Pester test per kernel setting a policy judges, on this host or others.
.DESCRIPTION
    A Pester container (Pester 5 or 6) for your own CI. Each failure says the host, the key, the expected
    and actual values, and a fix you can paste: the Set-TwPolicy line with the same policy and connection,
    or, when a later sysctl.d file overrides the policy at boot, the file and line to change. A host that
    cannot be reached or read, a policy that cannot be read and an unknown Connection key are each a failing test
    of its own (never an empty run that a report would call a success); the other hosts are still tested. Tests come
    in the order the hosts were given and the policy's keys in catalog order, so result files are stable.
.EXAMPLE
    Import-Module TwTools
    $pack = Join-Path (Get-Module TwTools).ModuleBase 'Compliance/TwTools.Compliance.Tests.ps1'
    $container = New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client'; HostName = 'web1', 'web2'; Connection = @{ UseSudo = $true } }
    Invoke-Pester -Container $container -Output Detailed -CI   # -CI writes testResults.xml (NUnit)
.EXAMPLE
    $container = New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client'; Session = Get-PSSession }
.EXAMPLE
    # Every container and pod on this node as well as the node itself: each network namespace is a target of its own,
    # named in the test names (localhost [pod:web]: net.ipv4.tcp_tw_reuse complies), its fix aimed at it (-Container web).
    $container = New-PesterContainer -Path $pack -Data @{ Policy = 'tw-reuse'; Connection = @{ AllNetworkNamespaces = $true } }
#>
param(
    # A policy file or the name of a shipped / TWTOOLS_POLICY_PATH policy.
    [Parameter(Mandatory)]
    [string] $Policy,

    # Hosts to check over ssh (user@host:port).
    [string[]] $HostName,

    # PSSessions to check through (New-PSSession -HostName ...). With neither, this machine is checked.
    [System.Management.Automation.Runspaces.PSSession[]] $Session,

    # How to connect: any connection parameter Test-TwPolicy takes (UseSudo, IdentityFile, SshOption, SshConfigFile,
    # AcceptNewHostKey, ThrottleLimit, TimeoutSeconds, ...); the fix line carries them.
    [hashtable] $Connection = @{}
)

BeforeDiscovery {
    # Whatever keeps the pack from checking (an unknown Connection key, a policy that cannot be read, a host name that
    # is not valid, a module that will not load) is a failing test of its own, never a container that fails in
    # discovery: Pester would count no test then, and the NUnit file -CI writes would say Success.
    $problems = [System.Collections.Generic.List[hashtable]]::new()
    $cases = @()
    try {
        # A TwTools already imported (a build under test, a pinned version) is the one to use.
        if (-not (Get-Module TwTools)) { Import-Module TwTools -ErrorAction Stop }

        # Every connection parameter Test-TwPolicy takes, from the cmdlet itself rather than a list kept by hand.
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $known = @((Get-Command Test-TwPolicy).Parameters.Keys | Where-Object { $_ -notin $common -and $_ -notin 'Path', 'Detailed', 'HostName', 'Session' } | Sort-Object)
        $unknown = @($Connection.Keys | Where-Object { $_ -notin $known } | Sort-Object)
        if ($unknown) {
            $problems.Add(@{ Target = 'Connection'; Message = "Connection: unknown key(s) $($unknown -join ', '); it takes $($known -join ', '). Pass sessions as -Data @{ Session = ... }." })
        }
        else {
            $remote = @{} + $Connection
            if ($HostName) { $remote.HostName = $HostName }
            if ($Session) { $remote.Session = $Session }

            # Read once at discovery so each key becomes its own test; a host that cannot be read or named is an error
            # here and a failing test of its own below, while the other hosts are still tested.
            $failures = @()
            # A host that could not be judged is a HostFailure in the output and an error record: the error makes its test.
            $states = @(Test-TwPolicy -Path $Policy -Detailed @remote -ErrorAction SilentlyContinue -ErrorVariable failures |
                Where-Object { $_.PSObject.TypeNames -notcontains 'TwTools.HostFailure' })
            foreach ($failure in $failures) {
                $target = if ($failure.FullyQualifiedErrorId -like 'TwTools.Policy.*') { "policy $Policy" } else { "$($failure.TargetObject)" }
                $problems.Add(@{ Target = $target; Message = "$failure" })
            }

            # ($Host is PowerShell's own variable, so a case names its host Target.)
            # The Set-TwPolicy line that fixes a host: the same policy, and every connection setting it was checked with.
            $sessionHosts = @($Session | ForEach-Object ComputerName)
            $fixParameters = (Get-Command Set-TwPolicy).Parameters
            function Format-Argument($Value) {
                $quoted = @($Value | ForEach-Object { if ($_ -is [int]) { "$_" } else { "'$("$_" -replace "'", "''")'" } })
                $quoted -join ','
            }
            # The namespace a fix is aimed at, as the parameter that names it; none for a host's own.
            function Get-NamespaceArgument($Namespace) {
                if (-not $Namespace -or $Namespace.Kind -eq 'Host') { return '' }
                switch ($Namespace.Kind) {
                    'Container' { " -Container $(Format-Argument $Namespace.Container)" }
                    'Pod' { " -Container $(Format-Argument $Namespace.Pod)" }
                    'Process' { " -ProcessId $($Namespace.ProcessId)" }
                    default { " -NetworkNamespace $(Format-Argument $Namespace.Path)" }
                }
            }
            $namespaceParameters = 'NetworkNamespace', 'ProcessId', 'Container', 'AllNetworkNamespaces'
            # The connection a host was checked through, as the cmdlets' parameters, so a fix pastes as is.
            function Get-Connection([string] $TargetHost, $Namespace) {
                $line = ''
                if ($TargetHost -in $sessionHosts) {
                    $line += " -Session (Get-PSSession | Where-Object ComputerName -eq $(Format-Argument $TargetHost))"
                }
                elseif ($HostName) {
                    $line += " -HostName $(Format-Argument $TargetHost)"
                }
                # This machine needs no connection; a session needs none of ssh's; one host needs no throttle.
                $sshOnly = 'AcceptNewHostKey', 'IdentityFile', 'SshConfigFile', 'SshOption'
                # The namespace this target is, never the selection that found it (-AllNetworkNamespaces would fix them all).
                $line += Get-NamespaceArgument $Namespace
                foreach ($name in @($Connection.Keys | Sort-Object)) {
                    if ($name -in $namespaceParameters) { continue }
                    if (-not ($HostName -or $Session) -or -not $fixParameters.ContainsKey($name) -or $name -eq 'ThrottleLimit') { continue }
                    if ($TargetHost -in $sessionHosts -and $name -in $sshOnly) { continue }
                    $value = $Connection[$name]
                    if ($fixParameters[$name].SwitchParameter) { if ($value) { $line += " -$name" } }
                    else { $line += " -$name $(Format-Argument $value)" }
                }
                $line
            }
            function Get-FixLine([string] $TargetHost, $Namespace) { "Set-TwPolicy -Path $(Format-Argument $Policy)$(Get-Connection $TargetHost $Namespace)" }

            # Only a command that removes the violation is offered: when another file decides the boot value, applying
            # this policy again changes nothing, so that file goes first (Remove-TwPolicy for a TwTools file), or is named.
            function Get-Fix($State) {
                # A container's namespace has no sysctl.d: Set-TwPolicy fixes it until it is made again, and says what lasts.
                if ($State.NetworkNamespace -and $State.NetworkNamespace.Kind -ne 'Host') {
                    return "$(Get-FixLine $State.Host $State.NetworkNamespace)   (runtime only; it prints the settings to create $($State.NetworkNamespace.Label) with, which is what lasts)"
                }
                $source = "$($State.PersistedSource)"
                $otherFile = $State.PersistFile -and $source -and -not $source.StartsWith("$($State.PersistFile):")
                if (-not $otherFile) { return Get-FixLine $State.Host $State.NetworkNamespace }
                $runtimeToo = "$($State.Reason)" -like 'runtime value is*'
                $file = $source -replace ':\d+$', ''
                if ($file -match '/60-twtools-(?<name>[^/]+)\.conf$') {
                    $remove = "Remove-TwPolicy -Path $(Format-Argument $Matches.name)$(Get-Connection $State.Host)"
                    return $(if ($runtimeToo) { "$remove; $(Get-FixLine $State.Host)" } else { $remove })
                }
                $named = "change or remove $source on $($State.Host), which is applied after TwTools' file and wins at boot"
                $(if ($runtimeToo) { "$named, then run: $(Get-FixLine $State.Host)" } else { $named })
            }

            # A namespace's tests name it after its host (a container's, a pod's), so each target's tests stand apart.
            $cases = @(foreach ($state in $states) {
                $target = if ($state.NetworkNamespace) { "$($state.Host) [$($state.NetworkNamespace.Label)]" } else { $state.Host }
                @{ Target = $target; Key = $state.Key; State = $state; Fix = (Get-Fix $state) }
            })
        }
    }
    catch {
        $problems.Add(@{ Target = 'TwTools compliance pack'; Message = "$_" })
    }

    # Either list may be empty: Pester 6 fails an empty -ForEach unless told it is expected, and Pester 5 has no such switch.
    $allowEmpty = if ((Get-Command It).Parameters.ContainsKey('AllowNullOrEmptyForEach')) { @{ AllowNullOrEmptyForEach = $true } } else { @{} }
    $unreachable = @($problems)
}

Describe 'TwTools policy <Policy>' {
    It '<Target>: <Key> complies' -ForEach $cases @allowEmpty {
        $persisted = if ($null -eq $State.Persisted) { '(not persisted)' } else { "'$($State.Persisted)'" }
        # Thrown rather than Should -Because, so the fix stands alone on its last line, ready to paste.
        if (-not $State.Compliant) {
            throw "$($Target): $($Key): expected '$($State.Expected)', runtime '$($State.Runtime)', persisted $persisted ($($State.Reason))`nfix with: $Fix"
        }
    }

    It '<Target>: can be read' -ForEach $unreachable @allowEmpty {
        throw "$Message"
    }
}
