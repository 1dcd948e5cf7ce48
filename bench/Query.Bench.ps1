<#
.SYNOPSIS
    Times Invoke-ThanosQuery against curl on the same range query (continuous-365d-tiny, a year at
    step 1h, 5 series) on a real Prometheus, and prints the ratio. Prometheus' own evaluation is in
    both figures; the difference is our HTTP, JSON decoding and object creation.
#>
param([Parameter(Mandatory)] [string] $ModuleManifest, [int] $Runs = 5)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
foreach ($tool in 'prometheus', 'curl') {
    if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) { Write-Host "skipped: $tool is not installed"; return }
}
$root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-qbench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$max = [DateTimeOffset]'2024-01-01T00:00:00Z'
$null = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{ cluster = 'eu1' } -MaxTime $max -OutputDirectory (Join-Path $root data)
$config = Join-Path $root 'prometheus.yml'
[IO.File]::WriteAllText($config, (New-ThanosPrometheusConfig -ScrapeInterval '15s').ToYaml())
$listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
$listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
$process = Start-Process prometheus -PassThru -RedirectStandardError (Join-Path $root 'prometheus.log') -ArgumentList @(
    "--config.file=$config", "--storage.tsdb.path=$(Join-Path $root data)", "--web.listen-address=127.0.0.1:$port",
    '--storage.tsdb.min-block-duration=2h', '--storage.tsdb.max-block-duration=2h', '--storage.tsdb.retention.time=1000d')
try {
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-ThanosEndpoint -Endpoint "127.0.0.1:$port" -Quiet -TimeoutSec 2)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw 'prometheus did not become ready' }
        Start-Sleep -Milliseconds 100
    }
    $query = '{__name__=~"continuous_app_metric.*"}'
    $start = $max.AddDays(-366)
    $form = "start=$($start.ToUnixTimeSeconds())&end=$($max.ToUnixTimeSeconds())&step=3600"
    $null = Invoke-ThanosQuery $query -Endpoint "127.0.0.1:$port" -Start $start -End $max -Step '1h'   # warm-up
    $ours = foreach ($i in 1..$Runs) { (Measure-Command { $series = Invoke-ThanosQuery $query -Endpoint "127.0.0.1:$port" -Start $start -End $max -Step '1h' }).TotalMilliseconds }
    $curl = foreach ($i in 1..$Runs) { (Measure-Command { & curl -s -o /dev/null --data-urlencode "query=$query" --data $form "http://127.0.0.1:$port/api/v1/query_range" }).TotalMilliseconds }
    $median = { param($xs) ($xs | Sort-Object)[[int][math]::Floor($xs.Count / 2)] }
    $o = & $median $ours; $c = & $median $curl
    'Invoke-ThanosQuery: {0} series, {1:N0} points, median {2:N0} ms over {3} runs' -f $series.Count, ($series.Samples.Count | Measure-Object -Sum).Sum, $o, $Runs
    'curl (bytes only):  median {0:N0} ms' -f $c
    'ratio Invoke-ThanosQuery / curl: {0:N2}' -f ($o / $c)
}
finally {
    Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
    $process.WaitForExit()
    Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
}
