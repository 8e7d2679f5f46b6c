# Dot-sourced by every *.Tests.ps1 in BeforeAll (so its variables and functions are in scope for the
# tests that follow): imports the built module (out/TwTools, or
# $env:TWTOOLS_MODULE) and provides a throw-away host for cmdlets that change one.
# build.ps1 -Task Test runs these files in a child `pwsh -NoProfile`, so each run starts clean.
$ModuleRoot = if ($env:TWTOOLS_MODULE) { $env:TWTOOLS_MODULE } else { Join-Path $PSScriptRoot '../../out/TwTools' }
Import-Module (Join-Path $ModuleRoot 'TwTools.psd1') -Force
$Policies = Join-Path $ModuleRoot 'policies'

function New-TwTestHost {
    <#
    .SYNOPSIS
        A fake host under $TestDrive: proc/sys files with kernel defaults and an /etc/sysctl.d, which
        the engine uses through TWTOOLS_PROC_ROOT / TWTOOLS_CONF_ROOT (as ss honours PROC_ROOT), so
        Set-TwPolicy really writes, without root and without touching this machine.
    #>
    param([string] $Name = 'host')
    $root = Join-Path $TestDrive $Name
    $sys = Join-Path $root 'proc/sys'
    $values = [ordered]@{
        'kernel/osrelease'                      = '6.18.0-pester'
        'net/ipv4/ip_unprivileged_port_start'   = '1024'
        'net/ipv4/tcp_timestamps'               = '1'
        'net/ipv4/tcp_tw_reuse'                 = '2'
        'net/ipv4/tcp_tw_reuse_delay'           = '1000'
        'net/ipv4/ip_local_port_range'          = "32768`t60999"
        'net/ipv4/ip_local_reserved_ports'      = ''
        'net/ipv4/tcp_fin_timeout'              = '60'
        'net/ipv4/tcp_max_tw_buckets'           = '262144'
        'net/ipv4/ip_autobind_reuse'            = '0'
    }
    foreach ($key in $values.Keys) {
        $path = Join-Path $sys $key
        New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
        [System.IO.File]::WriteAllText($path, $values[$key] + "`n")
    }
    New-Item -ItemType Directory -Force -Path (Join-Path $root 'conf/etc/sysctl.d') | Out-Null
    $env:TWTOOLS_PROC_ROOT = Join-Path $root 'proc'
    $env:TWTOOLS_CONF_ROOT = Join-Path $root 'conf'
    [pscustomobject]@{ Root = $root; Sys = $sys; Conf = Join-Path $root 'conf' }
}

function Get-TwTestHostFiles {
    # Every file of a fake host with its content, to show an operation wrote nothing.
    param([Parameter(Mandatory)] $TestHost)
    Get-ChildItem -Recurse -File $TestHost.Root | Sort-Object FullName | ForEach-Object { "$($_.FullName)=$([System.IO.File]::ReadAllText($_.FullName))" }
}

function Remove-TwTestHost {
    Remove-Item Env:TWTOOLS_PROC_ROOT, Env:TWTOOLS_CONF_ROOT -ErrorAction SilentlyContinue
}

function New-TwBadPolicy {
    # A policy file the engine must refuse, with one setting.
    param([Parameter(Mandatory)] [string] $Setting)
    $path = Join-Path $TestDrive "bad-$([guid]::NewGuid().ToString('n')).yaml"
    "apiVersion: twtools.io/v1`nkind: TwPolicy`nmetadata:`n  name: bad`nspec:`n  settings:`n    $Setting`n" | Set-Content -Path $path
    $path
}
