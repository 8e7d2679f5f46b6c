@{
    # Stamped when the module is built: the version from VersionPrefix in Directory.Build.props, the release notes
    # from that version's section of CHANGELOG.md. One source each; the built out/TwTools/TwTools.psd1 has the values.
    ModuleVersion        = '{{Version}}'
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
            ReleaseNotes = '{{ReleaseNotes}}'
        }
    }
}
