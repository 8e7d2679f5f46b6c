#Requires -Version 7.4
<#
.SYNOPSIS
    Builds and tests TwTools. Tasks: Build (lay out out/TwTools), Test (dotnet test, then Pester),
    Package (out/packages/TwTools.<version>.nupkg, as the PowerShell Gallery takes it), Clean.
.EXAMPLE
    ./build.ps1 -Task Build; Import-Module ./out/TwTools
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string[]] $Task = @('Build')
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/TwTools'

function Invoke-Build {
    # The layout is an MSBuild target, so `dotnet publish` alone produces the same folder CI checks.
    dotnet publish (Join-Path $root 'src/TwTools.PowerShell') -c Release -o $moduleOut
    if ($LASTEXITCODE) { throw "dotnet publish failed ($LASTEXITCODE)" }
}

function Invoke-Test {
    dotnet test (Join-Path $root 'TwTools.sln')
    if ($LASTEXITCODE) { throw "dotnet test failed ($LASTEXITCODE)" }
    Invoke-Build
    if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0')) {
        Write-Warning 'Pester 5 is not installed: the Pester suite was not run (Install-Module Pester).'
        return
    }
    # A child pwsh so the freshly built module is imported into a clean session.
    $script = "Import-Module Pester -MinimumVersion 5.0; `$c = New-PesterConfiguration; `$c.Run.Path = '$root/tests/pester'; `$c.TestResult.Enabled = `$true; `$c.TestResult.OutputPath = '$root/out/pester-results.xml'; `$c.Run.Exit = `$true; `$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
    pwsh -NoProfile -Command $script
    if ($LASTEXITCODE) { throw "Pester failed ($LASTEXITCODE)" }
}

function Invoke-Package {
    Invoke-Build
    $packages = Join-Path $root 'out/packages'
    New-Item -ItemType Directory -Force -Path $packages | Out-Null
    # Publish-PSResource to a throwaway local repository writes the same .nupkg the Gallery receives.
    $repository = "TwToolsBuild$PID"
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $moduleOut -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Get-ChildItem -Path $packages -Filter 'TwTools.*.nupkg'
}

function Invoke-Clean {
    Remove-Item -Recurse -Force (Join-Path $root 'out') -ErrorAction SilentlyContinue
    dotnet clean (Join-Path $root 'TwTools.sln') | Out-Null
}

foreach ($t in $Task) {
    & "Invoke-$t"
}
