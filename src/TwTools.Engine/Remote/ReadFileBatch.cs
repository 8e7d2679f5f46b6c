using System.Globalization;
using System.Text;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.SysctlD;
using TwTools.Engine.Text;

namespace TwTools.Engine.Remote;

/// <summary>
/// The sysctl files of one read answer: <c>B</c> names them in order (a link with its target), one
/// <c>Z</c> line per file gives its size as <c>stat</c> saw it, and <c>C</c> holds the first bytes of
/// each, back to back. The sizes split <c>C</c> again. When they do not add up, a file changed between
/// <c>stat</c> and <c>head</c>, and the read fails rather than hand one file's bytes to another.
/// </summary>
internal sealed class ReadFileBatch
{
    /// <summary>One byte past the most a sysctl.d file may hold, so a larger file shows as larger.</summary>
    public const long ReadLimit = LocalKernelReader.MaxConfBytes + 1;

    private readonly List<(string Path, string? Link)> _names = [];
    private readonly List<long> _sizes = [];
    private byte[]? _bytes;
    private bool _named;

    /// <summary>Takes a B, Z or C line; false when the tag is another part's.</summary>
    public bool Accept(string hostName, string tag, string rest)
    {
        switch (tag)
        {
            case "B" when !_named:
                _named = true;
                foreach (var token in rest.Split(' '))
                {
                    var arrow = token.IndexOf('>');
                    var path = RemoteAnswers.DecodePath(hostName, arrow < 0 ? token : token[..arrow]);
                    var link = arrow < 0 ? null : SysctlConfFile.ResolveLink(path, RemoteAnswers.DecodeWord(hostName, token[(arrow + 1)..]));
                    _names.Add((path, link));
                }

                return true;
            case "Z" when _named && _bytes is null:
                _sizes.Add(long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                    ? size : throw RemoteAnswers.Malformed(hostName, "a file size is not a number", "Z " + rest));
                return true;
            case "C" when _named && _bytes is null:
                _bytes = RemoteAnswers.DecodeBytes(hostName, rest);
                return true;
            case "B" or "Z" or "C":
                throw RemoteAnswers.Malformed(hostName, "the file lines are out of order", tag + " " + rest);
            default:
                return false;
        }
    }

    /// <summary>Each file with its bytes as base64, which the apply program compares byte for byte.</summary>
    public IReadOnlyList<(SysctlConfFile File, string Raw)> Files(string hostName)
    {
        if (!_named)
        {
            return [];
        }

        if (_bytes is null)
        {
            throw RemoteAnswers.Malformed(hostName, "the files' contents are missing", null);
        }

        if (_sizes.Count != _names.Count || _sizes.Sum(s => Math.Min(s, ReadLimit)) != _bytes.Length)
        {
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.ReadFailed, TwErrorCategory.ReadError,
                $"{hostName}: its sysctl files changed while they were read (sizes and contents disagree); run again") with { Target = hostName });
        }

        var files = new List<(SysctlConfFile, string)>(_names.Count);
        var offset = 0;
        for (var i = 0; i < _names.Count; i++)
        {
            var (path, link) = _names[i];
            if (_sizes[i] > LocalKernelReader.MaxConfBytes)
            {
                var shown = PrintableText.Of(path, 300);
                throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.ReadFailed, TwErrorCategory.ReadError,
                    $"{hostName}: Cannot read {shown}: it holds more than the {LocalKernelReader.MaxConfBytes >> 20} MiB a sysctl.d file may hold") with { Target = shown });
            }

            var bytes = _bytes.AsSpan(offset, (int)_sizes[i]);
            offset += bytes.Length;
            files.Add((new SysctlConfFile(path, Encoding.UTF8.GetString(bytes), link), Convert.ToBase64String(bytes)));
        }

        return files;
    }
}
