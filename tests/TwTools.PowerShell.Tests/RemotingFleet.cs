using System.Text.Json;

namespace TwTools.PowerShell.Tests;

/// <summary>
/// Two sshd test hosts in network namespaces that also serve PowerShell remoting (sshd's powershell
/// subsystem runs the pinned pwsh), shared by one test class. Scripts run in real pwsh processes in the
/// controller namespace, the only place the hosts can be reached from; <see cref="Reset"/> puts both
/// hosts back to the kernel defaults and an empty sysctl.d between tests.
/// </summary>
public sealed class RemotingFleet : IDisposable
{
    private readonly Dictionary<string, string>[] _initial;

    public RemotingFleet()
    {
        Fleet = new SshTestFleet(2);
        _initial = Fleet.Hosts.Select(h => h.Namespace.Values()).ToArray();
    }

    public SshTestFleet Fleet { get; }

    public IReadOnlyList<SshTestHost> Hosts => Fleet.Hosts;

    public void Reset()
    {
        for (var i = 0; i < Hosts.Count; i++)
        {
            foreach (var file in Directory.GetFiles(Hosts[i].Namespace.SysctlD))
            {
                File.Delete(file);
            }

            foreach (var (key, value) in _initial[i])
            {
                if (Hosts[i].Namespace.Get(key) != value)
                {
                    Hosts[i].Namespace.Set(key, value);
                }
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a real pwsh in the controller namespace, after a prelude that imports
    /// the module and defines <c>$Hosts</c> (addresses), <c>$Remote</c> (the -HostName parameters) and
    /// <c>Open-TestSession</c>. Whatever the script writes with <c>Out-Result</c> comes back as JSON.
    /// </summary>
    public PwshRun Pwsh(string body, TimeSpan? timeout = null)
    {
        var file = Path.Combine(Fleet.Directory, "script-" + Guid.NewGuid().ToString("N")[..8] + ".ps1");
        var results = file + ".json";
        File.WriteAllText(file, Prelude(results) + body + $"\n$script:Result | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath '{results}'\n");
        var run = Fleet.RunInController([PowerShellTool.Require(), "-NoProfile", "-NonInteractive", "-File", file], timeout ?? TimeSpan.FromSeconds(120));
        var json = File.Exists(results) ? File.ReadAllText(results) : null;
        return new PwshRun(run, json is null ? default : JsonDocument.Parse(json).RootElement.Clone());
    }

    /// <summary>The same module run locally inside a host's namespace: what -Session and -HostName must agree with.</summary>
    public JsonElement Local(SshTestHost host, string pipeline)
    {
        var file = Path.Combine(Fleet.Directory, "local-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        var script = $"$ErrorActionPreference = 'Stop'; Import-Module '{ModuleUnderTest.Manifest}'; ConvertTo-Json -Depth 6 -InputObject @({pipeline}) | Set-Content -LiteralPath '{file}'";
        var run = host.Namespace.Exec(PowerShellTool.Require(), "-NoProfile", "-NonInteractive", "-Command", script);
        return run.ExitCode == 0 && File.Exists(file) ? JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone() : throw new Xunit.Sdk.XunitException("local pwsh failed: " + run);
    }

    public void Dispose() => Fleet.Dispose();

    private string Prelude(string results) => $$"""
        $ErrorActionPreference = 'Stop'
        Import-Module '{{ModuleUnderTest.Manifest}}'
        $Hosts = @({{string.Join(", ", Hosts.Select(h => $"'{h.Address}'"))}})
        $Policies = '{{Path.Combine(ModuleUnderTest.Folder, "policies")}}'
        $KnownHosts = '{{Fleet.KnownHostsFile}}'
        $Remote = @{
            IdentityFile = '{{Fleet.IdentityFile}}'
            SshOption = @("UserKnownHostsFile=$KnownHosts", 'GlobalKnownHostsFile=/dev/null')
        }
        function Open-TestSession([string] $Address) {
            New-PSSession -HostName $Address -UserName root -KeyFilePath $Remote.IdentityFile -Options @{
                UserKnownHostsFile = $KnownHosts; GlobalKnownHostsFile = '/dev/null'; StrictHostKeyChecking = 'yes'; BatchMode = 'yes' }
        }
        # Errors as data: id, category, target and message, in the order they came.
        function ConvertTo-TestError($Records) {
            @($Records | ForEach-Object { [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Category = "$($_.CategoryInfo.Category)"; Target = "$($_.TargetObject)"; Message = "$_" } })
        }
        $script:Result = [ordered]@{}
        function Out-Result([string] $Name, $Value) { $script:Result[$Name] = $Value }
        trap { Out-Result 'ScriptError' "$_"; $script:Result | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath '{{results}}'; exit 1 }

        """ + "\n";

    public sealed record PwshRun(ProcessResult Process, JsonElement Result)
    {
        public JsonElement this[string name] => Result.ValueKind == JsonValueKind.Object && Result.TryGetProperty(name, out var value)
            ? value
            : throw new Xunit.Sdk.XunitException($"the script wrote no '{name}':\n{Process}\n{Result}");
    }
}
