using System.Globalization;
using Frgm.Domain.Risk;

namespace Frgm.Functions.Hosting;

/// <summary>
/// The live model's rate for Lambdas: <c>Frgm__Risk__Rate</c> (the same name the dashboard binds as
/// <c>Frgm:Risk:Rate</c>), default <see cref="RiskSettings.DefaultRate"/>. A value that is not a number fails the
/// start with a message naming the variable, never a silently different valuation.
/// </summary>
public static class RiskSettingsFromEnvironment
{
    public const string RateVariable = "Frgm__Risk__Rate";

    public static RiskSettings Read(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var settings = new RiskSettings();
        if (env(RateVariable) is { Length: > 0 } text)
        {
            settings.Rate = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
                ? rate
                : throw new InvalidOperationException($"{RateVariable} must be a number such as 0.04; got '{(text.Length > 40 ? text[..40] + "…" : text)}'");
        }

        return settings.Validated();
    }
}
