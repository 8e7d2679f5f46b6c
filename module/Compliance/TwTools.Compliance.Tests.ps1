<#
.SYNOPSIS
    TwTools compliance pack: one Pester test per kernel setting a policy judges, on this host or others.
.DESCRIPTION
    A Pester 5 container for your own CI. Each failure says the key, the expected and actual values,
    and the fix (Set-TwPolicy with the same policy).
.EXAMPLE
    $pack = Join-Path (Get-Module TwTools -ListAvailable)[0].ModuleBase 'Compliance/TwTools.Compliance.Tests.ps1'
    $container = New-PesterContainer -Path $pack -Data @{ Policy = 'busy-client'; HostName = 'web1', 'web2' }
    Invoke-Pester -Container $container -Output Detailed -CI   # -CI writes testResults.xml (NUnit)
#>
param(
    # A policy file or the name of a shipped / TWTOOLS_POLICY_PATH policy.
    [Parameter(Mandatory)]
    [string] $Policy,

    # Hosts to check over ssh (user@host:port); none means this machine.
    [string[]] $HostName,

    # Extra parameters for the remote connection: @{ UseSudo = $true; IdentityFile = '~/.ssh/ci' }.
    [hashtable] $Connection = @{}
)

BeforeDiscovery {
    # A TwTools already imported (a build under test, a pinned version) is the one to use.
    if (-not (Get-Module TwTools)) { Import-Module TwTools -ErrorAction Stop }
    $remote = if ($HostName) { @{ HostName = $HostName } + $Connection } else { @{} }
    # Read once at discovery so each key becomes its own test, named after host and key.
    $script:states = @(Test-TwPolicy -Path $Policy -Detailed @remote -ErrorAction Stop)
}

Describe 'TwTools policy <Policy>' {
    It '<_.Host>: <_.Key> complies' -ForEach $states {
        $because = "$($_.Host): $($_.Key) should be '$($_.Expected)' but is runtime '$($_.Runtime)', persisted '$($_.Persisted)' ($($_.Reason)); fix with: Set-TwPolicy -Path '$Policy'" +
            $(if ($_.Host -ne 'localhost') { " -HostName '$($_.Host)'" } else { '' })
        $_.Compliant | Should -BeTrue -Because $because
    }
}
