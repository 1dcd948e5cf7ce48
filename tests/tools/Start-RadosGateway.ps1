<#
.SYNOPSIS
    Starts a throw-away Ceph RADOS Gateway on loopback (a real S3 server) for Pester tests and benchmarks.
.DESCRIPTION
    Runs radosgw_cluster.py beside this script with /usr/bin/python3 (the interpreter that has the
    rados binding). Returns an object with Endpoint (127.0.0.1:port, plain HTTP), AccessKey, Credential
    (PSCredential: access key and secret key), SecretKey (plain text, for tools such as rclone), the
    daemons' Pids and a Stop script block that stops those PIDs and removes the cluster's directory.
    Always call Stop, e.g. in AfterAll. Recipe: shared/docs/s3-test-server.md.
.EXAMPLE
    $rgw = & ./tests/tools/Start-RadosGateway.ps1
    try { New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint $rgw.Endpoint -Credential $rgw.Credential -Insecure } finally { & $rgw.Stop }
#>
[CmdletBinding()]
param(
    # Where the cluster keeps its files; a new folder under the temp directory by default.
    [string] $BaseDirectory = (Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-rgw-' + [guid]::NewGuid().ToString('N').Substring(0, 10)))
)
$ErrorActionPreference = 'Stop'
$python = '/usr/bin/python3'
$script = Join-Path $PSScriptRoot 'radosgw_cluster.py'
foreach ($tool in 'radosgw', 'ceph-mon', 'ceph-osd', 'monmaptool', 'radosgw-admin') {
    if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) {
        throw "'$tool' is not on PATH: apt-get install radosgw ceph-mon ceph-osd python3-rados"
    }
}
if (-not (Test-Path $python)) { throw "$python is missing: apt-get install python3-rados" }

$errFile = [IO.Path]::GetTempFileName()
try {
    # The watcher stops the cluster if this PowerShell process exits without calling Stop.
    $out = & $python $script start --base $BaseDirectory --owner-pid $PID 2> $errFile
    if ($LASTEXITCODE -ne 0) { throw "The radosgw test cluster did not start: $(Get-Content -Raw $errFile)" }
} finally {
    Remove-Item $errFile -ErrorAction SilentlyContinue
}
$info = $out | ConvertFrom-Json
$secure = ConvertTo-SecureString -String $info.secretKey -AsPlainText -Force
$pids = @($info.pids)
$base = $info.base
[pscustomobject]@{
    Endpoint   = $info.endpoint
    AccessKey  = $info.accessKey
    SecretKey  = $info.secretKey
    Credential = [pscredential]::new($info.accessKey, $secure)
    Pids       = $pids
    Stop       = { & $python $script stop --base $base @($pids | ForEach-Object { "$_" }) }.GetNewClosure()
}
