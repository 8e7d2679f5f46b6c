namespace TwTools.Engine.Exhaustion;

/// <summary>Running counts for one destination while the socket stream goes by.</summary>
internal sealed class DestinationCounts
{
    public long InUse;
    public long TimeWait;

    /// <summary>TIME_WAIT sockets connect() could take over now (reuse effective and older than the delay).</summary>
    public long TimeWaitReusable;

    // Filled by a second sample only.
    public long NewConnections;
    public long NewTimeWait;

    public long Blocking => InUse - TimeWaitReusable;
}
