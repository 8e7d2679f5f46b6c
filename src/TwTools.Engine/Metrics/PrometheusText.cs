using System.Globalization;
using System.Text;

namespace TwTools.Engine.Metrics;

/// <summary>
/// The Prometheus text exposition format (version 0.0.4), as node_exporter's textfile collector and
/// promtool read it: each family once, HELP and TYPE before its samples, all its samples together,
/// label values escaped, no timestamps (the textfile collector refuses them).
/// </summary>
internal sealed class PrometheusText
{
    private readonly List<Family> _families = [];

    /// <summary>Declares a family; samples added under its name later are written together, in the order families were declared.</summary>
    public void Declare(string name, string type, string help) => _families.Add(new Family(name, type, help));

    public void Add(string name, double value, params (string Name, string Value)[] labels) =>
        _families.Single(f => f.Name == name).Samples.Add((labels, value));

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var family in _families.Where(f => f.Samples.Count > 0))
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            foreach (var (labels, value) in family.Samples)
            {
                text.Append(family.Name);
                if (labels.Length > 0)
                {
                    text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{EscapeLabel(l.Value)}\"")).Append('}');
                }

                text.Append(' ').Append(Number(value)).Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Backslash, double quote and line feed are escaped as the format asks. The format has no escape for
    /// other control characters, and the text may be printed on a terminal, so those become U+FFFD.
    /// </summary>
    public static string EscapeLabel(string value) =>
        ReplaceControls(value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n"));

    private static string ReplaceControls(string value) =>
        value.Any(char.IsControl) ? string.Concat(value.Select(c => char.IsControl(c) ? '\uFFFD' : c)) : value;

    private static string EscapeHelp(string value) => value.Replace("\\", "\\\\").Replace("\n", "\\n");

    private sealed record Family(string Name, string Type, string Help)
    {
        public List<((string Name, string Value)[] Labels, double Value)> Samples { get; } = [];
    }
}
