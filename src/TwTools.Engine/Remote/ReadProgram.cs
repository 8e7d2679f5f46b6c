using System.Text;
using TwTools.Engine.Kernel;
using TwTools.Engine.SysctlD;

namespace TwTools.Engine.Remote;

/// <summary>
/// The one round trip that reads everything a cmdlet needs from a host, as a POSIX sh program with
/// coreutils and grep. Each answer line starts with a tag the parser knows; file names and contents travel
/// as base64 so no byte a host's file holds can break the framing (a path made only of characters
/// that cannot break it travels as it is). Only regular files are read, at most 1 MiB of each: a FIFO
/// would hang the read and a device flood it (a link to nothing is skipped, a link to /dev/null masks, as
/// for sysctl). Values and files are read with shell builtins where it can:
/// each process the program starts costs the host about a millisecond, times every host in a fleet.
/// </summary>
internal static class ReadProgram
{
    public const string Header = "TWTOOLS-READ 1";
    public const string Trailer = "TWTOOLS-END";

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
            vs=
            v() { if [ -r "/proc/sys/$2" ]; then vs="$vs /proc/sys/$2"; else printf 'M %s\n' "$1"; fi; }
            n() { case $1 in /*[!A-Za-z0-9._/-]*|[!/]*) printf '=%s' "$(printf '%s' "$1" | base64 -w0)";; *) printf '%s' "$1";; esac; }
            f() {
              [ -e "$1" ] || return 0
              if [ ! -f "$1" ] && [ "$(readlink "$1")" != /dev/null ]; then printf 'X '; n "$1"; echo; return 0; fi
              if [ -r "$1" ]; then
                printf 'F '; n "$1"; printf ' =%s' "$(head -c 1048577 < "$1" | base64 -w0)"
                if [ -L "$1" ]; then printf ' =%s\n' "$(readlink "$1" | tr -d '\n' | base64 -w0)"; else echo ' -'; fi
              else
                printf 'U '; n "$1"; echo
              fi
            }

            """);
        foreach (var key in Keys)
        {
            program.Append("v ").Append(ShellText.Word(key)).Append(' ').Append(ShellText.Word(key.Replace('.', '/'))).Append('\n');
        }

        // One grep reads every value ("path:value" lines; /dev/null makes it name files even for one).
        // The shell's read builtin cannot: it reads a byte at a time, and most /proc/sys files answer
        // only a read at offset 0.
        program.Append("[ -z \"$vs\" ] || grep '' /dev/null $vs 2>/dev/null\n");
        foreach (var directory in SysctlLocations.Directories)
        {
            program.Append("for x in ").Append(ShellText.Word(directory)).Append("/*.conf; do f \"$x\"; done\n");
        }

        program.Append("f ").Append(ShellText.Word(SysctlLocations.SysctlConf)).Append('\n');
        program.Append("while IFS= read -r x; do case $x in TcpExt:*) echo \"N $x\";; esac; done < /proc/net/netstat 2>/dev/null\n");
        if (sockets)
        {
            // /proc/net/tcp lines start with spaces, so "S " can only be a section mark.
            program.Append("for x in tcp tcp6 sockstat sockstat6; do echo \"S $x\"; cat \"/proc/net/$x\" 2>/dev/null; done; echo 'S end'\n");
        }

        program.Append("echo '").Append(Trailer).Append("'\n");
        return program.ToString();
    }
}
