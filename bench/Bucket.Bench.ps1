<#
.SYNOPSIS
    The bucket doctor against a plain listing on the same bucket: fills a throw-away radosgw bucket with
    10,000 tiny blocks, then times Test-ThanosBucket (no -Deep), Get-ThanosBlock -Bucket and
    Test-ThanosBucketUpload next to `rclone lsf -R` (and `rclone lsf -R --fast-list`) of that bucket in
    the same run, counts the requests each makes (radosgw's own request counter), prints the ratios, and
    reports the peak working set of a fresh pwsh running each command next to one that only imports the
    module.
.DESCRIPTION
    The blocks are one generated 2 h block (one series) copied under 10,000 ULIDs, each with its own
    meta.json (its ULID, and a time range 2 h after the previous block's, so that no two overlap), written
    locally and published with Publish-ThanosBlock (parallel PUTs; minutes on a slow server, not timed).
    Needs Debian's rclone (apt-get install rclone), the radosgw test server
    (tests/tools/Start-RadosGateway.ps1) and, for the request counts, the ceph command (ceph-common).

    What bounds the doctor is the server's rate of small GETs: the listing is one request per 1,000
    keys (31 for 10,000 blocks), the meta.json reads one each. `rclone copy` of the meta.json files is the
    peer that reads what the doctor reads. Reads used to run 8 at a time; 32 (Thanos'
    --block-meta-fetch-concurrency default) made them 3.3x faster on radosgw in one run at 2,000 blocks.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [int] $Blocks = 10000,
    # Timed runs per command; the best is reported (one untimed run before them warms up the JIT).
    [int] $Runs = 2,
    # Parallel uploads that fill the bucket.
    [int] $Transfers = 32,
    # Parallel reads of the measured commands (-ThrottleLimit) and of rclone's meta.json copy (--transfers).
    [int] $ThrottleLimit = 32
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

$rclone = Get-Command rclone -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if (-not $rclone) { Write-Host 'Bucket benchmark skipped: rclone is not installed (apt-get install rclone).'; return }
$ceph = Get-Command ceph -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
$work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-bench-bucket-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$rgwBase = Join-Path $work 'rgw'
$rgw = & (Join-Path $PSScriptRoot '../tests/tools/Start-RadosGateway.ps1') -BaseDirectory $rgwBase
$local = Join-Path $work 'blocks'
$bucketName = 'doctor'

. (Join-Path $PSScriptRoot 'Rclone.ps1')
Set-RcloneRemote $rgw

# Requests radosgw has served so far (its "rgw" perf counter "req", read over the admin socket).
function Get-RgwRequests {
    if (-not $ceph) { return [long]-1 }
    [long]((& $ceph.Source --admin-daemon (Join-Path $rgwBase 'run/client.rgw.a.asok') perf dump | ConvertFrom-Json).rgw.req)
}

# A ULID for the block made at $Time: 48-bit milliseconds and 80 random bits in Crockford base32.
$alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
function New-Ulid([long] $Milliseconds) {
    $chars = [char[]]::new(26)
    for ($i = 9; $i -ge 0; $i--) { $chars[$i] = $alphabet[[int]($Milliseconds % 32)]; $Milliseconds = [math]::Floor($Milliseconds / 32) }
    for ($i = 10; $i -lt 26; $i++) { $chars[$i] = $alphabet[[Random]::Shared.Next(32)] }
    -join $chars
}

# One measured command: wall and CPU seconds, requests, and what it returned.
function Measure-Listing([string] $Name, [scriptblock] $Command, [scriptblock] $Check) {
    $null = & $Command
    $timed = foreach ($i in 1..$Runs) {
        $requests = Get-RgwRequests
        $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime + [TimeSpan]::FromSeconds((Get-ChildCpuSeconds))
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $result = @(& $Command)
        $sw.Stop()
        $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime + [TimeSpan]::FromSeconds((Get-ChildCpuSeconds)) - $cpu
        $requests = (Get-RgwRequests) - $requests
        & $Check $result
        [pscustomobject]@{ Name = $Name; Seconds = $sw.Elapsed.TotalSeconds; CpuSeconds = $cpu.TotalSeconds; Requests = $requests }
    }
    $best = $timed | Sort-Object Seconds | Select-Object -First 1
    '{0,-36} {1,8:N3} s  ({2:N3} s CPU, {3:N0} requests; best of {4}: {5})' -f $Name, $best.Seconds, $best.CpuSeconds, $best.Requests, $Runs, (($timed.Seconds | ForEach-Object { $_.ToString('N3') }) -join ', ') | Write-Host
    $best
}

# CPU of waited-for children (rclone), from /proc/self/stat: cutime + cstime.
function Get-ChildCpuSeconds {
    if (-not (Test-Path /proc/self/stat)) { return 0.0 }
    $fields = ((Get-Content -LiteralPath /proc/self/stat -Raw) -replace '^.*\) ', '') -split ' '
    ([double]$fields[13] + [double]$fields[14]) / 100
}

try {
    # The template: the newest 2 h block of continuous-30d-tiny with one series.
    $template = Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -Targets 1 -MetricsPerTarget 1 -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') |
        Select-Object -First 1 | New-ThanosBlockData -OutputDirectory (Join-Path $work 'template') -ProgressAction SilentlyContinue
    $metaText = Get-Content -LiteralPath (Join-Path $template.Path 'meta.json') -Raw
    $span = 2 * 3600 * 1000
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $start = $template.MinTime.ToUnixTimeMilliseconds() - [long]$Blocks * $span
    for ($i = 0; $i -lt $Blocks; $i++) {
        $minTime = $start + [long]$i * $span
        $id = New-Ulid ($minTime + $span + 1000)
        $dir = Join-Path $local $id
        $null = [IO.Directory]::CreateDirectory((Join-Path $dir 'chunks'))
        [IO.File]::Copy((Join-Path $template.Path 'index'), (Join-Path $dir 'index'))
        [IO.File]::Copy((Join-Path $template.Path 'chunks/000001'), (Join-Path $dir 'chunks/000001'))
        $meta = $metaText.Replace($template.Id, $id) -replace '"minTime": \d+', "`"minTime`": $minTime" -replace '"maxTime": \d+', "`"maxTime`": $($minTime + $span)"
        [IO.File]::WriteAllText((Join-Path $dir 'meta.json'), $meta)
    }
    $bucket = New-ThanosBucketConfig -S3 -Bucket $bucketName -Endpoint $rgw.Endpoint -Credential $rgw.Credential -Insecure
    New-ThanosBucket -Bucket $bucket | Out-Null
    $published = Publish-ThanosBlock -Path $local -Bucket $bucket -ThrottleLimit $Transfers -ProgressAction SilentlyContinue
    if (@($published).Count -ne $Blocks) { throw "Publish-ThanosBlock uploaded $(@($published).Count) blocks, not $Blocks." }
    $sw.Stop()
    $objects = 3 * $Blocks
    Write-Host ('{0:N0} blocks ({1:N0} objects) written and uploaded in {2:N1} s; radosgw at {3}' -f $Blocks, $objects, $sw.Elapsed.TotalSeconds, $rgw.Endpoint)
    if (-not $ceph) { Write-Host 'Request counts unavailable: the ceph command is missing (apt-get install ceph-common).' }

    $lsf = Measure-Listing 'rclone lsf -R' { Invoke-Rclone @('lsf', '-q', '-R', '--files-only', "rgw:$bucketName") } { param($r) if (@($r).Count -ne $objects) { throw "rclone lsf -R listed $(@($r).Count) objects, not $objects." } }
    $fast = Measure-Listing 'rclone lsf -R --fast-list' { Invoke-Rclone @('lsf', '-q', '-R', '--fast-list', '--files-only', "rgw:$bucketName") } { param($r) if (@($r).Count -ne $objects) { throw "rclone lsf -R --fast-list listed $(@($r).Count) objects, not $objects." } }
    # The floor of reading every meta.json on this server: one listing and one GET per meta.json, by rclone.
    $metaCopy = Join-Path $work 'meta-copy'
    $copy = Measure-Listing 'rclone copy */meta.json' { Remove-Item -LiteralPath $metaCopy -Recurse -Force -ErrorAction SilentlyContinue; Invoke-Rclone @('copy', '-q', '--fast-list', '--include', '/*/meta.json', '--transfers', "$ThrottleLimit", '--checkers', "$ThrottleLimit", "rgw:$bucketName", $metaCopy) } { param($r) $n = @(Get-ChildItem -LiteralPath $metaCopy -Recurse -Filter meta.json).Count; if ($n -ne $Blocks) { throw "rclone copied $n meta.json files, not $Blocks." } }
    $doctor = Measure-Listing 'Test-ThanosBucket' { Test-ThanosBucket -Bucket $bucket -ThrottleLimit $ThrottleLimit -WarningAction SilentlyContinue } { param($r) if (@($r).Count -ne 0) { throw "Test-ThanosBucket found $(@($r).Count) problems: $(@($r)[0].Message)" } }
    $list = Measure-Listing 'Get-ThanosBlock -Bucket' { Get-ThanosBlock -Bucket $bucket -ThrottleLimit $ThrottleLimit } { param($r) if (@($r).Count -ne $Blocks) { throw "Get-ThanosBlock -Bucket listed $(@($r).Count) blocks, not $Blocks." } }
    $upload = Measure-Listing 'Test-ThanosBucketUpload' { Test-ThanosBucketUpload -Path $local -Bucket $bucket -ProgressAction SilentlyContinue } { param($r) if (-not $r.Passed) { throw "Test-ThanosBucketUpload did not pass: $($r | Out-String)" } }

    $listing = $lsf.Seconds, $fast.Seconds | Measure-Object -Minimum | ForEach-Object Minimum
    foreach ($m in $doctor, $list, $upload) {
        'Ratio {0} / rclone lsf -R (the faster of the two): {1:N2} (goal: within 2x); / rclone copy */meta.json: {2:N2}' -f $m.Name, ($m.Seconds / $listing), ($m.Seconds / $copy.Seconds) | Write-Host
    }

    # Peak working set of a fresh pwsh running each command, next to one that only imports the module.
    $env:THANOSLAB_BENCH_SECRET = $rgw.SecretKey
    $connect = "`$bucket = New-ThanosBucketConfig -S3 -Bucket $bucketName -Endpoint $($rgw.Endpoint) -Insecure -Credential ([pscredential]::new('$($rgw.AccessKey)', (ConvertTo-SecureString `$env:THANOSLAB_BENCH_SECRET -AsPlainText -Force))); "
    $cases = [ordered]@{
        'pwsh + module only'      = ''
        'Test-ThanosBucket'       = "$connect`$null = Test-ThanosBucket -Bucket `$bucket -WarningAction SilentlyContinue; "
        'Get-ThanosBlock -Bucket' = "$connect`$null = Get-ThanosBlock -Bucket `$bucket; "
        'Test-ThanosBucketUpload' = "$connect`$null = Test-ThanosBucketUpload -Path '$local' -Bucket `$bucket -ProgressAction SilentlyContinue; "
    }
    $metaBytes = [Text.Encoding]::UTF8.GetByteCount($metaText)
    $baseline = $null
    foreach ($case in $cases.GetEnumerator()) {
        $command = "Import-Module '$ModuleManifest'; $($case.Value)[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64"
        Push-Location (Split-Path $PSScriptRoot)
        try { $peak = [long](& dotnet pwsh -NoProfile -NonInteractive -Command $command | Select-Object -Last 1) }
        finally { Pop-Location }
        if ($null -eq $baseline) { $baseline = $peak }
        # Above the import is the S3 client's fixed cost plus what grows with the blocks: run with two -Blocks to see the slope.
        '{0,-36} {1,8:N0} MiB peak working set{2}' -f $case.Key, ($peak / 1MB), ($case.Value ? (' ({0:N0} MiB above the import for {1:N0} blocks, {2:N0} bytes a block at most; one meta.json is {3:N0} bytes)' -f (($peak - $baseline) / 1MB), $Blocks, (($peak - $baseline) / $Blocks), $metaBytes) : '') | Write-Host
    }
}
finally {
    & $rgw.Stop
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-RcloneRemote
    Remove-Item Env:THANOSLAB_BENCH_SECRET -ErrorAction SilentlyContinue
}
