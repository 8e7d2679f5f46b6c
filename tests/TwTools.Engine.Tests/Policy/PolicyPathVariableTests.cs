using TwTools.Engine.Policy;
using Xunit;

namespace TwTools.Engine.Tests.Policy;

/// <summary>TWTOOLS_POLICY_PATH is process-wide: set only while no other test runs (<see cref="ProcessWide"/>).</summary>
[Collection(ProcessWide.Name)]
public sealed class PolicyPathVariableTests
{
    [Fact]
    public void The_installed_library_reads_TWTOOLS_POLICY_PATH_before_its_own_folder()
    {
        var before = Environment.GetEnvironmentVariable(PolicyLibrary.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(PolicyLibrary.PathVariable, "/a:/b");
            Assert.Equal(["/a", "/b", "/opt/tw/policies"], PolicyLibrary.ForInstallation("/opt/tw").Directories);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PolicyLibrary.PathVariable, before);
        }
    }
}
