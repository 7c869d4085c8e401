using Amazon.DynamoDBv2;
using Frgm.Storage.Aws;
using Frgm.TestSupport;

namespace Frgm.Storage.Tests.Aws;

/// <summary>One DynamoDB Local for every class in the "dynamodb" collection; each class makes its own tables.</summary>
public sealed class DynamoFixture : IDisposable
{
    public DynamoFixture()
    {
        Server = new DynamoDbLocal();
        Client = AwsClientFactory.CreateDynamoDb(new AwsSettings { DynamoDbServiceUrl = Server.ServiceUrl });
    }

    public DynamoDbLocal Server { get; }

    public AmazonDynamoDBClient Client { get; }

    /// <summary>Three fresh tables with unique names, created exactly as the CDK app declares them.</summary>
    public async Task<AwsSettings> NewTablesAsync()
    {
        var settings = LocalAwsSettings.For(LocalAwsSettings.NewEnvironment(), Server);
        await DynamoTables.CreateAllAsync(Client, settings);
        return settings;
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DynamoCollection : ICollectionFixture<DynamoFixture>
{
    public const string Name = "dynamodb";
}
