using TwTools.Engine.Diagnostics;
using TwTools.Engine.Files;
using TwTools.Engine.Text;

namespace TwTools.Engine.Policy;

/// <summary>Reads a policy file, validates its shape and types, and runs <see cref="PolicyRules"/>.</summary>
internal static class PolicyLoader
{
    /// <summary>A policy is a few KiB; anything near this is not one, and is refused before it is parsed.</summary>
    public const long MaxBytes = 256 * 1024;

    public static PolicyLoadResult Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = RegularFile.ReadAllBytes(path, MaxBytes);
        }
        catch (RegularFileException e)
        {
            var shown = PrintableText.Of(path, 300);
            return Failed(e.Problem switch
            {
                RegularFileProblem.NotFound => TwDiagnostic.BadInput(TwErrorIds.Policy.NotFound, TwErrorCategory.ObjectNotFound, $"policy file not found: {shown}"),
                RegularFileProblem.Unreadable => TwDiagnostic.BadInput(TwErrorIds.Policy.NotFound, TwErrorCategory.ReadError, $"cannot read policy file {shown}: {e.Reason}"),
                _ => TwDiagnostic.BadInput(TwErrorIds.Policy.FileRefused, TwErrorCategory.InvalidData, $"not read as a policy: {e.Reason}"),
            } with { File = shown });
        }
        catch (IOException e)
        {
            return Failed(TwDiagnostic.BadInput(TwErrorIds.Policy.NotFound, TwErrorCategory.ReadError, $"cannot read policy file {PrintableText.Of(path, 300)}: {e.Message}") with { File = PrintableText.Of(path, 300) });
        }

        return PolicyText.Decode(bytes, path, out var text) is { } undecodable ? Failed(undecodable) : Parse(text, path);
    }

    public static PolicyLoadResult Parse(string text, string source)
    {
        var diagnostics = new List<TwDiagnostic>();
        var root = YamlTreeReader.Read(source, text, diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return new PolicyLoadResult(null, diagnostics);
        }

        var policy = PolicyDocumentReader.Read(source, root, diagnostics);
        if (policy is null || diagnostics.Any(d => d.IsError))
        {
            return new PolicyLoadResult(null, Sorted(diagnostics));
        }

        diagnostics.AddRange(PolicyRules.Check(policy));
        return new PolicyLoadResult(policy, Sorted(diagnostics));
    }

    private static PolicyLoadResult Failed(TwDiagnostic diagnostic) => new(null, new[] { diagnostic });

    /// <summary>Enough errors to fix a file by; a file with thousands of problems is not a policy.</summary>
    public const int MaxErrors = 50;

    // In file order, at most MaxErrors of them, and every one printable: messages quote the file's own text.
    private static List<TwDiagnostic> Sorted(List<TwDiagnostic> diagnostics)
    {
        var sorted = diagnostics.OrderBy(d => d.Line ?? 0).ThenBy(d => d.Column ?? 0)
            .Select(d => d with { Message = PrintableText.Of(d.Message, 600), Field = d.Field is null ? null : PrintableText.Of(d.Field, 200) })
            .ToList();
        if (sorted.Count <= MaxErrors)
        {
            return sorted;
        }

        var rest = sorted.Count - MaxErrors;
        return [.. sorted.Take(MaxErrors), TwDiagnostic.BadInput(sorted[MaxErrors].Id, sorted[MaxErrors].Category, $"and {rest} more problem(s) not shown") with { File = sorted[MaxErrors].File }];
    }
}
