<#
.SYNOPSIS
    TwTools compliance pack: one Pester test per kernel setting a policy judges, on this host or others.
.DESCRIPTION
    A Pester container (Pester 5 or 6) for your own CI. Each failure says the host, the key, the expected
    and actual values, and a fix you can paste: the Set-TwPolicy line with the same policy and connection,
    or, when a later sysctl.d file overrides the policy at boot, the file and line to change. A host that
    cannot be reached or read is one failing test of its own; the other hosts are still tested. Tests come
    in the order the hosts were given and the policy's keys in catalog order, so result files are stable.
.EXAMPLE
    Import-Module TwTools
    $pack = Join-Path (Get-Module TwTools).ModuleBase 'Compliance/TwTools.Compliance.Tests.ps1'
    $container = New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client'; HostName = 'web1', 'web2'; Connection = @{ UseSudo = $true } }
    Invoke-Pester -Container $container -Output Detailed -CI   # -CI writes testResults.xml (NUnit)
.EXAMPLE
    $container = New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client'; Session = Get-PSSession }
#>
param(
    # A policy file or the name of a shipped / TWTOOLS_POLICY_PATH policy.
    [Parameter(Mandatory)]
    [string] $Policy,

    # Hosts to check over ssh (user@host:port).
    [string[]] $HostName,

    # PSSessions to check through (New-PSSession -HostName ...). With neither, this machine is checked.
    [System.Management.Automation.Runspaces.PSSession[]] $Session,

    # How to connect over ssh: UseSudo, IdentityFile, SshOption, AcceptNewHostKey, ThrottleLimit.
    [hashtable] $Connection = @{}
)

BeforeDiscovery {
    # A TwTools already imported (a build under test, a pinned version) is the one to use.
    if (-not (Get-Module TwTools)) { Import-Module TwTools -ErrorAction Stop }

    $known = 'UseSudo', 'IdentityFile', 'SshOption', 'AcceptNewHostKey', 'ThrottleLimit'
    $unknown = @($Connection.Keys | Where-Object { $_ -notin $known })
    if ($unknown) {
        throw "Connection: unknown key(s) $($unknown -join ', '); it takes $($known -join ', '). Pass sessions as -Data @{ Session = ... }."
    }

    $remote = @{} + $Connection
    if ($HostName) { $remote.HostName = $HostName }
    if ($Session) { $remote.Session = $Session }

    # Read once at discovery so each key becomes its own test. Unreachable hosts are errors, not a
    # failed container: they become failing tests of their own below. A bad policy fails everything.
    $failures = @()
    $states = @(Test-TwPolicy -Path $Policy -Detailed @remote -ErrorAction SilentlyContinue -ErrorVariable failures)
    $inputError = $failures | Where-Object { $_.FullyQualifiedErrorId -match '^TwTools\.(Policy|Input)\.' } | Select-Object -First 1
    if ($inputError) { throw $inputError }

    # ($Host is PowerShell's own variable, so a case names its host Target.)
    # The Set-TwPolicy line that fixes a host, with the connection it was checked through.
    $sessionHosts = @($Session | ForEach-Object ComputerName)
    function Get-FixLine([string] $TargetHost) {
        $line = "Set-TwPolicy -Path '$($Policy -replace "'", "''")'"
        if ($TargetHost -in $sessionHosts) {
            $line += " -Session (Get-PSSession | Where-Object ComputerName -eq '$TargetHost')"
        }
        elseif ($HostName) {
            $line += " -HostName '$TargetHost'"
            if ($Connection.IdentityFile) { $line += " -IdentityFile '$($Connection.IdentityFile -replace "'", "''")'" }
            if ($Connection.SshOption) { $line += ' -SshOption ' + (($Connection.SshOption | ForEach-Object { "'$($_ -replace "'", "''")'" }) -join ',') }
        }
        if ($Connection.UseSudo -and ($HostName -or $Session)) { $line += ' -UseSudo' }
        $line
    }

    $cases = @(foreach ($state in $states) {
        $fix = if (-not $state.Compliant -and $state.Reason -like 'at boot *' -and $state.PersistedSource -and $state.PersistedSource -notlike '*twtools*') {
            # The policy's own file is right; a file applied after it wins at boot, and re-applying changes nothing.
            "change or remove $($state.PersistedSource) on $($state.Host), which is applied after TwTools' file and wins at boot"
        }
        else {
            Get-FixLine $state.Host
        }
        @{ Target = $state.Host; Key = $state.Key; State = $state; Fix = $fix }
    })
    # Either list may be empty (no host unreachable, or none readable): Pester 6 fails an empty -ForEach
    # unless told it is expected, and Pester 5 has no such switch.
    $allowEmpty = if ((Get-Command It).Parameters.ContainsKey('AllowNullOrEmptyForEach')) { @{ AllowNullOrEmptyForEach = $true } } else { @{} }
    $unreachable = @($failures | ForEach-Object { @{ Target = "$($_.TargetObject)"; Message = "$_" } })
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
