using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.EFS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Frgm.Cdk.Config;
using Frgm.Cdk.Constructs;
using Frgm.Settings;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using EcsProtocol = Amazon.CDK.AWS.ECS.Protocol;
using FileSystem = Amazon.CDK.AWS.EFS.FileSystem;

namespace Frgm.Cdk.Stacks;

/// <summary>
/// The operator dashboard: one Fargate task (SQLite on EFS allows exactly one writer) behind an ALB that
/// only the allowed CIDRs reach. HTTPS with HTTP→HTTPS redirect and optional OIDC when a certificate is
/// configured; plain HTTP otherwise (dev only).
/// </summary>
public sealed class DashboardStack : Stack
{
    public const int ContainerPort = 8080;
    public const string DataPath = "/data";

    /// <summary>
    /// The largest file the oversize worker takes (<c>Frgm__Ingest__WorkerMaxFileMb</c>): it copies one file at a time to
    /// /tmp (the task's ephemeral storage) to hash it before the ledger claim, so the storage must hold that copy.
    /// </summary>
    public const int OversizeWorkerMaxFileGiB = 16;

    /// <summary>One spill copy of the largest file plus 8 GiB for the image layers, logs and .NET's own temporary files.</summary>
    public const int EphemeralStorageGiB = OversizeWorkerMaxFileGiB + 8;

    public DashboardStack(Construct scope, string id, EnvironmentConfig config, NetworkStack network, DataStack data, DashboardImage image, IStackProps props)
        : base(scope, id, props)
    {
        var removal = Removal.For(config);
        var names = new ResourceNames(config);
        var vpc = network.Vpc;

        // The tasks' security group lives in the network stack (MemoryDB admits it by id). Referenced here as
        // immutable so CDK does not write the ALB → task rule into the network stack (a cycle); the rule is
        // added explicitly below, in this stack.
        _taskSg = SecurityGroup.FromSecurityGroupId(this, "TaskSg", network.DashboardSecurityGroup.SecurityGroupId, new SecurityGroupImportOptions { Mutable = false });

        ApiKeySecret = new Amazon.CDK.AWS.SecretsManager.Secret(this, "ApiKey", new SecretProps
        {
            SecretName = $"frgm/{config.Name}/dashboard-api-key",
            Description = $"FRGM {config.Name}: API key(s) for the dashboard JSON API (comma-separated)",
            GenerateSecretString = new SecretStringGenerator { PasswordLength = 40, ExcludePunctuation = true, IncludeSpace = false },
            RemovalPolicy = removal,
        });
        NagSuppressions.Add(ApiKeySecret, new NagSuppression(
            "AwsSolutions-SMG4",
            "Downstream systems hold this key; rotation is a coordinated change (add the new key comma-separated, move clients, remove the old) documented in cdk/README.md."));

        var fileSystem = Storage(config, vpc, _taskSg, removal, out var accessPoint);

        Cluster = new Cluster(this, "Cluster", new ClusterProps
        {
            Vpc = vpc,
            ClusterName = $"frgm-{config.Name}",
            ContainerInsights = true,
        });

        var task = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Cpu = config.Dashboard.Cpu,
            MemoryLimitMiB = config.Dashboard.MemoryMiB,
            RuntimePlatform = new RuntimePlatform { CpuArchitecture = CpuArchitecture.X86_64, OperatingSystemFamily = OperatingSystemFamily.LINUX },
            EphemeralStorageGiB = EphemeralStorageGiB,
        });
        task.AddVolume(new Amazon.CDK.AWS.ECS.Volume
        {
            Name = "data",
            EfsVolumeConfiguration = new EfsVolumeConfiguration
            {
                FileSystemId = fileSystem.FileSystemId,
                TransitEncryption = "ENABLED",
                AuthorizationConfig = new AuthorizationConfig { AccessPointId = accessPoint.AccessPointId, Iam = "ENABLED" },
            },
        });
        task.AddVolume(new Amazon.CDK.AWS.ECS.Volume { Name = "tmp" });
        fileSystem.Grant(task.TaskRole, "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite");
        TaskPermissions(task.TaskRole, names, data);

        var logGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = $"/frgm/{config.Name}/dashboard",
            Retention = Removal.LogRetention(config),
            RemovalPolicy = removal,
        });

        var environment = RuntimeSettings.Common(config, names, data.MemoryDb.EndpointAddress, data.MemoryDb.UserName);
        environment[RuntimeSettings.Variable(SettingKeys.Root, SettingKeys.Dashboard.Mode)] = "Aws";
        environment[RuntimeSettings.Variable(SettingKeys.Root, SettingKeys.Dashboard.MonitoringDb)] = DataPath + "/monitoring.db";
        environment["ASPNETCORE_URLS"] = $"http://+:{ContainerPort}";
        environment[RuntimeSettings.Variable(SettingKeys.Ingest.Section, SettingKeys.Ingest.WorkerMaxFileMb)] = (OversizeWorkerMaxFileGiB * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var container = task.AddContainer("dashboard", new ContainerDefinitionOptions
        {
            Image = image.ToContainerImage(),
            Essential = true,
            // A hard limit per container (Control Tower CT.ECS.PR.7): the task's whole memory, nothing else runs in it.
            MemoryLimitMiB = config.Dashboard.MemoryMiB,
            User = "1000:1000",
            ReadonlyRootFilesystem = true,
            PortMappings = [new PortMapping { ContainerPort = ContainerPort, Protocol = EcsProtocol.TCP }],
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = "dashboard" }),
            Environment = environment,
            Secrets = new Dictionary<string, EcsSecret>
            {
                [RuntimeSettings.Variable(SettingKeys.Root, SettingKeys.Dashboard.ApiKey)] = EcsSecret.FromSecretsManager(ApiKeySecret),
                [RuntimeSettings.Variable(SettingKeys.Aws.Section, SettingKeys.Aws.RedisPassword)] = EcsSecret.FromSecretsManager(data.MemoryDb.PasswordSecret),
            },
        });
        container.AddMountPoints(
            new MountPoint { ContainerPath = DataPath, SourceVolume = "data", ReadOnly = false },
            new MountPoint { ContainerPath = "/tmp", SourceVolume = "tmp", ReadOnly = false });
        NagSuppressions.Add(task, new NagSuppression(
            "AwsSolutions-ECS2",
            "Environment variables hold only resource names and settings (tables, buckets, MemoryDB host/user); the API key and MemoryDB password are ECS secrets from Secrets Manager."));

        NagSuppressions.Add(task.ExecutionRole!.Node.FindChild("DefaultPolicy"), new NagSuppression(
            "AwsSolutions-IAM5",
            "ecr:GetAuthorizationToken has no resource-level permissions; image pulls and secrets are scoped to the exact repository, log group and secrets.",
            "Resource::*"));

        Service = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = Cluster,
            ServiceName = $"frgm-{config.Name}-dashboard",
            TaskDefinition = task,
            // Tasks spread over the private subnets' zones. Rolling deploys start the new task before the old one stops:
            // tasks may overlap because only the holder of the monitoring writer lease writes the EFS SQLite file.
            DesiredCount = config.Dashboard.Tasks,
            MinHealthyPercent = config.Dashboard.Tasks >= 2 ? 50 : 100,
            MaxHealthyPercent = 200,
            CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
            SecurityGroups = [_taskSg],
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            AssignPublicIp = false,
            HealthCheckGracePeriod = Duration.Seconds(60),
            PlatformVersion = FargatePlatformVersion.LATEST,
        });

        LoadBalancer(config, vpc, data);
        if (config.Oidc is not null)
        {
            // Acknowledgements trust x-amzn-oidc-data only when this ALB signed it (Frgm.Dashboard/Identity/AlbIdentity.cs).
            container.AddEnvironment(SettingKeys.Variable(SettingKeys.Key(SettingKeys.AlbAuth.Section, SettingKeys.AlbAuth.Signer)), Alb.LoadBalancerArn);
        }
    }

    private readonly ISecurityGroup _taskSg;

    public Amazon.CDK.AWS.SecretsManager.Secret ApiKeySecret { get; }

    public Cluster Cluster { get; }

    public FargateService Service { get; }

    public ApplicationLoadBalancer Alb { get; private set; } = null!;

    public ApplicationTargetGroup TargetGroup { get; private set; } = null!;

    /// <summary>What operators open and what Slack messages link to.</summary>
    public string Url { get; private set; } = "";

    private FileSystem Storage(EnvironmentConfig config, IVpc vpc, ISecurityGroup dashboardSg, RemovalPolicy removal, out AccessPoint accessPoint)
    {
        var fileSystem = new FileSystem(this, "Efs", new FileSystemProps
        {
            Vpc = vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            Encrypted = true,
            AllowAnonymousAccess = false,
            EnableAutomaticBackups = config.RetainData,
            PerformanceMode = PerformanceMode.GENERAL_PURPOSE,
            ThroughputMode = ThroughputMode.BURSTING,
            RemovalPolicy = removal,
        });
        fileSystem.Connections.AllowDefaultPortFrom(dashboardSg, "NFS from the dashboard tasks");
        accessPoint = fileSystem.AddAccessPoint("AccessPoint", new AccessPointOptions
        {
            Path = "/frgm",
            PosixUser = new PosixUser { Uid = "1000", Gid = "1000" },
            CreateAcl = new Acl { OwnerUid = "1000", OwnerGid = "1000", Permissions = "750" },
        });
        return fileSystem;
    }

    private static void TaskPermissions(IRole taskRole, ResourceNames names, DataStack data)
    {
        void Allow(string[] actions, params string[] resources) =>
            taskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps { Actions = actions, Resources = resources }));

        // The oversize worker ingests what the ingest function hands off, through the same IngestionService: it reads the
        // object and writes history, alarms and the ledger exactly as the ingest function does (operators also acknowledge alarms).
        Allow(Actions.TableReadWrite, [.. names.TableAndIndexArns(names.HistoryTable), .. names.TableAndIndexArns(names.LedgerTable), .. names.TableAndIndexArns(names.AlarmsTable)]);
        Allow(Actions.ObjectRead, [.. DataStack.FeedRoles.Select(role => ResourceNames.ObjectsArn(names.Bucket(role)))]);
        Allow(Actions.KeyUse, data.DataKey.KeyArn);
        NagSuppressions.Add(taskRole.Node.FindChild("DefaultPolicy"), new NagSuppression(
            "AwsSolutions-IAM5",
            "The table index ARN wildcard covers gsi1 of the three exact FRGM tables; the oversize worker reads any object of the three exact feed buckets (handed-off keys are chosen by the feeds), as the ingest function does.",
            NagSuppressions.RegexPrefix + "^Resource::arn:<AWS::Partition>:(s3:::frgm-[a-z0-9-]+/\\*|dynamodb:[a-z0-9-]+:[0-9]{12}:table/frgm-[a-z0-9-]+/index/\\*)$"));
    }

    private void LoadBalancer(EnvironmentConfig config, IVpc vpc, DataStack data)
    {
        var albSg = new SecurityGroup(this, "AlbSg", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = $"FRGM {config.Name} dashboard ALB: allowed CIDRs only",
            AllowAllOutbound = false,
        });
        var https = config.CertificateArn is not null;
        foreach (var cidr in config.AllowedCidrs)
        {
            albSg.AddIngressRule(Peer.Ipv4(cidr), Port.Tcp(80), https ? "HTTP (redirected to HTTPS)" : "HTTP (dev only)");
            if (https)
            {
                albSg.AddIngressRule(Peer.Ipv4(cidr), Port.Tcp(443), "HTTPS");
            }
        }

        Alb = new ApplicationLoadBalancer(this, "Alb", new ApplicationLoadBalancerProps
        {
            Vpc = vpc,
            InternetFacing = true,
            SecurityGroup = albSg,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
            DropInvalidHeaderFields = true,
            DeletionProtection = config.RetainData,
        });
        Alb.LogAccessLogs(data.AccessLogBucket, "alb");
        albSg.AddEgressRule(_taskSg, Port.Tcp(ContainerPort), "to the dashboard tasks");
        new CfnSecurityGroupIngress(this, "TaskFromAlb", new CfnSecurityGroupIngressProps
        {
            GroupId = _taskSg.SecurityGroupId,
            SourceSecurityGroupId = albSg.SecurityGroupId,
            IpProtocol = "tcp",
            FromPort = ContainerPort,
            ToPort = ContainerPort,
            Description = "dashboard HTTP from its ALB",
        });

        TargetGroup = new ApplicationTargetGroup(this, "Targets", new ApplicationTargetGroupProps
        {
            Vpc = vpc,
            Port = ContainerPort,
            Protocol = ApplicationProtocol.HTTP,
            TargetType = TargetType.IP,
            Targets = [Service],
            DeregistrationDelay = Duration.Seconds(15),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = "/health",
                HealthyHttpCodes = "200",
                Interval = Duration.Seconds(15),
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 3,
            },
        });

        if (!https)
        {
            var http = Alb.AddListener("Http", new BaseApplicationListenerProps
            {
                Port = 80,
                Protocol = ApplicationProtocol.HTTP,
                Open = false,
                DefaultAction = ListenerAction.Forward([TargetGroup]),
            });
            // AwsSolutions has no HTTP-listener rule; the HIPAA and NIST packs do, should they be added.
            const string httpReason = "Dev only: no certificateArn is configured, so the dashboard is served over HTTP to the allowed CIDRs; staging and prod set a certificate and get HTTPS with an HTTP-to-HTTPS redirect.";
            NagSuppressions.Add(http,
                new NagSuppression("HIPAA.Security-ALBHttpToHttpsRedirection", httpReason),
                new NagSuppression("NIST.800.53.R5-ALBHttpToHttpsRedirection", httpReason));
            Url = $"http://{Alb.LoadBalancerDnsName}";
            return;
        }

        Alb.AddListener("Http", new BaseApplicationListenerProps
        {
            Port = 80,
            Protocol = ApplicationProtocol.HTTP,
            Open = false,
            DefaultAction = ListenerAction.Redirect(new RedirectOptions { Protocol = "HTTPS", Port = "443", Permanent = true }),
        });
        var listener = Alb.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = 443,
            Protocol = ApplicationProtocol.HTTPS,
            Open = false,
            SslPolicy = SslPolicy.RECOMMENDED_TLS,
            Certificates = [ListenerCertificate.FromArn(config.CertificateArn!)],
            DefaultAction = config.Oidc is { } oidc ? Authenticated(oidc) : ListenerAction.Forward([TargetGroup]),
        });
        if (config.Oidc is not null)
        {
            // Machine clients cannot do an OIDC browser login: /api/* is protected by the API key instead.
            listener.AddAction("ApiWithKey", new AddApplicationActionProps
            {
                Priority = 10,
                Conditions = [ListenerCondition.PathPatterns(["/api/*", "/health"])],
                Action = ListenerAction.Forward([TargetGroup]),
            });
        }

        Url = $"https://{Alb.LoadBalancerDnsName}";
    }

    private ListenerAction Authenticated(OidcConfig oidc) => ListenerAction.AuthenticateOidc(new AuthenticateOidcOptions
    {
        Issuer = oidc.Issuer,
        AuthorizationEndpoint = oidc.AuthorizationEndpoint,
        TokenEndpoint = oidc.TokenEndpoint,
        UserInfoEndpoint = oidc.UserInfoEndpoint,
        ClientId = oidc.ClientId,
        ClientSecret = SecretValue.SecretsManager(oidc.ClientSecretName),
        Next = ListenerAction.Forward([TargetGroup]),
    });
}
