using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.Namespaces;
using TwTools.Engine.Operations;

namespace TwTools.Integration.Tests;

/// <summary>
/// Entering a namespace inside this process: threads born of the one that entered stay in its namespace, so TwTools
/// enters on a thread that starts nothing; these tests hold it to leaving every other thread where it was.
/// </summary>
public class NamespaceEntryTests
{
    [Fact]
    public async Task After_reading_another_namespace_no_thread_of_this_process_is_left_in_it()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_fin_timeout", "39");
        var home = NamespaceInode.Current();
        var target = NamespaceTargets.OnThisMachine(new NamespaceSelection { Names = [ns.Name] }, new Quiet()).Single();
        KernelPolicyQuery.Run(target, null, new Quiet());
        var inside = ((IKernelHost)target).ReadKernel(CancellationToken.None);

        // Many blocking work items at once make the pool start new threads: none may be born inside the namespace.
        var seen = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
        {
            Thread.Sleep(20);
            return NamespaceInode.Current();
        })));

        Assert.Equal("39", inside.RuntimeValue("net.ipv4.tcp_fin_timeout"));
        Assert.All(seen, inode => Assert.Equal(home, inode));
        Assert.Equal(home, NamespaceInode.Current());
        target.Dispose();
        Assert.DoesNotContain(System.Diagnostics.Process.GetCurrentProcess().Threads.Cast<System.Diagnostics.ProcessThread>(),
            t => NamespaceInode.Of($"/proc/self/task/{t.Id}/ns/net") is var inode && inode >= 0 && inode != home);
    }

    [Theory]
    [InlineData(false, TwSeverity.Error)]
    [InlineData(true, TwSeverity.Warning)]
    public void A_namespace_gone_before_it_is_read_is_its_own_error_or_for_all_netns_a_warning(bool found, TwSeverity severity)
    {
        using var ns = new TestNamespace();
        var sleeper = PeerProcess.StartCommand(ns, "sleep", "60");
        var named = NamespaceDiscovery.OfProcess(sleeper.Pid, CancellationToken.None);
        using var target = new NamespaceKernelHost(new NetworkNamespace { Inode = named.Inode, Label = named.Label, Kind = named.Kind, Path = named.Path }) { Found = found };
        sleeper.Dispose();

        var error = Assert.Throws<TwOperationException>(() => ((IKernelHost)target).ReadKernel(CancellationToken.None));

        Assert.Equal((TwErrorIds.Namespace.Gone, severity), (error.Primary.Id, error.Primary.Severity));
        Assert.Contains("stopped", error.Primary.Message);
    }

    private sealed class Quiet : IEngineOutput
    {
        public CancellationToken Cancellation => CancellationToken.None;

        public void WriteWarning(TwDiagnostic warning)
        {
        }

        public void WriteVerbose(string message)
        {
        }

        public void WriteInformation(string message)
        {
        }

        public void WriteError(TwDiagnostic error)
        {
        }
    }
}
