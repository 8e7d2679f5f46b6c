namespace TwTools.Engine.Remote;

/// <summary>
/// Runs a read or apply program inside a network namespace of the host: the host's sh checks for nsenter and the
/// namespace, then hands the program to an sh nsenter starts inside it (a here-document: no argument-length limit, and
/// nothing in it is expanded). The inner sh gets the namespace's inode as TWTOOLS_NETNS, and for a container what its
/// runtime says it was created with as TWTOOLS_OWNER (base64), for the read to report.
/// Without nsenter, without the namespace, or with a file that is not one (off the nsfs device), the answer says so
/// in the program's own framing.
/// </summary>
internal static class NamespaceProgram
{
    private const string End = "TWTOOLS_NETNS_PROGRAM_END";

    public static string Wrap(string program, RemoteNamespace target, string header, string trailer)
    {
        if (program.Split('\n').Contains(End))
        {
            throw new InvalidOperationException("a program cannot hold its own here-document's end line");
        }

        var file = ShellText.Word(target.Path);
        return $"""
            export LC_ALL=C
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
            if ! command -v nsenter >/dev/null 2>&1; then echo '{header}'; echo 'T nsenter'; echo '{trailer}'; exit 0; fi
            if [ ! -e {file} ]; then echo '{header}'; echo 'G'; echo '{trailer}'; exit 0; fi
            if [ "$(stat -L -c %d {file})" != "$(stat -L -c %d /proc/self/ns/net)" ]; then echo '{header}'; echo 'K'; echo '{trailer}'; exit 0; fi
            if ! nsenter --net={file} true 2>/dev/null; then echo '{header}'; printf 'N %s\n' "$(nsenter --net={file} true 2>&1 | head -c 300 | tr '\n\t' '  ')"; echo '{trailer}'; exit 0; fi
            {OwnerQuestion(target)}TWTOOLS_OWNER="$o" TWTOOLS_NETNS=$(stat -L -c %i {file} 2>/dev/null) nsenter --net={file} sh <<'{End}'
            {program}
            {End}

            """;
    }

    /// <summary>Limit of the runtime's answer passed into the namespace's sh (an environment string; the kernel allows 128 KiB).</summary>
    public const int OwnerAnswerLimit = 64 << 10;

    // What the container's runtime on the host says it creates the namespace with, for the read to pass on as its "O"
    // line: docker's HostConfig.Sysctls, podman's OCI config (podman 4.3 keeps sysctls only there).
    private static string OwnerQuestion(RemoteNamespace target)
    {
        if (target.Found is not { Runtime: "podman" or "docker" } found || found.ContainerId is not { } id || !System.Text.RegularExpressions.Regex.IsMatch(id, "^[0-9a-f]{12,64}$"))
        {
            return "o=; ";
        }

        var ask = found.Runtime == "docker"
            ? $"o=$(docker inspect --type container --format '{{{{json .HostConfig.Sysctls}}}}' {id} 2>/dev/null | head -c {OwnerAnswerLimit} | base64 -w0)"
            : $"p=$(podman inspect --type container --format '{{{{.OCIConfigPath}}}}' {id} 2>/dev/null); o=; [ ! -f \"$p\" ] || o=$(head -c {OwnerAnswerLimit} \"$p\" | base64 -w0)";
        return ask + "\n";
    }
}
