using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Turns AWS SDK failures into <see cref="ThanosLabException"/>s, so no SDK type crosses into the
/// PowerShell assembly. Messages are built from the HTTP status and S3 error code (the SDK's own
/// message is often empty) and never include a credential beyond the access key id.
/// </summary>
internal static class S3Failure
{
    private const string NewBucketHint = "Create the bucket with New-ThanosBucket -Bucket <config>, or check the bucket name.";

    public static bool IsNotFound(AmazonS3Exception e) =>
        e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is null or "" or "NotFound" or "NoSuchKey" or "404";

    public static Exception Translate(Exception e, S3BucketConfig config, string operation, string? key)
    {
        var what = key is null ? $"{operation} on {config.Location}" : $"{operation} '{key}' in {config.Location}";
        var endpoint = $"{(config.Insecure ? "http" : "https")}://{config.Endpoint}";
        switch (e)
        {
            case ThanosLabException or OperationCanceledException when e is not TaskCanceledException { InnerException: TimeoutException }:
                return e;
            case AmazonS3Exception s3:
                return FromS3(s3, config, what, endpoint);
            case AmazonServiceException { InnerException: { } inner } when Unreachable(inner):
            case HttpRequestException or SocketException when Unreachable(e):
                return new ThanosLabException(ErrorKind.ConnectionError, "EndpointUnreachable",
                    $"Cannot reach the S3 endpoint {endpoint} ({what}): {Reason(e)}", config.Endpoint,
                    "Check that the S3 server is running and the endpoint host:port is right; use -Insecure for a plain-HTTP server.", e);
            case TaskCanceledException or TimeoutException:
                return new ThanosLabException(ErrorKind.OperationTimeout, "S3Timeout",
                    $"The S3 endpoint {endpoint} did not answer in time ({what}).", config.Endpoint, null, e);
            case AmazonServiceException service:
                return new ThanosLabException(ErrorKind.InvalidOperation, "S3RequestFailed",
                    $"S3 {what} failed at {endpoint}: HTTP {(int)service.StatusCode} {service.ErrorCode}.", config.Location, null, e);
            case AmazonClientException when e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase) && config.AccessKey.Length == 0:
                // No access key in the config, and the SDK's chain (environment, ~/.aws, instance role) found none.
                return new ThanosLabException(ErrorKind.AuthenticationError, "NoCredentials",
                    $"No S3 credentials for {what}: the configuration has no access key and none was found in the environment, ~/.aws/credentials or an instance role.",
                    config.Location, "Pass -Credential with the access key as user name and the secret key as password.", e);
            case AmazonClientException or HttpRequestException or IOException:
                return new ThanosLabException(ErrorKind.ConnectionError, "S3RequestFailed",
                    $"S3 {what} failed at {endpoint}: {Reason(e)}", config.Location, null, e);
            default:
                return e;
        }
    }

    private static ThanosLabException FromS3(AmazonS3Exception e, S3BucketConfig config, string what, string endpoint)
    {
        var status = $"HTTP {(int)e.StatusCode} {e.ErrorCode}".TrimEnd();
        return e.ErrorCode switch
        {
            "NoSuchBucket" => new ThanosLabException(ErrorKind.ObjectNotFound, "BucketNotFound",
                $"The bucket '{config.Bucket}' does not exist at {endpoint} ({what}; {status}).", config.Location, NewBucketHint, e),
            "SignatureDoesNotMatch" => new ThanosLabException(ErrorKind.AuthenticationError, "InvalidCredentials",
                $"The S3 server at {endpoint} rejected the secret key of access key '{config.AccessKey}' ({what}; {status}: the request signature does not match).",
                config.Location, "Check the secret key: pass -Credential with the access key as user name and the right secret key as password.", e),
            "InvalidAccessKeyId" => new ThanosLabException(ErrorKind.AuthenticationError, "InvalidCredentials",
                $"The S3 server at {endpoint} does not know the access key '{config.AccessKey}' ({what}; {status}).",
                config.Location, "Check the access key: pass -Credential with the access key as user name and the secret key as password.", e),
            "AccessDenied" or "AllAccessDisabled" => new ThanosLabException(ErrorKind.PermissionDenied, "AccessDenied",
                $"Access denied for access key '{config.AccessKey}' ({what}; {status}).", config.Location,
                "Check that the credentials are allowed to use this bucket.", e),
            "BucketAlreadyExists" => new ThanosLabException(ErrorKind.ResourceExists, "BucketOwnedByAnother",
                $"The bucket '{config.Bucket}' exists at {endpoint} but belongs to another account ({status}).", config.Location,
                "Choose another bucket name.", e),
            "InvalidBucketName" => new ThanosLabException(ErrorKind.InvalidArgument, "InvalidBucketName",
                $"The S3 server at {endpoint} rejects the bucket name '{config.Bucket}' ({status}).", config.Bucket, null, e),
            _ when e.StatusCode == HttpStatusCode.NotFound && string.IsNullOrEmpty(e.ErrorCode) => new ThanosLabException(ErrorKind.ObjectNotFound, "BucketNotFound",
                $"The bucket '{config.Bucket}' does not exist at {endpoint} ({what}; HTTP 404).", config.Location, NewBucketHint, e),
            _ when (int)e.StatusCode == 403 => new ThanosLabException(ErrorKind.PermissionDenied, "AccessDenied",
                $"The S3 server at {endpoint} refused {what} for access key '{config.AccessKey}' ({status}).", config.Location,
                "Check the credentials and the bucket's permissions.", e),
            // 5xx: the server's trouble, which persisted through the retries.
            _ when (int)e.StatusCode >= 500 => new ThanosLabException(ErrorKind.ResourceUnavailable, "S3RequestFailed",
                $"S3 {what} failed at {endpoint} ({status}), also on retry.", config.Location, "Check the S3 server's health and try again.", e),
            _ => new ThanosLabException(ErrorKind.InvalidOperation, "S3RequestFailed",
                $"S3 {what} failed at {endpoint} ({status}).", config.Location, null, e),
        };
    }

    private static bool Unreachable(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }) return true;
        }
        return false;
    }

    private static string Reason(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException s) return s.Message;
        }
        var innermost = e;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        return innermost.Message;
    }
}
