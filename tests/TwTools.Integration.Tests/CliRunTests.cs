using System.Text;
using System.Text.Json;
using TwTools.Cli.Runs;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Exhaustion;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;
using TwTools.Engine.Tests;

namespace TwTools.Integration.Tests;

/// <summary>
/// The CLI's runs called in process with an options record, as the commands call them after parsing:
/// what they print and return is testable without starting the binary.
/// </summary>
public sealed class CliRunTests : IDisposable
{
    private readonly string _capture = Path.Combine(Path.GetTempPath(), "twtools-run-" + Guid.NewGuid().ToString("N")[..8] + ".txt");

    public CliRunTests()
    {
        var lines = Enumerable.Range(1, 5).Select(i => $"{i,4}: 0100007F:{40000 + i:X4} 0A00000A:0050 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000");
        File.WriteAllLines(_capture, ["  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", .. lines]);
    }

    public void Dispose() => File.Delete(_capture);

    private static (int Exit, string Stdout) Run(Func<Captured, int> run)
    {
        using var buffer = new MemoryStream();
        var exit = run(new Captured(new RecordingOutput(), new CliStreams(buffer)));
        return (exit, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public void Sockets_lists_a_capture_as_json_with_the_capture_as_host()
    {
        var (exit, stdout) = Run(c => SocketsRun.Run(new SocketsRunOptions(new SocketRequest { Capture = _capture }, HostSelection.ThisMachine) { Json = true }, c.Output, c.Streams));

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(5, json.RootElement.GetArrayLength());
        Assert.All(json.RootElement.EnumerateArray(), s => Assert.Equal(("TimeWait", _capture), (s.GetProperty("state").GetString(), s.GetProperty("host").GetString())));
    }

    [Fact]
    public void Sockets_counts_a_capture_per_state_as_one_json_object_for_this_machine()
    {
        var (exit, stdout) = Run(c => SocketsRun.Run(new SocketsRunOptions(new SocketRequest { Capture = _capture }, HostSelection.ThisMachine) { Summary = true, Json = true }, c.Output, c.Streams));

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Contains("TimeWait", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Exhaustion_judges_a_capture_and_prints_one_report_object()
    {
        var options = new ExhaustionRunOptions(new SocketRequest { Capture = _capture }, new PortExhaustionOptions(), HostSelection.ThisMachine) { Format = OutputFormat.Json };
        var (exit, stdout) = Run(c => ExhaustionRun.Run(options, c.Output, c.Streams));

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(5, json.RootElement.GetProperty("socketsScanned").GetInt32());
        Assert.Equal(json.RootElement.GetProperty("verdict").GetString() == "OK" ? 0 : 1, exit);
    }

    [Fact]
    public void Apply_refuses_a_recycle_policy_as_bad_input_before_any_host_is_touched()
    {
        var policy = Cli.WritePolicy("""
            apiVersion: twtools.io/v1
            kind: TwPolicy
            metadata:
              name: recycle
            spec:
              settings:
                net.ipv4.tcp_tw_recycle: 1
            """);
        try
        {
            string? stdout = null;
            var error = Assert.Throws<TwOperationException>(() => stdout = Run(c => ApplyRun.Run(new ApplyRunOptions(policy, new ApplyOptions(), HostSelection.ThisMachine), c.Output, c.Streams)).Stdout);

            Assert.True(error.IsInputError);
            Assert.Equal(TwErrorIds.Policy.RecycleRefused, error.Primary.Id);
            Assert.Null(stdout);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    private sealed record Captured(RecordingOutput Output, CliStreams Streams);
}
