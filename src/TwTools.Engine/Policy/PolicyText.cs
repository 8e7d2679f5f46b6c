using System.Text;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;

namespace TwTools.Engine.Policy;

/// <summary>
/// A policy's bytes as text, strictly. UTF-8 is the default; UTF-16 and UTF-32 are read when a byte order mark
/// says so, as YAML 1.2 requires (Windows PowerShell 5.1's Out-File and '>' write UTF-16LE). Bytes not valid in their
/// encoding and NUL characters are refused with their line and column, never read as replacement characters.
/// </summary>
internal static class PolicyText
{
    private static readonly (byte[] Mark, Encoding Strict, string Name)[] Marks =
    [
        // UTF-32LE's mark begins with UTF-16LE's: the longer one is tried first.
        ([0xFF, 0xFE, 0x00, 0x00], new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32LE"),
        ([0x00, 0x00, 0xFE, 0xFF], new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32BE"),
        ([0xEF, 0xBB, 0xBF], new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), "UTF-8"),
        ([0xFF, 0xFE], new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16LE"),
        ([0xFE, 0xFF], new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16BE"),
    ];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Null and the text, or the error.</summary>
    public static TwDiagnostic? Decode(byte[] bytes, string file, out string text)
    {
        var mark = Marks.FirstOrDefault(m => bytes.AsSpan().StartsWith(m.Mark));
        var (start, encoding, name) = mark.Strict is null ? (0, (Encoding)Utf8, "UTF-8") : (mark.Mark.Length, mark.Strict, mark.Name);
        try
        {
            text = encoding.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            text = string.Empty;
            // The position as the text reads up to the bad bytes (e.Index counts from where decoding began, in whole units).
            var valid = Math.Clamp(e.Index, 0, bytes.Length - start);
            var before = Lenient(encoding).GetString(bytes, start, valid - (valid % UnitBytes(name)));
            return At(file, before, $"the file is not {name} text (a byte here is not valid {name}); save it as UTF-8");
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        return nul >= 0 ? At(file, text[..nul], "the file holds a NUL character, which YAML text never does") : null;
    }

    private static int UnitBytes(string name) => name.StartsWith("UTF-32", StringComparison.Ordinal) ? 4 : name.StartsWith("UTF-16", StringComparison.Ordinal) ? 2 : 1;

    private static Encoding Lenient(Encoding strict) => Encoding.GetEncoding(strict.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);

    private static TwDiagnostic At(string file, string before, string message)
    {
        var lastNewline = before.LastIndexOf('\n');
        return TwDiagnostic.BadInput(TwErrorIds.Policy.Syntax, TwErrorCategory.InvalidData, message) with
        {
            File = PrintableText.Of(file, 300),
            Line = before.Count(c => c == '\n') + 1,
            Column = before.Length - lastNewline,
        };
    }
}
