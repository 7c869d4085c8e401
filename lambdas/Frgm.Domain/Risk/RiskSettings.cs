namespace Frgm.Domain.Risk;

/// <summary>
/// Model settings, bound from configuration section <c>Frgm:Risk</c> (dashboard) or the environment variable
/// <c>Frgm__Risk__Rate</c> (Lambdas), so positions computed in either place carry the same model Greeks.
/// </summary>
public sealed class RiskSettings
{
    public const string Section = "Frgm:Risk";

    /// <summary>The demo market's rate, and a plausible 2026 USD short rate.</summary>
    public const double DefaultRate = 0.04;

    /// <summary>Continuously compounded rate that discounts option premiums in Black-76.</summary>
    public double Rate { get; set; } = DefaultRate;

    /// <summary>Throws naming the setting when the rate is not a number between −100 % and +100 %.</summary>
    public RiskSettings Validated()
    {
        if (!double.IsFinite(Rate) || Rate is < -1.0 or > 1.0)
        {
            throw new InvalidOperationException($"{Section}:Rate must be a continuously compounded rate between -1 and 1 (0.04 = 4 %); got {Rate}");
        }

        return this;
    }
}
