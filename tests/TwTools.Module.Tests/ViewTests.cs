using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TwTools.Module.Tests;

/// <summary>
/// Every view and type extension names a type the module really outputs, and every property it shows
/// exists on that type: a misspelt property is a blank column in pwsh, never an error.
/// </summary>
public sealed partial class ViewTests : IDisposable
{
    private readonly ModuleTypes _types = new();

    public static TheoryData<string> ViewNames() => new(Load("TwTools.format.ps1xml").Descendants("View").Select(v => v.Element("Name")!.Value));

    [Theory]
    [MemberData(nameof(ViewNames))]
    public void A_view_shows_only_properties_its_type_has(string name)
    {
        var view = Load("TwTools.format.ps1xml").Descendants("View").Single(v => v.Element("Name")!.Value == name);
        var type = Type(view.Descendants("TypeName").Single().Value);
        var shown = view.Descendants("PropertyName").Select(p => p.Value)
            .Concat(view.Descendants("ScriptBlock").SelectMany(s => ScriptProperty().Matches(s.Value).Select(m => m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, p => Assert.True(HasProperty(type, p), $"{name}: {type.Name} has no property {p}"));
        var headers = view.Descendants("TableColumnHeader").Count();
        Assert.Equal(headers, view.Descendants("TableColumnItem").Count());
    }

    [Fact]
    public void Every_type_the_cmdlets_output_has_a_view()
    {
        var viewed = Load("TwTools.format.ps1xml").Descendants("TypeName").Select(t => t.Value).ToHashSet();
        var outputs = _types.Cmdlets.SelectMany(c => ModuleTypes.Attributes(c, "OutputTypeAttribute"))
            .SelectMany(o => ((IEnumerable<CustomAttributeTypedArgument>)o.ConstructorArguments[0].Value!).Select(a => (Type)a.Value!))
            .Where(t => t.Namespace == "TwTools") // strings, Booleans and files have views of their own
            .Select(t => t.FullName!).Distinct().ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, t => Assert.Contains(t, viewed));
    }

    public void Dispose() => _types.Dispose();

    private static XDocument Load(string file) => XDocument.Load(Path.Combine(ModuleFolder.Path, file));

    private static bool HasProperty(Type type, string name) => type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is not null;

    // "Type#Variant" is an object of Type with a type name the cmdlet added to pick another view.
    private Type Type(string fullName) => _types.FindType(fullName.Split('#')[0]) ?? throw new Xunit.Sdk.XunitException($"no type {fullName} in the module or its engine");

    // $_.Name in a view's script block.
    [GeneratedRegex(@"\$_\.(\w+)")]
    private static partial Regex ScriptProperty();
}
