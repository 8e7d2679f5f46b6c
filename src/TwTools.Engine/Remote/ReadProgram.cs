using System.Text;
using TwTools.Engine.Kernel;
using TwTools.Engine.SysctlD;

namespace TwTools.Engine.Remote;

/// <summary>
/// The one round trip that reads everything a cmdlet needs from a host, as a POSIX sh program with
/// coreutils. Each answer line starts with a tag the parser knows; file names and contents travel
/// as base64 so no byte a host's file holds can break the framing.
/// </summary>
public static class ReadProgram
{
    public const string Header = "TWTOOLS-READ 1";
    public const string Trailer = "TWTOOLS-END";

    public static string Build(bool sockets)
    {
        var program = new StringBuilder();
        program.Append("""
            export LC_ALL=C
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
            echo 'TWTOOLS-READ 1'
            v() { if [ -r "/proc/sys/$2" ]; then printf 'V %s ' "$1"; cat "/proc/sys/$2" 2>/dev/null || echo; else printf 'M %s\n' "$1"; fi; }
            b() { printf '=%s' "$(base64 -w0 < "$1")"; }
            f() {
              [ -e "$1" ] || [ -L "$1" ] || return 0
              if [ -r "$1" ]; then
                printf 'F =%s ' "$(printf '%s' "$1" | base64 -w0)"; b "$1"
                if [ -L "$1" ]; then printf ' =%s\n' "$(readlink "$1" | tr -d '\n' | base64 -w0)"; else echo ' -'; fi
              else
                printf 'U =%s\n' "$(printf '%s' "$1" | base64 -w0)"
              fi
            }

            """);
        program.Append("v kernel.osrelease kernel/osrelease\n");
        foreach (var definition in KernelSettingCatalog.All)
        {
            program.Append("v ").Append(ShellText.Word(definition.Key)).Append(' ').Append(ShellText.Word(definition.ProcSysRelativePath)).Append('\n');
        }

        var unprivileged = KernelSettingCatalog.IpUnprivilegedPortStart;
        program.Append("v ").Append(ShellText.Word(unprivileged)).Append(' ').Append(ShellText.Word(unprivileged.Replace('.', '/'))).Append('\n');
        foreach (var directory in SysctlLocations.Directories)
        {
            program.Append("for x in ").Append(ShellText.Word(directory)).Append("/*.conf; do f \"$x\"; done\n");
        }

        program.Append("f ").Append(ShellText.Word(SysctlLocations.SysctlConf)).Append('\n');
        program.Append("grep '^TcpExt:' /proc/net/netstat 2>/dev/null | sed 's/^/N /'\n");
        if (sockets)
        {
            // /proc/net/tcp lines start with spaces, so "S " can only be a section mark.
            program.Append("for x in tcp tcp6 sockstat sockstat6; do echo \"S $x\"; cat \"/proc/net/$x\" 2>/dev/null; done; echo 'S end'\n");
        }

        program.Append("echo '").Append(Trailer).Append("'\n");
        return program.ToString();
    }
}
