@{
    Synopsis    = 'Describes a Thanos object-storage bucket: S3 or a local FILESYSTEM directory.'
    Description = @'
New-ThanosBucketConfig returns a ThanosBucketConfig: the objstore configuration (bucket_storage.yaml) that Thanos components read with --objstore.config-file. Pass it to Export-ThanosConfig to write the file, to New-ThanosBucket to create the bucket, and to any -Bucket parameter.

-S3 describes a bucket on an S3 server (AWS, MinIO, Ceph RADOS Gateway). The endpoint is host:port without a scheme, as Thanos expects; a URL such as http://127.0.0.1:9000 is rejected with a hint (use -Insecure for plain HTTP). The access key and secret key come from -Credential. ThanosLab's own S3 requests are bounded as Thanos bounds them: 30 seconds to connect plus the TLS handshake timeout (10 s), response headers within 2 minutes of the request being sent, idle connections closed after 90 s; an imported configuration's http_config values (durations as Thanos reads them, such as 90s or 1m30s) replace these defaults.

-FileSystem describes a bucket kept in a local directory (Thanos type FILESYSTEM): the object with key k is the file <Directory>/<Prefix>/k. Uploads write through temporary files in <Directory>/.thanoslab-tmp/, outside every block, which is removed when the last write ends. A directory that turns out to be a file is a BucketDirectoryIsAFile error when the bucket is used; a directory inside the data directory it is published from is refused.

The object shows the type, location and prefix; it never shows the secret key, in its views, ToString(), verbose output or errors. Export-ThanosConfig writes a configuration that holds a secret with mode 0600.
'@
    Parameters  = @{
        S3                      = 'Describe an S3 bucket.'
        Bucket                  = 'The S3 bucket name, such as thanos: 3 to 63 lowercase letters, digits, dots or hyphens.'
        Endpoint                = 'The S3 server as host[:port] without a scheme, such as 127.0.0.1:9000 or s3.amazonaws.com.'
        Region                  = 'The S3 region, such as us-east-1. Omitted from the YAML when not given (clients then sign for us-east-1).'
        Credential              = 'The access key (user name) and secret key (password). Without it, Thanos uses the environment, ~/.aws/credentials or an IAM role.'
        Insecure                = 'Talk plain HTTP instead of HTTPS (insecure: true), as the tutorial''s MinIO needs.'
        SignatureVersion2       = 'Ask Thanos to sign requests with AWS signature version 2 (signature_version2: true), as the tutorial''s configuration does. ThanosLab''s own client always signs with version 4.'
        InsecureSkipVerify      = 'Do not verify the server''s TLS certificate (http_config.insecure_skip_verify). For test servers with self-signed certificates only.'
        CaFile                  = 'A PEM file with the CA certificate that signed the server''s certificate (http_config.tls_config.ca_file).'
        SseType                 = 'Server-side encryption: SSE-S3, SSE-KMS (needs -SseKmsKeyId) or SSE-C (needs -SseEncryptionKeyPath).'
        SseKmsKeyId             = 'The KMS key id for SSE-KMS.'
        SseKmsEncryptionContext = 'A hashtable of KMS encryption context for SSE-KMS.'
        SseEncryptionKeyPath    = 'For SSE-C: the path of a file holding the 32-byte AES-256 key (the file name is written, not the key).'
        PartSize                = 'Multipart threshold and part size in bytes (part_size); 0 keeps the default of 64 MiB. At least 5 MiB.'
        ListObjectsVersion      = 'The listing API: v1 or v2 (default v2). Some older S3 servers need v1.'
        BucketLookupType        = 'How Thanos addresses the bucket: auto, virtual-hosted or path (newer Thanos releases only). ThanosLab''s own client always uses path style.'
        FileSystem              = 'Describe a FILESYSTEM bucket kept in a local directory.'
        Directory               = 'The bucket directory of a FILESYSTEM bucket. A relative path is resolved against the current location and stored absolute. Binds from the FullName property of a DirectoryInfo.'
        Prefix                  = 'A key prefix inside the bucket, such as tenant-a, so several labs can share one bucket. Leading and trailing slashes are dropped; segments . and .., empty segments and backslashes are rejected.'
    }
    Inputs      = @{
        'System.IO.DirectoryInfo' = 'A directory for -FileSystem, bound by its FullName.'
        'System.Management.Automation.PSObject' = 'Objects with Bucket, Endpoint, Region, Credential or Prefix properties, bound by name.'
    }
    Outputs     = @{ 'ThanosLab.ThanosBucketConfig' = 'The bucket configuration.' }
    Examples    = @(
        @{
            Code    = '$cred = [pscredential]::new(''minio'', (ConvertTo-SecureString ''melovethanos'' -AsPlainText -Force)); New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Credential $cred -Insecure -SignatureVersion2'
            Remarks = 'The tutorial''s bucket_storage.yaml as an object: MinIO on port 9000 over plain HTTP.'
        }
        @{
            Code    = 'New-ThanosBucketConfig -FileSystem -Directory ./bucket | Export-ThanosConfig -Path ./bucket_storage.yaml'
            Remarks = 'Describes a bucket in the local directory ./bucket and writes the objstore YAML that thanos tools read with --objstore.config-file.'
        }
    )
    Links       = @('Export-ThanosConfig', 'Import-ThanosConfig', 'New-ThanosBucket')
}
