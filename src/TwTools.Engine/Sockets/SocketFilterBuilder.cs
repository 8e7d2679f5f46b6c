using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Sockets;

/// <summary>Builds a <see cref="SocketFilter"/> from what a user typed, with one clear error per bad item.</summary>
public static class SocketFilterBuilder
{
    /// <summary>The same, with the address family as text ("IPv4", "IPv6"), for front ends that bind text rather than the engine's enum.</summary>
    public static SocketFilter Build(
        IEnumerable<string>? states, IEnumerable<int>? localPorts, IEnumerable<int>? remotePorts, IEnumerable<string>? remoteAddresses, string? family) =>
        Build(states, localPorts, remotePorts, remoteAddresses, family is null ? null
            : Enum.TryParse<InetFamily>(family, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(family, out _) ? parsed
            : throw new TwOperationException([Error("family", $"'{family}' is not an address family; use IPv4 or IPv6.")]));

    public static SocketFilter Build(
        IEnumerable<string>? states, IEnumerable<int>? localPorts, IEnumerable<int>? remotePorts, IEnumerable<string>? remoteAddresses,
        InetFamily? family = null)
    {
        var errors = new List<TwDiagnostic>();
        var stateSet = TcpStateSet.All;
        var stateList = states?.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (stateList is { Count: > 0 } && !TcpStateNames.TryParse(stateList, out stateSet, out var unknown))
        {
            errors.Add(Error("state", $"'{unknown}' is not a TCP state; use one of {string.Join(", ", TcpStateNames.Completions)} (ss's time-wait and netstat's TIME_WAIT spellings work too)."));
        }

        var networks = new List<AddressPrefix>();
        foreach (var text in remoteAddresses ?? [])
        {
            if (AddressPrefix.TryParse(text, out var problem, out var prefix))
            {
                networks.Add(prefix);
            }
            else
            {
                errors.Add(Error("remote-address", problem));
            }
        }

        if (family is { } f && !Enum.IsDefined(f))
        {
            errors.Add(Error("family", $"'{(int)f}' is not an address family; use IPv4 (4) or IPv6 (6)."));
        }

        var local = Ports("local-port", localPorts, errors);
        var remote = Ports("remote-port", remotePorts, errors);
        if (errors.Count > 0)
        {
            throw new TwOperationException(errors);
        }

        return new SocketFilter { States = stateSet, Family = family, LocalPorts = local, RemotePorts = remote, RemoteNetworks = networks };
    }

    private static List<ushort> Ports(string field, IEnumerable<int>? ports, List<TwDiagnostic> errors)
    {
        var list = new List<ushort>();
        foreach (var port in ports ?? [])
        {
            if (port is < 0 or > 65535)
            {
                errors.Add(Error(field, $"{port} is not a port: ports are 0 to 65535."));
            }
            else
            {
                list.Add((ushort)port);
            }
        }

        return list;
    }

    private static TwDiagnostic Error(string field, string message) =>
        TwDiagnostic.BadInput(TwErrorIds.Input.InvalidSocketFilter, TwErrorCategory.InvalidArgument, message) with { Field = field };
}
