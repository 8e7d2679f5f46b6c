namespace TwTools.Engine.Policy;

/// <summary>
/// Where policies are found by name: the directories in TWTOOLS_POLICY_PATH (':'-separated), then the
/// baselines shipped beside the module or CLI. A path that exists always wins over a name, so
/// <c>-Path busy-client</c> and <c>--policy ./busy-client.yaml</c> both do what they say.
/// </summary>
public sealed class PolicyLibrary
{
    public const string PathVariable = "TWTOOLS_POLICY_PATH";
    private static readonly string[] Extensions = [".yaml", ".yml"];

    public PolicyLibrary(IReadOnlyList<string> directories) => Directories = directories;

    public IReadOnlyList<string> Directories { get; }

    /// <summary>The library for a front end installed in <paramref name="baseDirectory"/> (its policies/ folder ships the baselines).</summary>
    public static PolicyLibrary ForInstallation(string baseDirectory) => new(
    [
        .. (Environment.GetEnvironmentVariable(PathVariable) ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries),
        Path.Combine(baseDirectory, "policies"),
    ]);

    /// <summary>Each policy name once, the first directory's file winning, in name order.</summary>
    public IReadOnlyList<(string Name, string Path)> Policies() => Directories
        .Where(Directory.Exists)
        .SelectMany(d => Directory.EnumerateFiles(d).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal)))
        .GroupBy(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal)
        .Select(g => (g.Key, g.First()))
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The file a user meant by <paramref name="argument"/>, which the front end already resolved as a
    /// path (<paramref name="asPath"/>): that path when it exists or the argument looks like a path,
    /// else the library's policy of that name, else the path again (so "not found" names what was typed).
    /// </summary>
    public string Resolve(string argument, string asPath)
    {
        if (File.Exists(asPath) || !IsName(argument))
        {
            return asPath;
        }

        return Policies().FirstOrDefault(p => p.Name == argument).Path ?? asPath;
    }

    /// <summary>
    /// Loads the policy a user meant (see <see cref="Resolve"/>). A bare name that matches nothing says
    /// where names were looked for, so a typo is not mistaken for a missing file.
    /// </summary>
    public PolicyLoadResult Load(string argument, string asPath)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            return new PolicyLoadResult(null, [TwDiagnostic.BadInput(Diagnostics.TwErrorIds.Policy.NotFound, TwErrorCategory.InvalidArgument,
                $"no policy given: name a policy file or one of {string.Join(", ", Policies().Select(p => p.Name))}") with { Field = "policy" }]);
        }

        var result = PolicyLoader.Load(Resolve(argument, asPath));
        if (result.Policy is null && IsName(argument) && result.Errors.FirstOrDefault() is { Id: Diagnostics.TwErrorIds.Policy.NotFound } missing && !File.Exists(asPath))
        {
            var known = Policies().Select(p => p.Name).ToList();
            return result with
            {
                Diagnostics = [missing with { Message = $"{missing.Message} (no such file, and no policy named '{argument}' in {string.Join(", ", Directories)}; known names: {(known.Count == 0 ? "none" : string.Join(", ", known))})" }],
            };
        }

        return result;
    }

    // "busy-client", not "./busy-client" or "busy-client.yaml".
    private static bool IsName(string argument) =>
        !argument.Contains('/') && !Extensions.Contains(Path.GetExtension(argument), StringComparer.Ordinal);

    /// <summary>Completions for a policy argument: library names, then policy files under the current directory, that start with <paramref name="word"/>.</summary>
    public IReadOnlyList<string> Complete(string word, string currentDirectory)
    {
        var names = Policies().Select(p => p.Name).Where(n => n.StartsWith(word, StringComparison.Ordinal));
        var directory = Path.GetDirectoryName(word) is { Length: > 0 } d ? d : ".";
        var local = Directory.Exists(Path.Combine(currentDirectory, directory))
            ? Directory.EnumerateFiles(Path.Combine(currentDirectory, directory))
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
                .Select(f => directory == "." && !word.StartsWith("./", StringComparison.Ordinal) ? Path.GetFileName(f) : Path.Combine(directory, Path.GetFileName(f)))
                .Where(f => f.StartsWith(word, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        return names.Concat(local).Distinct(StringComparer.Ordinal).ToList();
    }
}
