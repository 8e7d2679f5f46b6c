using TwTools.Engine.Diagnostics;
using TwTools.Engine.Planning;
using TwTools.Engine.Remote;
using Xunit;

namespace TwTools.Engine.Tests.Remote;

/// <summary>A remote host's apply answer is not trusted: anything the plan did not ask for is a protocol error, never a crash.</summary>
public class ApplyAnswerTests
{
    private static readonly ExecutablePlan RuntimeOnly = new([new RuntimeWrite("net.ipv4.tcp_tw_reuse", "0", "1")], null);

    private static string Answer(params string[] lines) => string.Join('\n', [ApplyProgram.Header, .. lines, ReadProgram.Trailer, string.Empty]);

    private static string ErrorId(ExecutablePlan plan, string output) =>
        Assert.Throws<TwOperationException>(() => ApplyAnswer.Parse("h", plan, output)).Diagnostics[0].Id;

    [Fact]
    public void A_good_answer_reads_back_the_new_values()
    {
        var outcome = ApplyAnswer.Parse("h", RuntimeOnly, Answer("/proc/sys/net/ipv4/tcp_tw_reuse:1"));

        Assert.Equal("1", outcome.RuntimeAfter["net.ipv4.tcp_tw_reuse"]);
        Assert.False(outcome.Persisted);
    }

    [Fact]
    public void A_value_the_host_read_back_differently_is_a_mismatch_with_what_it_put_back()
    {
        var readBack = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("/proc/sys/net/ipv4/tcp_tw_reuse:2"));

        var error = Assert.Throws<TwOperationException>(() => ApplyAnswer.Parse("h", RuntimeOnly, ApplyProgram.Header + $"\nV ={readBack}\nR ok net.ipv4.tcp_tw_reuse\n"));

        Assert.Equal(TwErrorIds.Apply.ReadBackMismatch, error.Primary.Id);
        Assert.Contains("reads '2' after TwTools wrote '1'", error.Primary.Message);
        Assert.Contains(error.Diagnostics, d => d.Id == TwErrorIds.Apply.RolledBack);
    }

    [Theory]
    [InlineData("W net.ipv4.tcp_fin_timeout =SW52YWxpZCBhcmd1bWVudA==")]
    [InlineData("/proc/sys/kernel/hostname:pwned")]
    [InlineData("/proc/sys/net/ipv4/tcp_fin_timeout:30")]
    [InlineData("/proc/sys/net/ipv4/tcp_tw_reuse")]
    [InlineData("R ok net.ipv4.ip_local_port_range")]
    [InlineData("P persist-denied /etc/sysctl.d")]
    [InlineData("P sideways net.ipv4.tcp_tw_reuse")]
    [InlineData("F written")]
    [InlineData("C persist")]
    [InlineData("W net.ipv4.tcp_tw_reuse not-base64")]
    [InlineData("\u001b]0;owned\u0007")]
    public void A_line_about_something_the_plan_did_not_do_is_a_protocol_error(string line) =>
        Assert.Equal(TwErrorIds.Remote.ProtocolError, ErrorId(RuntimeOnly, Answer(line)));

    [Fact]
    public void An_answer_cut_short_is_an_unknown_outcome_not_a_success_nor_a_host_left_as_it_was()
    {
        var output = ApplyProgram.Header + "\n/proc/sys/net/ipv4/tcp_tw_reuse:1\n";
        Assert.Equal(TwErrorIds.Remote.OutcomeUnknown, ErrorId(RuntimeOnly, output));
    }

    [Fact]
    public void A_failed_write_then_rollback_reads_as_the_local_errors_do()
    {
        var error = Assert.Throws<TwOperationException>(() => ApplyAnswer.Parse("h", RuntimeOnly, ApplyProgram.Header + "\nW net.ipv4.tcp_tw_reuse =SW52YWxpZCBhcmd1bWVudA==\n"));

        Assert.Equal([TwErrorIds.Apply.KernelRejected], error.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Text_a_host_sends_back_never_reaches_the_terminal_with_control_characters()
    {
        var plan = RuntimeOnly with { Persist = new PersistPlan("/etc/sysctl.d/60-x.conf", null, "x\n") };
        var reason = Convert.ToBase64String("disk full\u001b[2J\r\n"u8.ToArray());

        var error = Assert.Throws<TwOperationException>(() => ApplyAnswer.Parse("h", plan, Answer($"F failed ={reason}", "R ok net.ipv4.tcp_tw_reuse")));

        Assert.Equal([TwErrorIds.Apply.PersistFailed, TwErrorIds.Apply.RolledBack], error.Diagnostics.Select(d => d.Id));
        Assert.DoesNotContain(error.Diagnostics, d => d.Message.Any(char.IsControl));
        Assert.Contains("net.ipv4.tcp_tw_reuse = 0", error.Diagnostics[1].Message);
    }
}
