using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Frgm.Application.Ports;

namespace Frgm.Dashboard.Streaming;

/// <summary>
/// The SSE <c>id:</c> of a change: derived from the event itself (time, topic, detail), not from a per-process counter,
/// so every dashboard task names the same Redis message the same way. A browser reconnecting through the ALB to another
/// task sends that id as Last-Event-ID and the other task can still find its place in its own replay buffer.
/// </summary>
public static class ChangeEventIds
{
    public static string Of(ChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(change.Topic.WireName() + "\n" + change.Detail));
        return change.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(hash, 0, 8);
    }
}
