using System.Reflection;

namespace TwTools.Module.Tests;

/// <summary>The module's cmdlets and their attributes, read from metadata.</summary>
public sealed class ModuleTypes : IDisposable
{
    private const string Sma = "System.Management.Automation.";
    private readonly MetadataLoadContext _context = ModuleFolder.Metadata();

    public ModuleTypes()
    {
        Module = _context.LoadFromAssemblyPath(ModuleFolder.ModuleAssembly);
        Engine = _context.LoadFromAssemblyPath(Path.Combine(ModuleFolder.Dependencies, "TwTools.Engine.dll"));
        Automation = _context.LoadFromAssemblyName("System.Management.Automation");
        Cmdlets = Module.GetExportedTypes().Where(t => Attribute(t, "CmdletAttribute") is not null).ToList();
    }

    public Assembly Module { get; }

    public Assembly Engine { get; }

    public Assembly Automation { get; }

    public IReadOnlyList<Type> Cmdlets { get; }

    public static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == Sma + name);

    public static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Sma + name);

    public static T? Named<T>(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (T?)a.TypedValue.Value).FirstOrDefault();

    /// <summary>"Set-TwPolicy" for a cmdlet class.</summary>
    public static string CommandName(Type cmdlet)
    {
        var attribute = Attribute(cmdlet, "CmdletAttribute")!;
        return $"{attribute.ConstructorArguments[0].Value}-{attribute.ConstructorArguments[1].Value}";
    }

    /// <summary>A type the views name, from the module or its engine.</summary>
    public Type? FindType(string fullName) => Module.GetType(fullName) ?? Engine.GetType(fullName);

    /// <summary>Every id in the engine's error catalog (constants of TwErrorIds' nested groups).</summary>
    public HashSet<string> ErrorIds() =>
        Engine.GetType("TwTools.Engine.Diagnostics.TwErrorIds")!.GetNestedTypes()
            .SelectMany(group => group.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

    public void Dispose() => _context.Dispose();
}
