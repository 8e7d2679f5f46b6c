using System.Text.RegularExpressions;
using TwTools.Engine.Kernel;

namespace TwTools.Engine.SysctlD;

/// <summary>
/// A sysctl.d value as the kernel takes it when boot writes it: sysctl passes the text after '=' whole, and the kernel
/// reads the numbers a key wants and ignores what follows a blank ("1 # note" sets 1; a range's two numbers likewise).
/// Port lists and keys outside the catalog keep their text: the kernel refuses trailing text there.
/// </summary>
internal static partial class KernelReading
{
    public static string Of(string key, string value)
    {
        if (!KernelSettingCatalog.All.Any(d => d.Key == key))
        {
            return value;
        }

        var match = KernelSettingCatalog.Get(key).Kind switch
        {
            SettingValueKind.Integer => OneNumber().Match(value),
            SettingValueKind.PortRange => TwoNumbers().Match(value),
            _ => Match.Empty,
        };
        return match.Success ? match.Groups[1].Value : value;
    }

    [GeneratedRegex(@"^\s*([-+]?\d+)(?:\s.*)?$", RegexOptions.Singleline)]
    private static partial Regex OneNumber();

    [GeneratedRegex(@"^\s*(\d+\s+\d+)(?:\s.*)?$", RegexOptions.Singleline)]
    private static partial Regex TwoNumbers();
}
