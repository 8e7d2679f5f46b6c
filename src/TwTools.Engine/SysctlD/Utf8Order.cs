using System.Text;

namespace TwTools.Engine.SysctlD;

/// <summary>Compares names by their UTF-8 bytes, the order systemd-sysctl and a C locale's sort give file names.</summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static Utf8Order Instance { get; } = new();

    public int Compare(string? x, string? y) =>
        ((ReadOnlySpan<byte>)Encoding.UTF8.GetBytes(x ?? string.Empty)).SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? string.Empty));
}
