namespace Frgm.TestSupport;

/// <summary>
/// The split behind <c>./test.sh --fast</c>: a test that starts an outside process (redis-server, DynamoDB Local,
/// s3rver, Chromium, node and the CDK's jsii, the Native AOT bootstrap, a child dashboard or runner) carries
/// <c>[Trait("Needs", "servers")]</c> on its class (or method), and <c>--fast</c> runs <c>Needs!=servers</c>.
/// The fast run sets <see cref="FastRunVariable"/>; every helper that starts such a process calls
/// <see cref="EnsureAllowed"/>, so a server-backed test that lacks the trait fails the fast run by name
/// instead of quietly making it slow or dependent on apt packages.
/// </summary>
public static class ServerTests
{
    public const string Trait = "Needs";

    public const string Servers = "servers";

    public const string FastRunVariable = "FRGM_TEST_NO_SERVERS";

    public static bool FastRun => Environment.GetEnvironmentVariable(FastRunVariable) == "1";

    public static void EnsureAllowed(string what)
    {
        if (FastRun)
        {
            throw new InvalidOperationException(
                $"{what}: this test starts an outside process but is not marked [Trait(\"{Trait}\", \"{Servers}\")], " +
                $"so the fast run ({FastRunVariable}=1, ./test.sh --fast) reached it; mark its class.");
        }
    }
}
