using System.Management.Automation;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;

namespace TwTools.Module.Tests;

/// <summary>
/// Imports the module's assembly as pwsh does (Assembly.LoadFrom into the default context, public
/// types listed, then the module initializer) in a process where another module already loaded a
/// different YamlDotNet, as powershell-yaml does, and reads a policy through the engine.
/// This is the one test here that runs module code; it is alone in its collection.
/// </summary>
[Collection(nameof(LoadContextTests))]
public sealed class LoadContextTests
{
    [Fact]
    public void The_engine_reads_policies_with_its_own_YamlDotNet_next_to_another_modules_copy()
    {
        var other = LoadOtherModulesYamlDotNet();
        var module = Assembly.LoadFrom(ModuleFolder.ModuleAssembly);

        // pwsh may list the public types before the initializer runs; that must not need the engine.
        Assert.Contains(module.GetExportedTypes(), t => t.Name == "SetTwPolicyCommand");
        var initializer = (IModuleAssemblyInitializer)Activator.CreateInstance(module.GetType("TwTools.PowerShell.Loading.TwToolsModuleInitializer", throwOnError: true)!)!;
        initializer.OnImport();
        try
        {
            var loader = Type.GetType("TwTools.Engine.Policy.PolicyLoader, TwTools.Engine", throwOnError: true)!;
            var result = loader.GetMethod("Load")!.Invoke(null, [Path.Combine(ModuleFolder.Path, "policies", "busy-client.yaml")])!;
            var policy = result.GetType().GetProperty("Policy")!.GetValue(result);
            Assert.NotNull(policy);
            Assert.Equal("busy-client", policy!.GetType().GetProperty("Name")!.GetValue(policy));

            var engineContext = AssemblyLoadContext.GetLoadContext(loader.Assembly)!;
            Assert.Equal("TwTools", engineContext.Name);
            var yaml = Assert.Single(engineContext.Assemblies, a => a.GetName().Name == "YamlDotNet");
            Assert.True(yaml.GetName().Version!.Major >= 16, yaml.GetName().Version!.ToString());
            Assert.Equal(Path.Combine(ModuleFolder.Dependencies, "YamlDotNet.dll"), yaml.Location);
            Assert.Same(other, Assert.Single(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "YamlDotNet"));
        }
        finally
        {
            ((IModuleAssemblyCleanup)initializer).OnRemove(null!);
        }
    }

    // A YamlDotNet 11 (what an older powershell-yaml ships) already in the default context.
    private static Assembly LoadOtherModulesYamlDotNet()
    {
        var path = Path.Combine(Path.GetTempPath(), "twtools-other-yaml-" + Guid.NewGuid().ToString("N")[..8], "YamlDotNet.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var builder = new PersistedAssemblyBuilder(new AssemblyName("YamlDotNet") { Version = new Version(11, 0, 0, 0) }, typeof(object).Assembly);
        builder.DefineDynamicModule("YamlDotNet").DefineType("YamlDotNet.Serialization.Deserializer", TypeAttributes.Public).CreateType();
        builder.Save(path);
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
