<#
.SYNOPSIS
    Invoke-ThanosDownsample on continuous-365d-tiny: the year's 9 eligible raw blocks to 5m, then the
    5 eligible 5m blocks to 1h, in process (best of -Runs after a warm-up), reported as time and as
    MB/s of input chunk data and raw samples/s per core (the cmdlet downsamples on one thread), next
    to Thanos' measured 16 MB/s (about 4 M samples/s) per core (thanos-io/thanos#1964). Also the peak working set of a fresh pwsh downsampling
    one 176 h block and one 1608 h block, next to one that only imports the module: memory holds one
    series at a time, so it should not grow with the block's length.
    The year packs into 0.49 bytes/sample, far below real data, so raw -> 5m is also measured on one
    176 h block of 100 series of each thanosbench series type (a GAUGE changing every minute, COUNTER,
    RANDOM; plans written from the year's plan), from about 2 to about 8 bytes/sample. Thanos' anchor itself is a
    5m -> 1h run at about 4.4 bytes per 5m window (29.9 G windows in ~244 x 512 MB), so the 5m -> 1h
    line is the like-for-like MB/s comparison.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Runs after the first: .NET's tiered JIT keeps optimizing for a few runs of data this small.
    [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

$work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $work

function Get-ChunkBytes($Blocks) {
    ($Blocks | ForEach-Object { Get-ChildItem -LiteralPath (Join-Path $_.Path 'chunks') -File } | Measure-Object Length -Sum).Sum
}

# Wall time waits for fsync and for other processes on a busy machine; the process' CPU time is what
# the work cost one core (the cmdlet downsamples on the pipeline thread).
function Measure-Downsample($Blocks, [string] $Resolution, [string] $Directory) {
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $cpu = $process.TotalProcessorTime
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $written = $Blocks | Invoke-ThanosDownsample -Resolution $Resolution -OutputDirectory $Directory -WarningAction SilentlyContinue
    $sw.Stop()
    $process.Refresh()
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; CpuSeconds = ($process.TotalProcessorTime - $cpu).TotalSeconds; Blocks = @($written) }
}

try {
    $raw = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory (Join-Path $work 'raw') -ProgressAction SilentlyContinue
    $eligible = $raw | Where-Object { ($_.MaxTime - $_.MinTime).TotalHours -ge 40 }
    $rawBytes = Get-ChunkBytes $eligible

    $cold = Measure-Downsample $raw '5m' (Join-Path $work 'warmup')
    $fiveMinute = foreach ($i in 1..$Runs) { Measure-Downsample $raw '5m' (Join-Path $work "5m-$i") }
    $best5m = $fiveMinute | Sort-Object Seconds | Select-Object -First 1
    $fiveBytes = Get-ChunkBytes $best5m.Blocks
    $oneHour = foreach ($i in 1..$Runs) { Measure-Downsample $best5m.Blocks '1h' (Join-Path $work "1h-$i") }
    $best1h = $oneHour | Sort-Object Seconds | Select-Object -First 1

    $cpu5m = ($fiveMinute.CpuSeconds | Measure-Object -Minimum).Minimum
    $cpu1h = ($oneHour.CpuSeconds | Measure-Object -Minimum).Minimum
    '{0,-30} {1,8:N3} s wall, {2:N3} s CPU  {3,8:N1} MB/s per core  ({4} blocks, {5:N1} MB of raw chunks; wall of {6} runs: {7})' -f 'raw -> 5m', $best5m.Seconds, $cpu5m, ($rawBytes / 1MB / $cpu5m), $best5m.Blocks.Count, ($rawBytes / 1MB), $Runs, (($fiveMinute.Seconds | ForEach-Object { $_.ToString('N3') }) -join ', ') | Write-Host
    '{0,-30} {1,8:N3} s wall, {2:N3} s CPU  {3,8:N1} MB/s per core  ({4} blocks, {5:N1} MB of 5m chunks; wall of {6} runs: {7})' -f '5m -> 1h', $best1h.Seconds, $cpu1h, ($fiveBytes / 1MB / $cpu1h), $best1h.Blocks.Count, ($fiveBytes / 1MB), $Runs, (($oneHour.Seconds | ForEach-Object { $_.ToString('N3') }) -join ', ') | Write-Host
    '{0,-30} {1,8:N3} s wall, {2:N3} s CPU  {3,8:N1} MB/s per core  (the first run in this process: what one call of the cmdlet costs)' -f 'raw -> 5m, cold', $cold.Seconds, $cold.CpuSeconds, ($rawBytes / 1MB / $cold.CpuSeconds) | Write-Host
    '{0,-30} {1,8:N3} s wall, {2:N3} s CPU' -f 'the year, both steps', ($best5m.Seconds + $best1h.Seconds), ($cpu5m + $cpu1h) | Write-Host
    $rawSamples = ($eligible | Measure-Object Samples -Sum).Sum
    '{0,-30} {1,8:N1} M raw samples/s per core ({2:N0} samples)' -f 'raw -> 5m', ($rawSamples / 1e6 / $cpu5m), $rawSamples | Write-Host
    # Thanos' figure: 29.9 G samples of 244 x 512 MB chunk files in 2 h 05 min on one core.
    'Ratio: {0:N1}x the 16 MB/s and {1:N1}x the 4.0 M samples/s per core measured for Thanos (thanos-io/thanos#1964; this year compresses to {2:N2} bytes/sample)' -f ($rawBytes / 1MB / $cpu5m / 16), ($rawSamples / $cpu5m / 4.0e6), ($rawBytes / $rawSamples) | Write-Host

    # Thanos' anchor: 29.9e9 samples (5m windows) of ~244 x 512 MB chunk files in 2 h 05 min on one core.
    $anchorBytesPerSample = 244 * 512MB / 29.9e9
    $anchorSamplesPerSecond = 29.9e9 / (2 * 3600 + 5 * 60)
    $fiveWindows = ($best5m.Blocks | Measure-Object Samples -Sum).Sum
    '{0,-30} {1,8:N1} MB/s per core, {2,6:N2} M 5m windows/s per core at {3:N2} bytes/window: {4:N2}x Thanos'' 16 MB/s, {5:N2}x its {6:N1} M windows/s (anchor: {7:N2} bytes/window)' -f '5m -> 1h vs the anchor', ($fiveBytes / 1MB / $cpu1h), ($fiveWindows / 1e6 / $cpu1h), ($fiveBytes / $fiveWindows), ($fiveBytes / 1MB / $cpu1h / 16), ($fiveWindows / $cpu1h / $anchorSamplesPerSecond), ($anchorSamplesPerSecond / 1e6), $anchorBytesPerSample | Write-Host

    # Data closer to real bytes/sample: the year's 176 h block re-planned as 100 series of another type.
    $template = Get-ThanosBlockPlan -Profile continuous-365d-tiny -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') | Where-Object { $_.Duration.TotalHours -eq 176 } | Select-Object -First 1
    $templatePath = Join-Path $work 'template.yaml'
    $template | Export-ThanosBlockPlan -Path $templatePath
    # A gauge changing every minute packs into about 2 bytes/sample (real Prometheus data: 1-2); counters and
    # random values, drawn with full float precision, into 6-8.
    foreach ($case in @(@{ Type = 'GAUGE'; Change = '1m0s' }, @{ Type = 'COUNTER'; Change = '1h0m0s' }, @{ Type = 'RANDOM'; Change = '1h0m0s' })) {
        $type = $case.Type
        $planPath = Join-Path $work "$type.yaml"
        (Get-Content -Raw -LiteralPath $templatePath) -replace 'type: GAUGE', "type: $type" -replace 'targets: 1\b', 'targets: 20' -replace 'changeInterval: 1h0m0s', "changeInterval: $($case.Change)" |
            Set-Content -LiteralPath $planPath
        $block = Get-ThanosBlockPlan -Path $planPath | New-ThanosBlockData -OutputDirectory (Join-Path $work "raw-$type") -ProgressAction SilentlyContinue
        $bytes = Get-ChunkBytes $block
        $null = Measure-Downsample $block '5m' (Join-Path $work "warmup-$type")
        $typed = foreach ($i in 1..$Runs) { Measure-Downsample $block '5m' (Join-Path $work "5m-$type-$i") }
        $cpu = ($typed.CpuSeconds | Measure-Object -Minimum).Minimum
        '{0,-30} {1,8:N1} MB/s per core, {2,6:N2} M raw samples/s per core at {3:N2} bytes/sample ({4:N0} series, {5:N1} MB): {6:N2}x Thanos'' 16 MB/s, {7:N2}x its {8:N1} M samples/s' -f "raw -> 5m, 100 $type ($($case.Change))", ($bytes / 1MB / $cpu), ($block.Samples / 1e6 / $cpu), ($bytes / $block.Samples), $block.Series, ($bytes / 1MB), ($bytes / 1MB / $cpu / 16), ($block.Samples / $cpu / $anchorSamplesPerSecond), ($anchorSamplesPerSecond / 1e6) | Write-Host
    }
    'Load average during the run: {0}' -f ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3) | Write-Host

    $root = Split-Path $PSScriptRoot
    $short = $eligible | Sort-Object { $_.Duration } | Select-Object -First 1
    $long = $eligible | Sort-Object { $_.Duration } | Select-Object -Last 1
    foreach ($case in @(
            @{ Name = 'pwsh + module only'; Block = $null }
            @{ Name = ('raw -> 5m of a {0:N0} h block' -f $short.Duration.TotalHours); Block = $short }
            @{ Name = ('raw -> 5m of a {0:N0} h block' -f $long.Duration.TotalHours); Block = $long })) {
        $dir = Join-Path $work ('ws-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $command = "Import-Module '$ModuleManifest'; " +
            ($case.Block ? "`$null = Invoke-ThanosDownsample -Path '$($case.Block.Path)' -Resolution 5m -OutputDirectory '$dir'; " : '') +
            '[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64'
        Push-Location $root
        try { $peak = [long](& dotnet pwsh -NoProfile -NonInteractive -Command $command | Select-Object -Last 1) }
        finally { Pop-Location }
        '{0,-30} {1,8:N0} MiB peak working set' -f $case.Name, ($peak / 1MB) | Write-Host
    }
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
