<#
.SYNOPSIS
    Test-ThanosBlock against promtool on the same blocks: writes continuous-365d-tiny once, then
    times Get-ThanosBlock | Test-ThanosBlock over all 13 blocks in process (every CRC, every chunk
    decoded, every sample checked) and `promtool tsdb analyze --extended` over the same blocks (one run
    per block; --extended makes promtool read the chunks as well as the index), and prints both
    times and the ratio.
    Also reports the peak working set of a fresh pwsh verifying the year, next to one that only
    imports the module.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Timed in-process runs; the best is reported (the first run before them warms up the JIT).
    [int] $Runs = 3
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

$work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-bench-verify-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$data = Join-Path $work 'data'

# CPU seconds next to wall seconds: on a busy machine the CPU ratio is the steadier figure.
# Children's CPU comes from /proc/self/stat (cutime + cstime of waited-for children, Linux only).
function Get-ChildCpuSeconds {
    if (-not (Test-Path /proc/self/stat)) { return [double]::NaN }
    $fields = ((Get-Content -LiteralPath /proc/self/stat -Raw) -replace '^.*\) ', '') -split ' '
    ([double]$fields[13] + [double]$fields[14]) / 100
}

function Measure-Verification {
    $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $results = Get-ThanosBlock -Path $data | Test-ThanosBlock -ProgressAction SilentlyContinue
    $sw.Stop()
    $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; CpuSeconds = $cpu.TotalSeconds; Results = $results }
}

try {
    $blocks = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data -ProgressAction SilentlyContinue
    $null = Measure-Verification
    $timed = foreach ($i in 1..$Runs) { Measure-Verification }
    $best = $timed | Sort-Object Seconds | Select-Object -First 1
    $unhealthy = @($best.Results | Where-Object { -not $_.IsHealthy })
    if ($unhealthy.Count) { throw "Test-ThanosBlock found $($unhealthy.Count) unhealthy blocks: $($unhealthy[0].Issues[0])" }
    $samples = ($best.Results | Measure-Object SamplesChecked -Sum).Sum
    '{0,-34} {1,8:N3} s  ({2:N3} s CPU; {3:N0} samples, {4} blocks, best of {5}: {6})' -f 'Test-ThanosBlock (in process)', $best.Seconds, $best.CpuSeconds, $samples, $best.Results.Count, $Runs, (($timed.Seconds | ForEach-Object { $_.ToString('N3') }) -join ', ') | Write-Host

    $promtool = Get-Command promtool -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $promtool) {
        Write-Host 'promtool comparison skipped: promtool is not installed (apt-get install prometheus).'
    }
    else {
        $childCpu = Get-ChildCpuSeconds
        $sw = [Diagnostics.Stopwatch]::StartNew()
        foreach ($b in $blocks) {
            & $promtool.Source tsdb analyze --extended $data $b.Id *> $null
            if ($LASTEXITCODE -ne 0) { throw "promtool tsdb analyze failed for $($b.Id)" }
        }
        $sw.Stop()
        $childCpu = (Get-ChildCpuSeconds) - $childCpu
        '{0,-34} {1,8:N3} s  ({2:N3} s CPU; same {3} blocks, one run per block)' -f 'promtool tsdb analyze --extended', $sw.Elapsed.TotalSeconds, $childCpu, $blocks.Count | Write-Host
        'Ratio: Test-ThanosBlock is {0:N1}x faster than promtool tsdb analyze (wall), {1:N1}x (CPU)' -f ($sw.Elapsed.TotalSeconds / $best.Seconds), ($childCpu / $best.CpuSeconds) | Write-Host
    }

    # Peak working set of a fresh process that verifies the year, next to one that only imports the module.
    $root = Split-Path $PSScriptRoot
    foreach ($case in 'baseline', 'verify') {
        $command = "Import-Module '$ModuleManifest'; " +
            ($case -eq 'verify' ? "`$null = Get-ThanosBlock -Path '$data' | Test-ThanosBlock -ProgressAction SilentlyContinue; " : '') +
            '[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64'
        Push-Location $root
        try { $peak = [long](& dotnet pwsh -NoProfile -NonInteractive -Command $command | Select-Object -Last 1) }
        finally { Pop-Location }
        '{0,-34} {1,8:N0} MiB peak working set' -f ($case -eq 'verify' ? 'verifying continuous-365d-tiny' : 'pwsh + module only'), ($peak / 1MB) | Write-Host
    }
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
