using Frgm.Domain.Model;

namespace Frgm.Domain.Positions;

public static class PositionEngine
{
    // CONTRACT STUB: replaced by the position-engine work (issue 2).
    public static IReadOnlyList<Position> Compute(PositionInputs inputs) => throw new NotImplementedException();

    public static IReadOnlyList<AccountSummary> Summarize(
        IReadOnlyList<Position> positions,
        InstrumentCatalog instruments,
        IReadOnlyCollection<Alarm> openAlarms) => throw new NotImplementedException();

    /// <summary>A second SOD file for a date replaces the opening positions of the accounts it names.</summary>
    public static IReadOnlyList<SodRow> Restate(IReadOnlyList<SodRow> current, IReadOnlyList<SodRow> incoming) =>
        throw new NotImplementedException();
}
