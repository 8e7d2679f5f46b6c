using System.Text;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;

namespace TwTools.Engine.Policy;

/// <summary>
/// A policy's bytes as text, strictly: bytes that are not UTF-8 and NUL characters are refused with their
/// line and column, instead of being read as replacement characters that no one typed.
/// </summary>
internal static class PolicyText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Null and the text, or the error.</summary>
    public static TwDiagnostic? Decode(byte[] bytes, string file, out string text)
    {
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            text = Strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            text = string.Empty;
            var at = start + Math.Max(0, e.Index);
            return At(file, bytes, at, "the file is not UTF-8 text (a byte here is not valid UTF-8); save it as UTF-8");
        }

        var nul = Array.IndexOf(bytes, (byte)0, start);
        return nul >= 0 ? At(file, bytes, nul, "the file holds a NUL character, which YAML text never does") : null;
    }

    private static TwDiagnostic At(string file, byte[] bytes, int index, string message)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return TwDiagnostic.BadInput(TwErrorIds.Policy.Syntax, TwErrorCategory.InvalidData, message) with
        {
            File = PrintableText.Of(file, 300),
            Line = line,
            Column = Encoding.UTF8.GetCharCount(bytes, lineStart, Math.Max(0, index - lineStart)) + 1,
        };
    }
}
