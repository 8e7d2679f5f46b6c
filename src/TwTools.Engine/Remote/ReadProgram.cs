using System.Text;
using TwTools.Engine.Kernel;
using TwTools.Engine.SysctlD;

namespace TwTools.Engine.Remote;

/// <summary>
/// The one round trip that reads everything a cmdlet needs from a host, as a POSIX sh program with
/// coreutils and grep. Each answer line starts with a tag the parser knows; contents travel as base64
/// and a name with a character that could break the framing travels as base64 too. Only regular files
/// are read, at most 1 MiB of each: a FIFO would hang the read and a device flood it (a link to nothing
/// is skipped, a link to /dev/null masks, as for sysctl). Every process the program starts costs the
/// host about a millisecond, times every host in a fleet, so the shell's builtins sort the files and
/// one <c>stat</c>, one <c>head</c> and one <c>base64</c> read them all, however many there are
/// (<see cref="ReadFileBatch"/> splits them again by the sizes).
/// </summary>
internal static class ReadProgram
{
    public const string Header = "TWTOOLS-READ 1";
    public const string Trailer = "TWTOOLS-END";

    /// <summary>Its lines come back prefixed with the path, like the values'.</summary>
    public const string NetstatPath = "/proc/net/netstat";

    /// <summary>The /proc/sys keys the program reads: the catalog's, the kernel release, and where unprivileged ports start.</summary>
    public static IReadOnlySet<string> Keys { get; } = new[] { "kernel.osrelease" }
        .Concat(KernelSettingCatalog.All.Select(d => d.Key))
        .Append(KernelSettingCatalog.IpUnprivilegedPortStart)
        .ToHashSet(StringComparer.Ordinal);

    public static string Build(bool sockets)
    {
        var program = new StringBuilder();
        program.Append("""
            export LC_ALL=C
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
            echo 'TWTOOLS-READ 1'
            [ -z "$TWTOOLS_NETNS" ] || printf 'I %s\n' "$TWTOOLS_NETNS"
            [ -z "$TWTOOLS_OWNER" ] || printf 'O =%s\n' "$TWTOOLS_OWNER"
            m=; for t in grep head base64 stat readlink dd cat; do command -v "$t" >/dev/null 2>&1 || m="$m $t"; done
            if [ -n "$m" ]; then echo "T$m"; echo 'TWTOOLS-END'; exit 0; fi
            vs=
            v() { if [ -r "/proc/sys/$2" ]; then vs="$vs /proc/sys/$2"; else printf 'M %s\n' "$1"; fi; }
            b() { if [ -r "/proc/sys/$2" ]; then printf '%s:%s\n' "/proc/sys/$2" "$(dd if="/proc/sys/$2" bs=1048576 count=1 2>/dev/null)"; else printf 'M %s\n' "$1"; fi; }
            n() { case $1 in *[!A-Za-z0-9._/-]*|'') printf '=%s' "$(printf '%s' "$1" | base64 -w0)";; *) printf '%s' "$1";; esac; }
            c() {
              [ -e "$1" ] || return 1
              if [ ! -f "$1" ] && [ "$(readlink "$1")" != /dev/null ]; then printf 'X '; n "$1"; echo; return 1; fi
              [ -r "$1" ] && return 0
              printf 'U '; n "$1"; echo; return 1
            }

            """);
        foreach (var key in Keys)
        {
            // A port list can run past what busybox's grep reads of a file that answers only its first read: one large read.
            var list = KernelSettingCatalog.All.Any(d => d.Key == key && d.Kind == SettingValueKind.PortList);
            program.Append(list ? "b " : "v ").Append(ShellText.Word(key)).Append(' ').Append(ShellText.Word(key.Replace('.', '/'))).Append('\n');
        }

        // One grep reads every value ("path:value" lines) and the TcpExt counters. The shell's read
        // builtin cannot: it reads a byte at a time, and most /proc/sys files answer only a read at
        // offset 0 (a loop over /proc/net/netstat took longer than starting grep).
        program.Append("grep '' /dev/null $vs ").Append(NetstatPath).Append(" 2>/dev/null\n");
        // The files to read become the positional parameters; B names them (with each link's target),
        // Z gives each one's size and C their first bytes, concatenated, for the controller to split.
        program.Append("set --\nfor x in");
        foreach (var directory in SysctlLocations.Directories)
        {
            program.Append(' ').Append(ShellText.Word(directory)).Append("/*.conf");
        }

        program.Append(' ').Append(ShellText.Word(SysctlLocations.SysctlConf)).Append("; do c \"$x\" && set -- \"$@\" \"$x\"; done\n");
        program.Append($$"""
            if [ $# -gt 0 ]; then
              printf 'B'; for x; do printf ' '; n "$x"; if [ -L "$x" ]; then printf '>'; n "$(readlink "$x")"; fi; done; echo
              stat -L -c 'Z %s' -- "$@" 2>/dev/null
              printf 'C ='; head -q -c {{ReadFileBatch.ReadLimit}} -- "$@" 2>/dev/null | base64 -w0; echo
            fi

            """);
        if (sockets)
        {
            // /proc/net/tcp lines start with spaces, so "S " can only be a section mark.
            program.Append("for x in tcp tcp6 sockstat sockstat6; do echo \"S $x\"; cat \"/proc/net/$x\" 2>/dev/null; done; echo 'S end'\n");
        }

        program.Append("echo '").Append(Trailer).Append("'\n");
        return program.ToString();
    }
}
