namespace TwTools.Cli.Runs;

/// <summary>How a run writes its data: a table for people, JSON for scripts, Prometheus text for monitoring.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Prometheus,
}
