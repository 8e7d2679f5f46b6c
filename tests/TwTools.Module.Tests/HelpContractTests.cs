using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TwTools.Module.Tests;

/// <summary>
/// The help users get from Get-Help, read from the built folder and held against the cmdlets' own
/// metadata; independent of the code that wrote it, so a defect in the help build shows up here.
/// </summary>
public sealed partial class HelpContractTests : IDisposable
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly string[] Common =
    [
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    ];

    private readonly ModuleTypes _types = new();
    private readonly XDocument _maml = XDocument.Load(Path.Combine(ModuleFolder.Path, "en-US", "TwTools.PowerShell.dll-Help.xml"));

    private Dictionary<string, XElement> Commands => _maml.Root!.Elements(Command + "command")
        .ToDictionary(c => c.Element(Command + "details")!.Element(Command + "name")!.Value);

    [Fact]
    public void The_help_file_sits_where_PowerShell_looks_for_a_binary_module_s_help_and_covers_every_cmdlet()
    {
        Assert.Equal("helpItems", _maml.Root!.Name.LocalName);
        Assert.Equal("maml", (string?)_maml.Root.Attribute("schema"));
        Assert.Equal(_types.Cmdlets.Select(ModuleTypes.CommandName).Order(StringComparer.Ordinal), Commands.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_cmdlet_has_a_synopsis_a_description_two_examples_with_remarks_and_its_output_types()
    {
        foreach (var cmdlet in _types.Cmdlets)
        {
            var name = ModuleTypes.CommandName(cmdlet);
            var help = Commands[name];
            Assert.False(string.IsNullOrWhiteSpace(help.Element(Command + "details")!.Element(Maml + "description")?.Value), $"{name}: synopsis");
            Assert.False(string.IsNullOrWhiteSpace(help.Element(Maml + "description")?.Value), $"{name}: description");
            var examples = help.Descendants(Command + "example").ToList();
            Assert.True(examples.Count >= 2, $"{name}: {examples.Count} examples");
            Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Element(Dev + "code")?.Value) || string.IsNullOrWhiteSpace(e.Element(Dev + "remarks")?.Value), name));
            var declared = ModuleTypes.Attributes(cmdlet, "OutputTypeAttribute")
                .SelectMany(a => (IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(t => ((Type)t.Value!).FullName!);
            var documented = help.Descendants(Command + "returnValue").Select(r => r.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(declared.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Every_parameter_is_described_once_with_its_real_type_and_binding_and_no_other_is()
    {
        foreach (var cmdlet in _types.Cmdlets)
        {
            var name = ModuleTypes.CommandName(cmdlet);
            var documented = Commands[name].Element(Command + "parameters")!.Elements(Command + "parameter").ToDictionary(p => p.Element(Maml + "name")!.Value);
            var parameters = Parameters(cmdlet).ToList();
            // A cmdlet that changes a host also shows -WhatIf and -Confirm, as PowerShell adds them.
            var shouldProcess = ModuleTypes.Named<bool>(ModuleTypes.Attribute(cmdlet, "CmdletAttribute")!, "SupportsShouldProcess") ? new[] { "Confirm", "WhatIf" } : [];
            Assert.Equal(parameters.Select(p => p.Name).Concat(shouldProcess).Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
            foreach (var added in shouldProcess)
            {
                Assert.All(Commands[name].Element(Command + "syntax")!.Elements(Command + "syntaxItem"),
                    item => Assert.Contains(added, item.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value)));
            }

            foreach (var parameter in parameters)
            {
                var help = documented[parameter.Name];
                Assert.False(string.IsNullOrWhiteSpace(help.Element(Maml + "description")?.Value), $"{name} -{parameter.Name}");
                Assert.Equal(parameter.PropertyType.FullName, help.Element(Dev + "type")!.Element(Maml + "name")!.Value);
                var attribute = ModuleTypes.Attribute(parameter, "ParameterAttribute")!;
                var (byValue, byName) = (ModuleTypes.Named<bool>(attribute, "ValueFromPipeline"), ModuleTypes.Named<bool>(attribute, "ValueFromPipelineByPropertyName"));
                Assert.Equal(byValue || byName, ((string)help.Attribute("pipelineInput")!).StartsWith("True", StringComparison.Ordinal));
                Assert.Equal(ModuleTypes.Named<bool>(attribute, "Mandatory"), (string)help.Attribute("required")! == "true");
                var position = attribute.NamedArguments.Where(a => a.MemberName == "Position").Select(a => a.TypedValue.Value!.ToString()).FirstOrDefault();
                Assert.Equal(position ?? "named", (string)help.Attribute("position")!);
                Assert.Equal(Strings(parameter, "AliasAttribute").DefaultIfEmpty("none"), ((string)help.Attribute("aliases")!).Split(", "));
                Assert.Equal(ModuleTypes.Attribute(parameter, "SupportsWildcardsAttribute") is not null, (string)help.Attribute("globbing")! == "true");
                Assert.Equal(Strings(parameter, "ValidateSetAttribute"), help.Elements(Command + "parameterValueGroup").Elements(Command + "parameterValue").Select(v => v.Value));
                if (ModuleTypes.Attribute(parameter, "PSDefaultValueAttribute") is { } declared)
                {
                    var value = declared.NamedArguments.Where(a => a.MemberName is "Value" or "Help").Select(a => Convert.ToString(a.TypedValue.Value, System.Globalization.CultureInfo.InvariantCulture)).First();
                    Assert.Equal((name, parameter.Name, value), (name, parameter.Name, help.Element(Dev + "defaultValue")!.Value));
                }
            }
        }
    }

    [Fact]
    public void The_syntax_has_one_line_per_parameter_set_with_its_mandatory_parameters()
    {
        var syntax = Commands["Get-TcpSocketState"].Element(Command + "syntax")!.Elements(Command + "syntaxItem")
            .Select(s => s.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value + ((string)p.Attribute("required")! == "true" ? "!" : "")).ToList())
            .ToList();
        // Live hosts or a capture, each as a list or a summary.
        Assert.Equal(4, syntax.Count);
        Assert.Contains("IncludeProcess", syntax[0]);
        Assert.DoesNotContain(syntax[0], p => p.StartsWith("Summary", StringComparison.Ordinal));
        Assert.Single(syntax, s => s.Contains("IncludeProcess"));
        Assert.Equal(2, syntax.Count(s => s.Contains("Summary!")));
        Assert.Equal(2, syntax.Count(s => s.Contains("Path!")));
        Assert.All(syntax.Where(s => s.Contains("Path!")), s => Assert.DoesNotContain("HostName", s));
        Assert.All(syntax.Where(s => !s.Contains("Path!")), s => Assert.Contains("HostName", s));
        Assert.Equal("State", syntax[0][0]);
    }

    [Fact]
    public void Examples_pass_only_parameters_the_cmdlets_they_call_have()
    {
        var accepted = _types.Cmdlets.ToDictionary(ModuleTypes.CommandName, c => Parameters(c)
            .SelectMany(p => Strings(p, "AliasAttribute").Append(p.Name))
            .Concat(Common)
            .Concat(ModuleTypes.Named<bool>(ModuleTypes.Attribute(c, "CmdletAttribute")!, "SupportsShouldProcess") ? ["WhatIf", "Confirm"] : [])
            .ToHashSet(StringComparer.OrdinalIgnoreCase));
        var checkedUses = 0;
        foreach (var code in _maml.Descendants(Dev + "code").Select(c => c.Value.Replace("`\n", " ", StringComparison.Ordinal)))
        {
            // Each pipeline element that starts with a TwTools cmdlet, up to the next '|' or line end.
            foreach (Match call in Call().Matches(code).Where(m => accepted.ContainsKey(m.Groups["cmd"].Value)))
            {
                foreach (Match parameter in ParameterToken().Matches(call.Groups["args"].Value))
                {
                    checkedUses++;
                    Assert.True(accepted[call.Groups["cmd"].Value].Contains(parameter.Groups["name"].Value), $"{call.Value}: -{parameter.Groups["name"].Value}");
                }
            }
        }

        Assert.True(checkedUses >= 20, $"only {checkedUses} parameters were found in the examples; the scan is broken");
    }

    [Fact]
    public void About_topics_exist_list_their_short_description_on_line_5_and_fit_80_columns()
    {
        foreach (var topic in new[] { "about_TwTools", "about_TwTools_Policy" })
        {
            var lines = File.ReadAllLines(Path.Combine(ModuleFolder.Path, "en-US", topic + ".help.txt"));
            Assert.Equal(["TOPIC", "    " + topic, "", "SHORT DESCRIPTION"], lines[..4]);
            Assert.False(string.IsNullOrWhiteSpace(lines[4]));
            Assert.Equal("LONG DESCRIPTION", lines[6]);
            Assert.All(lines, l => Assert.True(l.Length <= 80, $"{topic}: {l}"));
        }
    }

    [Fact]
    public void The_policy_topic_names_every_key_the_schema_accepts()
    {
        var topic = File.ReadAllText(Path.Combine(ModuleFolder.Path, "en-US", "about_TwTools_Policy.help.txt"));
        var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(ModuleFolder.Path, "policies", "twtools-policy.schema.json")));
        var keys = schema.RootElement.GetProperty("properties").GetProperty("spec").GetProperty("properties").GetProperty("settings").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(keys.Count >= 9);
        Assert.All(keys, k => Assert.Contains(k, topic));
    }

    [Fact]
    public void Help_that_names_the_shipped_policies_names_each_of_them()
    {
        var shipped = Directory.GetFiles(Path.Combine(ModuleFolder.Path, "policies"), "*.yaml").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.True(shipped.Count >= 4);
        var topic = File.ReadAllText(Path.Combine(ModuleFolder.Path, "en-US", "about_TwTools_Policy.help.txt"));
        var setHelp = Commands["Set-TwPolicy"].Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Path").Value;
        Assert.All(shipped, name => Assert.Contains($"`{name}`", topic));
        Assert.All(shipped, name => Assert.Contains($"`{name}`", setHelp));
    }

    [Fact]
    public void Every_error_id_the_help_names_is_one_the_engine_raises()
    {
        var ids = _types.ErrorIds();
        var text = string.Join('\n', Directory.GetFiles(Path.Combine(ModuleFolder.Path, "en-US")).Select(File.ReadAllText));
        var named = ErrorId().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(named.Count >= 15, string.Join(", ", named));
        Assert.All(named, id => Assert.Contains(id, ids));
    }

    [Theory]
    [InlineData("Set-TwPolicy", "LockTimeoutSeconds", "30")]
    [InlineData("Remove-TwPolicy", "LockTimeoutSeconds", "30")]
    [InlineData("Get-TwKernelPolicy", "ThrottleLimit", "32")]
    [InlineData("Test-TwPolicy", "TimeoutSeconds", "120")]
    [InlineData("Test-PortExhaustion", "WarningThreshold", "0.5")]
    [InlineData("Test-PortExhaustion", "CriticalThreshold", "0.8")]
    [InlineData("Get-TcpSocketState", "Source", "Automatic")]
    [InlineData("Export-TwPrometheus", "Top", "20")]
    public void Defaults_show_the_value_a_left_out_parameter_has(string command, string parameter, string value)
    {
        var help = Commands[command].Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == parameter);
        Assert.Equal(value, help.Element(Dev + "defaultValue")!.Value);
    }

    [Fact]
    public void Help_names_nothing_that_only_a_checkout_has()
    {
        // Install-PSResource brings the module folder only: no README, no deploy/, no ./policies beside the caller.
        var text = _maml.ToString() + string.Concat(Directory.GetFiles(Path.Combine(ModuleFolder.Path, "en-US"), "about_*.txt").Select(File.ReadAllText));
        Assert.DoesNotContain("./policies/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("README", text, StringComparison.Ordinal);
        Assert.DoesNotContain("deploy/", text, StringComparison.Ordinal);
    }

    public void Dispose() => _types.Dispose();

    private static IEnumerable<string> Strings(PropertyInfo parameter, string attribute) =>
        ModuleTypes.Attributes(parameter, attribute).SelectMany(a => (IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!);

    private static IEnumerable<PropertyInfo> Parameters(Type cmdlet) =>
        cmdlet.GetProperties().Where(p => ModuleTypes.Attribute(p, "ParameterAttribute") is not null)
            // An override (a parameter put in the cmdlet's own sets) is one parameter, as PowerShell reads it: the most derived.
            .GroupBy(p => p.Name).Select(g => g.OrderByDescending(p => Depth(p.DeclaringType!)).First());

    private static int Depth(Type type) => type.BaseType is null ? 0 : 1 + Depth(type.BaseType);

    [GeneratedRegex(@"(?<cmd>\b[A-Z][a-z]+-[A-Za-z]+)(?<args>[^|\n]*)")]
    private static partial Regex Call();

    [GeneratedRegex(@"(?<=\s)-(?<name>[A-Za-z]+)")]
    private static partial Regex ParameterToken();

    // An id, not a type or file name: "TwTools.TcpSocket" and "….Tests.ps1" go on after a dot.
    [GeneratedRegex(@"TwTools\.[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+(?!\.?\w)")]
    private static partial Regex ErrorId();
}
