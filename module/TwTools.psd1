@{
    # Version: equal to VersionPrefix in Directory.Build.props (ModuleManifestTests checks it).
    ModuleVersion        = '0.1.0'
    GUID                 = '5f3c7d2e-8a41-4b0e-9c6d-2f1e7a9b4c30'
    RootModule           = 'TwTools.PowerShell.dll'
    Author               = 'TwTools contributors'
    Description          = 'TIME_WAIT and ephemeral-port kernel settings on Linux: observe them, judge them against a policy, apply a policy safely.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    CmdletsToExport      = @('ConvertTo-TwPrometheus', 'Export-TwPrometheus', 'Get-TcpSocketState', 'Get-TwKernelPolicy', 'Remove-TwPolicy', 'Set-TwPolicy', 'Test-PortExhaustion', 'Test-TwPolicy')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    FormatsToProcess     = @('TwTools.format.ps1xml')
    PrivateData          = @{
        PSData = @{
            Tags         = @('PSEdition_Core', 'Linux', 'TCP', 'TIME_WAIT', 'sysctl', 'EphemeralPorts', 'Networking')
            ReleaseNotes = 'Kernel policy (Get-TwKernelPolicy, Set-TwPolicy, Test-TwPolicy), sockets (Get-TcpSocketState), port exhaustion (Test-PortExhaustion), on this host or many over ssh and PowerShell remoting; dependencies isolated in their own load context; full help (Get-Help, about_TwTools, about_TwTools_Policy) and a Pester compliance pack.'
        }
    }
}
