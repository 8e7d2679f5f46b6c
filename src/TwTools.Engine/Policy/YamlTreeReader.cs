using TagDirective = YamlDotNet.Core.Tokens.TagDirective;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;
using YamlDotNet.Core.Events;
using YamlDotNet.Core;

namespace TwTools.Engine.Policy;

/// <summary>Builds the <see cref="YamlNodeBase"/> tree of a one-document YAML file, reporting syntax errors and duplicate keys with their positions.</summary>
internal sealed class YamlTreeReader
{
    private readonly string _file;
    private readonly List<TwDiagnostic> _diagnostics;
    private readonly IParser _parser;
    private int? _line;
    private int? _column;

    /// <summary>A policy is four levels deep; past this a file is not one, and reading on would only cost memory and stack.</summary>
    public const int MaxDepth = 32;

    /// <summary>The line and column of the first tab in a line's leading white space, which YAML forbids as indentation.</summary>
    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

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
        catch (TooDeepException e)
        {
            reader.Error(TwErrorIds.Policy.Syntax, $"nested more than {MaxDepth} levels deep; a policy is a few levels of plain keys", e.At, null);
            return null;
        }
        catch (YamlException e)
        {
            // YamlDotNet places "found invalid tab as indentation" where the mapping began (often 1:1): point at the tab.
            var (line, column) = e.Message.Contains("tab", StringComparison.Ordinal) && FirstIndentingTab(text) is { } tab ? tab : ((int)e.Start.Line, (int)e.Start.Column);
            diagnostics.Add(TwDiagnostic.BadInput(TwErrorIds.Policy.Syntax, TwErrorCategory.InvalidData, "YAML syntax error: " + CleanMessage(e.Message)) with
            {
                File = file,
                Line = line,
                Column = column,
            });
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these on some malformed input (found by the property tests) instead of a YamlException.
            diagnostics.Add(TwDiagnostic.BadInput(TwErrorIds.Policy.Syntax, TwErrorCategory.InvalidData, "YAML syntax error: the text cannot be read as YAML") with
            {
                File = file,
                Line = reader._line,
                Column = reader._column,
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

        var document = _parser.Consume<DocumentStart>();
        if (document.Version is not null || (document.Tags ?? []).Any(t => !IsDefaultTagDirective(t)))
        {
            // %YAML 1.1 would change what 010 or yes mean; the format is read one way only.
            Error(TwErrorIds.Policy.Syntax, "YAML directives (%YAML, %TAG) are not used in a policy; remove them", document, null);
        }

        var root = _parser.Accept<DocumentEnd>(out _) ? null : ReadNode(null, 0);
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            Error(TwErrorIds.Policy.Syntax, "a policy file holds one YAML document; found a second one", second, null);
        }

        return root;
    }

    /// <param name="path">The dotted field path of this node (<c>spec.settings</c>), so errors name the field.</param>
    private YamlNodeBase ReadNode(string? path, int depth)
    {
        var current = _parser.Current ?? throw new YamlException("unexpected end of document");
        (_line, _column) = ((int)current.Start.Line, (int)current.Start.Column);
        if (depth > MaxDepth)
        {
            throw new TooDeepException(current);
        }

        if (current is NodeEvent { Tag.IsEmpty: false } tagged)
        {
            // A tag changes what a value is (!!str 1 is text, not 1); policies are read by their keys' types alone.
            Error(TwErrorIds.Policy.Syntax, $"YAML tags ({PrintableText.Of(tagged.Tag.Value, 60)}) are not used in a policy; remove it", tagged, path);
        }

        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                Error(TwErrorIds.Policy.Syntax, $"aliases (*{alias.Value}) are not allowed in a policy: write the value out", alias, null);
                return new YamlScalarNode(string.Empty, true, (int)alias.Start.Line, (int)alias.Start.Column);
            case Scalar scalar:
                _parser.MoveNext();
                return new YamlScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain, (int)scalar.Start.Line, (int)scalar.Start.Column);
            case SequenceStart start:
                _parser.MoveNext();
                var items = new List<YamlNodeBase>();
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode($"{path}[{items.Count}]", depth + 1));
                }

                return new YamlSequenceNode(items, (int)start.Start.Line, (int)start.Start.Column);
            case MappingStart mapStart:
                _parser.MoveNext();
                return ReadMapping(mapStart, path, depth);
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private YamlMappingNode ReadMapping(MappingStart start, string? path, int depth)
    {
        var entries = new List<YamlMappingEntry>();
        var seen = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(path, depth + 1);
            var keyText = (keyNode as YamlScalarNode)?.Value;
            var value = ReadNode(keyText is null ? path : Join(path, keyText), depth + 1);
            if (keyNode is not YamlScalarNode key)
            {
                Error(TwErrorIds.Policy.Syntax, "mapping keys must be plain text", keyNode, null);
                continue;
            }

            if (seen.TryGetValue(key.Value, out var first))
            {
                Error(TwErrorIds.Policy.DuplicateKey, $"duplicate key '{key.Value}' (first given at line {first.Line})", key, Join(path, key.Value));
                continue;
            }

            seen[key.Value] = key;
            entries.Add(new YamlMappingEntry(key, value));
        }

        return new YamlMappingNode(entries, (int)start.Start.Line, (int)start.Start.Column);
    }

    private sealed class TooDeepException(ParsingEvent at) : Exception
    {
        public ParsingEvent At { get; } = at;
    }

    private void Error(string id, string message, ParsingEvent at, string? field) =>
        _diagnostics.Add(TwDiagnostic.BadInput(id, TwErrorCategory.InvalidData, message) with
        {
            File = _file, Line = (int)at.Start.Line, Column = (int)at.Start.Column, Field = field,
        });

    private void Error(string id, string message, YamlNodeBase at, string? field) =>
        _diagnostics.Add(TwDiagnostic.BadInput(id, TwErrorCategory.InvalidData, message) with
        {
            File = _file, Line = at.Line, Column = at.Column, Field = field,
        });

    // The parser lists the two tag handles every document has (! and !!) as directives too.
    private static bool IsDefaultTagDirective(TagDirective tag) =>
        (tag.Handle == "!" && tag.Prefix == "!") || (tag.Handle == "!!" && tag.Prefix == "tag:yaml.org,2002:");

    private static string Join(string? parent, string name) => parent is null ? name : parent + "." + name;

    // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (...): "; the position is reported separately.
    private static string CleanMessage(string message)
    {
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }
}
