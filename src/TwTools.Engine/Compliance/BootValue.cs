using TwTools.Engine.Kernel;

namespace TwTools.Engine.Compliance;

/// <summary>
/// The value a key will have after a reboot: the last sysctl.d/sysctl.conf line that sets it, or
/// else the kernel's default. A host that never persisted tcp_timestamps still boots with 1.
/// </summary>
internal static class BootValue
{
    public static string? Of(KernelSnapshot snapshot, KernelSettingDefinition definition) =>
        snapshot.Owner is { } owner
            ? owner.Sysctls?.GetValueOrDefault(definition.Key) is { } created ? SettingValue.NormalizeOrKeep(definition, created) : definition.DefaultValue
        : snapshot.Persisted.Effective(definition.Key) is { } persisted
            ? SettingValue.NormalizeOrKeep(definition, persisted.Value)
            : definition.DefaultValue;
}
