using System.ComponentModel;
using TwTools.TestHosts;

namespace TwTools.Bench;

internal static class Tool
{
    /// <summary>A peer's version line (some print it on stderr), or null when it is not installed.</summary>
    public static string? FirstLine(string program, string argument)
    {
        try
        {
            var result = Shell.Run(program, argument);
            var text = result.StdOut.Length > 0 ? result.StdOut : result.StdErr;
            return result.ExitCode == 0 ? text.Trim().Split('\n')[0] : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
