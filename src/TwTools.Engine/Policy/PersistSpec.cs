namespace TwTools.Engine.Policy;

/// <summary>Whether and where a policy's values are persisted for the next boot.</summary>
public sealed record PersistSpec(bool Enabled, string File)
{
    public static string DefaultFileFor(string policyName) => $"/etc/sysctl.d/60-twtools-{policyName}.conf";
}
