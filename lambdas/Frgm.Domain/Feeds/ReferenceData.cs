using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds;

/// <summary>
/// The instrument reference file: the one shipped inside this assembly, or an environment's override.
/// Reference data must be clean, so unlike a feed a single bad or repeated row rejects the whole file.
/// </summary>
public static class ReferenceData
{
    /// <summary>Logical name of the shipped instruments.csv embedded in Frgm.Domain.</summary>
    public const string EmbeddedInstrumentsName = "Frgm.Domain.Feeds.instruments.csv";

    /// <summary>Loads <paramref name="path"/>, or the shipped instruments.csv when it is null.</summary>
    public static InstrumentCatalog LoadInstruments(string? path)
    {
        if (path is null)
        {
            using var embedded = typeof(ReferenceData).Assembly.GetManifestResourceStream(EmbeddedInstrumentsName)
                ?? throw new InvalidOperationException($"embedded resource {EmbeddedInstrumentsName} is missing from the build");
            return LoadInstruments(embedded, "instruments.csv (embedded)");
        }

        using var file = File.OpenRead(path);
        return LoadInstruments(file, path);
    }

    /// <summary>Loads instrument rows from <paramref name="content"/>; <paramref name="fileName"/> names it in errors.</summary>
    public static InstrumentCatalog LoadInstruments(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var instruments = new List<Instrument>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            foreach (var row in FeedParsers.Instruments(content))
            {
                if (row.Value is not { } instrument)
                {
                    throw new FeedFormatException($"{fileName} line {row.Line}: {row.Error}");
                }

                if (!firstLine.TryAdd(instrument.Key, row.Line))
                {
                    throw new FeedFormatException(
                        $"{fileName} line {row.Line}: instrument '{instrument.Key}' is already defined on line {firstLine[instrument.Key]}");
                }

                instruments.Add(instrument);
            }

            CheckUnderlyings(instruments, firstLine, fileName);
        }
        catch (FeedFormatException ex) when (!ex.Message.StartsWith(fileName, StringComparison.Ordinal))
        {
            throw new FeedFormatException($"{fileName}: {ex.Message}", ex);
        }

        return new InstrumentCatalog(instruments);
    }

    // An option's underlying must itself be reference data, or nothing could price or hedge it.
    private static void CheckUnderlyings(List<Instrument> instruments, Dictionary<string, int> lines, string fileName)
    {
        foreach (var instrument in instruments)
        {
            if (instrument.Underlying is { } underlying && underlying != instrument.Key && !lines.ContainsKey(underlying))
            {
                throw new FeedFormatException(
                    $"{fileName} line {lines[instrument.Key]}: underlying '{underlying}' of '{instrument.Key}' is not an instrument in this file");
            }
        }
    }
}
