#Requires -Version 7.4
<#
.SYNOPSIS
    Builds and tests TwTools. Tasks: Build (lay out out/TwTools), Test (dotnet test, then the Pester suite under
    every Pester version pinned in Directory.Packages.props), Pester (only that suite),
    Package (out/packages/TwTools.<version>.nupkg, as the PowerShell Gallery takes it), Image (the node agent's
    container image, localhost/twtools:<version>, from the NativeAOT binary, with podman or else docker), Clean.
.EXAMPLE
    ./build.ps1 -Task Build; Import-Module ./out/TwTools
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'Image', 'Clean')]
    [string[]] $Task = @('Build'),
    # Image: the NativeAOT binary to put in it (published to out/bin when absent) and the image's name.
    [string] $Binary = (Join-Path $PSScriptRoot 'out/bin/twtools'),
    [string] $ImageName
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

function Invoke-Image {
    $started = [Diagnostics.Stopwatch]::StartNew()
    if (-not (Test-Path $Binary)) {
        dotnet publish (Join-Path $root 'src/TwTools.Cli') -c Release -r linux-x64 -o (Join-Path $root 'out/bin') -nologo -v quiet
        if ($LASTEXITCODE) { throw "dotnet publish of the CLI failed ($LASTEXITCODE)" }
    }
    $version = ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
    $name = if ($ImageName) { $ImageName } else { "localhost/twtools:$version" }
    $context = Join-Path $root 'out/image'
    Remove-Item -Recurse -Force $context -ErrorAction SilentlyContinue
    $rootfs = Join-Path $context 'rootfs'
    New-Item -ItemType Directory -Force -Path (Join-Path $rootfs 'usr/local/bin'), (Join-Path $rootfs 'etc'), (Join-Path $rootfs 'tmp') | Out-Null
    Copy-Item $Binary (Join-Path $rootfs 'usr/local/bin/twtools')
    Copy-Item -Recurse (Join-Path $root 'policies') (Join-Path $rootfs 'usr/local/bin/policies')
    Remove-Item (Join-Path $rootfs 'usr/local/bin/policies/*') -Exclude '*.yaml'
    # What the binary links against, as the dynamic loader resolves it here: the loader, libc and libm.
    $libraries = ldd $Binary | ForEach-Object { if ($_ -match '(/\S+)\s+\(0x') { $Matches[1] } }
    if (-not $libraries) { throw "ldd found no libraries for $Binary; is it the NativeAOT build?" }
    foreach ($library in $libraries) {
        $target = Join-Path $rootfs $library.TrimStart('/')
        New-Item -ItemType Directory -Force -Path (Split-Path $target) | Out-Null
        Copy-Item -LiteralPath (Resolve-Path $library).Path -Destination $target
    }
    Set-Content -NoNewline -Path (Join-Path $rootfs 'etc/passwd') -Value "root:x:0:0:root:/:/sbin/nologin`nnobody:x:65534:65534:nobody:/:/sbin/nologin`n"
    Set-Content -NoNewline -Path (Join-Path $rootfs 'etc/group') -Value "root:x:0:`nnogroup:x:65534:`n"
    Copy-Item (Join-Path $root 'deploy/container/Containerfile') (Join-Path $context 'Containerfile')
    $engine = if (Get-Command podman -ErrorAction SilentlyContinue) { 'podman' } elseif (Get-Command docker -ErrorAction SilentlyContinue) { 'docker' } else { throw 'building the image needs podman or docker' }
    & $engine build --quiet --tag $name --file (Join-Path $context 'Containerfile') $context | Out-Null
    if ($LASTEXITCODE) { throw "$engine build failed ($LASTEXITCODE)" }
    $size = [long](& $engine image inspect --format '{{.Size}}' $name)
    "built $name with $engine in {0:0.0} s: {1:0.0} MB" -f $started.Elapsed.TotalSeconds, ($size / 1MB)
}

function Invoke-Clean {
    Remove-Item -Recurse -Force (Join-Path $root 'out') -ErrorAction SilentlyContinue
    dotnet clean (Join-Path $root 'TwTools.sln') | Out-Null
}

foreach ($t in $Task) {
    # 'Pester' must not name a function Invoke-Pester, which would shadow Pester's own.
    if ($t -eq 'Pester') { Invoke-PesterOnly } else { & "Invoke-$t" }
}
