using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Policy;
using TwTools.Engine.Remote;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Tests.Reporting;

/// <summary>
/// Property tests over the parsers that take hostile input (policies, captures, host names, remote
/// answers): whatever the text, each ends with a result or the catalog's own exception, never another
/// exception type, a crash or a hang.
/// </summary>
public class ParserPropertyTests
{
    // Text that looks like the format (its keywords and punctuation) more often than random text would.
    private static readonly string[] Pieces =
    [
        "apiVersion: twtools.io/v1\n", "kind: TwPolicy\n", "metadata:\n", "  name: x\n", "spec:\n", "  settings:\n",
        "    net.ipv4.tcp_tw_reuse: ", "1", "\n", "[", "]", "{", "}", ":", "-", " ", "'", "\"", "!!str ", "&a ", "*a", "%YAML 1.1\n", "---\n",
        "\u0000", "\u001b[2J", "\r", "\t", "#", "0x", "FF", "%", "@", "[::1]", "fe80::1%eth0", "TWTOOLS-READ 1\n", "TWTOOLS-END\n",
        "F =", "U ", "X ", "V ", "S tcp\n", "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n",
    ];

    private static Arbitrary<string> Texts() =>
        Gen.ListOf(Gen.OneOf(Gen.Elements(Pieces), ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)))
            .Select(parts => string.Concat(parts))
            .ToArbitrary();

    // TWTOOLS_PROPERTY_RUNS raises it for a long local hunt; CI runs the default on every build.
    private static readonly int Runs = int.TryParse(Environment.GetEnvironmentVariable("TWTOOLS_PROPERTY_RUNS"), out var runs) ? runs : 300;

    private static void Holds(Func<string, bool> property) =>
        Prop.ForAll(Texts(), property).Check(Config.QuickThrowOnFailure.WithMaxTest(Runs));

    [Fact]
    public void The_policy_reader_returns_errors_and_never_throws() =>
        Holds(text =>
        {
            var result = PolicyLoader.Parse(text, "p.yaml");
            return result.Succeeded || result.Errors.Any();
        });

    [Fact]
    public void The_capture_parser_yields_sockets_or_the_catalogs_error() =>
        Holds(text =>
        {
            try
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
                _ = ProcNetTcpText.Read(stream, SocketFilter.Everything, default, captureFile: "c.txt").Count();
                return true;
            }
            catch (TwOperationException e)
            {
                return e.Primary.Id == TwErrorIds.Input.InvalidCapture;
            }
        });

    [Fact]
    public void Host_names_parse_or_are_refused_with_the_catalogs_error() =>
        Holds(text =>
        {
            try
            {
                var address = HostAddress.Parse(text);
                // Whatever is accepted can never be read by ssh as an option or by a shell as a command.
                return !address.Host.StartsWith('-') && !address.ToString().Any(c => char.IsControl(c) || c is ';' or '$' or '`' or ' ' or '|' or '&');
            }
            catch (TwOperationException e)
            {
                return e.Primary.Id == TwErrorIds.Input.InvalidHostName;
            }
        });

    [Fact]
    public void Remote_read_answers_parse_or_fail_with_the_catalogs_error() =>
        Holds(text =>
        {
            try
            {
                _ = ReadAnswer.Parse("h", text);
                return true;
            }
            catch (TwOperationException e)
            {
                return e.Primary.Id.StartsWith("TwTools.", StringComparison.Ordinal);
            }
        });
}
