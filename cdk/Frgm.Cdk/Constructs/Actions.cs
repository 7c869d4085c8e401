namespace Frgm.Cdk.Constructs;

/// <summary>IAM action sets, named for what the code does with a resource.</summary>
public static class Actions
{
    public static readonly string[] TableRead =
        ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"];

    /// <summary>Reads plus writes, including the conditional writes and transactions of the file ledger.</summary>
    public static readonly string[] TableReadWrite =
        [.. TableRead, "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"];

    public static readonly string[] StreamRead =
        ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];

    public static readonly string[] ObjectRead = ["s3:GetObject", "s3:GetObjectVersion"];

    public static readonly string[] ObjectWrite = ["s3:PutObject"];

    public static readonly string[] SecretRead = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"];

    /// <summary>Use of the data key by S3 (SSE-KMS objects) and DynamoDB (CMK tables) on the caller's behalf.</summary>
    public static readonly string[] KeyUse = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"];

    public static readonly string[] KeyDecrypt = ["kms:Decrypt", "kms:DescribeKey"];
}
