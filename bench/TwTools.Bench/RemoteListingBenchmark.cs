using System.Globalization;
using TwTools.TestHosts;

namespace TwTools.Bench;

/// <summary>
/// One sshd test host (which also serves PowerShell remoting) holding N TIME_WAIT sockets, and one pwsh
/// in the controller namespace timing the same listing over <c>-Session</c> and over <c>-HostName</c>,
/// each beside the floor of its carrier: the same /proc text brought back by <c>Invoke-Command</c> on
/// that session, and by ssh over the same shared connection. Medians of 5 after a warm-up, in one run.
/// </summary>
internal static class RemoteListingBenchmark
{
    private const string Script = """
        param([string] $Module, [string] $Address, [string] $Identity, [string] $KnownHosts, [string] $ControlDirectory)
        $ErrorActionPreference = 'Stop'
        Import-Module $Module
        $s = New-PSSession -HostName $Address -UserName root -KeyFilePath $Identity -Options @{
            UserKnownHostsFile = $KnownHosts; GlobalKnownHostsFile = '/dev/null'; StrictHostKeyChecking = 'yes'; BatchMode = 'yes' }
        $options = "UserKnownHostsFile=$KnownHosts", 'GlobalKnownHostsFile=/dev/null'
        $ssh = '-T', '-i', $Identity, '-o', "UserKnownHostsFile=$KnownHosts", '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'BatchMode=yes',
            '-o', 'ControlMaster=auto', '-o', "ControlPath=$ControlDirectory/%C", '-o', 'ControlPersist=60', "root@$Address"
        function Median([scriptblock] $Body) {
            $null = & $Body
            $times = 1..5 | ForEach-Object { (Measure-Command $Body).TotalMilliseconds }
            ($times | Sort-Object)[2]
        }
        $session = Median { Get-TcpSocketState -Session $s | Measure-Object }
        $sessionText = Median { Invoke-Command -Session $s { (sh -c 'cat /proc/net/tcp /proc/net/tcp6') -join "`n" } | Measure-Object }
        $sessionLines = Median { Invoke-Command -Session $s { sh -c 'cat /proc/net/tcp /proc/net/tcp6' } | Measure-Object }
        $hostName = Median { Get-TcpSocketState -HostName "root@$Address" -IdentityFile $Identity -SshOption $options | Measure-Object }
        $sshText = Median { ssh @ssh 'cat /proc/net/tcp /proc/net/tcp6' | Measure-Object -Line }
        $count = (Get-TcpSocketState -Session $s | Measure-Object).Count
        Remove-PSSession $s
        [string]::Join(' ', [string[]]($session, $sessionText, $sessionLines, $hostName, $sshText, $count))
        """;

    public static int Run(int sockets)
    {
        if (PowerShellTool.Path is not { } pwsh || !File.Exists("out/TwTools/TwTools.psd1"))
        {
            Console.Error.WriteLine("bench remote-sockets: needs the pinned pwsh (dotnet tool restore) and the module in out/TwTools (bash eng/bootstrap.sh).");
            return 2;
        }

        using var fleet = new SshTestFleet(1);
        var host = fleet.Hosts[0];
        var peer = Path.Combine(AppContext.BaseDirectory, "TwTools.TestPeer.dll");
        var made = host.Namespace.Exec(["dotnet", peer, "timewait", "127.0.0.1", "80", sockets.ToString(CultureInfo.InvariantCulture), "10000", "127.0.0.2"]);
        if (made.ExitCode != 0)
        {
            Console.Error.WriteLine($"bench remote-sockets: could not make the sockets: {made}");
            return 1;
        }

        var script = Path.Combine(fleet.Directory, "remote-listing.ps1");
        File.WriteAllText(script, Script);
        var run = fleet.RunInController([pwsh, "-NoProfile", "-NonInteractive", "-File", script, Path.GetFullPath("out/TwTools/TwTools.psd1"),
            host.Address, fleet.IdentityFile, fleet.KnownHostsFile, fleet.ControlDirectory], TimeSpan.FromMinutes(10));
        if (run.ExitCode != 0)
        {
            Console.Error.WriteLine($"bench remote-sockets: pwsh failed: {run}");
            return 1;
        }

        var v = run.StdOut.Trim().Split('\n')[^1].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"""
            machine: {Environment.ProcessorCount} cores, kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}, {Tool.FirstLine("ssh", "-V")}, pwsh {Tool.FirstLine(pwsh, "-Version")}
            one host, {v[5]:0} sockets listed (ms, medians of 5 in one pwsh; the ssh connection shared as TwTools shares it)
              Get-TcpSocketState -Session | Measure-Object          {v[0],8:0.0}   {v[0] / v[3]:0.00}x -HostName, {v[0] / v[1]:0.00}x its floor
                floor: Invoke-Command -Session, the text as one string  {v[1],8:0.0}
                (Invoke-Command -Session, the text as lines           {v[2],8:0.0})
              Get-TcpSocketState -HostName | Measure-Object         {v[3],8:0.0}   {v[3] / v[4]:0.00}x its floor
                floor: ssh 'cat /proc/net/tcp*' | Measure-Object -Line {v[4],8:0.0}
              bar: -Session within 1.2x of -HostName: {(v[0] <= 1.2 * v[3] ? "met" : "NOT met")}
            """);
        return 0;
    }
}
