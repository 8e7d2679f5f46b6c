using System.Globalization;
using TwTools.Engine.Kernel;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Exhaustion;

/// <summary>
/// Whether connect() may take over a TIME_WAIT port for a destination (tcp_twsk_unique): tcp_tw_reuse
/// 1 for every destination, 2 for loopback only, and in both cases only with TCP timestamps on and
/// once the TIME_WAIT socket is older than tcp_tw_reuse_delay (1 s where the key does not exist).
/// </summary>
internal sealed record TimeWaitReuse(int Reuse, int Timestamps, int DelayMilliseconds)
{
    public static TimeWaitReuse From(KernelSnapshot kernel) => new(
        Number(kernel, KernelSettingCatalog.TcpTwReuse, 2),
        Number(kernel, KernelSettingCatalog.TcpTimestamps, 1),
        Number(kernel, KernelSettingCatalog.TcpTwReuseDelay, 1000));

    public bool IsEffectiveFor(InetAddress destination) =>
        Timestamps != 0 && (Reuse == 1 || (Reuse == 2 && destination.IsLoopback));

    /// <summary>Why reuse does not help a destination, in the words advice needs.</summary>
    public string WhyNot(InetAddress destination) =>
        Timestamps == 0 ? "tcp_timestamps is 0, and reuse needs timestamps"
        : Reuse == 2 && !destination.IsLoopback ? "tcp_tw_reuse is 2, which reuses ports only for loopback destinations"
        : "tcp_tw_reuse is 0";

    private static int Number(KernelSnapshot kernel, string key, int fallback) =>
        int.TryParse(kernel.RuntimeValue(key)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
