using System.Text.Json;
using Amazon.CDK.Assertions;

namespace Frgm.Cdk.Tests;

[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class DataStackTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Each_feed_dlq_arn_is_a_stack_output_for_the_redrive_command(string env)
    {
        var outputs = synth.Template(env, "Data").FindOutputs("*");
        var dlqOutputs = outputs.Values
            .Select(o => JsonSerializer.Serialize(o))
            .Where(json => json.Contains("start-message-move-task", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(3, dlqOutputs.Count);
        foreach (var role in new[] { "actant", "tt", "trades" })
        {
            Assert.Contains(dlqOutputs, json => json.Contains(role + " feed DLQ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("dev", false)]
    [InlineData("staging", true)]
    [InlineData("prod", true)]
    public void Feed_buckets_are_private_encrypted_logged_tiered_and_versioned_per_environment(string env, bool versioned)
    {
        var t = synth.Template(env, "Data");
        t.ResourceCountIs("AWS::S3::Bucket", 4);
        foreach (var role in new[] { "actant", "tt", "trades" })
        {
            var name = $"frgm-{env}-{role}-{synth.Stacks(env).Config.Account}-us-east-1";
            t.HasResource("AWS::S3::Bucket", Match.ObjectLike(new Dictionary<string, object>
            {
                ["Properties"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["BucketName"] = name,
                    ["BucketEncryption"] = new Dictionary<string, object>
                    {
                        ["ServerSideEncryptionConfiguration"] = new object[]
                        {
                            new Dictionary<string, object>
                            {
                                ["BucketKeyEnabled"] = true,
                                ["ServerSideEncryptionByDefault"] = new Dictionary<string, object> { ["SSEAlgorithm"] = "aws:kms", ["KMSMasterKeyID"] = Match.AnyValue() },
                            },
                        },
                    },
                    ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
                    {
                        ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
                    },
                    ["LoggingConfiguration"] = Match.ObjectLike(new Dictionary<string, object> { ["LogFilePrefix"] = $"s3/{name}/" }),
                    ["VersioningConfiguration"] = versioned ? new Dictionary<string, object> { ["Status"] = "Enabled" } : Match.Absent(),
                    ["LifecycleConfiguration"] = new Dictionary<string, object>
                    {
                        ["Rules"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object>
                        {
                            ["Status"] = "Enabled",
                            ["Transitions"] = new object[] { new Dictionary<string, object> { ["StorageClass"] = "GLACIER", ["TransitionInDays"] = 30 } },
                        })]),
                    },
                    ["NotificationConfiguration"] = new Dictionary<string, object>
                    {
                        ["QueueConfigurations"] = new object[] { new Dictionary<string, object> { ["Event"] = "s3:ObjectCreated:*", ["Queue"] = Match.AnyValue() } },
                    },
                }),
                ["UpdateReplacePolicy"] = versioned ? "Retain" : "Delete",
                ["DeletionPolicy"] = versioned ? "Retain" : "Delete",
            }));
        }
    }

    [Fact]
    public void Every_bucket_denies_requests_without_tls()
    {
        using var doc = synth.TemplateJson("dev", "Data");
        var policies = doc.Resources("AWS::S3::BucketPolicy").ToList();
        Assert.Equal(4, policies.Count);
        Assert.All(policies, p => Assert.Contains(
            p.Resource.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray(),
            s => s.Str("Effect") == "Deny" && s.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString() == "false"));
    }

    [Fact]
    public void Each_feed_bucket_has_an_encrypted_ssl_only_queue_with_a_dlq_and_room_for_six_function_timeouts()
    {
        var t = synth.Template("dev", "Data");
        t.ResourceCountIs("AWS::SQS::Queue", 6);
        t.ResourcePropertiesCountIs("AWS::SQS::Queue", Match.ObjectLike(new Dictionary<string, object>
        {
            ["SqsManagedSseEnabled"] = true,
            ["VisibilityTimeout"] = 360,
            ["RedrivePolicy"] = new Dictionary<string, object> { ["deadLetterTargetArn"] = Match.AnyValue(), ["maxReceiveCount"] = 5 },
        }), 3);
        t.ResourcePropertiesCountIs("AWS::SQS::Queue", Match.ObjectLike(new Dictionary<string, object>
        {
            ["SqsManagedSseEnabled"] = true,
            ["MessageRetentionPeriod"] = 1209600,
        }), 3);

        using var doc = synth.TemplateJson("dev", "Data");
        var queuePolicies = doc.Resources("AWS::SQS::QueuePolicy").ToList();
        Assert.Equal(6, queuePolicies.Count);
        Assert.All(queuePolicies, p => Assert.Contains(
            p.Resource.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray(),
            s => s.Str("Effect") == "Deny" && s.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString() == "false"));
        // S3 may send only from its own bucket, named by ARN.
        Assert.Equal(3, queuePolicies.Count(p => p.Resource.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
            .Any(s => s.Str("Sid") == "AllowS3ObjectCreatedFromItsBucket" && s.GetProperty("Condition").GetProperty("ArnLike").ToString().Contains("frgm-dev-", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Three_tables_share_the_exact_shape_the_storage_adapters_use(string env)
    {
        var t = synth.Template(env, "Data");
        t.ResourceCountIs("AWS::DynamoDB::Table", 3);
        t.AllResourcesProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            ["SSESpecification"] = new Dictionary<string, object> { ["SSEEnabled"] = true, ["SSEType"] = "KMS", ["KMSMasterKeyId"] = Match.AnyValue() },
            ["KeySchema"] = new object[]
            {
                new Dictionary<string, object> { ["AttributeName"] = "pk", ["KeyType"] = "HASH" },
                new Dictionary<string, object> { ["AttributeName"] = "sk", ["KeyType"] = "RANGE" },
            },
            ["GlobalSecondaryIndexes"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["IndexName"] = "gsi1",
                    ["KeySchema"] = new object[]
                    {
                        new Dictionary<string, object> { ["AttributeName"] = "gsi1pk", ["KeyType"] = "HASH" },
                        new Dictionary<string, object> { ["AttributeName"] = "gsi1sk", ["KeyType"] = "RANGE" },
                    },
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "ALL" },
                },
            },
            ["AttributeDefinitions"] = Match.ArrayWith([
                new Dictionary<string, object> { ["AttributeName"] = "pk", ["AttributeType"] = "S" },
                new Dictionary<string, object> { ["AttributeName"] = "gsi1sk", ["AttributeType"] = "S" },
            ]),
        }));
        t.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = $"frgm-{env}-history",
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = "expires_at", ["Enabled"] = true },
        }));
        t.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = $"frgm-{env}-alarms",
            ["StreamSpecification"] = new Dictionary<string, object> { ["StreamViewType"] = "NEW_AND_OLD_IMAGES" },
            ["TimeToLiveSpecification"] = Match.Absent(),
        }));
        t.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = $"frgm-{env}-ledger",
            ["StreamSpecification"] = Match.Absent(),
        }));
    }

    [Theory]
    [InlineData("dev", "db.t4g.small", 0, 0)]
    [InlineData("staging", "db.t4g.small", 1, 3)]
    [InlineData("prod", "db.r7g.large", 1, 7)]
    public void MemoryDb_is_tls_kms_encrypted_and_sized_per_environment(string env, string nodeType, int replicas, int snapshots)
    {
        var t = synth.Template(env, "Data");
        t.HasResourceProperties("AWS::MemoryDB::Cluster", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ClusterName"] = $"frgm-{env}",
            ["NodeType"] = nodeType,
            ["NumShards"] = 1,
            ["NumReplicasPerShard"] = replicas,
            ["TLSEnabled"] = true,
            ["KmsKeyId"] = Match.AnyValue(),
            ["ACLName"] = $"frgm-{env}-acl",
            ["SnapshotRetentionLimit"] = snapshots,
        }));
        t.HasResourceProperties("AWS::MemoryDB::ACL", new Dictionary<string, object> { ["ACLName"] = $"frgm-{env}-acl", ["UserNames"] = new[] { $"frgm-{env}-app" } });
    }

    [Fact]
    public void MemoryDb_user_password_is_a_secrets_manager_dynamic_reference()
    {
        using var doc = synth.TemplateJson("dev", "Data");
        var (_, user) = Assert.Single(doc.Resources("AWS::MemoryDB::User"));
        var auth = user.Props().GetProperty("AuthenticationMode");
        Assert.Equal("password", auth.Str("Type"));
        var password = Assert.Single(auth.GetProperty("Passwords").EnumerateArray()).ToString();
        Assert.Contains("{{resolve:secretsmanager:", password, StringComparison.Ordinal);
        Assert.Contains("\"Ref\":\"MemoryDbPassword", password.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var (_, secret) = Assert.Single(doc.Resources("AWS::SecretsManager::Secret"));
        Assert.Equal(40, secret.Props().GetProperty("GenerateSecretString").GetProperty("PasswordLength").GetInt32());
    }

    [Fact]
    public void MemoryDb_accepts_6379_only_from_the_lambda_and_dashboard_security_groups_in_isolated_subnets()
    {
        using var doc = synth.TemplateJson("dev", "Data");
        var ingress = doc.Resources("AWS::EC2::SecurityGroupIngress").Select(r => r.Resource.Props()).ToList();
        Assert.Equal(2, ingress.Count);
        Assert.All(ingress, i =>
        {
            Assert.Equal(6379, i.GetProperty("FromPort").GetInt32());
            Assert.Equal(6379, i.GetProperty("ToPort").GetInt32());
            Assert.True(i.TryGetProperty("SourceSecurityGroupId", out _));
            Assert.False(i.TryGetProperty("CidrIp", out _));
        });
        var sources = ingress.Select(i => i.GetProperty("SourceSecurityGroupId").ToString()).ToList();
        Assert.Contains(sources, s => s.Contains("LambdaSg", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Contains("DashboardSg", StringComparison.Ordinal));

        var (_, subnets) = Assert.Single(doc.Resources("AWS::MemoryDB::SubnetGroup"));
        Assert.All(subnets.Props().GetProperty("SubnetIds").EnumerateArray(), id => Assert.Contains("isolatedSubnet", id.ToString(), StringComparison.Ordinal));
    }
}
