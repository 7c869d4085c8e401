using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.TestSupport;

namespace Frgm.Storage.Tests.Aws;

/// <summary>Its own DynamoDB Local, because it kills it.</summary>
[Trait("Needs", "servers")]
public sealed class DynamoFaultTests : IDisposable
{
    private readonly DynamoDbLocal _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task An_unreachable_endpoint_fails_with_a_message_naming_the_store_table_and_endpoint_and_recovers_after_restart()
    {
        var settings = new AwsSettings { DynamoDbServiceUrl = _server.ServiceUrl, HistoryTable = "hist", AlarmsTable = "alarm", LedgerTable = "ledger" };
        using var client = AwsClientFactory.CreateDynamoDb(settings, maxErrorRetry: 0);
        await DynamoTables.CreateAllAsync(client, settings);
        var ledger = new DynamoFileLedger(client, settings);
        var history = new DynamoHistoryStore(client, settings);
        var probe = new DynamoStoreProbe(client, settings);
        await probe.PingAsync(CancellationToken.None);

        _server.Kill();

        var claim = await Assert.ThrowsAsync<AwsStoreException>(() =>
            ledger.TryClaimAsync(BucketRole.Actant, "k", "s", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), CancellationToken.None));
        var write = await Assert.ThrowsAsync<AwsStoreException>(() => history.PutEodAsync(
            new DateOnly(2026, 1, 2), [new(new DateOnly(2026, 1, 2), "A", "X", 1, 1m, 0, 0, 0, 0)], CancellationToken.None));
        var ping = await Assert.ThrowsAsync<AwsStoreException>(() => probe.PingAsync(CancellationToken.None));

        Assert.StartsWith($"dynamodb table ledger at {_server.ServiceUrl} failed:", claim.Message, StringComparison.Ordinal);
        Assert.StartsWith($"dynamodb table hist at {_server.ServiceUrl} failed:", write.Message, StringComparison.Ordinal);
        Assert.StartsWith($"dynamodb table hist at {_server.ServiceUrl} failed:", ping.Message, StringComparison.Ordinal);
        Assert.Equal("dynamodb", probe.Name);
        _server.Restart();
        await DynamoTables.CreateAllAsync(client, settings);
        var after = await ledger.TryClaimAsync(BucketRole.Actant, "k", "s", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(Frgm.Application.Ports.LedgerClaimOutcome.Claimed, after.Outcome);
    }
}
