using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Policy;

/// <summary>Reads a policy file, validates its shape and types, and runs <see cref="PolicyRules"/>.</summary>
public static class PolicyLoader
{
    public static PolicyLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(TwDiagnostic.Error(TwErrorIds.PolicyNotFound, TwErrorCategory.ObjectNotFound, $"policy file not found: {path}") with { File = path });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(TwDiagnostic.Error(TwErrorIds.PolicyNotFound, TwErrorCategory.ReadError, $"cannot read policy file {path}: {e.Message}") with { File = path });
        }

        return Parse(text, path);
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

    private static List<TwDiagnostic> Sorted(List<TwDiagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Line ?? 0).ThenBy(d => d.Column ?? 0).ToList();
}
