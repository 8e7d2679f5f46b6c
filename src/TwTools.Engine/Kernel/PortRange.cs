using System.Globalization;

namespace TwTools.Engine.Kernel;

/// <summary>An inclusive range of ports, as <c>ip_local_port_range</c> holds it.</summary>
internal readonly record struct PortRange(int Low, int High)
{
    public int Count => High >= Low ? High - Low + 1 : 0;

    public bool Contains(int port) => port >= Low && port <= High;

    /// <summary>
    /// Reads "low high" with any run of spaces or tabs between: the kernel prints a tab, people write
    /// spaces, and comparing the two as text is the classic source of perpetual "changed" reports.
    /// </summary>
    public static bool TryParse(string? text, out PortRange range, out string? error)
    {
        range = default;
        error = null;
        var parts = (text ?? string.Empty).Split(new[] { ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            error = $"expected two ports 'low high', got '{text?.Trim()}'";
            return false;
        }

        if (!TryParsePort(parts[0], out var low, out error) || !TryParsePort(parts[1], out var high, out error))
        {
            return false;
        }

        range = new PortRange(low, high);
        return true;
    }

    internal static bool TryParsePort(string text, out int port, out string? error)
    {
        error = null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 0 || port > 65535)
        {
            error = $"'{text}' is not a port number (0-65535)";
            return false;
        }

        return true;
    }

    /// <summary>The normalised form TwTools writes and compares: one space between the ports.</summary>
    public override string ToString() => Low.ToString(CultureInfo.InvariantCulture) + " " + High.ToString(CultureInfo.InvariantCulture);
}
