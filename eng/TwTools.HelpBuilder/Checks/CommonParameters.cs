namespace TwTools.HelpBuilder.Checks;

/// <summary>The parameters PowerShell adds to every cmdlet, which help sources never describe.</summary>
public static class CommonParameters
{
    public static readonly IReadOnlySet<string> Always = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
        "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
        "vb", "db", "ea", "wa", "infa", "proga", "ev", "wv", "iv", "ov", "ob", "pv",
    };

    /// <summary>Added only to cmdlets that declare SupportsShouldProcess.</summary>
    public static readonly IReadOnlySet<string> ShouldProcess = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "WhatIf", "Confirm", "wi", "cf",
    };

    /// <summary>How help shows -WhatIf and -Confirm on a cmdlet that changes a host (PowerShell's own wording, in short).</summary>
    public static readonly IReadOnlyList<(string Name, string Alias, string Text)> ShouldProcessHelp =
    [
        ("WhatIf", "wi", "Shows what would change if the cmdlet runs. Nothing is changed."),
        ("Confirm", "cf", "Asks for confirmation before each change."),
    ];
}
