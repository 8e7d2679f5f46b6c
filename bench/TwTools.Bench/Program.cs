using TwTools.Bench;

// Usage: dotnet run --project bench/TwTools.Bench -c Release -- startup [path/to/twtools] [runs]
//        dotnet run --project bench/TwTools.Bench -c Release -- sockets [N ...]      (root: makes its own namespaces)
//        dotnet run --project bench/TwTools.Bench -c Release -- fleet [H ...] [--rounds R] [--twtools path] [--no-ansible]   (root; sshd hosts in namespaces)
//        dotnet run --project bench/TwTools.Bench -c Release -- remote-sockets [N]     (root; one sshd host with N sockets, -Session against -HostName)
//        dotnet run --project bench/TwTools.Bench -c Release -- namespaces [N] [sockets] [--twtools path]   (root; N network namespaces, --all-netns against ip -all netns exec ss)
//        dotnet run --project bench/TwTools.Bench -c Release -- fleet-profile [H ...] [--twtools path]     (root, perf: CPU by command per phase)
var mode = args.Length > 0 ? args[0] : "startup";
switch (mode)
{
    case "startup":
        var binary = args.Length > 1 ? args[1] : Path.Combine(Directory.GetCurrentDirectory(), "out/bin/twtools");
        var runs = args.Length > 2 ? int.Parse(args[2]) : 50;
        return StartupBenchmark.Run(binary, runs);
    case "sockets":
        int[] sizes = args.Length > 1 ? args[1..].Select(int.Parse).ToArray() : [10_000, 100_000, 200_000];
        return SocketBenchmark.Run(sizes);
    case "fleet":
        var rest = args[1..].ToList();
        var rounds = Option(rest, "--rounds") is { } r ? int.Parse(r) : 3;
        var twtools = Option(rest, "--twtools") ?? Path.Combine(Directory.GetCurrentDirectory(), "out/bin/twtools");
        var withAnsible = !rest.Remove("--no-ansible");
        int[] hosts = rest.Count > 0 ? rest.Select(int.Parse).ToArray() : [5, 20, 50];
        return FleetBenchmark.Run(Path.GetFullPath(twtools), hosts, rounds, withAnsible);
    case "fleet-profile":
        var profileArgs = args[1..].ToList();
        var profiled = Option(profileArgs, "--twtools") ?? Path.Combine(Directory.GetCurrentDirectory(), "out/bin/twtools");
        return FleetProfile.Run(Path.GetFullPath(profiled), profileArgs.Count > 0 ? profileArgs.Select(int.Parse).ToArray() : [50]);
    case "remote-sockets":
        return RemoteListingBenchmark.Run(args.Length > 1 ? int.Parse(args[1]) : 17_000);
    case "namespaces":
        var nsArgs = args[1..].ToList();
        var nsTwtools = Option(nsArgs, "--twtools") ?? Path.Combine(Directory.GetCurrentDirectory(), "out/bin/twtools");
        return NamespaceBenchmark.Run(Path.GetFullPath(nsTwtools), nsArgs.Count > 0 ? int.Parse(nsArgs[0]) : 200, nsArgs.Count > 1 ? int.Parse(nsArgs[1]) : 1000);
    case "sockets-measure":
        return SocketMeasurement.Run(int.Parse(args[1]));
    default:
        Console.Error.WriteLine($"bench: unknown benchmark '{mode}'; known: startup, sockets, namespaces, fleet, fleet-profile, remote-sockets");
        return 2;
}

// Removes "--name value" from the arguments and returns the value.
static string? Option(List<string> arguments, string name)
{
    var at = arguments.IndexOf(name);
    if (at < 0 || at + 1 >= arguments.Count)
    {
        return null;
    }

    var value = arguments[at + 1];
    arguments.RemoveRange(at, 2);
    return value;
}
