<#
.SYNOPSIS
    New-ThanosBlockData against promtool on identical samples: writes continuous-365d-tiny in
    process, then has promtool build blocks from the same samples as OpenMetrics (one input file
    per block, written before the clock starts), and prints both times and the ratio. Also reports
    the peak working set of a fresh pwsh generating continuous-365d-tiny and
    continuous-1w-1series-10000apps.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Timed in-process runs; the best is reported (the first run before them warms up the JIT).
    [int] $Runs = 3
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

$maxTime = [DateTimeOffset]'2024-01-01T00:00:00Z'
$labels = @{ cluster = 'one' }
$work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $work

function Measure-Generation([string] $Directory) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $blocks = New-ThanosBlockData -Profile continuous-365d-tiny -Label $labels -MaxTime $maxTime -OutputDirectory $Directory -ProgressAction SilentlyContinue
    $sw.Stop()
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; Blocks = $blocks }
}

try {
    $null = Measure-Generation (Join-Path $work 'warmup')
    $timed = foreach ($i in 1..$Runs) { Measure-Generation (Join-Path $work "run$i") }
    $best = $timed | Sort-Object Seconds | Select-Object -First 1
    $samples = ($best.Blocks | Measure-Object Samples -Sum).Sum
    '{0,-34} {1,8:N3} s  ({2:N0} samples, {3} blocks, best of {4}: {5})' -f 'New-ThanosBlockData (in process)', $best.Seconds, $samples, $best.Blocks.Count, $Runs, (($timed.Seconds | ForEach-Object { $_.ToString('N3') }) -join ', ') | Write-Host

    $promtool = Get-Command promtool -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $promtool) {
        Write-Host 'promtool comparison skipped: promtool is not installed (apt-get install prometheus).'
    }
    else {
        # Identical samples: promtool dumps our blocks (dump wants a wal/ folder) and awk turns each
        # block's dump into OpenMetrics, with __name__ moved out of the braces and seconds.millis stamps.
        $data = Split-Path $best.Blocks[0].Path
        $null = New-Item -ItemType Directory -Path (Join-Path $data 'wal') -Force
        $awk = '{ n = ""; if (match($0, /__name__="[^"]*"/)) { n = substr($0, RSTART + 10, RLENGTH - 11); sub(/, __name__="[^"]*"/, ""); sub(/__name__="[^"]*", /, ""); sub(/\{__name__="[^"]*"\}/, "") } ts = $NF; $NF = substr(ts, 1, length(ts) - 3) "." substr(ts, length(ts) - 2); print n $0 } END { print "# EOF" }'
        $inputs = foreach ($b in $best.Blocks) {
            $file = Join-Path $work "$($b.Id).om"
            $min = $b.MinTime.ToUnixTimeMilliseconds(); $max = $b.MaxTime.ToUnixTimeMilliseconds() - 1
            & bash -c "promtool tsdb dump --min-time=$min --max-time=$max '$data' | awk '$awk' > '$file'"
            if ($LASTEXITCODE -ne 0) { throw "promtool tsdb dump of $($b.Id) failed" }
            [pscustomobject]@{ Block = $b; File = $file; Hours = [math]::Ceiling($b.Duration.TotalHours / 2) * 2 + 2 }
        }
        $lines = ($inputs | ForEach-Object { (Get-Content -LiteralPath $_.File -ReadCount 0).Count - 1 } | Measure-Object -Sum).Sum
        if ($lines -ne $samples) { throw "The OpenMetrics input holds $lines samples, the blocks $samples." }

        $sw = [Diagnostics.Stopwatch]::StartNew()
        foreach ($in in $inputs) {
            $out = Join-Path $work ("promtool-" + $in.Block.Id)
            & $promtool.Source tsdb create-blocks-from openmetrics "--max-block-duration=$($in.Hours)h" $in.File $out *> $null
            if ($LASTEXITCODE -ne 0) { throw "promtool create-blocks-from openmetrics failed for $($in.File)" }
        }
        $sw.Stop()
        '{0,-34} {1,8:N3} s  (same {2:N0} samples, one run per block)' -f 'promtool create-blocks-from', $sw.Elapsed.TotalSeconds, $lines | Write-Host
        'Ratio: New-ThanosBlockData is {0:N1}x faster than promtool' -f ($sw.Elapsed.TotalSeconds / $best.Seconds) | Write-Host
    }

    # Peak working set of a fresh process per profile, next to one that only imports the module.
    $root = Split-Path $PSScriptRoot
    foreach ($profileName in '', 'continuous-365d-tiny', 'continuous-1w-1series-10000apps') {
        $dir = Join-Path $work ("ws-" + ($profileName ? $profileName : 'baseline'))
        $command = "Import-Module '$ModuleManifest'; " +
            ($profileName ? "`$null = New-ThanosBlockData -Profile $profileName -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '$dir' -ProgressAction SilentlyContinue; " : '') +
            '[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64'
        Push-Location $root
        try { $peak = [long](& dotnet pwsh -NoProfile -NonInteractive -Command $command | Select-Object -Last 1) }
        finally { Pop-Location }
        '{0,-34} {1,8:N0} MiB peak working set' -f ($profileName ? $profileName : 'pwsh + module only'), ($peak / 1MB) | Write-Host
    }
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
