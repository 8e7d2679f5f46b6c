using System.CommandLine;
using TwTools.Cli.Runs;
using TwTools.Engine.Operations;

namespace TwTools.Cli.Commands;

/// <summary>
/// <c>--json</c>, and for the commands that judge a host, <c>--format prometheus</c> with its
/// cardinality guard (<c>--top</c>) and node_exporter's textfile directory (<c>--textfile-dir</c>).
/// </summary>
internal sealed class OutputOptions
{
    private readonly Option<bool> _json = CommonOptions.Json();

    private readonly Option<OutputFormat?> _format = new("--format")
    {
        Description = "Table (default), Json (as --json) or Prometheus (the text exposition format node_exporter and promtool read).",
        HelpName = "format",
    };

    private readonly Option<int> _top = new("--top")
    {
        Description = "Prometheus: series for the N busiest destinations per host; the rest are summed into one aggregate.",
        DefaultValueFactory = _ => MetricsOptions.DefaultTop,
        HelpName = "n",
    };

    private readonly Option<string> _textfileDir = new("--textfile-dir")
    {
        Description = "Prometheus: replace the .prom file in this node_exporter textfile directory atomically instead of writing to stdout.",
        HelpName = "dir",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _json, _format, _top, _textfileDir })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>--textfile-dir means Prometheus text; --json and another --format contradict each other.</summary>
    public OutputFormat Format(ParseResult parse)
    {
        var format = parse.GetValue(_format) ?? (parse.GetValue(_textfileDir) is not null ? OutputFormat.Prometheus : OutputFormat.Table);
        if (parse.GetValue(_json) && format is not (OutputFormat.Table or OutputFormat.Json))
        {
            throw CommandRunner.InputError("format", $"--json and --format {format} ask for two formats; give one.");
        }

        if (parse.GetValue(_textfileDir) is not null && format != OutputFormat.Prometheus)
        {
            throw CommandRunner.InputError("textfile-dir", "--textfile-dir writes Prometheus text; drop --format/--json or make it --format prometheus.");
        }

        return parse.GetValue(_json) ? OutputFormat.Json : format;
    }

    public MetricsTarget Metrics(ParseResult parse) => new(new MetricsOptions { Top = parse.GetValue(_top) }, parse.GetValue(_textfileDir));
}
