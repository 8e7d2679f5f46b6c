using TwTools.Engine.FrontEnd;

namespace TwTools.Cli.Runs;

/// <summary>The CLI's answer to "may I?": --what-if says what would be done (on stderr) and declines; otherwise yes.</summary>
internal static class WhatIf
{
    public static ShouldProcess Asking(bool whatIf, IEngineOutput output) => (target, action) =>
    {
        if (whatIf)
        {
            output.WriteInformation($"What if: {action} on {target}");
        }

        return !whatIf;
    };
}
