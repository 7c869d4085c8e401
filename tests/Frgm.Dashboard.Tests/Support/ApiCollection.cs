namespace Frgm.Dashboard.Tests.Support;

/// <summary>One dashboard with the ingested samples shared by every API test class (start-up and ingestion once).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<DashboardApiFactory>
{
    public const string Name = "api";
}
