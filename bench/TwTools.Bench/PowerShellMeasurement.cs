using System.Diagnostics;
using System.Globalization;

namespace TwTools.Bench;

/// <summary>
/// The PowerShell paths at the same table: one pwsh (the pinned one, `dotnet pwsh` from the repository)
/// imports out/TwTools once and times each pipeline inside itself, so pwsh's start-up and the import are
/// not counted for either side. Medians of 5 after one warm-up each.
/// </summary>
internal static class PowerShellMeasurement
{
    private const string Script = """
        $ErrorActionPreference = 'Stop'
        Import-Module ./out/TwTools/TwTools.psd1
        function Median([scriptblock] $Body) {
            $null = & $Body
            $times = 1..5 | ForEach-Object { (Measure-Command $Body).TotalMilliseconds }
            ($times | Sort-Object)[2]
        }
        $cmdlet = Median { Get-TcpSocketState -State TimeWait | Measure-Object }
        $ss = Median { ss -tan state time-wait | Measure-Object -Line }
        $ports = Median { Test-PortExhaustion -Summary }
        $cli = Median { ./out/bin/twtools exhaustion --json | Out-Null }
        $count = (Get-TcpSocketState -State TimeWait | Measure-Object).Count
        [string]::Join(' ', [string[]]($cmdlet, $ss, $ports, $cli, $count))
        """;

    /// <summary>Rows for the socket benchmark, or nothing when pwsh or the built module is not there.</summary>
    public static IReadOnlyList<(string Name, double Ms, double? Peer, string? PeerName)> Run()
    {
        if (!File.Exists("out/TwTools/TwTools.psd1") || !File.Exists(".config/dotnet-tools.json"))
        {
            return [];
        }

        var info = new ProcessStartInfo("dotnet", ["pwsh", "-NoProfile", "-NonInteractive", "-Command", Script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var pwsh = Process.Start(info)!;
        var output = pwsh.StandardOutput.ReadToEnd();
        var errors = pwsh.StandardError.ReadToEnd();
        if (!pwsh.WaitForExit(TimeSpan.FromMinutes(5)) || pwsh.ExitCode != 0)
        {
            Console.WriteLine($"    (PowerShell paths not measured: {errors.Trim()})");
            return [];
        }

        var v = output.Trim().Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return
        [
            ($"pwsh: Get-TcpSocketState -State TimeWait | Measure-Object ({v[4]:0})", v[0], v[1], "ss ... | Measure-Object -Line"),
            ("pwsh: ss -tan state time-wait | Measure-Object -Line", v[1], null, null),
            ("pwsh: Test-PortExhaustion -Summary", v[2], v[3], "twtools exhaustion --json"),
            ("pwsh: twtools exhaustion --json | Out-Null", v[3], null, null),
        ];
    }
}
