using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.MemoryDB;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// MemoryDB for the latest state: TLS, KMS at rest, an ACL with one application user whose password is
/// generated in Secrets Manager and handed to CloudFormation as a dynamic reference (never in the template),
/// isolated subnets, and a security group open on 6379 only to the Lambda and dashboard security groups.
/// </summary>
public sealed class MemoryDbCluster : Construct
{
    public const int Port = 6379;

    public MemoryDbCluster(Construct scope, string id, EnvironmentConfig config, IVpc vpc, IKey key, IEnumerable<ISecurityGroup> clients)
        : base(scope, id)
    {
        var removal = Removal.For(config);
        UserName = $"frgm-{config.Name}-app";

        PasswordSecret = new Secret(this, "Password", new SecretProps
        {
            SecretName = $"frgm/{config.Name}/memorydb-password",
            Description = $"FRGM {config.Name}: password of MemoryDB ACL user {UserName}",
            GenerateSecretString = new SecretStringGenerator
            {
                PasswordLength = 40,
                ExcludePunctuation = true,
                IncludeSpace = false,
            },
            RemovalPolicy = removal,
        });
        NagSuppressions.Add(PasswordSecret, new NagSuppression(
            "AwsSolutions-SMG4",
            "MemoryDB has no managed rotation function for ACL user passwords; cdk/README.md documents rotating by regenerating the secret and redeploying, which updates the user."));

        SecurityGroup = new SecurityGroup(this, "Sg", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = $"FRGM {config.Name} MemoryDB: 6379 from the Lambda and dashboard security groups only",
            AllowAllOutbound = false,
        });
        foreach (var client in clients)
        {
            SecurityGroup.AddIngressRule(client, Amazon.CDK.AWS.EC2.Port.Tcp(Port), "Redis over TLS from " + client.Node.Id);
        }

        var user = new CfnUser(this, "User", new CfnUserProps
        {
            UserName = UserName,
            // Every key and channel, every command except server administration and whole-database flushes.
            AccessString = "on ~* &* +@all -@admin -flushall -flushdb",
            AuthenticationMode = new Dictionary<string, object>
            {
                ["Type"] = "password",
                ["Passwords"] = new[] { PasswordSecret.SecretValue.UnsafeUnwrap() },
            },
        });

        var acl = new CfnACL(this, "Acl", new CfnACLProps
        {
            AclName = $"frgm-{config.Name}-acl",
            UserNames = [UserName],
        });
        acl.AddDependency(user);

        var subnets = new CfnSubnetGroup(this, "Subnets", new CfnSubnetGroupProps
        {
            SubnetGroupName = $"frgm-{config.Name}-memorydb",
            Description = $"FRGM {config.Name} MemoryDB isolated subnets",
            SubnetIds = vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED }).SubnetIds,
        });

        Cluster = new CfnCluster(this, "Cluster", new CfnClusterProps
        {
            ClusterName = $"frgm-{config.Name}",
            Description = $"FRGM {config.Name} latest state and pub/sub",
            NodeType = config.MemoryDb.NodeType,
            NumShards = config.MemoryDb.Shards,
            NumReplicasPerShard = config.MemoryDb.ReplicasPerShard,
            AclName = acl.AclName,
            SubnetGroupName = subnets.SubnetGroupName,
            SecurityGroupIds = [SecurityGroup.SecurityGroupId],
            TlsEnabled = true,
            KmsKeyId = key.KeyArn,
            Port = Port,
            EngineVersion = "7.1",
            AutoMinorVersionUpgrade = true,
            SnapshotRetentionLimit = config.MemoryDb.SnapshotRetentionDays,
            SnapshotWindow = config.MemoryDb.SnapshotRetentionDays > 0 ? "05:00-06:00" : null,
            MaintenanceWindow = "sun:06:30-sun:07:30",
        });
        Cluster.AddDependency(acl);
        Cluster.AddDependency(subnets);
        Cluster.ApplyRemovalPolicy(removal);
    }

    public string UserName { get; }

    public Secret PasswordSecret { get; }

    public SecurityGroup SecurityGroup { get; }

    public CfnCluster Cluster { get; }

    public string ClusterName => Cluster.ClusterName;

    public string EndpointAddress => Cluster.AttrClusterEndpointAddress;
}
