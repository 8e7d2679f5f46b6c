using TwTools.Engine.Operations;

namespace TwTools.Cli.Runs;

/// <summary>Where Prometheus text goes: stdout, or a .prom file replaced atomically in node_exporter's textfile directory.</summary>
internal sealed record MetricsTarget(MetricsOptions Options, string? TextfileDirectory)
{
    public static MetricsTarget Stdout { get; } = new(new MetricsOptions(), null);

    /// <summary>Refuses a bad --top or a missing directory before any host is read.</summary>
    public void Validate()
    {
        Options.Validate();
        if (TextfileDirectory is not null)
        {
            MetricsExport.CheckTextfileDirectory(TextfileDirectory);
        }
    }

    public void Write(string exposition, string fileName, StreamWriter stdout, TwTools.Engine.FrontEnd.IEngineOutput output)
    {
        if (TextfileDirectory is null)
        {
            stdout.Write(exposition);
            return;
        }

        var path = MetricsExport.WriteTextfile(TextfileDirectory, fileName, exposition);
        output.WriteVerbose($"Wrote {path}.");
    }
}
