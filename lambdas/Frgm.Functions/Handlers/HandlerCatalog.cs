namespace Frgm.Functions.Handlers;

/// <summary>
/// The Lambda handler strings (<c>Assembly::Type::Method</c>) the CDK app configures. Renaming a handler class
/// or method breaks deployed functions, so a test resolves each string by reflection.
/// </summary>
public static class HandlerCatalog
{
    public const string Ingest = "Frgm.Functions::Frgm.Functions.Handlers.IngestFunction::HandleAsync";
    public const string TtPoller = "Frgm.Functions::Frgm.Functions.Handlers.TtPollerFunction::HandleAsync";
    public const string AlarmSweep = "Frgm.Functions::Frgm.Functions.Handlers.AlarmSweepFunction::HandleAsync";
    public const string SlackNotifier = "Frgm.Functions::Frgm.Functions.Handlers.SlackNotifierFunction::HandleAsync";

    public static IReadOnlyList<string> All { get; } = [Ingest, TtPoller, AlarmSweep, SlackNotifier];
}
