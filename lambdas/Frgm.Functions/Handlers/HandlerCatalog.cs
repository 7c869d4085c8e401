using Frgm.Functions.Hosting;

namespace Frgm.Functions.Handlers;

/// <summary>
/// The handler names the CDK sets on each function (<c>_HANDLER</c> in Lambda) and the local runner accepts.
/// The custom runtime dispatches on them, so renaming one here or in the CDK breaks a deployed function:
/// a test checks the CDK's names against this list.
/// </summary>
public static class HandlerCatalog
{
    public const string Ingest = "ingest";
    public const string TtPoller = "tt-poller";
    public const string AlarmSweep = "alarm-sweep";
    public const string SlackNotifier = "slack-notifier";

    public static IReadOnlyList<string> All { get; } = [Ingest, TtPoller, AlarmSweep, SlackNotifier];

    /// <summary>The handler for <paramref name="name"/>, or null when it names none of <see cref="All"/>.</summary>
    public static ILambdaHandler? Create(string name, FunctionHost host) => name switch
    {
        Ingest => new IngestFunction(host),
        TtPoller => new TtPollerFunction(host),
        AlarmSweep => new AlarmSweepFunction(host),
        SlackNotifier => new SlackNotifierFunction(host),
        _ => null,
    };
}
