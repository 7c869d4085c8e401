using Frgm.Dashboard.Api;

namespace Frgm.Dashboard.Tests.Unit;

public sealed class ApiKeyVerifierTests
{
    [Fact]
    public void Accepts_exactly_the_configured_keys()
    {
        var verifier = new ApiKeyVerifier(["alpha-key", "beta-key"]);
        Assert.True(verifier.IsValid("alpha-key"));
        Assert.True(verifier.IsValid("beta-key"));
        Assert.False(verifier.IsValid("alpha-key "));
        Assert.False(verifier.IsValid("ALPHA-KEY"));
        Assert.False(verifier.IsValid("alpha"));
        Assert.False(verifier.IsValid(string.Empty));
        Assert.False(verifier.IsValid(null));
    }

    [Fact]
    public void Refuses_to_run_without_a_key() =>
        Assert.Throws<ArgumentException>(() => new ApiKeyVerifier([]));
}
