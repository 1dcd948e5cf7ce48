<#
.SYNOPSIS
    Native-histogram generation against float generation of the same plan in the same run: the
    newest five blocks of continuous-30d-tiny (228,000 samples a type) written as Gauge, Histogram
    and FloatHistogram series, one block at a time. Prints samples per CPU second, the ratio to
    floats, and bytes on disk per sample; then the same blocks downsampled to 5m (Invoke-ThanosDownsample),
    as raw samples read per CPU second against the floats'.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Timed runs per type; the best is reported (a warm-up run comes first).
    [int] $Runs = 2
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

$maxTime = [DateTimeOffset]'2024-01-01T00:00:00Z'
$work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-hbench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $work

# CPU time of this process, which the load of other work on the machine distorts less than wall time.
function Measure-Type([string] $Type, [string] $Directory) {
    $plans = Get-ThanosBlockPlan -Profile continuous-30d-tiny -SeriesType $Type -MaxTime $maxTime | Select-Object -First 5
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $before = $process.TotalProcessorTime
    $blocks = $plans | New-ThanosBlockData -OutputDirectory $Directory -ThrottleLimit 1 -ProgressAction SilentlyContinue
    $process.Refresh()
    $cpu = ($process.TotalProcessorTime - $before).TotalSeconds
    $samples = ($blocks | Measure-Object Samples -Sum).Sum
    # Only blocks of 40 h or more are downsampled to 5m (the compactor's rule): here the 7.3-day one.
    $eligible = $blocks | Where-Object { $_.MaxTime - $_.MinTime -ge [timespan]::FromHours(40) }
    $before = $process.TotalProcessorTime
    $null = $eligible | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory "$Directory-5m"
    $process.Refresh()
    $downsample = ($process.TotalProcessorTime - $before).TotalSeconds
    [pscustomobject]@{ Type = $Type; Cpu = $cpu; Samples = $samples; Bytes = ($blocks | Measure-Object SizeBytes -Sum).Sum; Downsample = $downsample; DownsampledSamples = ($eligible | Measure-Object Samples -Sum).Sum }
}

try {
    $results = foreach ($type in 'Gauge', 'Histogram', 'FloatHistogram') {
        $null = Measure-Type $type (Join-Path $work "$type-warmup")
        $timed = foreach ($i in 1..$Runs) { Measure-Type $type (Join-Path $work "$type-$i") }
        $timed | Sort-Object Cpu | Select-Object -First 1 | Add-Member -PassThru Downsample ($timed | Measure-Object Downsample -Minimum).Minimum -Force
    }
    $float = $results | Where-Object Type -EQ 'Gauge'
    foreach ($r in $results) {
        '{0,-15} {1,12:N0} samples/CPU s  {2,6:N1} bytes/sample  ({3:N0} samples, {4:N2} CPU s; {5:N2}x the float rate)' -f $r.Type, ($r.Samples / $r.Cpu), ($r.Bytes / $r.Samples), $r.Samples, $r.Cpu, (($r.Samples / $r.Cpu) / ($float.Samples / $float.Cpu)) | Write-Host
    }
    foreach ($r in $results) {
        '{0,-15} {1,12:N0} samples/CPU s downsampled to 5m  ({2:N0} samples, {3:N2} CPU s; {4:N2}x the float rate)' -f $r.Type, ($r.DownsampledSamples / $r.Downsample), $r.DownsampledSamples, $r.Downsample, (($r.DownsampledSamples / $r.Downsample) / ($float.DownsampledSamples / $float.Downsample)) | Write-Host
    }
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
