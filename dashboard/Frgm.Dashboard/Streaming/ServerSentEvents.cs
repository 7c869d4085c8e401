using System.Text;
using System.Text.Json;
using Frgm.Dashboard.Api;
using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Streaming;

/// <summary>
/// Streams change events as Server-Sent Events: <c>event: &lt;topic&gt;</c> with a small JSON payload, and a
/// keep-alive comment when nothing happened for a while so proxies (the ALB) keep the connection open. Every event
/// carries an <c>id:</c>; a reconnecting EventSource sends the last one as Last-Event-ID and gets what it missed, or an
/// <c>event: resync</c> when this task no longer has it (the page then reloads its data).
/// </summary>
public static class ServerSentEvents
{
    private static readonly byte[] KeepAlive = Encoding.UTF8.GetBytes(": keep-alive\n\n");
    private static readonly byte[] Hello = Encoding.UTF8.GetBytes(": connected\nretry: 1000\n\n");
    private static readonly byte[] Resync = Encoding.UTF8.GetBytes("event: resync\ndata: {}\n\n");
    public const string LastEventIdHeader = "Last-Event-ID";

    public static TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext http, ChangeHub hub)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(hub);
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        var ct = http.RequestAborted;
        var lastEventId = http.Request.Headers[LastEventIdHeader].FirstOrDefault();
        using var subscription = hub.Subscribe(lastEventId);
        try
        {
            await response.Body.WriteAsync(Hello, ct);
            if (subscription.Missed)
            {
                await response.Body.WriteAsync(Resync, ct);
            }

            await response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(KeepAliveInterval);
                bool ready;
                try
                {
                    ready = await subscription.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await response.Body.WriteAsync(KeepAlive, ct);
                    await response.Body.FlushAsync(ct);
                    continue;
                }

                if (!ready)
                {
                    return;
                }

                while (subscription.Reader.TryRead(out var change))
                {
                    await response.Body.WriteAsync(Format(change), ct);
                }

                await response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away
        }
    }

    public static byte[] Format(Frgm.Application.Ports.ChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        // The topic is typed, so its wire name is one of five fixed words: nothing a publisher sends can split the frame.
        var topic = Frgm.Application.Ports.ChangeTopics.WireName(change.Topic);
        var payload = JsonSerializer.Serialize(new ChangeEventDto(topic, change.At, change.Detail), ApiJsonContext.Default.ChangeEventDto);
        return Encoding.UTF8.GetBytes($"id: {ChangeEventIds.Of(change)}\nevent: {topic}\ndata: {payload}\n\n");
    }
}
