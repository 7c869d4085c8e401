using Frgm.Dashboard.Identity;
using Frgm.Dashboard.Requests;
using Microsoft.Extensions.Configuration;

namespace Frgm.Dashboard.Tests.Requests;

/// <summary><c>Frgm:Limits:*</c> and <c>Frgm:AlbAuth:*</c> through the binder: defaults, values, and errors naming the setting both ways.</summary>
public sealed class RequestLimitSettingsTests
{
    [Fact]
    public void Unset_limits_are_the_defaults_and_set_ones_are_bound()
    {
        Assert.Equal(RequestLimitSettings.Default, RequestLimitSettings.From(Config()));

        var limits = RequestLimitSettings.From(Config(("Frgm:Limits:MaxBodyBytes", "2048"), ("Frgm:Limits:BodyGraceSeconds", "2.5"), ("Frgm:Limits:ApiKeyFailuresPerMinute", "3")));
        Assert.Equal(2048, limits.MaxBodyBytes);
        Assert.Equal(TimeSpan.FromSeconds(2.5), limits.BodyGracePeriod);
        Assert.Equal(3, limits.ApiKeyFailuresPerMinute);
        Assert.Equal(RequestLimitSettings.Default.MaxUrlBytes, limits.MaxUrlBytes);
    }

    [Theory]
    [InlineData("Frgm:Limits:MaxUrlBytes", "12", "Frgm:Limits:MaxUrlBytes (Frgm__Limits__MaxUrlBytes) '12' is not valid: expected a whole number from 256")]
    [InlineData("Frgm:Limits:MaxHeaderCount", "many", "Frgm:Limits:MaxHeaderCount (Frgm__Limits__MaxHeaderCount) 'many' is not valid: expected a whole number")]
    [InlineData("Frgm:Limits:MinBodyBytesPerSecond", "0.5", "Frgm:Limits:MinBodyBytesPerSecond (Frgm__Limits__MinBodyBytesPerSecond) '0.5' is not valid: expected a number >= 1")]
    public void A_bad_limit_names_its_key_and_variable(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RequestLimitSettings.From(Config((key, value))));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_alb_key_endpoint_defaults_to_the_signers_region()
    {
        var settings = AlbIdentitySettings.From(Config(("Frgm:AlbAuth:Signer", " arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/app/frgm/abc ")));
        Assert.Equal("arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/app/frgm/abc", settings.Signer);
        Assert.Equal("https://public-keys.auth.elb.eu-west-2.amazonaws.com", settings.KeyEndpoint);

        var unset = AlbIdentitySettings.From(Config(("Frgm:AlbAuth:KeyEndpoint", "http://127.0.0.1:9/keys")));
        Assert.Null(unset.Signer);
        Assert.Equal("http://127.0.0.1:9/keys", unset.KeyEndpoint);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
