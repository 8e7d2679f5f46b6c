using System.Text;

namespace TwTools.Engine.Sockets;

/// <summary>
/// A set of TCP states as inet_diag's <c>idiag_states</c> bitmask (bit n = state n), so a filter is
/// handed to the kernel as is and checked in user space with one AND.
/// </summary>
public readonly record struct TcpStateSet(uint Mask)
{
    public static TcpStateSet All { get; } = new(0xFFF << 1);

    public static TcpStateSet None { get; } = new(0);

    /// <summary>States whose socket holds its local port for a client: everything but LISTEN and the half-open server states.</summary>
    public static TcpStateSet PortHolding { get; } = Of(
        TcpState.Established, TcpState.SynSent, TcpState.FinWait1, TcpState.FinWait2, TcpState.TimeWait,
        TcpState.CloseWait, TcpState.LastAck, TcpState.Closing);

    public static TcpStateSet Of(params TcpState[] states)
    {
        uint mask = 0;
        foreach (var state in states)
        {
            mask |= 1u << (int)state;
        }

        return new TcpStateSet(mask);
    }

    public bool Contains(TcpState state) => (Mask & (1u << (int)state)) != 0;

    public bool IsEmpty => Mask == 0;

    public TcpStateSet Union(TcpStateSet other) => new(Mask | other.Mask);

    public IEnumerable<TcpState> States => Enum.GetValues<TcpState>().Where(Contains);

    public override string ToString()
    {
        if (this == All)
        {
            return "all";
        }

        var text = new StringBuilder();
        foreach (var state in States)
        {
            text.Append(text.Length == 0 ? string.Empty : ",").Append(TcpStateNames.Display(state));
        }

        return text.ToString();
    }
}
