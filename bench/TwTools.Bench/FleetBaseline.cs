namespace TwTools.Bench;

/// <summary>
/// The baseline both tools converge every host to: reuse with the timestamps it needs and a wider
/// port range, persisted under sysctl.d. Each tool gets its own file so a reset can remove both.
/// </summary>
internal static class FleetBaseline
{
    public const string TwToolsFile = "/etc/sysctl.d/60-twtools-bench.conf";
    public const string AnsibleFile = "/etc/sysctl.d/60-ansible-bench.conf";

    public static readonly (string Key, string Value)[] Settings =
    [
        ("net.ipv4.tcp_tw_reuse", "1"),
        ("net.ipv4.tcp_timestamps", "1"),
        ("net.ipv4.ip_local_port_range", "10240 65535"),
    ];

    public static string PolicyYaml() =>
        $"""
        apiVersion: twtools.io/v1
        kind: TwPolicy
        metadata:
          name: fleet-bench
        spec:
          settings:
        {string.Join('\n', Settings.Select(s => $"    {s.Key}: {(s.Value.Contains(' ') ? $"\"{s.Value}\"" : s.Value)}"))}
          persist:
            enabled: true
            file: {TwToolsFile}
        """;
}
