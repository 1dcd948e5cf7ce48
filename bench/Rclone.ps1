<#
.SYNOPSIS
    rclone against the throw-away radosgw, for the benchmarks that compare with it (dot-source this file):
    Set-RcloneRemote names the server as the remote "rgw:" through rclone's environment (the secret stays
    out of command lines and output), Invoke-Rclone runs rclone and returns its output, Remove-RcloneRemote
    takes the environment back.
#>

function Set-RcloneRemote($Gateway) {
    $env:RCLONE_CONFIG_RGW_TYPE = 's3'
    $env:RCLONE_CONFIG_RGW_PROVIDER = 'Ceph'
    $env:RCLONE_CONFIG_RGW_ENDPOINT = "http://$($Gateway.Endpoint)"
    $env:RCLONE_CONFIG_RGW_ACCESS_KEY_ID = $Gateway.AccessKey
    $env:RCLONE_CONFIG_RGW_SECRET_ACCESS_KEY = $Gateway.SecretKey
    $env:RCLONE_CONFIG_RGW_REGION = 'us-east-1'
}

function Invoke-Rclone([string[]] $Arguments) {
    # rclone fails on this machine's AWS_CA_BUNDLE (shared/docs/s3-test-server.md); it talks plain HTTP here anyway.
    $bundle = $env:AWS_CA_BUNDLE
    Remove-Item Env:AWS_CA_BUNDLE -ErrorAction SilentlyContinue
    try {
        $out = & $rclone.Source @Arguments
        if ($LASTEXITCODE -ne 0) { throw "rclone $($Arguments[0]) failed with exit code $LASTEXITCODE" }
        $out
    }
    finally { if ($null -ne $bundle) { $env:AWS_CA_BUNDLE = $bundle } }
}

function Remove-RcloneRemote {
    foreach ($v in 'TYPE', 'PROVIDER', 'ENDPOINT', 'ACCESS_KEY_ID', 'SECRET_ACCESS_KEY', 'REGION') { Remove-Item "Env:RCLONE_CONFIG_RGW_$v" -ErrorAction SilentlyContinue }
}
