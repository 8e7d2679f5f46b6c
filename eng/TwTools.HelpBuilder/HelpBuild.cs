using System.Text;
using TwTools.HelpBuilder.Checks;
using TwTools.HelpBuilder.Cmdlets;
using TwTools.HelpBuilder.Output;
using TwTools.HelpBuilder.Sources;

namespace TwTools.HelpBuilder;

/// <summary>
/// Builds a module folder's help from a docs directory: one Verb-Noun.md per cmdlet, the descriptions
/// shared by several cmdlets in <see cref="SharedParametersFile"/>, and about_*.md topics. Every source
/// is read and checked before anything is written, so a bad source leaves the module's help as it was.
/// </summary>
public static class HelpBuild
{
    public const string SharedParametersFile = "SharedParameters.md";
    public const string Culture = "en-US";

    /// <returns>The problems found; empty when the help was written.</returns>
    public static IReadOnlyList<HelpSourceException> Run(string docsDirectory, string moduleDirectory, string assemblyFileName)
    {
        var problems = new List<HelpSourceException>();
        var assembly = Path.Combine(moduleDirectory, assemblyFileName);
        var shapes = CmdletShapeReader.Read(assembly, [moduleDirectory, Path.Combine(moduleDirectory, "dependencies")]);
        var shared = SharedParameters(docsDirectory, shapes, problems);

        var documented = new List<DocumentedCommand>();
        foreach (var shape in shapes)
        {
            var file = Path.Combine(docsDirectory, shape.Name + ".md");
            if (!File.Exists(file))
            {
                problems.Add(new HelpSourceException(0, $"{shape.Name} is a cmdlet of the module but has no help source", file));
                continue;
            }

            var (command, found) = Guarded(file, () => HelpConsistency.Check(CommandHelpReader.Read(File.ReadAllText(file), shape.Name), shape, shapes, shared));
            problems.AddRange(found);
            documented.AddRange(command is null ? [] : [command]);
        }

        var abouts = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(docsDirectory, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (name.StartsWith("about_", StringComparison.Ordinal))
            {
                var (text, found) = Guarded(file, () => (AboutTopicWriter.Write(File.ReadAllText(file), name), (IReadOnlyList<HelpSourceException>)[]));
                problems.AddRange(found);
                abouts[name] = text ?? "";
            }
            else if (Path.GetFileName(file) != SharedParametersFile && shapes.All(s => s.Name != name))
            {
                problems.Add(new HelpSourceException(1, $"'{name}' is neither a cmdlet of the module ({string.Join(", ", shapes.Select(s => s.Name))}) nor an about_ topic", file));
            }
        }

        if (problems.Count == 0)
        {
            Write(moduleDirectory, assemblyFileName, documented, abouts);
        }

        return problems;
    }

    private static Dictionary<string, DocumentedItem> SharedParameters(string docs, IReadOnlyList<CmdletShape> shapes, List<HelpSourceException> problems)
    {
        var file = Path.Combine(docs, SharedParametersFile);
        if (!File.Exists(file))
        {
            return [];
        }

        var (items, found) = Guarded(file, () =>
        {
            var section = Sources.HelpSections.Cut(File.ReadAllText(file), ["PARAMETERS"]).Require("PARAMETERS");
            var list = section.Entries().Select(e => new DocumentedItem(e.Heading.Text.TrimStart('-'), e.Body.Select(Markdown.InlineText.Of).ToList(), e.Heading.Line)).ToList();
            // Reported, but the good entries still serve: one stray entry must not leave every cmdlet undescribed.
            var unknown = list.Where(i => !shapes.Any(s => s.Parameters.Any(p => p.Name == i.Name)))
                .Select(i => new HelpSourceException(i.Line, $"PARAMETERS: no cmdlet of the module has -{i.Name}")).ToList();
            return (list, (IReadOnlyList<HelpSourceException>)unknown);
        });
        problems.AddRange(found);
        return (items ?? []).ToDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase);
    }

    private static (T? Value, IReadOnlyList<HelpSourceException> Problems) Guarded<T>(string file, Func<(T?, IReadOnlyList<HelpSourceException>)> read)
        where T : class
    {
        try
        {
            var (value, problems) = read();
            return (value, problems.Select(p => p.InFile(file)).ToList());
        }
        catch (HelpSourceException e)
        {
            return (null, [e.InFile(file)]);
        }
    }

    private static void Write(string moduleDirectory, string assemblyFileName, IEnumerable<DocumentedCommand> commands, Dictionary<string, string> abouts)
    {
        // en-US is also PowerShell's fallback for every other UI culture. What an earlier build wrote
        // goes first, so a topic whose source was removed does not linger in the module.
        var culture = Directory.CreateDirectory(Path.Combine(moduleDirectory, Culture)).FullName;
        foreach (var stale in Directory.GetFiles(culture, "*-Help.xml").Concat(Directory.GetFiles(culture, "about_*.help.txt")))
        {
            File.Delete(stale);
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using (var writer = new StreamWriter(Path.Combine(culture, assemblyFileName + "-Help.xml"), false, utf8))
        {
            MamlWriter.Write(commands).Save(writer);
        }

        foreach (var (name, text) in abouts)
        {
            File.WriteAllText(Path.Combine(culture, name + ".help.txt"), text, utf8);
        }
    }
}
