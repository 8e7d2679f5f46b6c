namespace TwTools.Engine.Policy;

/// <summary>A validated kernel-settings baseline, read from a policy YAML file.</summary>
public sealed class TwPolicy
{
    public const string ApiVersion = "twtools.io/v1";
    public const string Kind = "TwPolicy";

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The file the policy came from, as the user named it; used in messages and in the persisted file's header.</summary>
    public required string Source { get; init; }

    public required IReadOnlyList<PolicySetting> Settings { get; init; }

    public required PersistSpec Persist { get; init; }

    internal PolicySetting? Find(string key) => Settings.FirstOrDefault(s => s.Key == key);

    public string? ValueOf(string key) => Find(key)?.Value;
}
