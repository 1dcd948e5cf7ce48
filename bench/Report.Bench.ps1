<#
.SYNOPSIS
    Export-ThanosBlockReport over a FILESYSTEM bucket of 10,000 tiny blocks (meta.json only: two
    streams of 5,000 two-hour blocks, about 14 months each, one block in a hundred deletion-marked and
    one in a thousand overlapping its neighbour). Export-ThanosBlockReport -Bucket says (verbose) how
    long its read of the bucket took (one listing and 10,000 meta.json reads, the peer) and how long
    the report beyond it (the timeline with its overlap check, the HTML, the write); both are printed
    with their ratio, with Get-ThanosBlock -Bucket, the report from its objects on the pipeline, and
    the file's size. With chromium installed, the report is also opened headless: how long the page
    takes to load and draw, and how many bars it draws for the 10,000 blocks at 1400 pixels.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [int] $Blocks = 10000,
    # Timed runs of each measure; the best is reported (the first run before them warms up the JIT).
    [int] $Runs = 3
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

$work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-bench-report-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$bucketDir = Join-Path $work 'bucket'

# A ULID that sorts by $n: Crockford base32 of the number after a fixed time prefix.
function New-BenchUlid([int] $n) {
    $alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
    $chars = [char[]]('01HN' + ('0' * 22))
    for ($i = 25; $n -gt 0; $i--) { $chars[$i] = $alphabet[$n % 32]; $n = [math]::Floor($n / 32) }
    -join $chars
}

function Measure-Best([scriptblock] $Action) {
    $null = & $Action
    $timed = foreach ($i in 1..$Runs) {
        $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $result = & $Action
        $sw.Stop()
        [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; CpuSeconds = ([Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu).TotalSeconds; Result = $result }
    }
    $timed | Sort-Object Seconds | Select-Object -First 1
}

try {
    $null = New-Item -ItemType Directory $bucketDir
    $start = [DateTimeOffset]::Parse('2024-01-01T00:00:00Z').ToUnixTimeMilliseconds()
    $twoHours = 7200000
    $perStream = [math]::Ceiling($Blocks / 2)
    for ($n = 0; $n -lt $Blocks; $n++) {
        $id = New-BenchUlid ($n + 1)
        $stream = $n % 2
        $slot = [math]::Floor($n / 2)
        # One block in a thousand starts an hour early: it overlaps the block before it.
        $min = $start + $slot * $twoHours - $(if ($slot % 1000 -eq 999) { 3600000 } else { 0 })
        $meta = "{`"ulid`":`"$id`",`"minTime`":$min,`"maxTime`":$($start + ($slot + 1) * $twoHours),`"stats`":{`"numSamples`":2400,`"numSeries`":5,`"numChunks`":25}," +
            "`"compaction`":{`"level`":1,`"sources`":[`"$id`"]},`"version`":1,`"thanos`":{`"labels`":{`"cluster`":`"c$stream`"},`"downsample`":{`"resolution`":0},`"source`":`"sidecar`"}}"
        $dir = [IO.Directory]::CreateDirectory((Join-Path $bucketDir $id)).FullName
        [IO.File]::WriteAllText((Join-Path $dir 'meta.json'), $meta)
        if ($n % 100 -eq 50) {
            [IO.File]::WriteAllText((Join-Path $dir 'deletion-mark.json'), "{`"id`":`"$id`",`"version`":1,`"deletion_time`":1704067200,`"details`":`"bench`"}")
        }
    }
    $bucket = New-ThanosBucketConfig -FileSystem -Directory $bucketDir
    Write-Host ("Bucket: {0:N0} blocks in 2 streams of {1:N0}, meta.json only, at {2}" -f $Blocks, $perStream, $bucketDir)

    $listing = Measure-Best { @(Get-ThanosBlock -Bucket $bucket) }
    $listed = $listing.Result
    if ($listed.Count -ne $Blocks) { throw "Get-ThanosBlock -Bucket listed $($listed.Count) blocks, not $Blocks" }
    $path = Join-Path $work 'report.html'
    $fromBucket = Measure-Best {
        $messages = @(Export-ThanosBlockReport -Bucket $bucket -Path $path -Force -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message)
        [pscustomobject]@{
            Read   = [double](($messages -match '^Read ')[0] -replace '.* in ([0-9.]+) s\.$', '$1')
            Report = [double](($messages -match '^Wrote ')[0] -replace '.* in ([0-9.]+) s\.$', '$1')
        }
    }
    $fromPipeline = Measure-Best { $listed | Export-ThanosBlockReport -Path (Join-Path $work 'piped.html') -Force }
    $size = (Get-Item $path).Length

    '{0,-46} {1,7:N3} s  ({2:N3} s CPU)' -f 'Get-ThanosBlock -Bucket (objects per block)', $listing.Seconds, $listing.CpuSeconds | Write-Host
    '{0,-46} {1,7:N3} s  ({2:N3} s CPU)' -f 'Export-ThanosBlockReport -Bucket', $fromBucket.Seconds, $fromBucket.CpuSeconds | Write-Host
    '{0,-46} {1,7:N3} s' -f '  of which its read of the bucket (peer)', $fromBucket.Result.Read | Write-Host
    '{0,-46} {1,7:N3} s  ({2:N2}x the read)' -f '  of which the report beyond the read', $fromBucket.Result.Report, ($fromBucket.Result.Report / $fromBucket.Result.Read) | Write-Host
    '{0,-46} {1,7:N3} s  ({2:N3} s CPU)' -f 'Export-ThanosBlockReport from listed objects', $fromPipeline.Seconds, $fromPipeline.CpuSeconds | Write-Host
    '{0,-46} {1,7:N0} bytes ({2:N1} MiB, {3:N0} bytes per block)' -f 'Report size', $size, ($size / 1MB), ($size / $Blocks) | Write-Host

    $chromium = Get-Command chromium -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $chromium) {
        Write-Host 'Browser check skipped: chromium is not installed (apt-get install chromium).'
    }
    else {
        $common = @('--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1400,400', "--user-data-dir=$(Join-Path $work 'profile')")
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $dom = (& $chromium.Source @common '--dump-dom' "file://$path" 2>$null) -join "`n"
        $sw.Stop()
        $bars = [regex]::Matches($dom, 'class="bar ').Count
        $aggregated = [regex]::Matches($dom, 'class="agg').Count
        $png = Join-Path ([IO.Path]::GetTempPath()) 'thanoslab-bench-report.png'
        $null = & $chromium.Source @common "--screenshot=$png" "file://$path" 2>&1
        '{0,-46} {1,7:N3} s  ({2:N0} block bars and {3:N0} aggregate bars drawn; screenshot {4})' -f 'chromium: load, draw and dump the DOM', $sw.Elapsed.TotalSeconds, $bars, $aggregated, $png | Write-Host
    }
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
