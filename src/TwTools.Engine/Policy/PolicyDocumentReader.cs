using System.Text.RegularExpressions;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Kernel;
using TwTools.Engine.SysctlD;
using TwTools.Engine.Text;

namespace TwTools.Engine.Policy;

/// <summary>
/// Turns a policy's YAML tree into a <see cref="TwPolicy"/>, collecting every problem with its line,
/// column and field. Unknown keys are errors: a typo must never turn into a silently ignored setting.
/// </summary>
internal sealed partial class PolicyDocumentReader
{
    private readonly string _file;
    private readonly List<TwDiagnostic> _diagnostics;

    private PolicyDocumentReader(string file, List<TwDiagnostic> diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
    }

    public static TwPolicy? Read(string file, YamlNodeBase? root, List<TwDiagnostic> diagnostics) =>
        new PolicyDocumentReader(file, diagnostics).ReadRoot(root);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    private static partial Regex PolicyNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*\\.conf\\z")]
    private static partial Regex ConfFileNamePattern();

    private TwPolicy? ReadRoot(YamlNodeBase? root)
    {
        if (root is null)
        {
            Add(TwErrorIds.Policy.MissingField, "the file is empty: a policy needs apiVersion, kind, metadata and spec", 1, 1, null);
            return null;
        }

        if (Expect<YamlMappingNode>(root, "(document)", "a mapping") is not { } map)
        {
            return null;
        }

        var fields = Fields(map, null, "apiVersion", "kind", "metadata", "spec");
        CheckConstant(fields, map, "apiVersion", TwPolicy.ApiVersion);
        CheckConstant(fields, map, "kind", TwPolicy.Kind);
        var (name, description) = ReadMetadata(Required(fields, map, "metadata", null));
        var spec = Required(fields, map, "spec", null) is { } specNode ? Expect<YamlMappingNode>(specNode, "spec", "a mapping") : null;
        if (spec is null)
        {
            return null;
        }

        var specFields = Fields(spec, "spec", "settings", "persist");
        var settings = ReadSettings(Required(specFields, spec, "settings", "spec"));
        var persist = ReadPersist(specFields.GetValueOrDefault("persist"), name);
        if (name is null || settings is null || persist is null)
        {
            return null;
        }

        return new TwPolicy { Name = name, Description = description, Source = _file, Settings = settings, Persist = persist };
    }

    private (string? Name, string? Description) ReadMetadata(YamlNodeBase? node)
    {
        if (node is null || Expect<YamlMappingNode>(node, "metadata", "a mapping") is not { } map)
        {
            return (null, null);
        }

        var fields = Fields(map, "metadata", "name", "description");
        string? name = null;
        if (Required(fields, map, "name", "metadata") is { } nameNode && ExpectString(nameNode, "metadata.name") is { } text)
        {
            if (PolicyNamePattern().IsMatch(text))
            {
                name = text;
            }
            else
            {
                Add(TwErrorIds.Policy.InvalidValue, $"'{text}' is not a valid policy name: use lower-case letters, digits and '-' (it becomes part of a file name)", nameNode, "metadata.name");
            }
        }

        var description = fields.GetValueOrDefault("description") is { } d ? ExpectString(d, "metadata.description") : null;
        return (name, description);
    }

    private List<PolicySetting>? ReadSettings(YamlNodeBase? node)
    {
        if (node is null || Expect<YamlMappingNode>(node, "spec.settings", "a mapping of sysctl keys to values") is not { } map)
        {
            return null;
        }

        if (map.Entries.Count == 0)
        {
            Add(TwErrorIds.Policy.MissingField, "a policy must set at least one key", map, "spec.settings");
            return null;
        }

        var settings = new List<PolicySetting>();
        var failed = false;
        foreach (var entry in map.Entries)
        {
            var key = entry.Key.Value;
            var field = "spec.settings." + key;
            if (!KernelSettingCatalog.TryGet(key, out var definition))
            {
                var hint = KernelSettingCatalog.Suggest(key) is { } s ? $"; did you mean '{s}'?" : "; see Get-TwKernelPolicy for the keys TwTools manages";
                Add(TwErrorIds.Policy.UnknownKey, $"unknown key '{key}'{hint}", entry.Key, field);
                failed = true;
                continue;
            }

            if (PolicyValueReader.Read(definition, entry.Value, out var value, out var problem))
            {
                settings.Add(new PolicySetting(key, value, entry.Value.Line, entry.Value.Column));
            }
            else
            {
                Add(problem!.Value.Id, problem.Value.Message, entry.Value, field);
                failed = true;
            }
        }

        return failed ? null : settings.OrderBy(s => KernelSettingCatalog.OrderOf(s.Key)).ToList();
    }

    private PersistSpec? ReadPersist(YamlNodeBase? node, string? policyName)
    {
        var defaultFile = PersistSpec.DefaultFileFor(policyName ?? "policy");
        if (node is null)
        {
            return new PersistSpec(true, defaultFile);
        }

        if (Expect<YamlMappingNode>(node, "spec.persist", "a mapping with 'enabled' and 'file'") is not { } map)
        {
            return null;
        }

        var fields = Fields(map, "spec.persist", "enabled", "file");
        var enabled = true;
        if (fields.GetValueOrDefault("enabled") is { } enabledNode)
        {
            if (enabledNode is YamlScalarNode { IsPlain: true, Value: "true" or "false" } flag)
            {
                enabled = flag.Value == "true";
            }
            else
            {
                Add(TwErrorIds.Policy.WrongType, "expected true or false", enabledNode, "spec.persist.enabled");
                return null;
            }
        }

        var file = defaultFile;
        if (fields.GetValueOrDefault("file") is { } fileNode)
        {
            if (ExpectString(fileNode, "spec.persist.file") is not { } path)
            {
                return null;
            }

            if (!IsAllowedPersistPath(path))
            {
                Add(TwErrorIds.Policy.InvalidValue, $"'{path}' is not a place TwTools persists to: use a '<name>.conf' file directly in {string.Join(" or ", SysctlLocations.WritableDirectories)}", fileNode, "spec.persist.file");
                return null;
            }

            file = path;
        }

        return new PersistSpec(enabled, file);
    }

    private static bool IsAllowedPersistPath(string path) =>
        SysctlLocations.WritableDirectories.Contains(Path.GetDirectoryName(path))
        && ConfFileNamePattern().IsMatch(Path.GetFileName(path));

    private Dictionary<string, YamlNodeBase> Fields(YamlMappingNode map, string? parent, params string[] allowed)
    {
        var fields = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            var name = entry.Key.Value;
            if (allowed.Contains(name))
            {
                fields[name] = entry.Value;
                continue;
            }

            var near = allowed.OrderBy(a => EditDistance.Between(a, name)).First();
            var hint = EditDistance.Between(near, name) <= 3 ? $"; did you mean '{near}'?" : string.Empty;
            Add(TwErrorIds.Policy.UnknownKey, $"unknown field '{name}'{hint} (allowed here: {string.Join(", ", allowed)})", entry.Key, Join(parent, name));
        }

        return fields;
    }

    private YamlNodeBase? Required(Dictionary<string, YamlNodeBase> fields, YamlMappingNode map, string name, string? parent)
    {
        if (fields.TryGetValue(name, out var node))
        {
            return node;
        }

        Add(TwErrorIds.Policy.MissingField, $"'{name}' is required", map, Join(parent, name));
        return null;
    }

    private void CheckConstant(Dictionary<string, YamlNodeBase> fields, YamlMappingNode map, string name, string expected)
    {
        if (Required(fields, map, name, null) is { } node && ExpectString(node, name) is { } value && value != expected)
        {
            Add(TwErrorIds.Policy.InvalidValue, $"'{value}' is not supported; use '{expected}'", node, name);
        }
    }

    private T? Expect<T>(YamlNodeBase node, string field, string what)
        where T : YamlNodeBase
    {
        if (node is T typed)
        {
            return typed;
        }

        Add(TwErrorIds.Policy.WrongType, $"expected {what}, got {Describe(node)}", node, field);
        return null;
    }

    private string? ExpectString(YamlNodeBase node, string field) =>
        node is YamlScalarNode { IsNull: false } scalar ? scalar.Value : Fail(node, field);

    private string? Fail(YamlNodeBase node, string field)
    {
        Add(TwErrorIds.Policy.WrongType, $"expected text, got {Describe(node)}", node, field);
        return null;
    }

    internal static string Describe(YamlNodeBase node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { IsNull: true } => "nothing (null)",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    private static string Join(string? parent, string name) => parent is null ? name : parent + "." + name;

    private void Add(string id, string message, YamlNodeBase at, string? field) => Add(id, message, at.Line, at.Column, field);

    private void Add(string id, string message, int line, int column, string? field) =>
        _diagnostics.Add(TwDiagnostic.BadInput(id, TwErrorCategory.InvalidData, message) with
        {
            File = _file, Line = line, Column = column, Field = field,
        });
}
