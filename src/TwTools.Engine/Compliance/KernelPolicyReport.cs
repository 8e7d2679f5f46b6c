using TwTools.Engine.Kernel;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Compliance;

/// <summary>Builds one <see cref="KernelSettingState"/> per catalog key from a snapshot, optionally judged against a policy.</summary>
internal static class KernelPolicyReport
{
    public static IReadOnlyList<KernelSettingState> Build(KernelSnapshot snapshot, TwPolicy? policy)
    {
        var expectations = policy is null
            ? new Dictionary<string, Expectation>()
            : PolicyExpectations.For(policy).ToDictionary(e => e.Key);
        var states = new List<KernelSettingState>();
        foreach (var definition in KernelSettingCatalog.All)
        {
            expectations.TryGetValue(definition.Key, out var expectation);
            var runtime = snapshot.RuntimeValue(definition.Key) is { } raw ? SettingValue.NormalizeOrKeep(definition, raw) : null;
            var persisted = snapshot.Persisted.Effective(definition.Key);
            var created = snapshot.Owner?.Sysctls?.GetValueOrDefault(definition.Key);
            var persistedValue = persisted is not null ? SettingValue.NormalizeOrKeep(definition, persisted.Value)
                : created is not null ? SettingValue.NormalizeOrKeep(definition, created) : null;
            var (compliant, reason) = expectation is null
                ? ((bool?)null, (string?)null)
                : Judge(definition, expectation, snapshot, runtime, persistedValue, persisted, policy!.Persist.Enabled);
            states.Add(new KernelSettingState
            {
                Host = snapshot.HostName,
                Key = definition.Key,
                KernelRelease = snapshot.KernelRelease,
                TimeWaitOverflow = snapshot.TimeWaitOverflow,
                Exists = snapshot.Exists(definition.Key),
                Runtime = runtime,
                Persisted = persistedValue,
                PersistedSource = persisted is not null ? $"{persisted.File}:{persisted.Line}" : created is not null ? snapshot.Owner!.Source : null,
                NetworkNamespace = snapshot.Namespace,
                Default = definition.DefaultValue,
                Meaning = definition.Meaning,
                Availability = definition.Availability,
                Policy = policy?.Name,
                PersistFile = policy is { Persist.Enabled: true } ? policy.Persist.File : null,
                Expected = expectation?.Describe(),
                Enforced = expectation?.Enforced ?? false,
                Compliant = compliant,
                Reason = reason,
            });
        }

        return states;
    }

    private static (bool?, string?) Judge(
        KernelSettingDefinition definition,
        Expectation expectation,
        KernelSnapshot snapshot,
        string? runtime,
        string? persistedValue,
        SysctlD.PersistedSetting? persisted,
        bool persistRequired)
    {
        if (!snapshot.Exists(definition.Key))
        {
            return definition.AbsentMeansValue is { } absent && expectation.IsMetBy(absent)
                ? (true, $"absent on kernel {snapshot.KernelRelease}, which means {absent}")
                : (false, $"kernel {snapshot.KernelRelease} has no {definition.Key} ({definition.Availability})");
        }

        var enforcedNote = expectation.Enforced ? " (tcp_tw_reuse needs timestamps)" : string.Empty;
        if (!expectation.IsMetBy(runtime))
        {
            return (false, $"runtime value is {runtime}, expected {expectation.Describe()}{enforcedNote}");
        }

        if (persistRequired && snapshot.Owner is { } owner && !expectation.IsMetBy(BootValue.Of(snapshot, definition)))
        {
            return persistedValue is null
                ? (false, $"not persisted: {owner.Namespace.Label} gets the kernel default ({definition.DefaultValue ?? "machine-dependent"}) each time its namespace is made; set it where it is created (twtools apply prints how)")
                : (false, $"{owner.Source} sets {persistedValue} when it is made, expected {expectation.Describe()}{enforcedNote}");
        }

        if (persistRequired && snapshot.Owner is null && !expectation.IsMetBy(BootValue.Of(snapshot, definition)))
        {
            return persisted is null
                ? (false, $"not persisted: after a reboot the kernel default ({definition.DefaultValue ?? "machine-dependent"}) returns")
                : (false, $"at boot {persisted.File}:{persisted.Line} sets {persistedValue}, expected {expectation.Describe()}{enforcedNote}");
        }

        return (true, null);
    }
}
