using TwTools.Engine.Diagnostics;
using TwTools.Engine.Files;
using TwTools.Engine.Remote;
using TwTools.Engine.Text;

namespace TwTools.Cli.Runs;

/// <summary><c>--hosts-file</c>: one host per line, blank lines and # comments skipped; a bad line is named by file and line.</summary>
internal static class HostsFile
{
    public static IEnumerable<HostAddress> Read(string file)
    {
        string[] lines;
        try
        {
            // A fleet of 100,000 hosts fits in a few MiB; a hosts file that is /dev/zero or a FIFO is refused.
            lines = RegularFile.ReadAllText(file, 16 << 20).Split('\n');
        }
        catch (Exception e) when (e is RegularFileException or IOException)
        {
            var reason = e is RegularFileException refused ? refused.Reason : e.Message;
            throw new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidArgument, TwErrorCategory.InvalidArgument, $"cannot read hosts file {PrintableText.Of(file, 300)}: {reason}") with { File = PrintableText.Of(file, 300), Field = "hosts-file" });
        }

        var hosts = new List<HostAddress>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                hosts.Add(HostAddress.Parse(line));
            }
            catch (TwOperationException e)
            {
                throw new TwOperationException(e.Diagnostics.Select(d => d with { File = file, Line = i + 1 }).ToList());
            }
        }

        return hosts;
    }
}
