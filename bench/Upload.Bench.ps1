<#
.SYNOPSIS
    Publish-ThanosBlock against Debian's rclone on the same blocks and the same S3 server: uploads
    the blocks of each profile (continuous-365d-tiny: 13 small blocks; realistic-k8s-1w-small: 9 blocks,
    167 MB) to a throw-away radosgw with each tool, several times, and prints the best times and the
    ratio. Both copy the same objects (chunks, index, meta.json of every block) with the same number of
    parallel transfers, each into a fresh bucket created before the clock starts.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Timed runs per tool; the best is reported (a first, untimed Publish-ThanosBlock run warms up the JIT).
    [int] $Runs = 3,
    # Parallel transfers for both tools (Publish-ThanosBlock -ThrottleLimit, rclone --transfers).
    [int] $Transfers = 8,
    # The profiles whose blocks are uploaded, one comparison each.
    [string[]] $Profile = @('continuous-365d-tiny', 'realistic-k8s-1w-small')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

$rclone = Get-Command rclone -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if (-not $rclone) { Write-Host 'Upload benchmark skipped: rclone is not installed (apt-get install rclone).'; return }
$rgw = & (Join-Path $PSScriptRoot '../tests/tools/Start-RadosGateway.ps1')
$work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))

. (Join-Path $PSScriptRoot 'Rclone.ps1')
Set-RcloneRemote $rgw

function Measure-Publish([string] $Name) {
    $bucket = New-ThanosBucketConfig -S3 -Bucket $Name -Endpoint $rgw.Endpoint -Credential $rgw.Credential -Insecure
    $null = New-ThanosBucket -Bucket $bucket
    Remove-Item -LiteralPath (Join-Path $data 'thanos.shipper.json') -ErrorAction SilentlyContinue
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $blocks = Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'one' } -ThrottleLimit $Transfers -ProgressAction SilentlyContinue
    $sw.Stop()
    Write-Host ('  Publish-ThanosBlock into {0}: {1:N3} s' -f $Name, $sw.Elapsed.TotalSeconds)
    if ($blocks.Count -ne $expectedBlocks) { throw "Publish-ThanosBlock uploaded $($blocks.Count) blocks, not $expectedBlocks." }
    if (-not (Test-ThanosBucketUpload -Path $data -Bucket $bucket -Quiet)) { throw 'The published blocks did not verify.' }
    $sw.Elapsed.TotalSeconds
}

function Measure-Rclone([string] $Name) {
    Invoke-Rclone @('mkdir', '-q', "rgw:$Name")
    $sw = [Diagnostics.Stopwatch]::StartNew()
    # A connection radosgw stops answering (seen under heavy load) is given up and retried after 60 s.
    Invoke-Rclone @('copy', '-q', $data, "rgw:$Name", '--transfers', "$Transfers", '--timeout', '60s', '--include', '/*/chunks/*', '--include', '/*/index', '--include', '/*/meta.json')
    $sw.Stop()
    Write-Host ('  rclone copy into {0}: {1:N3} s' -f $Name, $sw.Elapsed.TotalSeconds)
    $count = (& bash -c "env -u AWS_CA_BUNDLE '$($rclone.Source)' lsf -q -R --files-only 'rgw:$Name' | wc -l")
    if ([int]$count -ne $expectedObjects) { throw "rclone copied $count objects, not $expectedObjects." }
    $sw.Elapsed.TotalSeconds
}

try {
    foreach ($profileName in $Profile) {
        $data = Join-Path $work $profileName
        $blocks = New-ThanosBlockData -Profile $profileName -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data -ProgressAction SilentlyContinue
        $files = $blocks | ForEach-Object { Get-ChildItem -LiteralPath $_.Path -Recurse -File | Where-Object Name -ne 'tombstones' }
        $expectedBlocks = $blocks.Count
        $expectedObjects = $files.Count
        $bytes = ($files | Measure-Object Length -Sum).Sum
        $null = Measure-Publish "$profileName-warmup"
        $publish = foreach ($i in 1..$Runs) { Measure-Publish "$profileName-publish-$i" }
        $copy = foreach ($i in 1..$Runs) { Measure-Rclone "$profileName-rclone-$i" }
        $bestPublish = ($publish | Measure-Object -Minimum).Minimum
        $bestCopy = ($copy | Measure-Object -Minimum).Minimum
        Write-Host ('{0}: {1} blocks, {2} objects, {3:N1} MB, radosgw at {4}, {5} parallel transfers' -f $profileName, $blocks.Count, $expectedObjects, ($bytes / 1MB), $rgw.Endpoint, $Transfers)
        '{0,-22} {1,7:N3} s  (best of {2}: {3})' -f 'Publish-ThanosBlock', $bestPublish, $Runs, (($publish | ForEach-Object { $_.ToString('N3') }) -join ', ') | Write-Host
        '{0,-22} {1,7:N3} s  (best of {2}: {3})' -f 'rclone copy', $bestCopy, $Runs, (($copy | ForEach-Object { $_.ToString('N3') }) -join ', ') | Write-Host
        'Ratio rclone / Publish-ThanosBlock: {0:N2} (above 1: Publish-ThanosBlock is faster)' -f ($bestCopy / $bestPublish) | Write-Host
        Remove-Item -LiteralPath $data -Recurse -Force
    }
}
finally {
    & $rgw.Stop
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-RcloneRemote
}
