using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;

namespace TwTools.HelpBuilder.Cmdlets;

/// <summary>
/// Reads the cmdlets of a built module assembly as metadata (MetadataLoadContext): nothing of the module
/// runs, so the help is built without PowerShell and without loading the engine.
/// </summary>
public static class CmdletShapeReader
{
    private const string Sma = "System.Management.Automation.";

    /// <param name="assemblyPath">The cmdlet assembly.</param>
    /// <param name="probeDirectories">Where the types it names live (the module's dependencies/).</param>
    public static IReadOnlyList<CmdletShape> Read(string assemblyPath, IEnumerable<string> probeDirectories)
    {
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(probeDirectories.Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*.dll")))
            .Append(assemblyPath)
            .Append(Path.Combine(AppContext.BaseDirectory, "System.Management.Automation.dll"));
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        return context.LoadFromAssemblyPath(assemblyPath).GetExportedTypes()
            .Select(t => (Type: t, Cmdlet: Attribute(t, "CmdletAttribute")))
            .Where(x => x.Cmdlet is not null)
            .Select(x => Shape(x.Type, x.Cmdlet!))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static CmdletShape Shape(Type type, CustomAttributeData cmdlet) => new(
        (string)cmdlet.ConstructorArguments[0].Value!,
        (string)cmdlet.ConstructorArguments[1].Value!,
        Named<bool>(cmdlet, "SupportsShouldProcess"),
        Named<string>(cmdlet, "DefaultParameterSetName"),
        Parameters(type),
        Attributes(type, "OutputTypeAttribute")
            .SelectMany(a => (ReadOnlyCollection<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(t => ((Type)t.Value!).FullName!)
            .Distinct()
            .ToList());

    // Declared on the cmdlet first, then on its base classes: the cmdlet's own parameters lead in help. A parameter a
    // class overrides (to put it in its own parameter sets) is the override's, as PowerShell reads it.
    private static List<CmdletParameter> Parameters(Type type)
    {
        var parameters = new List<CmdletParameter>();
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var sets = Attributes(property, "ParameterAttribute").Select(Membership).ToList();
                if (sets.Count == 0 || parameters.Any(p => p.Name == property.Name))
                {
                    continue;
                }

                var propertyType = property.PropertyType;
                parameters.Add(new CmdletParameter(
                    property.Name,
                    propertyType.Name,
                    propertyType.FullName!,
                    propertyType.FullName == Sma + "SwitchParameter",
                    Attributes(property, "AliasAttribute").SelectMany(Strings).ToList(),
                    Attributes(property, "ValidateSetAttribute").SelectMany(Strings).ToList(),
                    Attributes(property, "SupportsWildcardsAttribute").Any(),
                    sets,
                    DefaultOf(property)));
            }
        }

        return parameters;
    }

    // [PSDefaultValue(Value = ...)] (or its Help text): what Get-Help shows as the default, invariant-formatted.
    private static string? DefaultOf(PropertyInfo property) =>
        Attribute(property, "PSDefaultValueAttribute") is { } attribute
            ? Convert.ToString(Named<object>(attribute, "Value"), System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } value ? value : Named<string>(attribute, "Help")
            : null;

    private static ParameterSetMembership Membership(CustomAttributeData parameter)
    {
        var position = Named<int?>(parameter, "Position");
        return new ParameterSetMembership(
            Named<string>(parameter, "ParameterSetName") ?? CmdletShape.AllSets,
            Named<bool>(parameter, "Mandatory"),
            position is >= 0 ? position : null,
            Named<bool>(parameter, "ValueFromPipeline"),
            Named<bool>(parameter, "ValueFromPipelineByPropertyName"));
    }

    private static IEnumerable<string> Strings(CustomAttributeData attribute) =>
        ((ReadOnlyCollection<CustomAttributeTypedArgument>)attribute.ConstructorArguments[0].Value!).Select(a => (string)a.Value!);

    private static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Sma + name);

    private static CustomAttributeData? Attribute(MemberInfo member, string name) => Attributes(member, name).FirstOrDefault();

    private static T? Named<T>(CustomAttributeData attribute, string name)
    {
        var argument = attribute.NamedArguments.FirstOrDefault(a => a.MemberName == name);
        return argument.MemberInfo is null ? default : (T?)argument.TypedValue.Value;
    }
}
