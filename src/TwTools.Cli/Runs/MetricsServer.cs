using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Operations;

namespace TwTools.Cli.Runs;

/// <summary>
/// The exporter's HTTP side, on Kestrel with nothing else of ASP.NET: no configuration files or environment variables
/// read, no logging, GET and HEAD only. The telemetry path serves the scrape cache; / serves a small landing page.
/// </summary>
internal static class MetricsServer
{
    private const string ExpositionType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Serves until <paramref name="stop"/> (SIGTERM, Ctrl+C), then lets answers in flight finish.</summary>
    public static void Serve(ListenAddress listen, string telemetryPath, ScrapeCache cache, string landingPage, Action<string> said, CancellationToken stop)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 << 10;
            if (listen.Address is null)
            {
                kestrel.ListenAnyIP(listen.Port);
            }
            else
            {
                kestrel.Listen(listen.Address, listen.Port);
            }
        });
        using var app = builder.Build();
        app.Run(context => Answer(context, telemetryPath, cache, landingPage, stop));
        try
        {
            app.StartAsync(stop).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.Unexpected, TwErrorCategory.ResourceUnavailable,
                $"cannot listen on {listen}: {e.InnerException?.Message ?? e.Message}"));
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        said($"twtools exporter: serving {string.Join(", ", bound.Select(a => a + telemetryPath))}");
        stop.WaitHandle.WaitOne();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        app.StopAsync(grace.Token).GetAwaiter().GetResult();
    }

    private static async Task Answer(HttpContext context, string telemetryPath, ScrapeCache cache, string landingPage, CancellationToken stop)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }

        var (status, type, body) = request.Path.Value switch
        {
            var path when path == telemetryPath => (StatusCodes.Status200OK, ExpositionType, await cache.ScrapeAsync(context.RequestAborted, stop)),
            "/" => (StatusCodes.Status200OK, "text/html; charset=utf-8", landingPage),
            _ => (StatusCodes.Status404NotFound, "text/plain; charset=utf-8", $"not found; metrics are at {telemetryPath}\n"),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        if (HttpMethods.IsGet(request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>The page at /: what this exporter collects and where, escaped (a policy path is the user's text).</summary>
    public static string Landing(string telemetryPath, string what) => $"""
        <!DOCTYPE html>
        <html><head><title>twtools exporter</title></head>
        <body><h1>twtools exporter</h1>
        <p>TIME_WAIT pressure and kernel settings: {WebUtility.HtmlEncode(what)}.</p>
        <p><a href="{WebUtility.HtmlEncode(telemetryPath)}">Metrics</a></p>
        </body></html>

        """;
}
