BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Test-PortExhaustion' {
    It 'declares a finding and a report as outputs and changes nothing' {
        $command = Get-Command Test-PortExhaustion
        $command.OutputType.Name | Should -Contain 'TwTools.Engine.Exhaustion.PortPressureFinding'
        $command.OutputType.Name | Should -Contain 'TwTools.Engine.Exhaustion.PortExhaustionReport'
        $command.Parameters.Keys | Should -Not -Contain 'WhatIf'
    }

    It 'returns one report per host with -Summary, its verdict in the default display set' {
        $report = Test-PortExhaustion -Summary
        $report.PSObject.TypeNames[0] | Should -Be 'TwTools.Engine.Exhaustion.PortExhaustionReport'
        $report.Verdict | Should -BeIn 'OK', 'Warning', 'Critical', 'Exhausted'
        $report.Capacity | Should -BeGreaterThan 0
        $report.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Contain 'Verdict'
    }

    It 'returns findings, one per destination' {
        Test-PortExhaustion | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'TwTools.Engine.Exhaustion.PortPressureFinding' }
    }

    It 'refuses a warning threshold above the critical one' {
        { Test-PortExhaustion -WarningThreshold 0.9 -CriticalThreshold 0.5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'TwTools.Input.InvalidThreshold,TwTools.PowerShell.Cmdlets.TestPortExhaustionCommand'
    }

    It 'refuses a threshold outside 0.01..1 before running' {
        { Test-PortExhaustion -CriticalThreshold 2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,TwTools.PowerShell.Cmdlets.TestPortExhaustionCommand'
    }

    It 'has a table view with Destination, InUse, TimeWait, Capacity and Verdict' {
        $view = (Get-FormatData -TypeName 'TwTools.Engine.Exhaustion.PortPressureFinding').FormatViewDefinition | Select-Object -First 1
        foreach ($column in 'Destination', 'InUse', 'TimeWait', 'Capacity', 'Verdict') { $view.Control.Headers.Label | Should -Contain $column }
    }
}
