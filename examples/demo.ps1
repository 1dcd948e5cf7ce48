<#
.SYNOPSIS
    The README's demo: the Thanos long-term-storage lab on embedded defaults, each step checked.
.DESCRIPTION
    Generates a year of Prometheus data (thanosbench's continuous-365d-tiny, cluster="eu1"),
    verifies every block, publishes the blocks to a FILESYSTEM bucket the way a Thanos sidecar does
    and verifies the upload, downsamples the year to 5m and 1h as the compactor does (recomputed,
    published, and read at both resolutions with Get-ThanosSeries), then serves the data with Prometheus (a native process when
    `prometheus` is on PATH, else Docker when a daemon answers and has the image) and queries the
    whole year, and ends by drawing the bucket in an HTML report (Export-ThanosBlockReport) and in
    the console. A step whose component is absent is skipped with the reason; a failed check ends
    the demo with a non-zero exit code. Everything else is written below one temporary folder,
    removed at the end; the report stays at -ReportPath. The default report file is replaced when the
    demo runs again; a -ReportPath you give that already exists is refused, never overwritten.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,

    # The Docker image used when no native prometheus binary is found.
    [string] $PrometheusImage = 'quay.io/prometheus/prometheus:v2.42.0',

    [int] $PrometheusPort = 0,

    # Where the report of the bucket is written; it outlives the demo's temporary folder.
    [string] $ReportPath = (Join-Path ([IO.Path]::GetTempPath()) 'thanoslab-demo-blocks.html')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModuleManifest

$summary = [System.Collections.Generic.List[object]]::new()
function Step([string] $Name, [string] $Outcome, [string] $Detail) {
    $summary.Add([pscustomobject]@{ Step = $Name; Outcome = $Outcome; Detail = $Detail })
    Write-Host ("   -> {0}: {1}" -f $Outcome, $Detail)
}
# Tables at a readable width even when the output is redirected (CI logs default to 80 columns).
function Show { $input | Format-Table -AutoSize -Wrap | Out-String -Width 160 | Write-Host }
function Assert-Check([bool] $Condition, [string] $Message) {
    if (-not $Condition) { throw "Check failed: $Message" }
}
function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

$work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$data = Join-Path $work 'prom-eu1'
$labels = @{ cluster = 'eu1' }
$prometheus = $null
$exitCode = 0
try {
    Write-Host '== 1. Plan and write a year of data (thanosbench profile continuous-365d-tiny, cluster="eu1")'
    $plan = Get-ThanosBlockPlan -Profile continuous-365d-tiny -Label $labels -MaxTime -2h
    $elapsed = Measure-Command { $blocks = @($plan | New-ThanosBlockData -OutputDirectory $data) }
    $blocks | Sort-Object MinTime -Descending | Show
    $samples = ($blocks | Measure-Object Samples -Sum).Sum
    Assert-Check ($blocks.Count -eq 13) "13 blocks expected, $($blocks.Count) written"
    Assert-Check ($samples -eq 10509600) "10,509,600 samples expected, $samples written"
    Step 'Generate' 'Passed' ('{0} blocks, {1:N0} samples in {2:N2} s' -f $blocks.Count, $samples, $elapsed.TotalSeconds)

    Write-Host '== 2. Verify every block (CRCs, order, ranges, stats) and, when installed, with promtool'
    $results = @($blocks | Test-ThanosBlock)
    $unhealthy = @($results | Where-Object { -not $_.IsHealthy })
    Assert-Check ($unhealthy.Count -eq 0) "unhealthy blocks: $(($unhealthy | ForEach-Object Id) -join ', ')"
    $promtool = Get-Command promtool -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($promtool) {
        $newest = $blocks | Sort-Object MaxTime -Descending | Select-Object -First 1
        & $promtool.Source tsdb analyze $data $newest.Id | Out-Null
        Assert-Check ($LASTEXITCODE -eq 0) "promtool tsdb analyze $($newest.Id) exited with $LASTEXITCODE"
        Step 'Verify' 'Passed' "$($results.Count) blocks healthy; promtool tsdb analyze accepts the newest"
    }
    else {
        Step 'Verify' 'Passed' "$($results.Count) blocks healthy; promtool not installed (apt-get install prometheus), its check skipped"
    }

    Write-Host '== 3. Publish the blocks to a FILESYSTEM bucket, meta.json last, and verify the upload'
    $bucket = New-ThanosBucketConfig -FileSystem -Directory (Join-Path $work 'bucket')
    New-ThanosBucket -Bucket $bucket | Out-Null
    $uploaded = @(Get-ThanosBlock -Path $data | Publish-ThanosBlock -Bucket $bucket -Label $labels)
    $check = Test-ThanosBucketUpload -Path $data -Bucket $bucket -Label $labels
    $check.Blocks | Show
    Assert-Check $check.Passed "the bucket is missing blocks: $(($check.Failed | ForEach-Object Id) -join ', ')"
    Step 'Upload' 'Passed' "$($uploaded.Count) blocks uploaded to $($bucket.Location) and verified"

    Write-Host '== 4. Downsample the year to 5m and 1h as the Thanos compactor does, check it, publish it, read both resolutions'
    $down = Join-Path $work 'downsampled'
    # Blocks too short for a resolution (under 40 h for 5m, 10 d for 1h) are skipped with a warning, as the compactor skips them.
    $fiveMinute = @($blocks | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory $down -WarningAction SilentlyContinue)
    $oneHour = @($fiveMinute | Invoke-ThanosDownsample -Resolution 1h -OutputDirectory $down -WarningAction SilentlyContinue)
    @($fiveMinute) + @($oneHour) | Sort-Object Resolution, MinTime | Show
    Assert-Check ($fiveMinute.Count -eq 9 -and $oneHour.Count -eq 5) "9 blocks at 5m and 5 at 1h expected, $($fiveMinute.Count) and $($oneHour.Count) written"
    $recomputed = @(Test-ThanosDownsample -Path $down -SourcePath $data, $down)
    $wrong = @($recomputed | Where-Object { -not $_.IsCorrect })
    Assert-Check ($recomputed.Count -eq 14 -and $wrong.Count -eq 0) "recomputing the downsampled blocks: $($wrong.Count) of $($recomputed.Count) differ"
    $published = @(Publish-ThanosBlock -Path $down -Bucket $bucket -Label $labels)
    Assert-Check ($published.Count -eq 14) "14 downsampled blocks to publish expected, $($published.Count) published"
    $window = $fiveMinute | Sort-Object MinTime | Select-Object -First 1
    $range = @{ Match = 'continuous_app_metric0'; Start = $window.MinTime; End = $window.MaxTime.AddMilliseconds(-1) }
    $raw = @(Get-ThanosSeries -Path $data @range)
    $aggregated = @(Get-ThanosSeries -Path $window.Path @range)
    $rawCount = $raw[0].Samples.Count
    $windowCount = ($aggregated[0].Samples | Measure-Object Count -Sum).Sum
    Assert-Check ($rawCount -eq $windowCount) "the 5m windows count $windowCount samples, the raw block holds $rawCount"
    Step 'Downsample' 'Passed' ("{0} blocks at 5m and {1} at 1h, every window recomputed equal, published; {2:N0} raw samples = the counts of {3:N0} 5m windows" -f $fiveMinute.Count, $oneHour.Count, $rawCount, $aggregated[0].Samples.Count)

    Write-Host '== 5. Serve the year with Prometheus and query it'
    $runtime = $null
    $why = ''
    if (Get-Command prometheus -CommandType Application -ErrorAction SilentlyContinue) {
        $runtime = 'Process'
    }
    elseif (Get-Command docker -CommandType Application -ErrorAction SilentlyContinue) {
        & docker image inspect $PrometheusImage *> $null
        if ($LASTEXITCODE -eq 0) { $runtime = 'Docker' }
        else { $why = "no prometheus binary on PATH, and Docker has no image $PrometheusImage (docker pull it, or apt-get install prometheus)" }
    }
    else {
        $why = 'neither a prometheus binary (apt-get install prometheus) nor Docker is available'
    }

    if ($runtime) {
        if ($PrometheusPort -eq 0) { $PrometheusPort = Get-FreePort }
        $startArgs = @{
            Name = 'thanoslab-demo-prometheus'; DataPath = $data; RetentionTime = [TimeSpan]::FromDays(1000)
            HttpPort = $PrometheusPort; Runtime = $runtime; Force = $true
        }
        if ($runtime -eq 'Docker') { $startArgs.Image = $PrometheusImage }
        $prometheus = Start-ThanosPrometheus @startArgs
        $prometheus | Show
        $answer = @(Invoke-ThanosQuery -Endpoint $prometheus -Query 'count_over_time(continuous_app_metric0[400d])')
        $answer | Show
        Assert-Check ($answer.Count -eq 1) "one series expected, $($answer.Count) returned"
        $count = $answer[0].Samples[0].Value
        Assert-Check ($count -eq 2101920) "2,101,920 samples of continuous_app_metric0 expected, Prometheus counted $count"
        Step 'Query' 'Passed' ("Prometheus ($runtime) counts {0:N0} samples of continuous_app_metric0 over the year" -f $count)
    }
    else {
        Step 'Query' 'Skipped' $why
    }

    Write-Host '== 6. Draw the bucket: an HTML report and the console timeline'
    # Only the demo's own default file is replaced; a file the user named is never overwritten.
    $replace = -not $PSBoundParameters.ContainsKey('ReportPath')
    $report = Export-ThanosBlockReport -Bucket $bucket -Path $ReportPath -Check -Force:$replace
    Get-ThanosBlock -Bucket $bucket | Format-ThanosBlockTimeline -Width 120 | Write-Host
    Step 'Report' 'Passed' ("{0} blocks drawn in 3 lanes (raw, 5m, 1h), {1:N0} bytes; open {2}" -f ($uploaded.Count + $published.Count), $report.Length, $report.FullName)
}
catch {
    Write-Host "FAILED: $($_.Exception.Message)"
    Step 'Demo' 'Failed' $_.Exception.Message
    $exitCode = 1
}
finally {
    if ($prometheus) { $prometheus | Stop-ThanosComponent }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}

Write-Host '== Summary'
$summary | Show
exit $exitCode
