using System.Text;

namespace TwTools;

/// <summary>
/// One finding about input or about a host: an error, a warning or a note, with the place it came
/// from when it came from a file. Cmdlets turn these into ErrorRecords and warnings; the CLI prints them.
/// </summary>
public sealed record TwDiagnostic(
    string Id,
    TwSeverity Severity,
    TwErrorCategory Category,
    string Message)
{
    public string? File { get; init; }
    public int? Line { get; init; }
    public int? Column { get; init; }

    /// <summary>The policy field (dotted path such as <c>spec.settings.net.ipv4.tcp_tw_reuse</c>) or sysctl key concerned.</summary>
    public string? Field { get; init; }

    /// <summary>What the finding is about on a host: a key, a file, the host itself.</summary>
    public string? Target { get; init; }

    /// <summary>
    /// Input the user can correct (a policy, an argument, a capture file): the CLI exits 2 for it rather
    /// than 3, and a fan-out reports it once rather than as a host that failed.
    /// </summary>
    public bool IsBadInput { get; init; }

    /// <summary>An operation that failed on a host.</summary>
    public static TwDiagnostic Error(string id, TwErrorCategory category, string message) =>
        new(id, TwSeverity.Error, category, message);

    /// <summary>Input that cannot be used; nothing was touched because of it.</summary>
    public static TwDiagnostic BadInput(string id, TwErrorCategory category, string message) =>
        new(id, TwSeverity.Error, category, message) { IsBadInput = true };

    public static TwDiagnostic Warning(string id, string message) =>
        new(id, TwSeverity.Warning, TwErrorCategory.NotSpecified, message);

    public bool IsError => Severity == TwSeverity.Error;

    /// <summary>Compiler-style text: <c>file:line:column: field: message [id]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (File is not null)
        {
            text.Append(File);
            if (Line is not null)
            {
                text.Append(':').Append(Line);
                if (Column is not null)
                {
                    text.Append(':').Append(Column);
                }
            }

            text.Append(": ");
        }

        if (Field is not null)
        {
            text.Append(Field).Append(": ");
        }

        text.Append(Message).Append(" [").Append(Id).Append(']');
        return text.ToString();
    }
}
