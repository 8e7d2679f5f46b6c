namespace TwTools.Engine.Policy;

/// <summary>
/// A minimal YAML tree with positions, built from YamlDotNet's parser events. YamlDotNet's own
/// representation model drops duplicate keys' positions and its serializer needs reflection, which
/// NativeAOT forbids; this keeps what validation needs and nothing else.
/// </summary>
internal abstract record YamlNodeBase(int Line, int Column);

internal sealed record YamlScalarNode(string Value, bool IsPlain, int Line, int Column) : YamlNodeBase(Line, Column)
{
    /// <summary>A plain (unquoted) scalar that YAML 1.2's core schema reads as null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlMappingEntry(YamlScalarNode Key, YamlNodeBase Value);

internal sealed record YamlMappingNode(IReadOnlyList<YamlMappingEntry> Entries, int Line, int Column) : YamlNodeBase(Line, Column);

internal sealed record YamlSequenceNode(IReadOnlyList<YamlNodeBase> Items, int Line, int Column) : YamlNodeBase(Line, Column);
