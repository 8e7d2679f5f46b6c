using System.Diagnostics;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Remote;

namespace TwTools.Engine.Tests.Remote;

/// <summary>
/// The ssh carrier's conversation, with a stand-in for ssh that ignores its arguments and starts the
/// machine's sh: programs sent one after another run in one sh, and a host that stalls, floods or
/// leaves early ends the conversation in bounded time.
/// </summary>
public sealed class SshConversationTests : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-conv-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private StandInSsh Ssh => new(_directory);

    private OpenSshTransport Transport(string body = "exec sh", int maxChars = 1 << 20) => Ssh.Transport(body, maxChars: maxChars);

    [Fact]
    public void Programs_sent_one_after_another_run_in_one_sh()
    {
        using var conversation = Transport().Converse(elevate: false);

        var first = conversation.Ask("x=kept; echo \"pid $$\"; echo END\n", "END", default);
        var last = conversation.Finish("echo \"pid $$ $x\"; exit 7\n", default);

        var pid = first.StandardOutput.Split('\n')[0];
        Assert.Equal($"{pid}\nEND\n", first.StandardOutput);
        Assert.Equal($"{pid} kept\n", last.StandardOutput);
        Assert.Equal(7, last.ExitCode);
        Assert.Single(Ssh.Started);
    }

    [Fact]
    public void A_last_line_split_across_two_reads_is_still_found()
    {
        using var conversation = Transport().Converse(elevate: false);

        var answer = conversation.Ask("printf 'a\\nEN'; sleep 0.3; printf 'D\\nnot yet'; echo; echo END\n", "END", default);

        Assert.Equal("a\nEND\n", answer.StandardOutput);
    }

    [Fact]
    public void Disposing_after_a_question_ends_the_hosts_sh()
    {
        var conversation = Transport().Converse(elevate: false);
        var pid = int.Parse(conversation.Ask("echo $$; echo END\n", "END", default).StandardOutput.Split('\n')[0]);
        var clock = Stopwatch.StartNew();

        conversation.Dispose();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        Assert.False(Directory.Exists($"/proc/{pid}"), "the sh should have ended with its input");
    }

    [Fact]
    public void A_host_that_leaves_before_the_last_line_answers_with_what_it_said_and_its_exit_code()
    {
        using var conversation = Transport().Converse(elevate: false);

        var answer = conversation.Ask("echo partial; echo oops >&2; exit 255\n", "END", default);

        Assert.Equal((255, "partial\n"), (answer.ExitCode, answer.StandardOutput));
        Assert.Contains("oops", answer.StandardError);
    }

    [Fact]
    public void A_host_that_never_says_the_last_line_is_stopped_by_the_token_at_once()
    {
        var conversation = Transport().Converse(elevate: false);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => conversation.Ask("echo $$; sleep 30; echo END\n", "END", deadline.Token));
        conversation.Dispose();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
    }

    [Fact]
    public void An_endless_answer_to_a_question_fails_at_the_cap()
    {
        using var conversation = Transport("exec cat /dev/zero", maxChars: 1 << 20).Converse(elevate: false);

        var e = Assert.Throws<TwOperationException>(() => conversation.Ask("anything\n", "END", default));

        Assert.Equal(TwErrorIds.Remote.AnswerTooLarge, e.Primary.Id);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
