using TwTools.Engine.Diagnostics;
using TwTools.Engine.Exhaustion;
using TwTools.Engine.Policy;
using TwTools.Engine.Kernel;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;
using Xunit;
using static TwTools.Engine.Tests.Exhaustion.SocketTables;

namespace TwTools.Engine.Tests.Exhaustion;

public class PortExhaustionTests : IDisposable
{
    private readonly HostTree _host = new();

    public void Dispose() => _host.Dispose();

    private PortExhaustionReport Analyse(IEnumerable<TcpSocketRecord> sockets, PortExhaustionOptions? options = null) =>
        PortExhaustionAnalysis.Run(RecordedSocketSource.FromRecords(sockets), Kernel(), options ?? new PortExhaustionOptions(), new RecordingOutput());

    private KernelSnapshot Kernel() => _host.Host().ReadKernel(default);

    [Fact]
    public void Capacity_is_the_range_less_reserved_and_listening_ports_in_it()
    {
        _host.Set(KernelSettingCatalog.IpLocalPortRange, "40000\t40099");
        _host.Set(KernelSettingCatalog.IpLocalReservedPorts, "39990-40009,50000");

        var report = Analyse([Listener("0.0.0.0", 40050), Listener("0.0.0.0", 40005), Listener("0.0.0.0", 22)]);

        Assert.Equal((100 - 10 - 1, 10, 1), (report.Capacity, report.ReservedInRange, report.ListenersInRange));
        Assert.Equal(PortVerdict.OK, report.Verdict);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void No_usable_port_is_exhausted_even_before_any_connection_and_says_why()
    {
        _host.Set(KernelSettingCatalog.IpLocalPortRange, "40000\t40001");
        _host.Set(KernelSettingCatalog.IpLocalReservedPorts, "40000-40001");
        var output = new RecordingOutput();

        var report = PortExhaustionAnalysis.Run(RecordedSocketSource.FromRecords([]), Kernel(), new PortExhaustionOptions(), output);

        Assert.Equal((0, PortVerdict.Exhausted), (report.Capacity, report.Verdict));
        Assert.Contains(output.Warnings, w => w.Id == TwErrorIds.Ports.NoUsablePorts && w.Message.Contains("EADDRNOTAVAIL"));
    }

    [Fact]
    public void A_single_port_range_with_its_port_in_time_wait_is_exhausted_for_that_destination_only()
    {
        _host.Set(KernelSettingCatalog.IpLocalPortRange, "50000\t50000");
        _host.Set(KernelSettingCatalog.TcpTwReuse, "0");

        var report = Analyse([TimeWait("10.0.0.1", 50000, "10.0.0.2", 80)]);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("10.0.0.2:80", 1L, 1L, 1, PortVerdict.Exhausted), (finding.Destination, finding.InUse, finding.Blocking, finding.Capacity!.Value, finding.Verdict));
        Assert.Equal(TimeSpan.Zero, finding.TimeToExhaustion);
        Assert.Equal(PortVerdict.Exhausted, report.Verdict);
        Assert.Contains(finding.Advice, a => a.Contains("Set-TwPolicy tw-reuse", StringComparison.Ordinal) && a.Contains("tcp_tw_reuse is 0"));
        // A name runs wherever TwTools is installed; a policies/ path only in a checkout.
        Assert.DoesNotContain(finding.Advice, a => a.Contains("policies/", StringComparison.Ordinal));
    }

    [Fact]
    public void Reuse_frees_time_wait_older_than_the_delay_but_not_younger()
    {
        _host.Set(KernelSettingCatalog.IpLocalPortRange, "50000\t50001");
        _host.Set(KernelSettingCatalog.TcpTwReuse, "1");

        var report = Analyse([TimeWait("10.0.0.1", 50000, "10.0.0.2", 80, ageMs: 5000), TimeWait("10.0.0.1", 50001, "10.0.0.2", 80, ageMs: 200)]);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((2L, 2L, 1L, true, PortVerdict.Warning), (finding.InUse, finding.TimeWait, finding.Blocking, finding.ReuseEffective!.Value, finding.Verdict));
        Assert.DoesNotContain(finding.Advice, a => a.Contains("tw-reuse.yaml"));
    }

    [Theory]
    [InlineData("2", "1", "127.0.0.1", true)]
    [InlineData("2", "1", "10.0.0.2", false)]
    [InlineData("1", "0", "10.0.0.2", false)]
    [InlineData("1", "2", "10.0.0.2", true)]
    [InlineData("0", "1", "127.0.0.1", false)]
    public void Reuse_is_effective_only_with_timestamps_and_for_loopback_when_2(string reuse, string timestamps, string destination, bool expected)
    {
        _host.Set(KernelSettingCatalog.TcpTwReuse, reuse);
        _host.Set(KernelSettingCatalog.TcpTimestamps, timestamps);

        var finding = Assert.Single(Analyse([TimeWait("10.0.0.1", 40000, destination, 80)]).Findings);

        Assert.Equal(expected, finding.ReuseEffective);
    }

    [Fact]
    public void Pressure_is_per_destination_and_mapped_ipv6_shares_the_ipv4_port_space()
    {
        _host.Set(KernelSettingCatalog.IpLocalPortRange, "50000\t50009");
        _host.Set(KernelSettingCatalog.TcpTwReuse, "0");
        var sockets = Enumerable.Range(50000, 6).Select(p => TimeWait("10.0.0.1", p, "10.0.0.2", 80))
            .Append(Socket(TcpState.Established, "::ffff:10.0.0.1", 50007, "::ffff:10.0.0.2", 80))
            .Append(Socket(TcpState.Established, "10.0.0.1", 50000, "10.0.0.3", 80))
            .Append(Socket(TcpState.Established, "10.0.0.1", 50001, "10.0.0.2", 443))
            .Append(Socket(TcpState.Established, "10.0.0.1", 1234, "10.0.0.2", 80)); // bound outside the range

        var report = Analyse(sockets);

        var clients = report.Findings.Where(f => f.Side == ConnectionSide.Client).ToList();
        Assert.Equal(["10.0.0.2:443", "10.0.0.2:80", "10.0.0.3:80"], clients.Select(f => f.Destination).Order(StringComparer.Ordinal));
        var busiest = clients[0];
        Assert.Equal(("10.0.0.2:80", 7L, 6L, PortVerdict.Warning), (busiest.Destination, busiest.InUse, busiest.TimeWait, busiest.Verdict));
        Assert.Equal(PortVerdict.Warning, report.Verdict);
    }

    [Fact]
    public void Server_side_time_wait_is_reported_apart_and_never_as_exhaustion()
    {
        _host.Set(KernelSettingCatalog.IpLocalPortRange, "50000\t50000");
        var sockets = Enumerable.Range(0, 500).Select(i => TimeWait("10.0.0.1", 80, "10.0.0.9", 50000 + i)).Prepend(Listener("0.0.0.0", 80));

        var report = Analyse(sockets);

        Assert.Equal(PortVerdict.OK, report.Verdict);
        var server = Assert.Single(report.Findings);
        Assert.Equal((ConnectionSide.Server, 80, 500L, PortVerdict.OK), (server.Side, server.LocalPort!.Value, server.TimeWait, server.Verdict));
        Assert.Contains(server.Advice, a => a.Contains("keep connections alive"));
    }

    [Fact]
    public void Thresholds_decide_warning_and_critical()
    {
        _host.Set(KernelSettingCatalog.IpLocalPortRange, "50000\t50009");
        _host.Set(KernelSettingCatalog.TcpTwReuse, "0");
        var sockets = Enumerable.Range(50000, 3).Select(p => TimeWait("10.0.0.1", p, "10.0.0.2", 80)).ToList();

        Assert.Equal(PortVerdict.OK, Analyse(sockets).Verdict);
        Assert.Equal(PortVerdict.Warning, Analyse(sockets, new() { Thresholds = new(0.3, 0.9) }).Verdict);
        Assert.Equal(PortVerdict.Critical, Analyse(sockets, new() { Thresholds = new(0.1, 0.3) }).Verdict);
        Assert.NotNull(new ExhaustionThresholds(0.9, 0.5).Problem());
        Assert.NotNull(new ExhaustionThresholds(0, 0.5).Problem());
        Assert.Null(ExhaustionThresholds.Default.Problem());
    }

    [Fact]
    public void Sampling_measures_new_connections_and_projects_steady_state_time_wait()
    {
        _host.Set(KernelSettingCatalog.IpLocalPortRange, "40000\t40999");
        _host.Set(KernelSettingCatalog.TcpTwReuse, "0");
        var pooled = Socket(TcpState.Established, "10.0.0.1", 40999, "10.0.0.3", 5432);
        var before = Enumerable.Range(40000, 10).Select(p => TimeWait("10.0.0.1", p, "10.0.0.2", 80)).Append(pooled).ToList();
        // 20 more connections opened and closed during the sample; one was still open at the first snapshot.
        var still = Socket(TcpState.Established, "10.0.0.1", 40010, "10.0.0.2", 80);
        before.Add(still);
        var after = before.Where(s => s != still).Concat(Enumerable.Range(40010, 20).Select(p => TimeWait("10.0.0.1", p, "10.0.0.2", 80))).ToList();
        var source = new Changing(before, after);

        var report = PortExhaustionAnalysis.Run(source, Kernel(), new PortExhaustionOptions { SampleSeconds = 0.2 }, new RecordingOutput());

        var churn = report.Findings.Single(f => f.RemotePort == 80);
        var seconds = report.SampleSeconds!.Value;
        Assert.InRange(seconds, 0.2, 5);
        Assert.Equal(19 / seconds, churn.NewConnectionsPerSecond!.Value, 3);
        Assert.Equal(20 / seconds, churn.TimeWaitPerSecond!.Value, 3);
        Assert.Equal((long)Math.Ceiling(20 / seconds * 60), churn.ProjectedBlocking);
        Assert.Equal(1000 - churn.ProjectedBlocking, churn.Headroom);
        Assert.Equal(PortVerdict.Critical, churn.Verdict);
        Assert.NotNull(churn.TimeToExhaustion);
        Assert.Contains(churn.Advice, a => a.StartsWith("Reuse connections to 10.0.0.2:80"));

        var calm = report.Findings.Single(f => f.RemotePort == 5432);
        Assert.Equal((0.0, 0.0, 1L, PortVerdict.OK), (calm.NewConnectionsPerSecond, calm.TimeWaitPerSecond, calm.ProjectedBlocking, calm.Verdict));
        Assert.Null(calm.TimeToExhaustion);
        Assert.Empty(calm.Advice);
    }

    [Fact]
    public void No_advice_ever_mentions_tcp_tw_recycle()
    {
        _host.Set(KernelSettingCatalog.IpLocalPortRange, "50000\t50001");
        foreach (var reuse in new[] { "0", "1", "2" })
        {
            _host.Set(KernelSettingCatalog.TcpTwReuse, reuse);
            var report = Analyse([TimeWait("10.0.0.1", 50000, "10.0.0.2", 80), TimeWait("10.0.0.1", 50001, "10.0.0.2", 80), Listener("0.0.0.0", 80), TimeWait("10.0.0.1", 80, "10.0.0.7", 3333)]);
            Assert.NotEmpty(report.Findings.SelectMany(f => f.Advice));
            Assert.DoesNotContain(report.Findings.SelectMany(f => f.Advice), a => a.Contains("recycle", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Policies_named_in_advice_exist_and_do_what_the_advice_says()
    {
        var twReuse = PolicyLoaderFor(ShippedPolicies.TwReuse);
        Assert.Equal("1", twReuse.Settings.Single(s => s.Key == KernelSettingCatalog.TcpTwReuse).Value);
        Assert.DoesNotContain(twReuse.Settings, s => s.Key == KernelSettingCatalog.IpLocalPortRange);
        var busy = PolicyLoaderFor(ShippedPolicies.BusyClient);
        Assert.Equal(ShippedPolicies.BusyClientRange, busy.Settings.Single(s => s.Key == KernelSettingCatalog.IpLocalPortRange).Value);
    }

    [Fact]
    public void Bad_thresholds_and_sample_lengths_are_input_errors_naming_the_option()
    {
        var host = new RecordingOutput();
        var source = RecordedSocketSource.FromRecords([]);

        var thresholds = Assert.Throws<Engine.Diagnostics.TwOperationException>(() =>
            PortExhaustionAnalysis.Run(source, Kernel(), new PortExhaustionOptions { Thresholds = new(0.9, 0.5) }, host));
        var sample = Assert.Throws<Engine.Diagnostics.TwOperationException>(() =>
            PortExhaustionAnalysis.Run(source, Kernel(), new PortExhaustionOptions { SampleSeconds = -1 }, host));

        Assert.Equal((Engine.Diagnostics.TwErrorIds.Input.InvalidThreshold, "warning/critical", true), (thresholds.Primary.Id, thresholds.Primary.Field, thresholds.IsInputError));
        Assert.Equal(("sample-seconds", true), (sample.Primary.Field, sample.IsInputError));
    }

    [Fact]
    public void Time_wait_overflow_since_boot_is_a_warning()
    {
        Directory.CreateDirectory(_host.Paths.Proc("net"));
        File.WriteAllText(_host.Paths.Proc("net/netstat"), "TcpExt: SyncookiesSent TCPTimeWaitOverflow\nTcpExt: 0 17\n");
        var host = new RecordingOutput();

        PortExhaustionAnalysis.Run(RecordedSocketSource.FromRecords([]), Kernel(), new PortExhaustionOptions(), host);

        var warning = Assert.Single(host.Warnings);
        Assert.Equal(Engine.Diagnostics.TwErrorIds.Ports.TimeWaitOverflow, warning.Id);
        Assert.Contains("17 times", warning.Message);
    }

    // Advice names shipped policies, which both front ends find by name in their policies/ folder.
    private static Engine.Policy.TwPolicy PolicyLoaderFor(string name) =>
        Engine.Policy.PolicyLoader.Load(Path.Combine(AppContext.BaseDirectory, "policies", name + ".yaml")).GetPolicyOrThrow();
}
