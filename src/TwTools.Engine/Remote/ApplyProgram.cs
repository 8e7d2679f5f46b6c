using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Remote;

/// <summary>
/// The apply round trip as a POSIX sh program, keeping every guarantee of a local apply: the same
/// flock as local applies, a check that nothing changed since the read (else nothing is written),
/// a preflight that finds read-only /proc/sys, missing keys and permission problems before the first
/// write, runtime writes undone in reverse on failure, and the sysctl.d file replaced atomically.
/// Checks that only matter when something is wrong (which key changed, whether /proc/sys is mounted
/// read-only) start their processes only then: every process costs each host of a fleet.
/// </summary>
internal static partial class ApplyProgram
{
    public const string Header = "TWTOOLS-APPLY 1";

    /// <param name="persistedBase64">The persist file's bytes as the read saw them (base64), when it existed; compared byte for byte.</param>
    public static string Build(ExecutablePlan plan, TimeSpan lockTimeout, string? persistedBase64 = null)
    {
        var writes = plan.Writes.Select(w => (Write: w, Path: ProcSysPath(w.Key), Value: KernelValue(w.After))).ToList();
        var p = new StringBuilder();
        p.Append("""
            export LC_ALL=C
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
            umask 022
            echo 'TWTOOLS-APPLY 1'
            d() { printf '%s' "$1" | base64 -d; }
            e() { printf '%s' "$1" | base64 -w0; }
            m=; for t in flock grep base64 dd mv sync tee; do command -v "$t" >/dev/null 2>&1 || m="$m $t"; done
            if [ -n "$m" ]; then echo "T$m"; exit 3; fi
            exec 9< /proc/sys/net/ipv4 || { echo 'X lock'; exit 3; }
            flock -w 
            """).Append(Math.Max(0, (int)Math.Ceiling(lockTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture)).Append("""
             9 || { echo 'X lock'; exit 3; }
            bad=0
            ro() { awk '$2 == "/proc/sys" || $2 == "/proc" { split($4, o, ","); r = o[1] } END { print r }' /proc/self/mounts 2>/dev/null; }
            fsro() { awk -v d="$1/" '{ m = $2 == "/" ? "/" : $2 "/"; if (index(d, m) == 1 && length(m) >= l) { l = length(m); split($4, o, ","); r = o[1] } } END { print r }' /proc/self/mounts 2>/dev/null; }
            pre() { if [ ! -e "$2" ]; then echo "P missing $1"; bad=1; elif [ ! -w "$2" ]; then if [ "$(ro)" = ro ]; then echo "P readonly $1"; else echo "P denied $1"; fi; bad=1; fi; }
            r() { dd if="$1" bs=1048576 count=1 2>/dev/null; }
            l() { for f; do printf '%s:%s\n' "$f" "$(r "$f")"; done; }
            same() { if [ -e "$2" ] && [ "$(r "$2")" != "$(d "$3")" ]; then echo "C $1 =$(e "$(r "$2")")"; bad=1; fi; }

            """);

        foreach (var (write, path, _) in writes)
        {
            p.Append("pre ").Append(ShellText.Word(write.Key)).Append(' ').Append(ShellText.Word(path)).Append('\n');
        }

        // Every value as the read saw it, checked with one grep; only a difference pays for the per-key
        // checks that say which key changed.
        if (writes.Count > 0)
        {
            p.Append("if [ \"$(").Append(ReadValues(writes.Select(w => w.Write))).Append(")\" != ")
                .Append(ShellText.Quoted(string.Join('\n', InReadOrder(writes.Select(w => w.Write)).Select(w => ProcSysPath(w.Key) + ":" + w.Before)))).Append(" ]; then\n");
            foreach (var (write, path, _) in writes)
            {
                p.Append("  same ").Append(ShellText.Word(write.Key)).Append(' ').Append(ShellText.Word(path)).Append(' ').Append(ShellText.Encoded(write.Before)).Append('\n');
            }

            p.Append("fi\n");
        }

        var persist = plan.Persist is { Changed: true } ? plan.Persist : null;
        if (persist is not null)
        {
            var file = ShellText.Word(PersistPath(persist.File));
            var directory = ShellText.Word(Path.GetDirectoryName(persist.File)!);
            p.Append("t=").Append(directory).Append("; [ -d \"$t\" ] || t=$(dirname \"$t\")\n");
            // Read-only or denied, told apart as a local apply tells them (access(2) says EROFS for both cases in sh's test).
            p.Append("if [ ! -w \"$t\" ]; then if [ \"$(fsro \"$t\")\" = ro ]; then echo \"P persist-readonly $t\"; else echo \"P persist-denied $t\"; fi; bad=1; fi\n");
            p.Append(persist.CurrentContent is null
                ? $"if [ -e {file} ]; then echo 'C persist'; bad=1; fi\n"
                : $"if [ \"$(base64 -w0 < {file} 2>/dev/null)\" != {Base64Word(persistedBase64) ?? ShellText.Encoded(persist.CurrentContent)} ]; then echo 'C persist'; bad=1; fi\n");
        }

        p.Append("[ $bad = 0 ] || exit 4\n");

        // uN puts write N back silently; rbN puts back writes N..1, newest first, and reports each.
        p.Append("rb0() { :; }\n");
        for (var i = 0; i < writes.Count; i++)
        {
            var (write, path, _) = writes[i];
            p.Append('u').Append(i + 1).Append("() { ").Append(Put(write.Before)).Append(" > ").Append(ShellText.Word(path)).Append("; }\n");
            p.Append("rb").Append(i + 1).Append("() { if u").Append(i + 1).Append(" 2>/dev/null; then echo 'R ok ").Append(write.Key).Append("'; else echo 'R failed ")
                .Append(write.Key).Append("'; fi; rb").Append(i).Append("; }\n");
        }

        // A write runs in this shell. Only a failed one is tried again, through tee, for the kernel's
        // reason (dash's printf says "I/O error" whatever the errno was), and put back in case that took.
        for (var i = 0; i < writes.Count; i++)
        {
            var (write, path, value) = writes[i];
            p.Append("if ! { ").Append(Put(value)).Append(" > ").Append(ShellText.Word(path)).Append("; } 2>/dev/null; then err=$(printf '%s\\n' ")
                .Append(ShellText.Word(value)).Append(" | tee ").Append(ShellText.Word(path)).Append(" 2>&1 >/dev/null); u").Append(i + 1).Append(" 2>/dev/null; echo \"W ")
                .Append(write.Key).Append(" =$(e \"$err\")\"; rb").Append(i).Append("; exit 5; fi\n");
        }

        // Applied means what the kernel holds: every value read back and compared with what was written, before the
        // file is touched; any difference puts every write back. The same text is the answer's read-back at the end.
        if (writes.Count > 0)
        {
            p.Append("now=$(").Append(ReadValues(writes.Select(w => w.Write))).Append(")\n");
            p.Append("if [ \"$now\" != ").Append(ShellText.Quoted(string.Join('\n', InReadOrder(writes.Select(w => w.Write))
                    .Select(w => ProcSysPath(w.Key) + ":" + SettingValue.AsKernelPrints(KernelSettingCatalog.Get(w.Key), w.After)))))
                .Append(" ]; then echo \"V =$(e \"$now\")\"; rb").Append(writes.Count).Append("; exit 7; fi\n");
        }

        if (persist is { NewContent: null })
        {
            // Removing the file (Remove-TwPolicy): after the same checks, and put back by nothing, since nothing else changed.
            p.Append("if ! err=$(rm -f ").Append(ShellText.Word(PersistPath(persist.File))).Append(" 2>&1); then echo \"F failed =$(e \"$err\")\"; rb")
                .Append(writes.Count).Append("; exit 6; fi\n");
            p.Append("echo 'F removed'\n");
        }
        else if (persist is not null)
        {
            var file = ShellText.Word(PersistPath(persist.File));
            var directory = ShellText.Word(Path.GetDirectoryName(persist.File)!);
            // The temp file is created with noclobber (O_EXCL, so never through a link) under a name nobody
            // can guess, and umask 022 gives it the mode sysctl.d files have: no mktemp, no chmod.
            var temp = ShellText.Word(Path.GetDirectoryName(persist.File)! + "/.twtools." + RandomNumberGenerator.GetHexString(16, lowercase: true) + ".tmp");
            p.Append("if ! err=$( { { [ -d ").Append(directory).Append(" ] || mkdir -p ").Append(directory).Append("; } && tmp=").Append(temp).Append(" && set -C")
                .Append(" && { ").Append(ShellText.Literal(persist.NewContent) is { } literal ? "printf '%s' " + literal : "d " + ShellText.Encoded(persist.NewContent))
                .Append(" > \"$tmp\" && sync \"$tmp\" && mv -fT \"$tmp\" ").Append(file)
                .Append(" || { rm -f \"$tmp\"; false; }; }; } 2>&1 ); then echo \"F failed =$(e \"$err\")\"; rb").Append(writes.Count).Append("; exit 6; fi\n");
            p.Append("echo 'F written'\n");
        }

        // What the kernel holds ("path:value" lines), as checked above.
        if (writes.Count > 0)
        {
            p.Append("printf '%s\\n' \"$now\"\n");
        }

        p.Append("echo '").Append(ReadProgram.Trailer).Append("'\n");
        return p.ToString();
    }

    /// <summary>
    /// The printf that writes a value: one for a short value, and for a long port list one per piece, each ending after a
    /// comma. A shell flushes its output after every builtin, so each piece reaches write(2) whole and no number is cut
    /// where a stdio buffer happens to end (busybox's printf once handed the kernel 58 KiB cut inside a number).
    /// </summary>
    private static string Put(string value)
    {
        var pieces = LocalMachine.ProcSysFile.Pieces(value, RemotePiece);
        return pieces.Count == 1
            ? "printf '%s\\n' " + ShellText.Quoted(value)
            : "{ " + string.Concat(pieces.Select(piece => "printf '%s' " + ShellText.Quoted(piece) + "; ")) + "}";
    }

    /// <summary>
    /// A command printing "path:value" for each key: one grep for the short values, and a port list through one large
    /// read (<c>r</c>), because the kernel answers only a file's first read and busybox's grep reads a KiB at a time.
    /// </summary>
    private static string ReadValues(IEnumerable<RuntimeWrite> writes)
    {
        var ordered = InReadOrder(writes).ToList();
        var lists = ordered.Where(IsList).Select(w => ShellText.Word(ProcSysPath(w.Key))).ToList();
        var values = ordered.Where(w => !IsList(w)).Select(w => ShellText.Word(ProcSysPath(w.Key))).ToList();
        var command = values.Count > 0 ? "grep '' /dev/null " + string.Join(' ', values) + " 2>/dev/null" : string.Empty;
        return lists.Count == 0 ? command : (command.Length > 0 ? command + "; " : string.Empty) + "l " + string.Join(' ', lists);
    }

    private static IEnumerable<RuntimeWrite> InReadOrder(IEnumerable<RuntimeWrite> writes) => writes.OrderBy(w => IsList(w) ? 1 : 0);

    private static bool IsList(RuntimeWrite write) => KernelSettingCatalog.Get(write.Key).Kind == SettingValueKind.PortList;

    /// <summary>Under the smallest stdio buffer a shell's printf may write through (musl's is 1 KiB).</summary>
    private const int RemotePiece = 960;

    // The host sent these bytes; only a well-formed base64 word goes back into a program.
    private static string? Base64Word(string? base64) =>
        base64 is not null && Base64Text().IsMatch(base64) ? "'" + base64 + "'" : null;

    private static string ProcSysPath(string key) => "/proc/sys/" + KernelSettingCatalog.Get(key).ProcSysRelativePath;

    // Kernel values in the catalog are integers, port ranges and port lists, nothing else.
    private static string KernelValue(string value) =>
        KernelValueText().IsMatch(value) ? value : throw new InvalidOperationException($"not a kernel value: {value}");

    private static string PersistPath(string path) =>
        PersistPathText().IsMatch(path) && !path.Split('/').Contains("..") ? path : throw new InvalidOperationException($"not a sysctl.d path: {path}");

    [GeneratedRegex(@"^[A-Za-z0-9+/]*={0,2}\z")]
    private static partial Regex Base64Text();

    [GeneratedRegex(@"^[0-9 \t,-]*\z")]
    private static partial Regex KernelValueText();

    [GeneratedRegex(@"^/(etc|run)/sysctl\.d/[A-Za-z0-9._-]+\.conf\z")]
    private static partial Regex PersistPathText();
}
