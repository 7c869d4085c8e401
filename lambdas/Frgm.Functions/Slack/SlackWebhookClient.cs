using System.Net;
using System.Net.Http.Headers;
using Frgm.Functions.Http;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Slack;

public enum SlackPostOutcome
{
    /// <summary>200 ok.</summary>
    Sent,

    /// <summary>A 4xx other than 429 (invalid_payload, action_prohibited, channel_not_found, channel_is_archived...): retrying cannot help.</summary>
    Rejected,

    /// <summary>429/5xx/transport errors still failing after the retries the budget allowed.</summary>
    Failed,
}

public sealed record SlackPostResult(SlackPostOutcome Outcome, int? Status, string? Error);

/// <summary>Posts to a Slack incoming webhook. The webhook URL is a credential: it is never logged.</summary>
public sealed class SlackWebhookClient
{
    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private readonly ILogger _logger;

    public SlackWebhookClient(HttpClient http, RetryPolicy retry, ILogger logger)
    {
        _http = http;
        _retry = retry;
        _logger = logger;
    }

    public async Task<SlackPostResult> PostAsync(Uri webhook, byte[] payload, DateTimeOffset deadline, CancellationToken ct)
    {
        try
        {
            using var response = await _retry.SendAsync(
                token =>
                {
                    var content = new ByteArrayContent(payload);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    return _http.PostAsync(webhook, content, token);
                },
                "Slack webhook",
                deadline,
                ct);
            var body = (await response.Content.ReadAsStringAsync(ct)).Trim();
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return new SlackPostResult(SlackPostOutcome.Sent, status, null);
            }

            if (RetryPolicy.IsTransient(response.StatusCode))
            {
                return new SlackPostResult(SlackPostOutcome.Failed, status, body);
            }

            _logger.LogError("Slack rejected the message: {Status} {SlackError}", status, body);
            return new SlackPostResult(SlackPostOutcome.Rejected, status, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return new SlackPostResult(SlackPostOutcome.Failed, null, ex.Message);
        }
    }
}
