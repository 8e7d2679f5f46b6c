using System.CommandLine;
using TwTools.Cli.Runs;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Files;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Operations;
using TwTools.Engine.Remote;
using TwTools.Engine.Text;

namespace TwTools.Cli.Commands;

/// <summary>
/// <c>--host</c>, <c>--hosts-file</c> and the ssh options every host-reading command takes. No host
/// means this machine, read directly; any host means the ssh carrier for each, run in parallel.
/// </summary>
internal sealed class HostOptions
{
    private readonly Option<string[]> _hosts = new("--host", "-H")
    {
        Description = "Remote host, [user@]host[:port] or [user@][v6]:port; repeat for several. Reached with the system ssh client.",
        AllowMultipleArgumentsPerToken = false,
        HelpName = "host",
    };

    private readonly Option<string> _hostsFile = new("--hosts-file")
    {
        Description = "File of hosts, one per line; blank lines and # comments are skipped.",
        HelpName = "file",
    };

    private readonly Option<int> _throttle = new("--throttle")
    {
        Description = "Hosts worked on at once.",
        DefaultValueFactory = _ => 32,
        HelpName = "n",
    };

    private readonly Option<int> _timeout = new("--timeout")
    {
        Description = "Seconds one round trip to a host may take (an apply's lock wait comes on top); a host that takes longer fails alone with TwTools.Remote.Timeout.",
        DefaultValueFactory = _ => (int)RemoteKernelHost.DefaultTimeout.TotalSeconds,
        HelpName = "seconds",
    };

    private readonly Option<bool> _sudo = new("--sudo") { Description = "Run the remote program with sudo -n; a password prompt is an error, never a wait." };

    private readonly Option<string[]> _sshOptions = new("--ssh-option", "-o")
    {
        Description = "An ssh -o Name=Value option (ConnectTimeout, ProxyJump, UserKnownHostsFile, ...); options that run commands are refused.",
        HelpName = "Name=Value",
    };

    private readonly Option<string> _identity = new("--identity-file", "-i") { Description = "ssh -i: the private key to use.", HelpName = "file" };

    private readonly Option<string> _sshConfig = new("--ssh-config", "-F") { Description = "ssh -F: an ssh config file to use instead of ~/.ssh/config.", HelpName = "file" };

    private readonly Option<bool> _acceptNew = new("--accept-new-host-key")
    {
        Description = "Trust and record a host key seen for the first time. Without it an unknown key is refused; a changed key always is.",
    };

    private readonly NamespaceOptions _namespaces = new();

    public void AddTo(Command command)
    {
        _namespaces.AddTo(command);
        _throttle.Validators.Add(r =>
        {
            if (CommonOptions.ParsedInt(r) is < 1 or > 1024)
            {
                r.AddError("--throttle must be between 1 and 1024.");
            }
        });
        _timeout.Validators.Add(r =>
        {
            if (CommonOptions.ParsedInt(r) is < 1 or > 86400)
            {
                r.AddError("--timeout must be between 1 and 86400 seconds.");
            }
        });
        foreach (var option in new Option[] { _hosts, _hostsFile, _throttle, _timeout, _sudo, _sshOptions, _identity, _sshConfig, _acceptNew })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The hosts asked for, or null for this machine. Bad names and options throw input errors before anything connects.</summary>
    /// <param name="output">Where listing remote hosts' namespaces (--container, --all-netns with --host) reports its progress.</param>
    /// <param name="machine">How this machine is named in results (a node agent's node name); null: localhost.</param>
    public HostSelection Resolve(ParseResult parse, IEngineOutput output, string? machine = null)
    {
        var names = new List<HostAddress>();
        foreach (var text in parse.GetValue(_hosts) ?? [])
        {
            names.Add(HostAddress.Parse(text));
        }

        if (parse.GetValue(_hostsFile) is { } file)
        {
            names.AddRange(HostsFile.Read(file));
        }

        var namespaces = _namespaces.Selection(parse);
        if (names.Count == 0)
        {
            return namespaces.IsEmpty ? (machine is null ? HostSelection.ThisMachine : new HostSelection([LocalKernelHost.Named(machine)]))
                : new HostSelection(NamespaceTargets.OnThisMachine(namespaces, output, machine ?? "localhost"), parse.GetValue(_throttle));
        }

        if (machine is not null)
        {
            throw CommandRunner.InputError("node-name", "--node-name names this machine; the hosts given with --host are named as given.");
        }

        var settings = new SshSettings
        {
            ConfigFile = parse.GetValue(_sshConfig),
            IdentityFile = parse.GetValue(_identity),
            Options = parse.GetValue(_sshOptions) ?? [],
            AcceptNewHostKey = parse.GetValue(_acceptNew),
        };
        var sudo = parse.GetValue(_sudo);
        var timeout = TimeSpan.FromSeconds(parse.GetValue(_timeout));
        var hosts = names.DistinctBy(n => n.ToString()).Select(n => new RemoteKernelHost(new OpenSshTransport(n, settings), sudo, timeout)).ToList();
        var throttle = parse.GetValue(_throttle);
        return new HostSelection(namespaces.IsEmpty ? hosts : RemoteNamespaces.Expand(hosts, namespaces, throttle, output), throttle);
    }
}
