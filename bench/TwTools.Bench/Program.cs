using TwTools.Bench;

// Usage: dotnet run --project bench/TwTools.Bench -c Release -- startup [path/to/twtools] [runs]
var mode = args.Length > 0 ? args[0] : "startup";
switch (mode)
{
    case "startup":
        var binary = args.Length > 1 ? args[1] : Path.Combine(Directory.GetCurrentDirectory(), "out/bin/twtools");
        var runs = args.Length > 2 ? int.Parse(args[2]) : 50;
        return StartupBenchmark.Run(binary, runs);
    default:
        Console.Error.WriteLine($"bench: unknown benchmark '{mode}'; known: startup");
        return 2;
}
