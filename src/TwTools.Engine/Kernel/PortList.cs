using System.Globalization;
using System.Text;

namespace TwTools.Engine.Kernel;

/// <summary>
/// A set of ports written as "8080,9000-9100", kept sorted and merged the way the kernel prints
/// <c>ip_local_reserved_ports</c>, so two spellings of one set compare equal.
/// </summary>
internal sealed class PortList
{
    public static readonly PortList Empty = new(Array.Empty<PortRange>());

    private PortList(IReadOnlyList<PortRange> ranges) => Ranges = ranges;

    /// <summary>Disjoint, sorted, non-adjacent ranges.</summary>
    public IReadOnlyList<PortRange> Ranges { get; }

    public static bool TryParse(string? text, out PortList list, out string? error)
    {
        list = Empty;
        error = null;
        var items = new List<PortRange>();
        foreach (var raw in (text ?? string.Empty).Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            var dash = item.IndexOf('-');
            if (dash < 0)
            {
                if (!PortRange.TryParsePort(item, out var port, out error))
                {
                    return false;
                }

                items.Add(new PortRange(port, port));
                continue;
            }

            if (!PortRange.TryParsePort(item[..dash].Trim(), out var low, out error)
                || !PortRange.TryParsePort(item[(dash + 1)..].Trim(), out var high, out error))
            {
                return false;
            }

            if (low > high)
            {
                error = $"'{item}' runs backwards: the first port must not be above the second";
                return false;
            }

            items.Add(new PortRange(low, high));
        }

        list = FromRanges(items);
        return true;
    }

    public static PortList FromRanges(IEnumerable<PortRange> ranges)
    {
        var merged = new List<PortRange>();
        foreach (var range in ranges.OrderBy(r => r.Low))
        {
            if (merged.Count > 0 && range.Low <= merged[^1].High + 1)
            {
                var last = merged[^1];
                merged[^1] = new PortRange(last.Low, Math.Max(last.High, range.High));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged.Count == 0 ? Empty : new PortList(merged);
    }

    public bool Contains(int port) => Ranges.Any(r => r.Contains(port));

    /// <summary>How many of these ports fall inside <paramref name="range"/>.</summary>
    public int CountWithin(PortRange range)
    {
        var count = 0;
        foreach (var r in Ranges)
        {
            var low = Math.Max(r.Low, range.Low);
            var high = Math.Min(r.High, range.High);
            if (high >= low)
            {
                count += high - low + 1;
            }
        }

        return count;
    }

    /// <summary>The parts of this list that lie outside <paramref name="range"/>.</summary>
    public PortList Outside(PortRange range)
    {
        var outside = new List<PortRange>();
        foreach (var r in Ranges)
        {
            if (r.Low < range.Low)
            {
                outside.Add(new PortRange(r.Low, Math.Min(r.High, range.Low - 1)));
            }

            if (r.High > range.High)
            {
                outside.Add(new PortRange(Math.Max(r.Low, range.High + 1), r.High));
            }
        }

        return FromRanges(outside);
    }

    public bool IsEmpty => Ranges.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var r in Ranges)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(r.Low.ToString(CultureInfo.InvariantCulture));
            if (r.High != r.Low)
            {
                text.Append('-').Append(r.High.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
