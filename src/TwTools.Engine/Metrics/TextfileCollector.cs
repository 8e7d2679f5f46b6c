using TwTools.Engine.Diagnostics;
using TwTools.Engine.Files;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Text;

namespace TwTools.Engine.Metrics;

/// <summary>
/// node_exporter's textfile collector reads every *.prom file in its directory at each scrape, so a file
/// must change from one whole version to the next: written beside it under a name the collector skips,
/// made durable, then renamed over it. A run that fails leaves the previous file as it was.
/// </summary>
internal static class TextfileCollector
{
    public static void CheckDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidArgument, TwErrorCategory.ObjectNotFound,
                $"textfile directory {PrintableText.Of(directory, 300)} does not exist (point it at node_exporter's --collector.textfile.directory)") with { Field = "textfile-dir" });
        }
    }

    public static string Write(string directory, string fileName, string exposition)
    {
        CheckDirectory(directory);
        var path = Path.Combine(directory, fileName);
        try
        {
            var previous = File.Exists(path) ? RegularFile.ReadAllText(path, 64 << 20) : null;
            AtomicFile.Write(path, exposition, previous);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RegularFileException)
        {
            var reason = e is RegularFileException refused ? refused.Reason : e.Message;
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Metrics.TextfileWriteFailed,
                e is UnauthorizedAccessException ? TwErrorCategory.PermissionDenied : TwErrorCategory.WriteError,
                $"cannot write {PrintableText.Of(path, 300)}: {reason}; the previous file, if any, is unchanged") with { Target = path });
        }
    }
}
