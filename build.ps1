#Requires -Version 7.4
<#
.SYNOPSIS
    Builds and tests TwTools. Tasks: Build (lay out out/TwTools), Test (dotnet test, then the Pester suite under
    every Pester version pinned in Directory.Packages.props), Pester (only that suite),
    Package (out/packages/TwTools.<version>.nupkg, as the PowerShell Gallery takes it), Clean.
.EXAMPLE
    ./build.ps1 -Task Build; Import-Module ./out/TwTools
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'Clean')]
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
    # The module first: the xunit suites that host PowerShell and the Pester suite both import out/TwTools.
    Invoke-Build
    dotnet test (Join-Path $root 'TwTools.sln') | Tee-Object -Variable dotnetLines
    $dotnetFailed = $LASTEXITCODE
    $counts = @(Get-DotnetCount $dotnetLines) + @(Get-PesterVersion | ForEach-Object { Invoke-PesterSuite -Version $_ })
    Write-Count $counts $dotnetFailed
}

function Invoke-PesterOnly {
    # The Pester suite alone, under every pinned version, against a fresh build of the module.
    Invoke-Build
    Write-Count @(Get-PesterVersion | ForEach-Object { Invoke-PesterSuite -Version $_ }) 0
}

function Write-Count($counts, $dotnetFailed) {
    $passed = ($counts | Measure-Object -Property Passed -Sum).Sum
    $failed = ($counts | Measure-Object -Property Failed -Sum).Sum
    $counts | ForEach-Object { "$($_.Suite): $($_.Passed) passed, $($_.Failed) failed, $($_.Skipped) skipped" }
    # The closing line CI reads; a suite that broke before counting (exit code only) still fails the task.
    "test: $passed passed, $failed failed"
    if ($failed -or $dotnetFailed -or ($counts | Where-Object ExitCode)) { throw 'tests failed' }
}

function Get-DotnetCount([string[]] $Lines) {
    # One summary line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...".
    $sum = [pscustomobject]@{ Suite = 'dotnet'; Passed = 0; Failed = 0; Skipped = 0; ExitCode = 0 }
    foreach ($line in $Lines) {
        if ($line -match 'Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)') {
            $sum.Failed += [int]$Matches[1]; $sum.Passed += [int]$Matches[2]; $sum.Skipped += [int]$Matches[3]
        }
    }
    $sum
}

function Get-PesterVersion {
    # Pinned once, in Directory.Packages.props; the restore of the PowerShell tests downloads each.
    $props = [xml](Get-Content -Raw (Join-Path $root 'Directory.Packages.props'))
    ($props.Project.PropertyGroup.PesterVersions | Where-Object { $_ }) -split ';'
}

function Invoke-PesterSuite([string] $Version) {
    $packages = (dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages "pester/$Version/tools/Pester.psd1"
    if (-not (Test-Path $pester)) {
        dotnet restore (Join-Path $root 'tests/TwTools.PowerShell.Tests') | Out-Null
    }
    $results = Join-Path $root "out/pester-$Version"
    New-Item -ItemType Directory -Force -Path $results | Out-Null
    # A child pwsh per Pester version: a session can hold only one Pester, and each run starts clean.
    $script = {
        param($Pester, $Tests, $Results)
        Import-Module $Pester -Force
        $c = New-PesterConfiguration
        $c.Run.Path = $Tests
        $c.Run.PassThru = $true
        $c.Output.Verbosity = 'Normal'
        $c.TestResult.Enabled = $true
        $c.TestResult.OutputPath = Join-Path $Results 'results.xml'
        $r = Invoke-Pester -Configuration $c
        [pscustomobject]@{ Passed = $r.PassedCount; Failed = $r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount; Skipped = $r.SkippedCount } |
            ConvertTo-Json | Set-Content (Join-Path $Results 'counts.json')
    }
    Write-Host "Pester $Version"
    & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $script -args $pester, (Join-Path $root 'tests/pester'), $results | Out-Host
    $exit = $LASTEXITCODE
    $counts = Join-Path $results 'counts.json'
    $r = if (Test-Path $counts) { Get-Content -Raw $counts | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } }
    Remove-Item $counts -ErrorAction SilentlyContinue
    [pscustomobject]@{ Suite = "pester $Version"; Passed = $r.Passed; Failed = $r.Failed; Skipped = $r.Skipped; ExitCode = if ($exit -or -not (Test-Path (Join-Path $results 'results.xml'))) { [Math]::Max($exit, 1) } else { 0 } }
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
    # 'Pester' must not name a function Invoke-Pester, which would shadow Pester's own.
    if ($t -eq 'Pester') { Invoke-PesterOnly } else { & "Invoke-$t" }
}
