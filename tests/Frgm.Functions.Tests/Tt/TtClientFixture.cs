using Frgm.Functions.Tests.Fakes;
using Frgm.Functions.Tt;

namespace Frgm.Functions.Tests.Tt;

/// <summary>A fake TT server and a client pointed at it, sharing one instant clock.</summary>
internal sealed class TtClientFixture : IDisposable
{
    public TtClientFixture(TimeSpan? budget = null)
    {
        Clock = new InstantClock(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero));
        Server = new FakeTtServer(Clock);
        Output = new CapturedOutput(clock: Clock);
        Settings = new TtSettings
        {
            BaseUrl = Server.BaseUri,
            Environment = FakeTtServer.Env,
            InvocationBudget = budget ?? TimeSpan.FromSeconds(60),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        Http = new HttpClient(TtRestClient.CreateHandler());
        Client = new TtRestClient(Http, Settings, Credentials, Clock, Output.Loggers.CreateLogger("tt"));
    }

    public static TtCredentials Credentials { get; } = new(FakeTtServer.KeyId, FakeTtServer.KeySecret);

    public InstantClock Clock { get; }

    public FakeTtServer Server { get; }

    public CapturedOutput Output { get; }

    public TtSettings Settings { get; }

    public HttpClient Http { get; }

    public TtRestClient Client { get; }

    public DateTimeOffset Deadline => Clock.GetUtcNow() + Settings.InvocationBudget;

    public void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
    }
}
