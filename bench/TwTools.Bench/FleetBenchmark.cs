using TwTools.TestHosts;

namespace TwTools.Bench;

/// <summary>
/// For each fleet size H: H sshd test hosts (namespaces joined by a bridge in a namespace of its own,
/// the controller in another), then rounds of <see cref="FleetRound"/>; prints medians and the ratios
/// against Ansible and against the plain-ssh floor, all measured in this run.
/// </summary>
internal static class FleetBenchmark
{
    private const int BarHosts = 20;

    public static int Run(string twtools, int[] sizes, int rounds, bool withAnsible = true)
    {
        if (Environment.UserName != "root")
        {
            Console.Error.WriteLine("bench fleet: needs root to create network namespaces.");
            return 2;
        }

        if (!File.Exists(twtools))
        {
            Console.Error.WriteLine($"bench fleet: {twtools} not found; build it with 'bash eng/bootstrap.sh'");
            return 2;
        }

        var ansibleVersion = withAnsible ? Tool.FirstLine("ansible-playbook", "--version") : null;
        if (withAnsible && ansibleVersion is null)
        {
            Console.WriteLine("bench fleet: ansible-playbook is not installed (Debian: apt-get install ansible); timing TwTools against the ssh floor only.");
        }

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}, "
            + $"{Tool.FirstLine("ssh", "-V") ?? "ssh ?"}, {ansibleVersion ?? "no ansible"}, .NET {Environment.Version}; medians of {rounds} round(s)");
        foreach (var hosts in sizes)
        {
            try
            {
                Measure(twtools, hosts, rounds, ansibleVersion is not null);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
                Console.Error.WriteLine($"bench fleet: {hosts} hosts: {e.Message}");
                return 1;
            }
        }

        return 0;
    }

    private static void Measure(string twtools, int hosts, int rounds, bool withAnsible)
    {
        using var fleet = new SshTestFleet(hosts);
        var policy = Path.Combine(fleet.Directory, "fleet-bench.yaml");
        File.WriteAllText(policy, FleetBaseline.PolicyYaml());
        var ansible = !withAnsible ? null
            : new AnsibleProject(Path.Combine(fleet.Directory, "ansible"), [.. fleet.Hosts.Select(h => h.Address)], fleet.ConfigFile, fleet.IdentityFile);
        var round = new FleetRound(fleet, twtools, policy, ansible);
        var times = Enumerable.Range(0, rounds).Select(_ => round.Measure()).ToList();
        Print(hosts, times);
    }

    private static void Print(int hosts, List<FleetTimes> times)
    {
        double Median(Func<FleetTimes, double> pick) => times.Select(pick).Order().ElementAt(times.Count / 2);
        var floor = Median(t => t.Floor);
        var twFirst = Median(t => t.TwToolsFirst);
        var twSecond = Median(t => t.TwToolsSecond);
        var ansibleFirst = Median(t => t.AnsibleFirst);
        var ansibleSecond = Median(t => t.AnsibleSecond);
        Console.WriteLine($"\nH = {hosts} hosts (wall seconds)");
        Console.WriteLine($"  floor: {hosts} parallel 'ssh host true'        {floor,7:0.00}");
        Console.WriteLine($"  twtools apply, first run (changes)         {twFirst,7:0.00}   {twFirst / floor:0.00}x the ssh floor");
        Console.WriteLine($"  twtools apply, second run (no-op)          {twSecond,7:0.00}   {twSecond / floor:0.00}x the ssh floor");
        if (times.Count > 1)
        {
            Console.WriteLine($"  each round, first run / no-op vs its floor:  {string.Join("  ", times.Select(t => $"{t.TwToolsFirst / t.Floor:0.00}/{t.TwToolsSecond / t.Floor:0.00}"))}");
        }

        var rssFirst = Median(t => t.TwToolsMaxRssMiB.First);
        var rssSecond = Median(t => t.TwToolsMaxRssMiB.Second);
        Console.WriteLine(double.IsNaN(rssFirst) ? "  controller max RSS: not measured (no /usr/bin/time)"
            : $"  controller (twtools) max RSS, MiB            {rssFirst,7:0.0} first run, {rssSecond:0.0} no-op ({rssFirst * 1024 / hosts:0} KiB a host); "
                + $"{Median(t => t.DefaultThrottleMaxRssMiB):0.0} no-op at --throttle 32");
        if (!double.IsNaN(ansibleFirst))
        {
            Console.WriteLine($"  ansible-playbook, first run (changes)      {ansibleFirst,7:0.00}   twtools {ansibleFirst / twFirst:0.0}x faster");
            Console.WriteLine($"  ansible-playbook, second run (no-op)       {ansibleSecond,7:0.00}   twtools {ansibleSecond / twSecond:0.0}x faster");
        }

        if (hosts == BarHosts)
        {
            Console.WriteLine($"  bar: first run <= 1.3x the ssh floor: {(twFirst <= 1.3 * floor ? "met" : "NOT met")}");
            Console.WriteLine(double.IsNaN(ansibleSecond) ? "  bar: second run >= 10x faster than Ansible: not measured (no Ansible)"
                : $"  bar: second run >= 10x faster than Ansible: {(ansibleSecond >= 10 * twSecond ? "met" : "NOT met")}");
        }
    }
}
