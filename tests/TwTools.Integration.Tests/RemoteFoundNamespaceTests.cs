using TwTools.Engine.Diagnostics;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;
using TwTools.Engine.Policy;
using TwTools.Engine.Remote;
using TwTools.Engine.Tests;

namespace TwTools.Integration.Tests;

/// <summary>
/// A namespace a remote host's own listing found (--all-netns, --container) that goes away before it is read or
/// changed: its container stopped, which is news (a warning), as on this machine, and never a failed run.
/// </summary>
public class RemoteFoundNamespaceTests
{
    [Fact]
    public void A_found_namespace_that_is_gone_before_the_read_or_the_apply_is_a_warning_not_an_error()
    {
        using var host = new TestNamespace();
        var victims = new[] { new TestNamespace(), new TestNamespace() };
        try
        {
            var transport = new NamespaceShellTransport(host);
            var listing = new RemoteKernelHost(transport, elevate: false).Discover(default);
            var targets = victims.Select(v => new RemoteKernelHost(transport, elevate: false).WithNamespace(listing.Namespaces.Single(n => n.Label == $"netns:{v.Name}"))).ToList();

            victims[0].Dispose();
            var read = Assert.Throws<TwOperationException>(() => targets[0].ReadKernel(default));
            Assert.Equal((TwErrorIds.Namespace.Gone, false), (read.Primary.Id, read.Primary.IsError));
            Assert.Contains($"netns:{victims[0].Name}", read.Primary.Message);

            // Read for the plan, then gone before the apply program runs there.
            transport.BeforeApply = victims[1].Dispose;
            var policy = PolicyLoader.Load(Cli.Policy("busy-client")).Policy!;
            var apply = Assert.Throws<TwOperationException>(() => PolicyApplyOperation.Run(targets[1], policy, new ApplyOptions(), (_, _) => true, new RecordingOutput()));
            Assert.Equal((TwErrorIds.Namespace.Gone, false), (apply.Primary.Id, apply.Primary.IsError));
        }
        finally
        {
            Array.ForEach(victims, v => v.Dispose());
        }
    }
}
