using System.Text.RegularExpressions;
using Frgm.Settings;

namespace Frgm.Application.Composition;

/// <summary>
/// Runs a binder call (source-generated at each call site: no reflection, AOT-safe) and turns a value the binder
/// cannot convert into a message that names the setting both ways, <c>Frgm:Tt:MaxAttempts (Frgm__Tt__MaxAttempts)</c>:
/// a Lambda's init error is read by someone who set an environment variable, the dashboard's by someone who may have
/// used appsettings.json.
/// </summary>
public static partial class SettingsBinding
{
    /// <param name="expected">What a key accepts, by full key, for the message when its value does not convert (else said from the type).</param>
    public static T Bind<T>(Func<T> bind, IReadOnlyDictionary<string, string>? expected = null)
    {
        ArgumentNullException.ThrowIfNull(bind);
        try
        {
            return bind();
        }
        catch (InvalidOperationException ex) when (BinderFailure().Match(ex.Message) is { Success: true } match)
        {
            var path = match.Groups["path"].Value;
            var wanted = expected?.GetValueOrDefault(path) ?? FromType(match.Groups["type"].Value);
            throw new InvalidOperationException($"{SettingKeys.Describe(path)} '{Prefix(match.Groups["value"].Value)}' is not valid: expected {wanted}.", ex);
        }
    }

    /// <summary>Throws naming <paramref name="key"/> when <paramref name="ok"/> is false.</summary>
    public static void Require(bool ok, string key, object? value, string expected)
    {
        if (!ok)
        {
            var text = value switch
            {
                null => "unset",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
            throw new InvalidOperationException($"{SettingKeys.Describe(key)} '{Prefix(text)}' is not valid: expected {expected}.");
        }
    }

    private static string Prefix(string text) => text.Length > 40 ? text[..40] + "…" : text;

    // The binder names the target type, nullable ones as System.Nullable`1[System.Boolean].
    private static string FromType(string type) =>
        type.Contains("System.Boolean", StringComparison.Ordinal) ? "true or false"
        : type.Contains("System.Int", StringComparison.Ordinal) ? "a whole number"
        : type.Contains("System.Double", StringComparison.Ordinal) || type.Contains("System.Decimal", StringComparison.Ordinal) ? "a number such as 0.04 (invariant culture)"
        : type.Contains("System.Uri", StringComparison.Ordinal) ? "a URL"
        : type.Contains("System.TimeSpan", StringComparison.Ordinal) ? "a time span such as 00:00:30"
        : "a value of type " + type;

    // "Failed to convert configuration value 'x' at 'Frgm:Tt:MaxAttempts' to type 'System.Int32'."
    [GeneratedRegex("value '(?<value>.*)' at '(?<path>[^']+)' to type '(?<type>[^']+)'", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
