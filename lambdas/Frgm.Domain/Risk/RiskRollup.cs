using Frgm.Domain.Model;
using Frgm.Domain.Positions;

namespace Frgm.Domain.Risk;

/// <summary>One level of the risk tree: totals of every position below it (API.md <c>/api/risk</c>).</summary>
/// <param name="Level">product, underlying, expiry or contract</param>
/// <param name="Key">the product code, the underlying's key, the expiry (YYYY-MM-DD, or "none") or the instrument key</param>
/// <param name="DeltaNotional">Σ delta × underlying price × underlying multiplier; null when no position below has a known underlying price</param>
public sealed record RiskNode(
    string Level,
    string Key,
    long NetQty,
    decimal? DayPnl,
    decimal? RealizedPnl,
    decimal? UnrealizedPnl,
    decimal Delta,
    decimal Gamma,
    decimal Vega,
    decimal Theta,
    decimal? DeltaNotional,
    IReadOnlyList<RiskNode> Children);

/// <summary>
/// Positions → product → underlying → expiry → contract, each level ordered by key (ordinal). Sums follow the
/// account summary: P&amp;L of the known values (null only when all are unknown), Greeks plain sums. A contract
/// held by several accounts is one contract row (filter by account for one book).
/// </summary>
public static class RiskRollup
{
    public const string UnknownProduct = "(unknown)";
    public const string NoExpiry = "none";

    public static IReadOnlyList<RiskNode> Build(IReadOnlyList<Position> positions, RiskContext context)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(context);
        var leaves = new List<(string Product, string Underlying, string Expiry, string Ticker, Position Position, decimal? Notional)>(positions.Count);
        foreach (var p in positions)
        {
            var info = context.For(p);
            var expiry = info.Reference?.Expiry is { } e ? e.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : NoExpiry;
            decimal? notional = info.UnderlyingPrice is { } f && info.UnderlyingMultiplier is { } m ? p.Delta * f * m : null;
            leaves.Add((info.Product, info.Underlying, expiry, p.Ticker, p, notional));
        }

        return leaves
            .GroupBy(l => l.Product, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(product => Node("product", product.Key, product
                .GroupBy(l => l.Underlying, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(underlying => Node("underlying", underlying.Key, underlying
                    .GroupBy(l => l.Expiry, StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(expiry => Node("expiry", expiry.Key, expiry
                        .GroupBy(l => l.Ticker, StringComparer.Ordinal)
                        .OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(contract => Leaf(contract.Key, contract.Select(c => (c.Position, c.Notional))))
                        .ToList()))
                    .ToList()))
                .ToList()))
            .ToList();
    }

    private static RiskNode Leaf(string ticker, IEnumerable<(Position Position, decimal? Notional)> rows)
    {
        var t = new Totals();
        foreach (var (position, notional) in rows)
        {
            t.NetQty += position.NetQty;
            t.Day.Add(position.DayPnl);
            t.Realized.Add(position.RealizedPnl);
            t.Unrealized.Add(position.UnrealizedPnl);
            t.Notional.Add(notional);
            t.Delta += position.Delta;
            t.Gamma += position.Gamma;
            t.Vega += position.Vega;
            t.Theta += position.Theta;
        }

        return t.ToNode("contract", ticker, []);
    }

    private static RiskNode Node(string level, string key, List<RiskNode> children)
    {
        var t = new Totals();
        foreach (var c in children)
        {
            t.NetQty += c.NetQty;
            t.Day.Add(c.DayPnl);
            t.Realized.Add(c.RealizedPnl);
            t.Unrealized.Add(c.UnrealizedPnl);
            t.Notional.Add(c.DeltaNotional);
            t.Delta += c.Delta;
            t.Gamma += c.Gamma;
            t.Vega += c.Vega;
            t.Theta += c.Theta;
        }

        return t.ToNode(level, key, children);
    }

    private sealed class Totals
    {
        public long NetQty;
        public KnownSum Day;
        public KnownSum Realized;
        public KnownSum Unrealized;
        public KnownSum Notional;
        public decimal Delta;
        public decimal Gamma;
        public decimal Vega;
        public decimal Theta;

        public RiskNode ToNode(string level, string key, IReadOnlyList<RiskNode> children) =>
            new(level, key, NetQty, Day.Value, Realized.Value, Unrealized.Value, Delta, Gamma, Vega, Theta, Notional.Value, children);
    }
}
