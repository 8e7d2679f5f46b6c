using System.Globalization;
using TwTools.TestHosts;

namespace TwTools.Bench;

/// <summary>
/// One sshd test host (which also serves PowerShell remoting) holding N TIME_WAIT sockets, and one pwsh
/// in the controller namespace timing the same listing over <c>-Session</c> and over <c>-HostName</c>,
/// each beside the floor of its carrier: the same /proc text brought back by <c>Invoke-Command</c> on
/// that session the way the session carrier brings it (gzipped bytes), and by ssh over the same shared
/// connection. Medians of 9, the paths taking turns after all of them are warm, in one run.
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
        # Each carrier's round trip alone, with the program a listing sends (the engine's types, by reflection:
        # the module keeps them in its own load context).
        $loaded = [System.Runtime.Loader.AssemblyLoadContext]::All | ForEach-Object { $_.Assemblies }
        $engine = $loaded | Where-Object { $_.GetName().Name -eq 'TwTools.Engine' } | Select-Object -First 1
        $frontEnd = $loaded | Where-Object { $_.GetType('TwTools.PowerShell.Hosting.PSSessionTransport') } | Select-Object -First 1
        $program = $engine.GetType('TwTools.Engine.Remote.ReadProgram').GetMethod('Build').Invoke($null, @($true))
        $settings = [Activator]::CreateInstance($engine.GetType('TwTools.Engine.Remote.SshSettings'))
        $settings.GetType().GetProperty('IdentityFile').SetValue($settings, $Identity)
        $settings.GetType().GetProperty('Options').SetValue($settings, [System.Collections.Generic.List[string]]$options)
        $target = $engine.GetType('TwTools.Engine.Remote.HostAddress').GetMethod('Parse').Invoke($null, @("root@$Address"))
        $carriers = @(
            $frontEnd.GetType('TwTools.PowerShell.Hosting.PSSessionTransport').GetConstructors()[0].Invoke([object[]]@($s.psobject.BaseObject))
            $engine.GetType('TwTools.Engine.Remote.OpenSshTransport').GetConstructors()[0].Invoke([object[]]@($target, $settings)))
        function Trip($carrier) { $null = $carrier.GetType().GetMethod('Run').Invoke($carrier, @($program, $false, [Threading.CancellationToken]::None)) }
        $bodies = [ordered]@{
            session = { Get-TcpSocketState -Session $s | Measure-Object }
            sessionTrip = { Trip $carriers[0] }
            packed = { Invoke-Command -Session $s {
                $p = [System.Diagnostics.Process]::Start([System.Diagnostics.ProcessStartInfo]@{ FileName = 'sh'; RedirectStandardInput = $true; RedirectStandardOutput = $true; UseShellExecute = $false })
                $p.StandardInput.Write("cat /proc/net/tcp /proc/net/tcp6`n"); $p.StandardInput.Close()
                $m = [System.IO.MemoryStream]::new(); $z = [System.IO.Compression.GZipStream]::new($m, [System.IO.Compression.CompressionLevel]::Fastest, $true)
                $p.StandardOutput.BaseStream.CopyTo($z); $z.Dispose(); $p.WaitForExit(); , $m.ToArray() } | Measure-Object }
            empty = { Invoke-Command -Session $s { $null } }
            sessionText = { Invoke-Command -Session $s { (sh -c 'cat /proc/net/tcp /proc/net/tcp6') -join "`n" } | Measure-Object }
            hostName = { Get-TcpSocketState -HostName "root@$Address" -IdentityFile $Identity -SshOption $options | Measure-Object }
            sshTrip = { Trip $carriers[1] }
            sshText = { ssh @ssh 'cat /proc/net/tcp /proc/net/tcp6' | Measure-Object -Line }
        }
        # Both pwsh processes JIT for many seconds (tiered compilation) on the cores everything shares, so
        # every path is warmed until that is over, then the paths take turns, so drift hits all alike.
        $warm = [System.Diagnostics.Stopwatch]::StartNew()
        while ($warm.Elapsed.TotalSeconds -lt 20) { foreach ($body in $bodies.Values) { $null = & $body } }
        $times = @{}; foreach ($name in $bodies.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
        foreach ($round in 1..9) { foreach ($name in $bodies.Keys) { $times[$name].Add((Measure-Command $bodies[$name]).TotalMilliseconds) } }
        $m = @{}; foreach ($name in $bodies.Keys) { $m[$name] = ($times[$name] | Sort-Object)[4] }
        # The host's pwsh (sshd's powershell subsystem) runs on the same cores in this benchmark: its CPU a listing.
        $hostPwsh = @(Get-Process pwsh | Where-Object Id -ne $PID)
        function HostCpu { ($hostPwsh | ForEach-Object { $_.Refresh(); $_.TotalProcessorTime.TotalMilliseconds } | Measure-Object -Sum).Sum }
        $cpu0 = HostCpu; $me0 = (Get-Process -Id $PID).TotalProcessorTime.TotalMilliseconds
        1..5 | ForEach-Object { $null = & $bodies.session }
        $hostCpu = ((HostCpu) - $cpu0) / 5; $ownCpu = ((Get-Process -Id $PID).TotalProcessorTime.TotalMilliseconds - $me0) / 5
        $count = (Get-TcpSocketState -Session $s | Measure-Object).Count
        Remove-PSSession $s
        [string]::Join(' ', [string[]]($m.session, $m.sessionTrip, $m.packed, $m.empty, $m.sessionText, $m.hostName, $m.sshTrip, $m.sshText, $count, $hostCpu, $ownCpu))
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
            one host, {v[8]:0} sockets listed (ms, medians of 9 taking turns in one pwsh after 20 s of warm-up; ssh's connection shared as TwTools shares it)
              Get-TcpSocketState -Session | Measure-Object             {v[0],8:0.0}   {v[0] / v[5]:0.00}x -HostName
                its carrier's round trip (PSSessionTransport.Run)     {v[1],8:0.0}   the rest (parse, objects) {v[0] - v[1],6:0.0}
                CPU a listing: the host's pwsh {v[9]:0}, this pwsh {v[10]:0} (both on these {Environment.ProcessorCount} cores)
                PowerShell's floor: Invoke-Command, the same text gzipped {v[2],8:0.0}
                (Invoke-Command returning nothing                      {v[3],8:0.0})
                (Invoke-Command, the same text as one string           {v[4],8:0.0})
              Get-TcpSocketState -HostName | Measure-Object            {v[5],8:0.0}
                its carrier's round trip (OpenSshTransport.Run)       {v[6],8:0.0}   the rest (parse, objects) {v[5] - v[6],6:0.0}
                (ssh 'cat /proc/net/tcp*' | Measure-Object -Line       {v[7],8:0.0})
              bar: -Session within 1.2x of -HostName: {(v[0] <= 1.2 * v[5] ? "met" : "NOT met")}
            """);
        return 0;
    }
}
