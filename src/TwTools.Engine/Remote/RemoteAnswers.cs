using System.Text;
using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Remote;

/// <summary>Shared pieces of answer parsing: base64 fields and the error for an answer TwTools cannot read.</summary>
internal static class RemoteAnswers
{
    /// <summary>A field written as <c>=base64</c> by the program.</summary>
    public static string Decode(string hostName, string field)
    {
        if (!field.StartsWith('='))
        {
            throw Malformed(hostName, "a field is not base64", field);
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(field[1..]));
        }
        catch (FormatException)
        {
            throw Malformed(hostName, "a field is not base64", field);
        }
    }

    public static TwException Malformed(string hostName, string what, string? line)
    {
        var shown = line is null ? string.Empty : $": '{PrintableText.Of(line, 120)}'";
        return new TwException(TwDiagnostic.Error(
            TwErrorIds.RemoteProtocol,
            TwErrorCategory.InvalidData,
            $"{hostName}: {what}{shown}. The host needs a POSIX sh with coreutils (base64, readlink, cat).") with { Target = hostName });
    }
}
