namespace TwTools.Engine.Kernel;

/// <summary>How a sysctl value is written, read and compared.</summary>
internal enum SettingValueKind
{
    /// <summary>One integer, optionally restricted to a set of values or a range.</summary>
    Integer,

    /// <summary>Two ports, low and high (<c>ip_local_port_range</c>).</summary>
    PortRange,

    /// <summary>A comma-separated list of ports and port ranges (<c>ip_local_reserved_ports</c>).</summary>
    PortList,
}
