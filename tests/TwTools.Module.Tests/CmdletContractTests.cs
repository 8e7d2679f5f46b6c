using System.Reflection;

namespace TwTools.Module.Tests;

/// <summary>What a PowerShell maintainer checks first, read from the built module's metadata.</summary>
public sealed class CmdletContractTests : IDisposable
{
    // Verbs whose cmdlets change the system: they must support -WhatIf and -Confirm (Export writes a file, as Export-Csv does).
    private static readonly string[] ChangingVerbs =
    [
        "Add", "Clear", "Copy", "Disable", "Enable", "Export", "Install", "Move", "New", "Publish", "Register", "Remove", "Rename",
        "Reset", "Restart", "Set", "Start", "Stop", "Uninstall", "Unregister", "Update", "Write",
    ];

    private readonly ModuleTypes _types = new();

    [Fact]
    public void The_module_has_the_eight_cmdlets()
    {
        Assert.Equal(
            ["ConvertTo-TwPrometheus", "Export-TwPrometheus", "Get-TcpSocketState", "Get-TwKernelPolicy", "Remove-TwPolicy", "Set-TwPolicy", "Test-PortExhaustion", "Test-TwPolicy"],
            _types.Cmdlets.Select(ModuleTypes.CommandName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb()
    {
        // The approved verbs are the constants of System.Management.Automation's Verbs* classes (what Get-Verb lists).
        var approved = _types.Automation.GetExportedTypes().Where(t => t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        Assert.Contains("Get", approved);
        Assert.DoesNotContain("Apply", approved);
        Assert.All(_types.Cmdlets, c => Assert.Contains(ModuleTypes.CommandName(c).Split('-')[0], approved));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_types_and_they_exist()
    {
        foreach (var cmdlet in _types.Cmdlets)
        {
            var outputs = ModuleTypes.Attributes(cmdlet, "OutputTypeAttribute").ToList();
            Assert.True(outputs.Count > 0, $"{ModuleTypes.CommandName(cmdlet)} has no [OutputType]");
            Assert.All(outputs, o => Assert.IsAssignableFrom<System.Collections.IEnumerable>(o.ConstructorArguments[0].Value));
        }
    }

    [Fact]
    public void Cmdlets_that_change_a_host_support_ShouldProcess_and_the_others_do_not_pretend_to()
    {
        foreach (var cmdlet in _types.Cmdlets)
        {
            var name = ModuleTypes.CommandName(cmdlet);
            var supports = ModuleTypes.Named<bool>(ModuleTypes.Attribute(cmdlet, "CmdletAttribute")!, "SupportsShouldProcess");
            Assert.True(supports == ChangingVerbs.Contains(name.Split('-')[0]), $"{name}: SupportsShouldProcess is {supports}");
        }
    }

    [Theory]
    // -Path never by value: any piped object (a CSV row, a PSSession) would become a policy path.
    [InlineData("Set-TwPolicy", "Path", true, false, true, "PolicyCompleter")]
    [InlineData("Test-TwPolicy", "Path", true, false, true, "PolicyCompleter")]
    [InlineData("Get-TwKernelPolicy", "Path", false, false, true, "PolicyCompleter")]
    [InlineData("Get-TwKernelPolicy", "Key", false, false, false, "SysctlKeyCompleter")]
    [InlineData("Get-TcpSocketState", "State", false, false, true, "SocketStateCompleter")]
    [InlineData("Get-TcpSocketState", "Summary", true, false, false, null)]
    [InlineData("Test-PortExhaustion", "SampleSeconds", false, false, false, null)]
    public void Parameters_bind_as_documented(string command, string parameter, bool mandatory, bool byValue, bool byPropertyName, string? completer)
    {
        var property = Parameter(command, parameter);
        var attribute = ModuleTypes.Attribute(property, "ParameterAttribute")!;
        Assert.Equal(mandatory, ModuleTypes.Named<bool>(attribute, "Mandatory"));
        Assert.Equal(byValue, ModuleTypes.Named<bool>(attribute, "ValueFromPipeline"));
        Assert.Equal(byPropertyName, ModuleTypes.Named<bool>(attribute, "ValueFromPipelineByPropertyName"));
        Assert.Equal(completer, (ModuleTypes.Attribute(property, "ArgumentCompleterAttribute")?.ConstructorArguments[0].Value as Type)?.Name);
    }

    [Fact]
    public void Every_cmdlet_that_reads_a_host_takes_hosts_from_the_pipeline_by_property_name_like_Invoke_Command()
    {
        // The Prometheus cmdlets read no host: they convert what the others returned.
        foreach (var cmdlet in _types.Cmdlets.Where(c => !ModuleTypes.CommandName(c).EndsWith("-TwPrometheus", StringComparison.Ordinal)))
        {
            var name = ModuleTypes.CommandName(cmdlet);
            foreach (var parameter in new[] { "HostName", "Session" })
            {
                var attribute = ModuleTypes.Attribute(Parameter(name, parameter), "ParameterAttribute")!;
                Assert.True(ModuleTypes.Named<bool>(attribute, "ValueFromPipelineByPropertyName"), $"{name} -{parameter}");
            }

            // A piped PSSession itself binds to -Session (Get-PSSession | Test-TwPolicy p).
            Assert.True(ModuleTypes.Named<bool>(ModuleTypes.Attribute(Parameter(name, "Session"), "ParameterAttribute")!, "ValueFromPipeline"), $"{name} -Session by value");
            var aliases = (IEnumerable<CustomAttributeTypedArgument>)ModuleTypes.Attribute(Parameter(name, "HostName"), "AliasAttribute")!.ConstructorArguments[0].Value!;
            Assert.Contains("ComputerName", aliases.Select(a => (string)a.Value!));
            Assert.NotNull(Parameter(name, "ThrottleLimit"));
        }
    }

    [Fact]
    public void No_public_type_of_the_module_needs_the_engine_to_load()
    {
        // pwsh lists a binary module's public types on import, possibly before the module's initializer has
        // set up the load context the engine lives in. Loading a type loads its base types, interfaces and
        // the types of its value-type fields (a Nullable<engine enum> parameter's backing field, say).
        foreach (var type in _types.Module.GetExportedTypes())
        {
            var fields = Ancestry(type).Prepend(type)
                .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                .Select(f => f.FieldType).Where(t => t.IsValueType);
            var needed = Ancestry(type).Concat(type.GetInterfaces()).Concat(fields).SelectMany(t => t.IsGenericType ? t.GetGenericArguments().Prepend(t) : [t]);
            Assert.DoesNotContain(needed, t => t.Assembly.GetName().Name == "TwTools.Engine");
        }
    }

    public void Dispose() => _types.Dispose();

    private static IEnumerable<Type> Ancestry(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            yield return t;
        }
    }

    private PropertyInfo Parameter(string command, string name)
    {
        var cmdlet = _types.Cmdlets.Single(c => ModuleTypes.CommandName(c) == command);
        var property = cmdlet.GetProperty(name);
        Assert.True(property is not null && ModuleTypes.Attribute(property, "ParameterAttribute") is not null, $"{command} has no parameter -{name}");
        return property!;
    }
}
