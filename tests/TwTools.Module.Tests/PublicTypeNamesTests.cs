using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TwTools.Module.Tests;

/// <summary>
/// The type names users see (Get-Member, [OutputType], help, format and types files, catch blocks) are
/// the module's contract: they live in the namespace TwTools whatever folder the code is in, and this
/// list pins them, so a rename or a new public type is a deliberate change with a CHANGELOG note.
/// </summary>
public sealed partial class PublicTypeNamesTests : IClassFixture<ModuleTypes>
{
    private static readonly string[] Pinned =
    [
        "TwTools.ConnectionSide", "TwTools.HostFailure", "TwTools.InetFamily", "TwTools.KernelSettingState", "TwTools.NetworkNamespace", "TwTools.PolicyRemovalResult", "TwTools.PortExhaustionReport",
        "TwTools.PortPressureFinding", "TwTools.PortVerdict", "TwTools.SettingApplyResult", "TwTools.SocketTimerKind",
        "TwTools.SockstatCounters", "TwTools.TcpSocket", "TwTools.TcpState", "TwTools.TcpStateSummary",
        "TwTools.TwDiagnostic", "TwTools.TwErrorCategory", "TwTools.TwErrorRecordException", "TwTools.TwSeverity",
    ];

    private readonly ModuleTypes _types;

    public PublicTypeNamesTests(ModuleTypes types) => _types = types;

    private IEnumerable<Type> Stable => _types.Engine.GetExportedTypes().Concat(_types.Module.GetExportedTypes()).Where(t => t.Namespace == "TwTools");

    [Fact]
    public void The_stable_namespace_holds_exactly_the_pinned_types()
    {
        Assert.Equal(Pinned, Stable.Select(t => t.FullName!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_declared_output_type_and_every_property_it_shows_is_a_stable_name()
    {
        var outputs = _types.Cmdlets.SelectMany(c => ModuleTypes.Attributes(c, "OutputTypeAttribute"))
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (Type)v.Value!))
            .Where(t => t.Namespace?.StartsWith("System", StringComparison.Ordinal) != true)
            .Distinct()
            .ToList();

        Assert.True(outputs.Count >= 6, string.Join(", ", outputs));
        Assert.All(outputs, t => Assert.Equal("TwTools", t.Namespace));
        var shown = outputs.SelectMany(t => t.GetProperties()).Select(p => Element(p.PropertyType)).Where(t => t.Namespace != "System").Distinct();
        Assert.All(shown, t => Assert.True(t.Namespace == "TwTools", $"{t.FullName} is shown on an output object but is not in the stable namespace"));
    }

    [Fact]
    public void The_format_file_names_only_stable_types_that_exist()
    {
        // A view's own Name is free text; type names are a format file's TypeName.
        var names = XDocument.Load(Path.Combine(ModuleFolder.Path, "TwTools.format.ps1xml")).Descendants("TypeName")
            .Select(e => e.Value.Split('#')[0])
            .Distinct()
            .ToList();

        Assert.True(names.Count >= 6, string.Join(", ", names));
        Assert.All(names, n => Assert.Contains(n, Pinned));
    }

    [Fact]
    public void Help_names_output_types_by_their_stable_names()
    {
        var help = File.ReadAllText(Path.Combine(ModuleFolder.Path, "en-US", "TwTools.PowerShell.dll-Help.xml"));
        Assert.DoesNotMatch(EngineTypeName(), help);
        Assert.Contains("TwTools.TcpSocket", help, StringComparison.Ordinal);
    }

    private static Type Element(Type type) =>
        type.IsGenericType ? Element(type.GetGenericArguments()[^1]) : type.IsArray ? Element(type.GetElementType()!) : type;

    [GeneratedRegex(@"TwTools\.Engine\.\w+\.[A-Z]")]
    private static partial Regex EngineTypeName();
}
