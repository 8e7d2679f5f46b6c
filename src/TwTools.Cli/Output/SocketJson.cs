using System.Text.Json;
using TwTools.Engine.Sockets;

namespace TwTools.Cli.Output;

/// <summary>
/// Sockets as a JSON array written as they stream (camelCase, the cmdlet's property names), so a
/// large table is never held as a list for a serializer.
/// </summary>
internal static class SocketJson
{
    public static void WriteSockets(Stream output, IEnumerable<TcpSocket> sockets)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        var written = 0;
        foreach (var s in sockets)
        {
            json.WriteStartObject();
            json.WriteString("host", s.Host);
            json.WriteString("addressFamily", s.AddressFamily.ToString());
            json.WriteString("state", s.State.ToString());
            json.WriteString("localAddress", s.LocalAddress);
            json.WriteNumber("localPort", s.LocalPort);
            json.WriteString("remoteAddress", s.RemoteAddress);
            json.WriteNumber("remotePort", s.RemotePort);
            json.WriteString("timer", s.Timer.ToString());
            if (s.TimeLeft is { } left)
            {
                json.WriteNumber("timeLeftMs", (long)left.TotalMilliseconds);
            }
            else
            {
                json.WriteNull("timeLeftMs");
            }

            json.WriteNumber("retransmits", s.Retransmits);
            json.WriteNumber("uid", s.Uid);
            json.WriteNumber("inode", s.Inode);
            WriteNullable(json, "owningProcess", s.OwningProcess);
            json.WriteString("processName", s.ProcessName);
            WriteNamespace(json, s.NetworkNamespace);
            json.WriteEndObject();
            if (++written % 4096 == 0)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    public static void WriteSummary(Stream output, SocketSummary summary) => WriteSummaries(output, [summary], asArray: false);

    /// <summary>Several hosts' summaries as one JSON array (one object when <paramref name="asArray"/> is false and there is one).</summary>
    public static void WriteSummaries(Stream output, IReadOnlyList<SocketSummary> summaries, bool asArray = true)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        if (asArray)
        {
            json.WriteStartArray();
        }

        foreach (var summary in summaries)
        {
            WriteSummaryObject(json, summary);
        }

        if (asArray)
        {
            json.WriteEndArray();
        }

        json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static void WriteSummaryObject(Utf8JsonWriter json, SocketSummary summary)
    {
        json.WriteStartObject();
        json.WriteString("host", summary.Host);
        WriteNamespace(json, summary.Namespace);
        json.WriteString("source", summary.Source);
        json.WriteNumber("total", summary.Total);
        json.WriteStartArray("states");
        foreach (var row in summary.States)
        {
            json.WriteStartObject();
            json.WriteString("state", row.State.ToString());
            json.WriteNumber("ipv4", row.IPv4);
            json.WriteNumber("ipv6", row.IPv6);
            json.WriteNumber("total", row.Total);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("kernel");
        WriteNullable(json, "inUse", summary.Kernel.InUse);
        WriteNullable(json, "inUse6", summary.Kernel.InUse6);
        WriteNullable(json, "timeWait", summary.Kernel.TimeWait);
        WriteNullable(json, "orphans", summary.Kernel.Orphans);
        WriteNullable(json, "allocated", summary.Kernel.Allocated);
        WriteNullable(json, "memoryPages", summary.Kernel.MemoryPages);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    // As the other commands' JSON has it: the object, or nothing when no namespace was named.
    private static void WriteNamespace(Utf8JsonWriter json, NetworkNamespace? ns)
    {
        if (ns is not null)
        {
            json.WritePropertyName("networkNamespace");
            JsonSerializer.Serialize(json, ns, CliJsonContext.Default.NetworkNamespace);
        }
    }
}
