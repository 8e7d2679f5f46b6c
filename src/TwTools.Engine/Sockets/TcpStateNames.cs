using System.Diagnostics.CodeAnalysis;

namespace TwTools.Engine.Sockets;

/// <summary>
/// State names as people type them: PowerShell's <c>TimeWait</c>, ss's <c>time-wait</c>, netstat's
/// <c>TIME_WAIT</c>, and ss's groups (<c>connected</c>, <c>synchronized</c>, <c>bucket</c>, <c>big</c>).
/// Case, dashes and underscores do not matter.
/// </summary>
public static class TcpStateNames
{
    private static readonly Dictionary<string, TcpStateSet> Names = Build();

    /// <summary>Every name accepted, as shown in help and offered by argument completion.</summary>
    public static IReadOnlyList<string> Completions { get; } =
    [
        .. Enum.GetNames<TcpState>(), "All", "Connected", "Synchronized", "Bucket", "Big",
    ];

    /// <summary>ss(8)'s spelling of states and its groups.</summary>
    private static readonly string[] SsNames =
    [
        "established", "syn-sent", "syn-recv", "fin-wait-1", "fin-wait-2", "time-wait", "closed", "close-wait",
        "last-ack", "listening", "closing", "all", "connected", "synchronized", "bucket", "big",
    ];

    /// <summary>
    /// Completions in the spelling the user started with: netstat's for <c>TIME_</c> (an underscore or
    /// capitals), ss's for <c>time-</c> (a dash or lower case), PowerShell's otherwise.
    /// </summary>
    public static IEnumerable<string> CompletionsFor(string word)
    {
        IEnumerable<string> family = word.Contains('_') || (word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)))
            ? Enum.GetValues<TcpState>().Select(Display).Distinct()
            : word.Contains('-') || (word.Length > 0 && word.All(c => !char.IsLetter(c) || char.IsLower(c)))
                ? SsNames
                : Completions;
        return family.Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>netstat's spelling, which ss and most runbooks use too.</summary>
    public static string Display(TcpState state) => state switch
    {
        TcpState.Established => "ESTABLISHED",
        TcpState.SynSent => "SYN_SENT",
        TcpState.SynReceived => "SYN_RECV",
        TcpState.FinWait1 => "FIN_WAIT1",
        TcpState.FinWait2 => "FIN_WAIT2",
        TcpState.TimeWait => "TIME_WAIT",
        TcpState.Closed => "CLOSE",
        TcpState.CloseWait => "CLOSE_WAIT",
        TcpState.LastAck => "LAST_ACK",
        TcpState.Listen => "LISTEN",
        TcpState.Closing => "CLOSING",
        TcpState.NewSynReceived => "NEW_SYN_RECV",
        _ => ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string text, out TcpStateSet states) => Names.TryGetValue(Normalize(text), out states);

    public static bool TryParse(IEnumerable<string> texts, out TcpStateSet states, [NotNullWhen(false)] out string? unknown)
    {
        states = TcpStateSet.None;
        foreach (var text in texts)
        {
            if (!TryParse(text, out var one))
            {
                unknown = text;
                return false;
            }

            states = states.Union(one);
        }

        unknown = null;
        return true;
    }

    private static string Normalize(string text) =>
        new(text.Where(c => c is not ('-' or '_' or ' ')).Select(char.ToLowerInvariant).ToArray());

    private static Dictionary<string, TcpStateSet> Build()
    {
        var names = new Dictionary<string, TcpStateSet>(StringComparer.Ordinal);
        foreach (var state in Enum.GetValues<TcpState>())
        {
            names[Normalize(state.ToString())] = TcpStateSet.Of(state);
            names[Normalize(Display(state))] = TcpStateSet.Of(state);
        }

        names["listening"] = TcpStateSet.Of(TcpState.Listen);
        names["synrecv"] = TcpStateSet.Of(TcpState.SynReceived);
        names["all"] = TcpStateSet.All;

        // ss(8)'s state groups.
        var bucket = TcpStateSet.Of(TcpState.SynReceived, TcpState.TimeWait);
        var connected = new TcpStateSet(TcpStateSet.All.Mask & ~TcpStateSet.Of(TcpState.Listen, TcpState.Closed).Mask);
        names["connected"] = connected;
        names["synchronized"] = new TcpStateSet(connected.Mask & ~TcpStateSet.Of(TcpState.SynSent).Mask);
        names["bucket"] = bucket;
        names["big"] = new TcpStateSet(TcpStateSet.All.Mask & ~bucket.Mask);
        return names;
    }
}
