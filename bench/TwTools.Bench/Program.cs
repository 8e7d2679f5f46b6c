using TwTools.Bench;

// Usage: dotnet run --project bench/TwTools.Bench -c Release -- startup [path/to/twtools] [runs]
//        dotnet run --project bench/TwTools.Bench -c Release -- sockets [N ...]      (root: makes its own namespaces)
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
    case "sockets-measure":
        return SocketMeasurement.Run(int.Parse(args[1]));
    default:
        Console.Error.WriteLine($"bench: unknown benchmark '{mode}'; known: startup, sockets");
        return 2;
}
