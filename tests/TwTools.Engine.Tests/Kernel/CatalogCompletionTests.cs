using TwTools.Engine.Kernel;
using Xunit;

namespace TwTools.Engine.Tests.Kernel;

public class CatalogCompletionTests
{
    [Fact]
    public void Keys_complete_by_prefix_first_then_by_any_part()
    {
        Assert.Equal(["net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_tw_reuse_delay", "net.ipv4.tcp_tw_recycle"], KernelSettingCatalog.CompletionsFor("net.ipv4.tcp_tw_re"));
        Assert.Equal(["net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_tw_reuse_delay", "net.ipv4.ip_autobind_reuse"], KernelSettingCatalog.CompletionsFor("REUSE"));
        Assert.Equal(KernelSettingCatalog.All.Count, KernelSettingCatalog.CompletionsFor(string.Empty).Count());
        Assert.Empty(KernelSettingCatalog.CompletionsFor("vm.swappiness"));
    }
}
