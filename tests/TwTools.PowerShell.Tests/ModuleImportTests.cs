using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;

namespace TwTools.PowerShell.Tests;

/// <summary>
/// Import-Module in a real PowerShell runspace after another module that ships an older YamlDotNet
/// (as powershell-yaml does) has loaded it: TwTools must still read policies with its own copy, and the
/// other module must keep its own.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class ModuleImportTests
{
    [Fact]
    public void TwTools_reads_policies_with_its_own_YamlDotNet_next_to_a_module_that_loaded_an_older_one()
    {
        var other = OtherYamlModule();
        using var pwsh = new InProcessPowerShell(importModule: false);
        pwsh.Invoke("Import-Module $args[0] -ErrorAction Stop", other).ThrowOnError();
        pwsh.Invoke("Import-Module $args[0] -ErrorAction Stop", ModuleUnderTest.Manifest).ThrowOnError();

        var states = pwsh.Invoke("Get-TwKernelPolicy -Path $args[0]", ModuleUnderTest.Policy("busy-client")).ThrowOnError().Output;
        Assert.Contains(states, s => (string)s.Properties["Key"].Value == "net.ipv4.tcp_tw_reuse" && s.Properties["Expected"].Value is not null);

        var yamls = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "YamlDotNet").ToList();
        var ours = Assert.Single(yamls, a => AssemblyLoadContext.GetLoadContext(a)!.Name == "TwTools");
        Assert.Equal(16, ours.GetName().Version!.Major);
        Assert.Equal(Path.Combine(ModuleUnderTest.Folder, "dependencies", "YamlDotNet.dll"), ours.Location);
        var theirs = Assert.Single(yamls, a => AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default);
        Assert.Equal(11, theirs.GetName().Version!.Major);

        // The other module's type still resolves to its own copy from a script.
        var version = pwsh.Invoke("[YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version.Major").ThrowOnError().Output.Single();
        Assert.Equal(11, (int)version.BaseObject);
    }

    // A module folder whose manifest loads a YamlDotNet 11 (what an older powershell-yaml ships).
    private static string OtherYamlModule()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-other-yaml-" + Guid.NewGuid().ToString("N")[..8], "OtherYaml")).FullName;
        var builder = new PersistedAssemblyBuilder(new AssemblyName("YamlDotNet") { Version = new Version(11, 0, 0, 0) }, typeof(object).Assembly);
        builder.DefineDynamicModule("YamlDotNet").DefineType("YamlDotNet.Serialization.Deserializer", TypeAttributes.Public).CreateType();
        builder.Save(Path.Combine(folder, "YamlDotNet.dll"));
        File.WriteAllText(Path.Combine(folder, "OtherYaml.psd1"), "@{ ModuleVersion = '1.0'; GUID = '0b7f5a5e-1b2c-4d3e-8f90-a1b2c3d4e5f6'; RequiredAssemblies = @('YamlDotNet.dll') }");
        return Path.Combine(folder, "OtherYaml.psd1");
    }
}
