BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Get-TwKernelPolicy' {
    BeforeEach { $testHost = New-TwTestHost -Name ([guid]::NewGuid().ToString('n')) }
    AfterEach { Remove-TwTestHost }

    It 'has one parameter set, an optional positional -Path that binds by property name only, and declares its output' {
        $command = Get-Command Get-TwKernelPolicy
        $command.ParameterSets.Name | Should -Be '__AllParameterSets'
        $path = $command.Parameters['Path'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] })
        $path.Mandatory | Should -BeFalse
        $path.ValueFromPipeline | Should -BeFalse
        $path.ValueFromPipelineByPropertyName | Should -BeTrue
        $command.Parameters.Keys | Should -Not -Contain 'WhatIf'
        $command.OutputType.Name | Should -Be 'TwTools.KernelSettingState'
    }

    It 'returns one object per catalog key, with recycle reported as absent on a modern kernel' {
        $states = Get-TwKernelPolicy
        $states.Count | Should -Be 9
        # Without a policy the objects carry a #Observed type name first, which picks the view with source and meaning.
        $states[0].PSObject.TypeNames[0] | Should -Be 'TwTools.KernelSettingState#Observed'
        $states[0].PSObject.TypeNames | Should -Contain 'TwTools.KernelSettingState'
        (Get-TwKernelPolicy busy-client)[0].PSObject.TypeNames[0] | Should -Be 'TwTools.KernelSettingState'
        $recycle = $states.Where({ $_.Key -eq 'net.ipv4.tcp_tw_recycle' })
        $recycle.Exists | Should -BeFalse
        $states.Where({ $_.Key -eq 'net.ipv4.ip_local_port_range' }).Runtime | Should -Be '32768 60999'
    }

    It 'accepts the short form of a key, and names a typo instead of answering nothing' {
        (Get-TwKernelPolicy -Key tcp_tw_reuse).Key | Should -Be 'net.ipv4.tcp_tw_reuse'
        (Get-TwKernelPolicy -Key TCP_TW_REUSE, ip_local_port_range).Key | Should -Be @('net.ipv4.tcp_tw_reuse', 'net.ipv4.ip_local_port_range')
        $states = Get-TwKernelPolicy -Key net.ipv4.tcp_tw_reus -ErrorAction SilentlyContinue -ErrorVariable failed
        $states | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'TwTools.Input.UnknownKey,TwTools.PowerShell.Cmdlets.GetTwKernelPolicyCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].Exception.Message | Should -BeLike '*did you mean net.ipv4.tcp_tw_reuse?*'
        Get-TwKernelPolicy -Key 'nothing*' -ErrorVariable none | Should -BeNullOrEmpty
        $none | Should -BeNullOrEmpty
    }

    It 'filters keys with wildcards' {
        (Get-TwKernelPolicy -Key '*tw_reuse*').Key | Sort-Object | Should -Be @('net.ipv4.tcp_tw_reuse', 'net.ipv4.tcp_tw_reuse_delay')
    }

    It 'never takes a piped object that is not a policy as the policy path' {
        # An Import-Csv row with a HostName column and no policy: before, the whole row became -Path and
        # failed as "policy not found". Now it names a host (here one that refuses at once, on loopback).
        $row = [pscustomobject]@{ HostName = 'localhost'; Role = 'db' }
        $row | Get-TwKernelPolicy -SshOption 'Port=1', 'ConnectTimeout=5' -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TwTools.Remote.Unreachable,*'
        "$($failed[0].TargetObject)" | Should -Be 'localhost'
    }

    It 'judges against a policy bound from the pipeline by property name' {
        $states = Get-Item (Join-Path $Policies 'busy-client.yaml') | Get-TwKernelPolicy
        $reuse = $states.Where({ $_.Key -eq 'net.ipv4.tcp_tw_reuse' })
        $reuse.Expected | Should -Be '1'
        $reuse.Compliant | Should -BeFalse
        $reuse.Reason | Should -Match 'runtime value is 2'
    }

    It 'shows the persisted value and the file line that sets it' {
        Set-Content -Path (Join-Path $testHost.Conf 'etc/sysctl.d/50-local.conf') -Value "net.ipv4.tcp_fin_timeout = 30"
        $fin = Get-TwKernelPolicy -Key net.ipv4.tcp_fin_timeout
        $fin.Persisted | Should -Be '30'
        $fin.PersistedSource | Should -Be '/etc/sysctl.d/50-local.conf:1'
    }

    It 'reports a refused policy with the stable error id' {
        $bad = New-TwBadPolicy -Setting 'net.ipv4.tcp_tw_recycle: 1'
        { Get-TwKernelPolicy -Path $bad -ErrorAction Stop } | Should -Throw -ErrorId 'TwTools.Policy.RecycleRefused,TwTools.PowerShell.Cmdlets.GetTwKernelPolicyCommand'
    }

    It 'has a table view grouped by host with the key, runtime, expected value, verdict and reason' {
        $view = (Get-FormatData -TypeName 'TwTools.KernelSettingState').FormatViewDefinition | Select-Object -First 1
        $view.Control | Should -BeOfType [System.Management.Automation.TableControl]
        $view.Control.Headers.Label | Should -Be @('Key (net.ipv4.)', 'Runtime', 'Expected', 'Ok', 'Reason')
        # Grouped by host and, for a namespace target, its namespace: one group per target.
        $view.Control.GroupBy.Expression.Value | Should -Match '\$_\.Host.*NetworkNamespace\.Label'
    }
}
