namespace TwTools.Engine.Remote;

/// <summary>
/// The round trip that finds a remote host's network namespaces, as the local scan does here: every /proc/PID/ns/net
/// and /run/netns and docker netns file by inode (one stat for all processes; a file off the nsfs device is no namespace), the cgroups that say whose container a
/// process is, and what podman, docker and crictl say of their containers. What processes and runtimes chose (names, JSON)
/// travels as base64, so no name can break the framing.
/// </summary>
internal static class DiscoveryProgram
{
    public const string Header = "TWTOOLS-NETNS 1";
    public const string Trailer = ReadProgram.Trailer;

    /// <summary>The most of a runtime's answer that is read.</summary>
    public const int AnswerLimit = 8 << 20;

    public static string Build() => $$"""
        export LC_ALL=C
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        echo '{{Header}}'
        m=; for t in stat grep head base64 nsenter; do command -v "$t" >/dev/null 2>&1 || m="$m $t"; done
        if [ -n "$m" ]; then echo "T$m"; echo '{{Trailer}}'; exit 0; fi
        printf 'H %s\n' "$(stat -L -c %i /proc/1/ns/net 2>/dev/null)"
        stat -L -c 'P %i %n' /proc/[0-9]*/ns/net 2>/dev/null
        d=$(stat -L -c %d /proc/self/ns/net 2>/dev/null)
        for r in /run/netns /run/docker/netns; do
          for f in "$r"/*; do
            [ -e "$f" ] || continue
            s=$(stat -L -c '%d %i' "$f" 2>/dev/null) || continue
            [ "${s% *}" = "$d" ] || continue
            printf 'F %s =' "${s#* }"; printf '%s' "$f" | base64 -w0; echo
          done
        done
        printf 'C ='; grep -H -m1 -e libpod -e docker -e kubepods -e crio /proc/[0-9]*/cgroup 2>/dev/null | head -c {{AnswerLimit}} | base64 -w0; echo
        printf 'N ='; grep -H '' /proc/[0-9]*/comm 2>/dev/null | head -c {{AnswerLimit}} | base64 -w0; echo
        if command -v podman >/dev/null 2>&1; then printf 'J podman ='; podman ps --pod --format json 2>/dev/null | head -c {{AnswerLimit}} | base64 -w0; echo; fi
        if command -v crictl >/dev/null 2>&1; then
          printf 'J cri-pods ='; crictl pods -o json 2>/dev/null | head -c {{AnswerLimit}} | base64 -w0; echo
          printf 'J cri-ps ='; crictl ps -o json 2>/dev/null | head -c {{AnswerLimit}} | base64 -w0; echo
        fi
        if command -v docker >/dev/null 2>&1; then
          printf 'J docker ='; docker ps --no-trunc --format '{{"{{"}}json .{{"}}"}}' 2>/dev/null | head -c {{AnswerLimit}} | base64 -w0; echo
          ids=$(docker ps -q --no-trunc 2>/dev/null)
          printf 'D ='; [ -z "$ids" ] || docker inspect --format '{{"{{"}}.Id{{"}}"}} {{"{{"}}.State.Pid{{"}}"}}' $ids 2>/dev/null | head -c {{AnswerLimit}} | base64 -w0; echo
        fi
        echo '{{Trailer}}'

        """;
}
