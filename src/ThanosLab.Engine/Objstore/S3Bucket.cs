using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ThanosLab.Engine.IO;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// An S3 bucket through AWSSDK.S3, configured as Thanos' objstore would talk to it: path-style
/// addressing, plain HTTP when insecure, multipart above part_size, the SDK's standard retries on
/// transient errors. Every failure leaves as a <see cref="ThanosLabException"/> (see <see cref="S3Failure"/>).
/// </summary>
public sealed class S3Bucket : IBucket
{
    // Parts of one multipart upload in flight at once: enough to fill a link, few enough that
    // several files uploading in parallel do not open hundreds of connections.
    private const int PartConcurrency = 4;

    private readonly S3BucketConfig _config;
    private readonly S3HttpClientFactory _httpFactory;
    private readonly AmazonS3Client _client;
    private readonly string _keyPrefix;
    private readonly Lazy<string> _customerKey;

    // What the configured server-side encryption sends, worked out once per bucket.
    private readonly (ServerSideEncryptionMethod? Method, string? KmsKeyId, string? KmsContext, ServerSideEncryptionCustomerMethod? CustomerMethod) _encryption;

    public S3Bucket(S3BucketConfig config)
    {
        _config = config.Validate();
        _keyPrefix = config.Prefix.Length > 0 ? config.Prefix + "/" : "";
        _customerKey = new Lazy<string>(ReadCustomerKey);
        var sse = config.SseConfig;
        _encryption = (
            sse.Type switch
            {
                S3SseConfig.SseS3 => ServerSideEncryptionMethod.AES256,
                S3SseConfig.SseKms => ServerSideEncryptionMethod.AWSKMS,
                _ => null,
            },
            sse.Type == S3SseConfig.SseKms ? sse.KmsKeyId : null,
            sse.Type == S3SseConfig.SseKms && sse.KmsEncryptionContext.Count > 0 ? KmsContext(sse) : null,
            sse.Type == S3SseConfig.SseC ? ServerSideEncryptionCustomerMethod.AES256 : null);
        _httpFactory = new S3HttpClientFactory(config.HttpConfig);
        var s3 = new AmazonS3Config
        {
            ServiceURL = (config.Insecure ? "http://" : "https://") + config.Endpoint,
            UseHttp = config.Insecure,
            ForcePathStyle = true,
            AuthenticationRegion = config.EffectiveRegion,
            // SDK 4 adds CRC payload checksums by default, which radosgw and older MinIO reject
            // (XAmzContentSHA256Mismatch); SigV4's payload hash already covers integrity.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = config.MaxRetries > 0 ? config.MaxRetries : 3,
            HttpClientFactory = _httpFactory,
        };
        _client = config.AccessKey.Length > 0
            ? new AmazonS3Client(Credentials(config), s3)
            : new AmazonS3Client(s3);
    }

    public string Location => _config.Location;

    public string LocationOf(string key) => "s3://" + _config.Bucket + "/" + _keyPrefix + ObjectKey.Validate(key);

    public async Task<bool> EnsureExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ProbeBucketAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
        }
        catch (Exception e)
        {
            throw S3Failure.Translate(e, _config, "check bucket", null);
        }
        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _config.Bucket }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // Created by someone else between our check and our request: it exists, which is what was asked.
            return false;
        }
        catch (Exception e)
        {
            throw S3Failure.Translate(e, _config, "create bucket", null);
        }
    }

    public async IAsyncEnumerable<BucketObject> ListAsync(string prefix, bool recursive,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var dirPrefix = ObjectKey.DirectoryPrefix(prefix);
        var delimiter = recursive ? null : "/";
        string? token = null;
        do
        {
            Page page;
            try
            {
                page = _config.ListObjectsVersion == "v1"
                    ? await ListV1Async(dirPrefix, delimiter, token, cancellationToken).ConfigureAwait(false)
                    : await ListV2Async(dirPrefix, delimiter, token, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw S3Failure.Translate(e, _config, "list", dirPrefix.Length == 0 ? "/" : dirPrefix);
            }
            foreach (var o in page.Objects)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return o;
            }
            token = page.Next;
        }
        while (token is not null);
    }

    public async Task<BucketObject?> StatAsync(string key, CancellationToken cancellationToken)
    {
        var full = FullKey(key);
        try
        {
            var request = new GetObjectMetadataRequest { BucketName = _config.Bucket, Key = full };
            ApplyEncryption(request);
            var meta = await _client.GetObjectMetadataAsync(request, cancellationToken).ConfigureAwait(false);
            return new BucketObject(key, meta.ContentLength, LastModified(meta.LastModified));
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // HEAD has no body, so a missing bucket or bad credentials look like a missing object
            // or a bare 403; a request with a body tells which.
            await RequireBucketAsync(cancellationToken).ConfigureAwait(false);
            if (e.StatusCode == HttpStatusCode.NotFound) return null;
            throw S3Failure.Translate(e, _config, "stat", key);
        }
        catch (Exception e)
        {
            throw S3Failure.Translate(e, _config, "stat", key);
        }
    }

    public async Task<byte[]> ReadAllBytesAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        var full = FullKey(key);
        try
        {
            var request = new GetObjectRequest { BucketName = _config.Bucket, Key = full };
            ApplyEncryption(request);
            using var response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > maxBytes)
            {
                throw new ThanosLabException(ErrorKind.InvalidData, "ObjectTooLarge",
                    $"The object '{key}' in {Location} has {response.ContentLength} bytes, more than the {maxBytes} accepted.", key);
            }
            var buffer = new byte[response.ContentLength];
            await response.ResponseStream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "ObjectNotFound",
                $"The object '{key}' does not exist in {Location}.", key, null, e);
        }
        catch (Exception e)
        {
            throw S3Failure.Translate(e, _config, "read", key);
        }
    }

    public async Task UploadFileAsync(string key, string localPath, long length, CancellationToken cancellationToken)
    {
        var full = FullKey(key);
        // Checked and opened before any request: only the first length bytes of a regular file are sent.
        var source = RegularFile.OpenRead(localPath, length);
        try
        {
            if (!_config.DisableMultipart && length > _config.EffectivePartSize)
            {
                // The SDK reads each part from the file itself, never past the part's end within length.
                await UploadMultipartAsync(full, localPath, length, cancellationToken).ConfigureAwait(false);
                return;
            }
            var request = NewPut(full);
            request.InputStream = source;
            request.AutoCloseStream = false;
            await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw S3Failure.Translate(e, _config, "upload", key);
        }
        finally
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task UploadBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var full = FullKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var request = NewPut(full);
            request.InputStream = MemoryMarshal.TryGetArray(content, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw S3Failure.Translate(e, _config, "upload", key);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var full = FullKey(key);
        try
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _config.Bucket, Key = full }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
        }
        catch (Exception e)
        {
            throw S3Failure.Translate(e, _config, "delete", key);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _httpFactory.Dispose();
    }

    private async Task UploadMultipartAsync(string fullKey, string localPath, long length, CancellationToken cancellationToken)
    {
        var partSize = _config.EffectivePartSize;
        var init = new InitiateMultipartUploadRequest { BucketName = _config.Bucket, Key = fullKey };
        ApplyEncryption(init);
        ApplyMetadata(init.Metadata, s => init.StorageClass = s);
        var started = await _client.InitiateMultipartUploadAsync(init, cancellationToken).ConfigureAwait(false);
        try
        {
            var parts = (int)((length + partSize - 1) / partSize);
            var etags = new PartETag[parts];
            await Parallel.ForEachAsync(Enumerable.Range(0, parts),
                new ParallelOptions { MaxDegreeOfParallelism = PartConcurrency, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var offset = i * partSize;
                    var request = new UploadPartRequest
                    {
                        BucketName = _config.Bucket,
                        Key = fullKey,
                        UploadId = started.UploadId,
                        PartNumber = i + 1,
                        FilePath = localPath,
                        FilePosition = offset,
                        PartSize = Math.Min(partSize, length - offset),
                        IsLastPart = i == parts - 1,
                        UseChunkEncoding = false,
                    };
                    ApplyEncryption(request);
                    var response = await _client.UploadPartAsync(request, ct).ConfigureAwait(false);
                    etags[i] = new PartETag(i + 1, response.ETag);
                }).ConfigureAwait(false);
            var complete = new CompleteMultipartUploadRequest
            {
                BucketName = _config.Bucket,
                Key = fullKey,
                UploadId = started.UploadId,
                PartETags = etags.ToList(),
            };
            ApplyEncryption(complete);
            await _client.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // An unfinished multipart upload is invisible but keeps its parts' storage until aborted.
            try
            {
                await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
                {
                    BucketName = _config.Bucket, Key = fullKey, UploadId = started.UploadId,
                }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception abortFailure) when (abortFailure is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
            {
                // The original failure is the one to report; the server expires the upload eventually.
            }
            throw;
        }
    }

    private PutObjectRequest NewPut(string fullKey)
    {
        var request = new PutObjectRequest
        {
            BucketName = _config.Bucket,
            Key = fullKey,
            // aws-chunked streaming signatures are not understood by every S3 implementation the lab
            // meets (old MinIO); a single signed payload hash is.
            UseChunkEncoding = false,
        };
        ApplyEncryption(request);
        ApplyMetadata(request.Metadata, s => request.StorageClass = s);
        return request;
    }

    private void ApplyMetadata(MetadataCollection metadata, Action<S3StorageClass> setStorageClass)
    {
        foreach (var (k, v) in _config.PutUserMetadata)
        {
            // objstore turns this one key into the storage class instead of metadata.
            if (k.Equals("X-Amz-Storage-Class", StringComparison.OrdinalIgnoreCase)) setStorageClass(new S3StorageClass(v));
            else metadata[k] = v;
        }
    }

    /// <summary>
    /// Sets what the configured server-side encryption asks of <paramref name="request"/>: the SSE-S3
    /// or SSE-KMS headers on the requests that create an object, and the SSE-C key on every request
    /// that writes or reads one (S3 needs the customer key for both). The SDK's request types share no
    /// interface for these properties, so each type is one case here.
    /// </summary>
    private void ApplyEncryption(AmazonWebServiceRequest request)
    {
        var (method, kmsKey, kmsContext, customerMethod) = _encryption;
        var customerKey = customerMethod is null ? null : _customerKey.Value;
        switch (request)
        {
            case PutObjectRequest r:
                (r.ServerSideEncryptionMethod, r.ServerSideEncryptionKeyManagementServiceKeyId, r.ServerSideEncryptionKeyManagementServiceEncryptionContext) = (method, kmsKey, kmsContext);
                (r.ServerSideEncryptionCustomerMethod, r.ServerSideEncryptionCustomerProvidedKey) = (customerMethod, customerKey);
                break;
            case InitiateMultipartUploadRequest r:
                (r.ServerSideEncryptionMethod, r.ServerSideEncryptionKeyManagementServiceKeyId, r.ServerSideEncryptionKeyManagementServiceEncryptionContext) = (method, kmsKey, kmsContext);
                (r.ServerSideEncryptionCustomerMethod, r.ServerSideEncryptionCustomerProvidedKey) = (customerMethod, customerKey);
                break;
            case UploadPartRequest r:
                (r.ServerSideEncryptionCustomerMethod, r.ServerSideEncryptionCustomerProvidedKey) = (customerMethod, customerKey);
                break;
            case CompleteMultipartUploadRequest r:
                (r.SSECustomerAlgorithm, r.SSECustomerKey) = (customerMethod, customerKey);
                break;
            case GetObjectRequest r:
                (r.ServerSideEncryptionCustomerMethod, r.ServerSideEncryptionCustomerProvidedKey) = (customerMethod, customerKey);
                break;
            case GetObjectMetadataRequest r:
                (r.ServerSideEncryptionCustomerMethod, r.ServerSideEncryptionCustomerProvidedKey) = (customerMethod, customerKey);
                break;
            default:
                throw new InvalidOperationException($"{request.GetType().Name} has no server-side encryption settings.");
        }
    }

    private static string KmsContext(S3SseConfig sse) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(sse.KmsEncryptionContext)));

    // objstore's encryption_key is the path of a file holding the raw 32-byte AES-256 key; it is read
    // once, on the first request that needs it.
    private string ReadCustomerKey()
    {
        var path = _config.SseConfig.EncryptionKey;
        byte[] key;
        try
        {
            key = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidSseConfig",
                $"Cannot read the SSE-C key file '{path}' (sse_config.encryption_key): {e.Message}", path, null, e);
        }
        if (key.Length != 32)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidSseConfig",
                $"The SSE-C key file '{path}' holds {key.Length} bytes; an AES-256 key is exactly 32 bytes.", path);
        }
        return Convert.ToBase64String(key);
    }

    private async Task RequireBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ProbeBucketAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw S3Failure.Translate(e, _config, "check bucket", null);
        }
    }

    // A one-key listing rather than HEAD: HEAD answers carry no body, so a missing bucket, a wrong
    // secret and an unknown access key would all be a bare 403 or 404 without an error code.
    private Task ProbeBucketAsync(CancellationToken cancellationToken) =>
        _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _config.Bucket, MaxKeys = 1 }, cancellationToken);

    private async Task<Page> ListV2Async(string dirPrefix, string? delimiter, string? token, CancellationToken cancellationToken)
    {
        var response = await _client.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = _config.Bucket,
            Prefix = _keyPrefix + dirPrefix,
            Delimiter = delimiter,
            ContinuationToken = token,
        }, cancellationToken).ConfigureAwait(false);
        var next = response.IsTruncated == true ? response.NextContinuationToken : null;
        return new Page(Merge(response.S3Objects, response.CommonPrefixes), string.IsNullOrEmpty(next) ? null : next);
    }

    private async Task<Page> ListV1Async(string dirPrefix, string? delimiter, string? marker, CancellationToken cancellationToken)
    {
        var response = await _client.ListObjectsAsync(new ListObjectsRequest
        {
            BucketName = _config.Bucket,
            Prefix = _keyPrefix + dirPrefix,
            Delimiter = delimiter,
            Marker = marker,
        }, cancellationToken).ConfigureAwait(false);
        var objects = Merge(response.S3Objects, response.CommonPrefixes);
        // V1 gives NextMarker only with a delimiter; otherwise the last key is the marker.
        var next = response.IsTruncated == true
            ? (string.IsNullOrEmpty(response.NextMarker) ? LastRawKey(response.S3Objects, response.CommonPrefixes) : response.NextMarker)
            : null;
        return new Page(objects, next);
    }

    private static string? LastRawKey(List<S3Object>? objects, List<string>? prefixes) =>
        (objects ?? new()).Select(o => o.Key).Concat(prefixes ?? new()).Max(StringComparer.Ordinal);

    private List<BucketObject> Merge(List<S3Object>? objects, List<string>? prefixes)
    {
        var result = new List<BucketObject>();
        foreach (var o in objects ?? new())
        {
            // A zero-byte "dir/" marker object some tools create is not an object in objstore's view.
            if (o.Key.EndsWith('/') || !o.Key.StartsWith(_keyPrefix, StringComparison.Ordinal)) continue;
            result.Add(new BucketObject(o.Key[_keyPrefix.Length..], o.Size ?? 0, LastModified(o.LastModified)));
        }
        foreach (var p in prefixes ?? new())
        {
            if (!p.StartsWith(_keyPrefix, StringComparison.Ordinal)) continue;
            result.Add(new BucketObject(p[_keyPrefix.Length..], 0, null));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    private static DateTimeOffset? LastModified(DateTime? t) =>
        t is { } v ? new DateTimeOffset(v.ToUniversalTime(), TimeSpan.Zero) : null;

    private string FullKey(string key) => _keyPrefix + ObjectKey.Validate(key);

    private static AWSCredentials Credentials(S3BucketConfig config)
    {
        var secret = config.SecretKey!.Reveal();
        return config.SessionToken is { IsEmpty: false } token
            ? new SessionAWSCredentials(config.AccessKey, secret, token.Reveal())
            : new BasicAWSCredentials(config.AccessKey, secret);
    }

    private sealed record Page(List<BucketObject> Objects, string? Next);
}
