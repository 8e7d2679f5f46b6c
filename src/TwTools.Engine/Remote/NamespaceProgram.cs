namespace TwTools.Engine.Remote;

/// <summary>
/// Runs a read or apply program inside a network namespace of the host: the host's sh checks for nsenter and the
/// namespace, then hands the program to an sh nsenter starts inside it (a here-document: no argument-length limit, and
/// nothing in it is expanded). The inner sh gets the namespace's inode as TWTOOLS_NETNS, for the read to report.
/// Without nsenter, or without the namespace, the answer says so in the program's own framing.
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
            if ! nsenter --net={file} true 2>/dev/null; then echo '{header}'; printf 'N %s\n' "$(nsenter --net={file} true 2>&1 | head -c 300 | tr '\n\t' '  ')"; echo '{trailer}'; exit 0; fi
            TWTOOLS_NETNS=$(stat -L -c %i {file} 2>/dev/null) nsenter --net={file} sh <<'{End}'
            {program}
            {End}

            """;
    }
}
