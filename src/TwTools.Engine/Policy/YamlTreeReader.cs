using TwTools.Engine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TwTools.Engine.Policy;

/// <summary>Builds the <see cref="YamlNodeBase"/> tree of a one-document YAML file, reporting syntax errors and duplicate keys with their positions.</summary>
internal sealed class YamlTreeReader
{
    private readonly string _file;
    private readonly List<TwDiagnostic> _diagnostics;
    private readonly IParser _parser;

    private YamlTreeReader(string file, string text, List<TwDiagnostic> diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>The document's root, or null when the file is empty or not valid YAML (errors are added).</summary>
    public static YamlNodeBase? Read(string file, string text, List<TwDiagnostic> diagnostics)
    {
        var reader = new YamlTreeReader(file, text, diagnostics);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            diagnostics.Add(TwDiagnostic.Error(TwErrorIds.PolicySyntax, TwErrorCategory.InvalidData, "YAML syntax error: " + CleanMessage(e.Message)) with
            {
                File = file,
                Line = (int)e.Start.Line,
                Column = (int)e.Start.Column,
            });
            return null;
        }
    }

    private YamlNodeBase? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = _parser.Accept<DocumentEnd>(out _) ? null : ReadNode(null);
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            Error(TwErrorIds.PolicySyntax, "a policy file holds one YAML document; found a second one", second, null);
        }

        return root;
    }

    /// <param name="path">The dotted field path of this node (<c>spec.settings</c>), so errors name the field.</param>
    private YamlNodeBase ReadNode(string? path)
    {
        var current = _parser.Current ?? throw new YamlException("unexpected end of document");
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                Error(TwErrorIds.PolicySyntax, $"aliases (*{alias.Value}) are not allowed in a policy: write the value out", alias, null);
                return new YamlScalarNode(string.Empty, true, (int)alias.Start.Line, (int)alias.Start.Column);
            case Scalar scalar:
                _parser.MoveNext();
                return new YamlScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain, (int)scalar.Start.Line, (int)scalar.Start.Column);
            case SequenceStart start:
                _parser.MoveNext();
                var items = new List<YamlNodeBase>();
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode($"{path}[{items.Count}]"));
                }

                return new YamlSequenceNode(items, (int)start.Start.Line, (int)start.Start.Column);
            case MappingStart mapStart:
                _parser.MoveNext();
                return ReadMapping(mapStart, path);
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private YamlMappingNode ReadMapping(MappingStart start, string? path)
    {
        var entries = new List<YamlMappingEntry>();
        var seen = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(path);
            var keyText = (keyNode as YamlScalarNode)?.Value;
            var value = ReadNode(keyText is null ? path : Join(path, keyText));
            if (keyNode is not YamlScalarNode key)
            {
                Error(TwErrorIds.PolicySyntax, "mapping keys must be plain text", keyNode, null);
                continue;
            }

            if (seen.TryGetValue(key.Value, out var first))
            {
                Error(TwErrorIds.PolicyDuplicateKey, $"duplicate key '{key.Value}' (first given at line {first.Line})", key, Join(path, key.Value));
                continue;
            }

            seen[key.Value] = key;
            entries.Add(new YamlMappingEntry(key, value));
        }

        return new YamlMappingNode(entries, (int)start.Start.Line, (int)start.Start.Column);
    }

    private void Error(string id, string message, ParsingEvent at, string? field) =>
        _diagnostics.Add(TwDiagnostic.Error(id, TwErrorCategory.InvalidData, message) with
        {
            File = _file, Line = (int)at.Start.Line, Column = (int)at.Start.Column, Field = field,
        });

    private void Error(string id, string message, YamlNodeBase at, string? field) =>
        _diagnostics.Add(TwDiagnostic.Error(id, TwErrorCategory.InvalidData, message) with
        {
            File = _file, Line = at.Line, Column = at.Column, Field = field,
        });

    private static string Join(string? parent, string name) => parent is null ? name : parent + "." + name;

    // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (...): "; the position is reported separately.
    private static string CleanMessage(string message)
    {
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }
}
