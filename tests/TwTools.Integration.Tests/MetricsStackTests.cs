namespace TwTools.Integration.Tests;

/// <summary>
/// The seed scenario watched by the monitoring people already run: twtools writes the textfile,
/// node_exporter serves it, Prometheus scrapes it and evaluates the shipped alerting rules. Exhaustion
/// shows in Prometheus and ExhaustionCritical fires; after the tw-reuse baseline both clear.
/// </summary>
public sealed class MetricsStackTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void An_exhausted_destination_fires_ExhaustionCritical_in_Prometheus_and_the_tw_reuse_baseline_clears_it()
    {
        using var net = new TestNetwork();
        net.Client.Set("net.ipv4.ip_local_port_range", "50000 50000");
        net.Client.Set("net.ipv4.tcp_tw_reuse", "0");
        using var serving = PeerProcess.Start(net.Server, waitForReady: true, "serve", TestNetwork.ServerV4, "8080");
        var scratch = Directory.CreateTempSubdirectory("twtools-rules-").FullName;
        try
        {
            using var stack = new MonitoringStack(net.Client, TestNetwork.ClientV4, net.Server, MonitoringStack.RulesWithoutWaiting(scratch));
            void Sample()
            {
                var run = net.Client.Exec(Cli.Command("exhaustion", "--textfile-dir", stack.TextfileDirectory));
                Assert.True(run.ExitCode is 0 or 1, run.ToString());
            }

            Assert.Equal("ok 1", PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV4, "8080", "1").StdOut.Trim());
            Assert.Equal("error AddressNotAvailable after 0", PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV4, "8080", "1").StdOut.Trim());
            Sample();

            var severity = stack.WaitFor("twtools_destination_severity{address=\"10.77.0.2\",port=\"8080\"}", Patience);
            Assert.Equal(3, MonitoringStack.Value(Assert.Single(severity)));
            var firing = stack.WaitFor("ALERTS{alertname=\"ExhaustionCritical\",alertstate=\"firing\",address=\"10.77.0.2\"}", Patience);
            Assert.Contains("severity=\"critical\"", Assert.Single(firing));
            stack.WaitFor("ALERTS{alertname=\"TimeWaitReuseIneffective\",alertstate=\"firing\"}", Patience);
            // node_exporter's own view of the same host agrees that a socket sits in TIME_WAIT.
            Assert.True(MonitoringStack.Value(Assert.Single(stack.Query("node_sockstat_TCP_tw"))) >= 1);

            var apply = net.Client.Exec(Cli.Command("apply", "--policy", Cli.Policy("tw-reuse")));
            Assert.True(apply.ExitCode == 0, apply.ToString());
            Thread.Sleep(1200); // connect() takes over a TIME_WAIT port once it is older than tcp_tw_reuse_delay (1 s)
            Assert.Equal("ok 1", PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV4, "8080", "1").StdOut.Trim());
            Thread.Sleep(1200); // and the new TIME_WAIT port is free for the next connect() once it is that old
            Sample();

            stack.WaitForNone("ALERTS{alertname=\"ExhaustionCritical\",alertstate=\"firing\"}", Patience);
            stack.WaitForNone("ALERTS{alertname=\"TimeWaitReuseIneffective\",alertstate=\"firing\"}", Patience);
            Assert.Equal(0, MonitoringStack.Value(Assert.Single(stack.Query("twtools_destination_severity{address=\"10.77.0.2\",port=\"8080\"}"))));
            Assert.Equal(1, MonitoringStack.Value(Assert.Single(stack.Query("twtools_destination_reuse_effective{address=\"10.77.0.2\"}"))));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
