using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace TwTools.Integration.Tests;

/// <summary>
/// <c>twtools exporter</c> running on this machine's loopback on a port the kernel picks, read from the line it prints
/// when it serves. Scrapes are plain HTTP from this process; the exporter is stopped with SIGTERM, as a kubelet would.
/// </summary>
public sealed partial class ExporterProcess : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    public ExporterProcess(params string[] arguments)
    {
        var command = Cli.Command(["exporter", "--web.listen-address", "127.0.0.1:0", .. arguments]);
        var info = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        command.Skip(1).ToList().ForEach(info.ArgumentList.Add);
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.Append(e.Data).Append('\n');
            }
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        if (!SpinWait.SpinUntil(() => Serving().Success || _process.HasExited, TimeSpan.FromSeconds(60)) || !Serving().Success)
        {
            Dispose();
            throw new Xunit.Sdk.XunitException($"the exporter did not start serving: {StdErr}");
        }

        BaseAddress = new Uri(Serving().Groups[1].Value);
    }

    public Uri BaseAddress { get; }

    public string StdErr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public HttpResponseMessage Get(string path, HttpMethod? method = null) =>
        Http.Send(new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(BaseAddress, path)));

    public string Scrape(string path = "/metrics")
    {
        using var response = Get(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    /// <summary>SIGTERM, and the exit code once it has stopped (null when it did not stop within the time given).</summary>
    public int? Terminate(TimeSpan within)
    {
        Shell.Run("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return _process.WaitForExit(within) ? _process.ExitCode : null;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private Match Serving() => ServingLine().Match(StdErr);

    [GeneratedRegex(@"serving (http://127\.0\.0\.1:\d+)/")]
    private static partial Regex ServingLine();
}
