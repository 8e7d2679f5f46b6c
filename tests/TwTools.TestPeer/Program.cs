using System.Net;
using System.Net.Sockets;
using TwTools.TestPeer;

// serve ADDR PORT [--server-closes]        answer one byte per request until the client closes (or close first)
// requests ADDR PORT COUNT [--pooled] [--interval-ms N] [--server-closes]   one connection per request (client closes unless told the server will), or one kept-alive connection
// timewait ADDR PORT COUNT FIRST-PORT SOURCE...           COUNT client-side TIME_WAIT sockets from explicit source ports
return args.FirstOrDefault() switch
{
    "serve" => Server.Run(IPAddress.Parse(args[1]), int.Parse(args[2]), args.Contains("--server-closes")),
    "requests" => Client.Run(IPAddress.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]), args.Contains("--pooled"), Option(args, "--interval-ms"), args.Contains("--server-closes")),
    "timewait" => TimeWaitFactory.Run(IPAddress.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), args[5..].Select(IPAddress.Parse).ToArray()),
    _ => Usage(),
};

static int Option(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 ? int.Parse(args[index + 1]) : 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: serve ADDR PORT [--server-closes] | requests ADDR PORT COUNT [--pooled] [--interval-ms N] | timewait ADDR PORT COUNT FIRST-PORT SOURCE...");
    return 2;
}
