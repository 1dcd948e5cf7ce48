<#
.SYNOPSIS
    Cost at realistic cardinality, measured against peers in the same run:
    1. New-ThanosBlockData of realistic-k8s-1w-small (885,000 series, 202 M samples) next to
       continuous-365d-tiny (65 series, 10.5 M samples): samples per second of each and their ratio,
       which shows what the per-series work costs; then the peak working set of a fresh pwsh writing
       realistic-k8s-1w-small.
    2. Test-ThanosBlock of those realistic blocks against `promtool tsdb analyze --extended` of the
       same blocks (one run per block), deep (every sample decoded) and with -SkipSampleDecoding (the
       depth of promtool, which decodes no sample), each the best of two runs.
    3. A block of 1,000,000 series (continuous-1w-small's first, 2 h block with -Targets 10000
       -MetricsPerTarget 100): generation time and peak working set of a fresh pwsh, Test-ThanosBlock
       time, and a real Prometheus answering count({__name__=~".+"}) on it.
    CPU seconds are given next to wall seconds: the machine may be shared, and CPU time is the
    steadier figure there.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Timed in-process generation runs per profile; the best is reported (one run before them warms up the JIT).
    [int] $Runs = 2,
    # The parts to run: Generation and Verification share the realistic blocks; Million stands alone.
    [ValidateSet('Generation', 'Verification', 'Million')]
    [string[]] $Part = @('Generation', 'Verification', 'Million')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

$maxTime = [DateTimeOffset]'2024-01-01T00:00:00Z'
$labels = @{ cluster = 'one' }
$work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-bench-scale-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $work
$root = Split-Path $PSScriptRoot

function Get-ChildCpuSeconds {
    if (-not (Test-Path /proc/self/stat)) { return [double]::NaN }
    $fields = ((Get-Content -LiteralPath /proc/self/stat -Raw) -replace '^.*\) ', '') -split ' '
    ([double]$fields[13] + [double]$fields[14]) / 100
}

# Runs $Script in this process and gives wall and CPU seconds with its output.
function Measure-InProcess([scriptblock] $Script) {
    $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $output = & $Script
    $sw.Stop()
    $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; CpuSeconds = $cpu.TotalSeconds; Output = $output }
}

# Runs $Command in a fresh pwsh with the module imported; gives wall seconds, the peak working set and the last output line.
function Measure-FreshProcess([string] $Command) {
    $script = "Import-Module '$ModuleManifest'; `$sw = [Diagnostics.Stopwatch]::StartNew(); $Command; `$sw.Stop(); " +
        "'{0} {1}' -f `$sw.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture), [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64"
    Push-Location $root
    try { $last = & dotnet pwsh -NoProfile -NonInteractive -Command $script | Select-Object -Last 1 }
    finally { Pop-Location }
    if ($LASTEXITCODE -ne 0) { throw "The fresh pwsh failed: $Command" }
    $seconds, $peak = $last -split ' '
    [pscustomobject]@{ Seconds = [double]::Parse($seconds, [cultureinfo]::InvariantCulture); PeakMiB = [long]$peak / 1MB }
}

function Measure-Generation([string] $ProfileName, [string] $Directory) {
    $m = Measure-InProcess { New-ThanosBlockData -Profile $ProfileName -Label $labels -MaxTime $maxTime -OutputDirectory $Directory -ProgressAction SilentlyContinue }
    $samples = ($m.Output | Measure-Object Samples -Sum).Sum
    $m | Add-Member -NotePropertyMembers @{ Samples = $samples; Series = ($m.Output | Measure-Object Series -Sum).Sum; Blocks = $m.Output }
    $m
}

try {
    # 1. Generation: the two profiles alternate, so both see the same load.
    if ($Part -contains 'Generation' -or $Part -contains 'Verification') {
        $null = Measure-Generation 'continuous-365d-tiny' (Join-Path $work 'warmup-c')
        $null = Measure-Generation 'realistic-k8s-1w-small' (Join-Path $work 'warmup-r')
        Remove-Item -LiteralPath (Join-Path $work 'warmup-c'), (Join-Path $work 'warmup-r') -Recurse -Force
        $pairs = foreach ($i in 1..$Runs) {
            $c = Measure-Generation 'continuous-365d-tiny' (Join-Path $work "c$i")
            $r = Measure-Generation 'realistic-k8s-1w-small' (Join-Path $work "r$i")
            [pscustomobject]@{ Continuous = $c; Realistic = $r }
            if ($i -lt $Runs) { Remove-Item -LiteralPath (Join-Path $work "c$i"), (Join-Path $work "r$i") -Recurse -Force }
        }
        $c = $pairs.Continuous | Sort-Object Seconds | Select-Object -First 1
        $r = $pairs.Realistic | Sort-Object Seconds | Select-Object -First 1
        foreach ($m in @(@('continuous-365d-tiny', $c), @('realistic-k8s-1w-small', $r))) {
            '{0,-26} {1,7:N2} s ({2,6:N2} s CPU)  {3,12:N0} series {4,13:N0} samples  {5,6:N1} M samples/s, {6,6:N1} M per CPU-s  (best of {7})' -f $m[0], $m[1].Seconds, $m[1].CpuSeconds, $m[1].Series, $m[1].Samples, ($m[1].Samples / $m[1].Seconds / 1e6), ($m[1].Samples / $m[1].CpuSeconds / 1e6), $Runs | Write-Host
        }
        'Ratio: realistic-k8s-1w-small writes {0:P0} of the samples/s of continuous-365d-tiny (wall), {1:P0} (CPU)' -f (($r.Samples / $r.Seconds) / ($c.Samples / $c.Seconds)), (($r.Samples / $r.CpuSeconds) / ($c.Samples / $c.CpuSeconds)) | Write-Host
        $fresh = Measure-FreshProcess "`$null = New-ThanosBlockData -Profile realistic-k8s-1w-small -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '$(Join-Path $work 'fresh-r')' -ProgressAction SilentlyContinue"
        '{0,-26} {1,7:N2} s in a fresh pwsh, {2:N0} MiB peak working set' -f 'realistic-k8s-1w-small', $fresh.Seconds, $fresh.PeakMiB | Write-Host
        Remove-Item -LiteralPath (Join-Path $work 'fresh-r') -Recurse -Force

        # 2. Verification of the realistic blocks against promtool.
        $data = Join-Path $work "r$Runs"
        # Each depth twice: the first run in this process also pays for compiling the verifier.
        $depths = foreach ($depth in @(@{ Name = 'Test-ThanosBlock'; Skip = $false }, @{ Name = 'Test-ThanosBlock -SkipSampleDecoding'; Skip = $true })) {
            $attempts = foreach ($i in 1..2) { Measure-InProcess { Get-ThanosBlock -Path $data | Test-ThanosBlock -SkipSampleDecoding:$depth.Skip -ProgressAction SilentlyContinue } }
            foreach ($attempt in $attempts) {
                $unhealthy = @($attempt.Output | Where-Object { -not $_.IsHealthy })
                if ($unhealthy.Count) { throw "$($depth.Name) found $($unhealthy.Count) unhealthy blocks: $($unhealthy[0].Issues[0])" }
            }
            $best = $attempts | Sort-Object Seconds | Select-Object -First 1
            '{0,-34} {1,8:N3} s ({2:N3} s CPU; {3:N0} samples, {4} blocks; first run {5:N3} s, {6:N3} s CPU)' -f $depth.Name, $best.Seconds, $best.CpuSeconds, ($best.Output | Measure-Object SamplesChecked -Sum).Sum, $best.Output.Count, $attempts[0].Seconds, $attempts[0].CpuSeconds | Write-Host
            [pscustomobject]@{ Name = $depth.Name; Best = $best; First = $attempts[0] }
        }
        $verify = $depths[0].Best
        $promtool = Get-Command promtool -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $promtool) {
            Write-Host 'promtool comparison skipped: promtool is not installed (apt-get install prometheus).'
        }
        else {
            $childCpu = Get-ChildCpuSeconds
            $sw = [Diagnostics.Stopwatch]::StartNew()
            # The blocks of the last run, which are the ones kept (the best run may be an earlier one).
            foreach ($b in $verify.Output) {
                & $promtool.Source tsdb analyze --extended $data $b.Id *> $null
                if ($LASTEXITCODE -ne 0) { throw "promtool tsdb analyze failed for $($b.Id)" }
            }
            $sw.Stop()
            $childCpu = (Get-ChildCpuSeconds) - $childCpu
            '{0,-34} {1,8:N3} s ({2:N3} s CPU; same {3} blocks, one run per block)' -f 'promtool tsdb analyze --extended', $sw.Elapsed.TotalSeconds, $childCpu, $verify.Output.Count | Write-Host
            foreach ($d in $depths) {
                'Ratio: {0} is {1:N1}x faster than promtool tsdb analyze --extended (wall), {2:N1}x (CPU); its first run {3:N1}x (wall)' -f $d.Name, ($sw.Elapsed.TotalSeconds / $d.Best.Seconds), ($childCpu / $d.Best.CpuSeconds), ($sw.Elapsed.TotalSeconds / $d.First.Seconds) | Write-Host
            }
        }
        Get-ChildItem -LiteralPath $work -Directory | Remove-Item -Recurse -Force
    }

    # 3. A million series in one 2 h block.
    if ($Part -contains 'Million') {
        $million = Join-Path $work 'million'
        $gen = Measure-FreshProcess "`$null = Get-ThanosBlockPlan -Profile continuous-1w-small -Targets 10000 -MetricsPerTarget 100 -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') | Select-Object -First 1 | New-ThanosBlockData -OutputDirectory '$million' -ProgressAction SilentlyContinue"
        $block = Get-ThanosBlock -Path $million
        '{0,-34} {1,8:N2} s, {2:N0} MiB peak working set (fresh pwsh; {3:N0} series, {4:N0} samples, {5:N0} MB)' -f '1,000,000-series block', $gen.Seconds, $gen.PeakMiB, $block.Series, $block.Samples, ($block.SizeBytes / 1MB) | Write-Host
        $check = Measure-FreshProcess "`$r = Get-ThanosBlock -Path '$million' | Test-ThanosBlock -ProgressAction SilentlyContinue; if (-not `$r.IsHealthy) { throw 'unhealthy' }"
        '{0,-34} {1,8:N2} s, {2:N0} MiB peak working set (fresh pwsh)' -f 'Test-ThanosBlock of it', $check.Seconds, $check.PeakMiB | Write-Host
        if (-not (Get-Command prometheus -CommandType Application -ErrorAction SilentlyContinue)) {
            Write-Host 'Prometheus check skipped: prometheus is not installed (apt-get install prometheus).'
        }
        else {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
            $config = Join-Path $work 'prometheus.yml'
            [IO.File]::WriteAllText($config, (New-ThanosPrometheusConfig -ScrapeInterval '15s').ToYaml())
            $process = Start-Process prometheus -PassThru -RedirectStandardError (Join-Path $work 'prometheus.log') -ArgumentList @(
                "--config.file=$config", "--storage.tsdb.path=$million", "--web.listen-address=127.0.0.1:$port",
                '--storage.tsdb.min-block-duration=2h', '--storage.tsdb.max-block-duration=2h', '--storage.tsdb.retention.time=1000d')
            try {
                $deadline = [DateTime]::UtcNow.AddSeconds(120)
                while (-not (Test-ThanosEndpoint -Endpoint "127.0.0.1:$port" -Quiet -TimeoutSec 2)) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw 'prometheus did not become ready' }
                    Start-Sleep -Milliseconds 100
                }
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $answer = Invoke-ThanosQuery 'count({__name__=~".+"})' -Endpoint "127.0.0.1:$port" -Time $block.MaxTime.AddMilliseconds(-1) -TimeoutSec 600
                $sw.Stop()
                $count = [long]$answer.Samples[0].Value
                if ($count -ne 1000000) { throw "Prometheus counted $count series, not 1,000,000." }
                '{0,-34} {1,8:N2} s: count({{__name__=~".+"}}) = {2:N0}' -f 'Prometheus 2.42 query', $sw.Elapsed.TotalSeconds, $count | Write-Host
            }
            finally { Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue; $process.WaitForExit() }
        }
    }
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
