namespace TwTools.Engine.Kernel;

/// <summary>
/// For a network namespace that is not the host's: who makes it and what it sets when it does. It has no sysctl.d;
/// its "boot" is its creation, from the kernel's defaults plus what its owner passes (podman/docker --sysctl, a pod's
/// securityContext.sysctls). Null <see cref="Sysctls"/>: nobody can say (no runtime made it, or its runtime did not answer).
/// </summary>
internal sealed record NamespaceOwner(NetworkNamespace Namespace, IReadOnlyDictionary<string, string>? Sysctls)
{
    /// <summary>Where a value it sets comes from, as the PersistedSource column shows it.</summary>
    public string Source => Namespace.Runtime is { } runtime ? $"{runtime} --sysctl ({Namespace.Label})" : Namespace.Label;
}
