using Frgm.Domain.Model;

namespace Frgm.Dashboard.Composition;

/// <summary>Instrument reference data: <c>Frgm:InstrumentsFile</c>, else the file shipped with the project.</summary>
public static class InstrumentSource
{
    public static InstrumentCatalog Load(string? path) => Frgm.Domain.Feeds.ReferenceData.LoadInstruments(path);
}
