using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Frgm.Domain.Model;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws;

/// <summary>Raw feed objects in the three S3 buckets, named by role through <see cref="AwsSettings.BucketName"/>.</summary>
public sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _client;
    private readonly AwsSettings _settings;
    private readonly string _endpoint;
    private readonly int _pageSize;

    public S3ObjectStore(IAmazonS3 client, AwsSettings settings)
        : this(client, settings, 1000)
    {
    }

    /// <summary><paramref name="pageSize"/> lets tests see ListAsync cross pages without writing 1000 objects.</summary>
    internal S3ObjectStore(IAmazonS3 client, AwsSettings settings, int pageSize)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _endpoint = AwsClientFactory.S3Endpoint(settings);
        _pageSize = pageSize;
    }

    public async Task<Stream> OpenReadAsync(BucketRole bucket, string key, CancellationToken ct)
    {
        var name = _settings.BucketName(bucket);
        try
        {
            var response = await AwsCall.RunAsync(
                "s3", $"s3://{name}/{key}", _endpoint, () => _client.GetObjectAsync(name, key, ct), ct);
            return new ResponseStream(response);
        }
        catch (AwsStoreException ex) when (ex.InnerException is AmazonS3Exception s3 && IsNotFound(s3))
        {
            throw new ObjectNotFoundException($"s3://{name}/{key} does not exist", s3);
        }
    }

    public Task WriteAsync(BucketRole bucket, string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var name = _settings.BucketName(bucket);
        return AwsCall.RunAsync(
            "s3",
            $"s3://{name}/{key}",
            _endpoint,
            async () =>
            {
                using var body = new MemoryStream(content.ToArray(), writable: false);
                await _client.PutObjectAsync(
                    new PutObjectRequest
                    {
                        BucketName = name,
                        Key = key,
                        InputStream = body,
                        AutoCloseStream = false,

                        // s3rver stores aws-chunked framing as the body otherwise; real S3 is indifferent.
                        UseChunkEncoding = false,
                    },
                    ct);
            },
            ct);
    }

    public async IAsyncEnumerable<string> ListAsync(BucketRole bucket, string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var name = _settings.BucketName(bucket);
        var request = new ListObjectsV2Request { BucketName = name, Prefix = prefix ?? "", MaxKeys = _pageSize };
        while (true)
        {
            var page = await AwsCall.RunAsync("s3", $"bucket {name}", _endpoint, () => _client.ListObjectsV2Async(request, ct), ct);
            foreach (var obj in page.S3Objects ?? [])
            {
                yield return obj.Key;
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private static bool IsNotFound(AmazonS3Exception ex) =>
        ex.ErrorCode is "NoSuchKey" or "NotFound" || (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket");

    /// <summary>The object's body; disposing it also disposes the GetObject response (and its connection).</summary>
    private sealed class ResponseStream(GetObjectResponse response) : ReadOnlyBodyStream(response.ResponseStream), IKnownLength
    {
        /// <summary>Content-Length, so a size limit refuses the object before its body is read.</summary>
        public long? KnownLength => response.ContentLength >= 0 ? response.ContentLength : null;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
