<#
.SYNOPSIS
    The Thanos long-term-storage tutorial, all four steps, unattended and checked step by step.
.DESCRIPTION
    Step 1: a year of generated data (continuous-365d-tiny, cluster="eu1"), the tutorial's
    prometheus0_eu1.yml, Prometheus, a query-only sidecar and a querier; the querier must see the
    sidecar and five series over the year.
    Step 2: MinIO, the bucket and bucket_storage.yaml; the sidecar restarted in upload mode; every
    block must reach the bucket complete (Test-ThanosBucketUpload -Wait).
    Step 3: a store gateway and the querier over both stores; the year must be answered with
    deduplication, and by the store gateway alone.
    Step 4: a compactor; every block it would downsample must be downsampled (Get-ThanosDownsampleStatus),
    the bucket must have no missing downsampling, partial upload or overlap (Test-ThanosBucket), every
    5m and 1h window must recompute from its source (Test-ThanosDownsample -Bucket; these three checks
    are examples/downsampling-checks.ps1), and a query at max source resolution 5m must answer.
    Then the lab is stopped (unless -KeepRunning). Any failed check ends the script with exit code 1;
    a summary of the checks is printed at the end. With -WhatIf nothing starts or is written: each
    step shows the container (or process) it would run, which is the tutorial's `docker run` command,
    and names the checks it would make.
.EXAMPLE
    ./examples/lts-tutorial.ps1 -WorkDirectory ~/thanos-lab
.EXAMPLE
    ./examples/lts-tutorial.ps1 -WhatIf     # the tutorial's docker run commands, nothing started
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # Where the data, the MinIO data and the configs go.
    [string] $WorkDirectory = (Join-Path $HOME 'thanos-lab'),

    [ValidateSet('Docker', 'Process')]
    [string] $Runtime = 'Docker',

    [string] $PrometheusImage = 'quay.io/prometheus/prometheus:v2.20.0',
    [string] $ThanosImage = 'quay.io/thanos/thanos:v0.26.0',
    [string] $MinioImage = 'minio/minio:RELEASE.2019-01-31T00-31-19Z',

    # End of the generated data: a time, or a duration from now. The course wrote 6h (six hours
    # ahead, as thanosbench reads it) and meant "until now"; data ending in the past lets
    # Prometheus scrape at once.
    [string] $MaxTime = '-2h',

    # The MinIO credential; the tutorial's minio / melovethanos by default.
    [pscredential] $Credential = [pscredential]::new('minio', (ConvertTo-SecureString 'melovethanos' -AsPlainText -Force)),

    # How long to wait for the upload and for the compactor's downsampled blocks.
    [timespan] $Timeout = '00:10:00',

    # Where the components listen: all interfaces (0.0.0.0, the tutorial's flags, with a warning for
    # each component) or 127.0.0.1 to keep the lab, Prometheus' admin API included, on this machine.
    [ValidateSet('0.0.0.0', '127.0.0.1')]
    [string] $ListenAddress = '0.0.0.0',

    # The module to import; the installed ThanosLab by default.
    [string] $ModuleManifest = 'ThanosLab',

    [switch] $KeepRunning
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModuleManifest
. (Join-Path $PSScriptRoot 'downsampling-checks.ps1')

$planning = [bool]$WhatIfPreference
$checks = [System.Collections.Generic.List[object]]::new()
function Check([string] $Step, [string] $What, [scriptblock] $Test) {
    if ($planning) { Write-Host "   [planned] check: $What"; return }
    $passed = $false
    $detail = ''
    try { $detail = & $Test; $passed = $true }
    catch { $detail = $_.Exception.Message }
    $checks.Add([pscustomobject]@{ Step = $Step; Check = $What; Passed = $passed; Detail = "$detail" })
    Write-Host ('   [{0}] {1}: {2}' -f ($passed ? 'ok' : 'FAILED'), $What, $detail)
    if (-not $passed) { throw "Step $Step failed: $What. $detail" }
}
function Assert([bool] $Condition, [string] $Message) { if (-not $Condition) { throw $Message } }

# Under -WhatIf the Start-* cmdlets show what they would run and return nothing; the next step
# still needs its upstream's name and ports, as they will be.
function Component($Started, [string] $Kind, [string] $Name, [int] $HttpPort, [int] $GrpcPort, [string] $DataPath) {
    if ($Started) { return $Started }
    if (-not $planning) { throw "Starting $Kind '$Name' returned nothing." }
    [ThanosLab.ThanosComponent]@{
        Name = $Name; Kind = $Kind; Runtime = $Runtime; State = 'Planned'; Network = 'host'; Lab = 'thanoslab'; DataPath = $DataPath
        HttpEndpoint = "http://127.0.0.1:$HttpPort/"; GrpcEndpoint = ($GrpcPort ? "127.0.0.1:$GrpcPort" : $null)
    }
}

$images = @{ Runtime = $Runtime; ListenAddress = $ListenAddress }
$data = Join-Path $WorkDirectory 'prom-eu1'
$externalLabels = [ordered]@{ cluster = 'eu1'; replica = '0'; tenant = 'team-eu' }
$yearStart = [DateTimeOffset]::UtcNow.AddDays(-365)
$exitCode = 0
try {
    Write-Host '== Step 1: a Prometheus that has run for a year'
    if (-not $planning) { New-Item -ItemType Directory -Force $WorkDirectory | Out-Null }
    $blocks = @(Get-ThanosBlock -Path $data -ErrorAction SilentlyContinue)
    if ($blocks.Count -eq 0) {
        $blocks = @(Get-ThanosBlockPlan -Profile continuous-365d-tiny -Label @{ cluster = 'eu1' } -MaxTime $MaxTime |
                New-ThanosBlockData -OutputDirectory $data)
    }
    Check 1 'generated blocks are healthy' {
        Assert ($blocks.Count -eq 13) "13 blocks expected, found $($blocks.Count)"
        Assert ($blocks | Test-ThanosBlock -Quiet) 'Test-ThanosBlock found damaged blocks'
        '13 blocks, {0:N0} samples, all healthy' -f ($blocks | Measure-Object Samples -Sum).Sum
    }
    $promConfig = New-ThanosPrometheusConfig -ScrapeInterval '5s' -ExternalLabel $externalLabels -IncludeLabComponents
    $promConfig | Export-ThanosConfig -Path (Join-Path $WorkDirectory 'prometheus0_eu1.yml') -Force

    $prom = Component (Start-ThanosPrometheus -Name prometheus-0-eu1 -DataPath $data -Config $promConfig -RetentionTime '1000d' @images -Image $PrometheusImage) Prometheus prometheus-0-eu1 9090 0 $data
    $sidecar = Component ($prom | Start-ThanosSidecar -Name prometheus-0-eu1-sidecar @images -Image $ThanosImage) Sidecar prometheus-0-eu1-sidecar 19090 19190
    $querier = Component ($sidecar | Start-ThanosQuerier -Name querier -ReplicaLabel replica @images -Image $ThanosImage) Querier querier 9091 0
    Check 1 'every component answers /metrics, /-/ready and /-/healthy' {
        Assert ($prom, $sidecar, $querier | Test-ThanosEndpoint -Quiet) 'an endpoint failed its checks'
        'prometheus 9090, sidecar 19090, querier 9091'
    }
    Check 1 'the querier sees the sidecar with its external labels' {
        $stores = @(Get-ThanosStore -Endpoint $querier | Where-Object { $_.Labels['cluster'] -eq 'eu1' })
        Assert ($stores.Count -ge 1) 'no store with cluster="eu1"'
        "$($stores.Count) store(s) with cluster=eu1"
    }
    Check 1 'five series over the year through the querier' {
        $series = @(Invoke-ThanosQuery -Endpoint $querier -Query '{__name__=~"continuous_app_metric.*"}' -Start $yearStart -End ([DateTimeOffset]::UtcNow) -Step '1h')
        Assert ($series.Count -eq 5) "5 series (continuous_app_metric0 to 4) expected, $($series.Count) returned"
        '{0} series, {1} points' -f $series.Count, ($series | ForEach-Object { $_.Samples.Count } | Measure-Object -Sum).Sum
    }

    Write-Host '== Step 2: continuous backup to object storage'
    $minio = Component (Start-ThanosMinio -Name minio -DataPath (Join-Path $WorkDirectory 'minio') -Credential $Credential @images -Image $MinioImage) Minio minio 9000 0
    $bucket = New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Credential $Credential -Insecure -SignatureVersion2
    $bucket | Export-ThanosConfig -Path (Join-Path $WorkDirectory 'bucket_storage.yaml') -Force
    New-ThanosBucket -Bucket $bucket | Out-Null
    $sidecar = Component ($prom | Start-ThanosSidecar -Name prometheus-0-eu1-sidecar -Bucket $bucket -UploadCompacted -Force @images -Image $ThanosImage) Sidecar prometheus-0-eu1-sidecar 19090 19190
    Check 2 'every block reached the bucket complete, with the external labels' {
        $upload = Test-ThanosBucketUpload -Path $data -Bucket $bucket -Label $externalLabels -UploadCompacted -Wait -Timeout $Timeout
        Assert $upload.Passed ("not complete: " + (($upload.Failed | ForEach-Object { "$($_.Id) $($_.Status)" }) -join ', '))
        "$($upload.Blocks.Count) blocks in $($bucket.Location)"
    }

    Write-Host '== Step 3: the store gateway'
    $store = Component (Start-ThanosStoreGateway -Name store-gateway -Bucket $bucket @images -Image $ThanosImage) StoreGateway store-gateway 19091 19191
    $querier = Component ($sidecar, $store | Start-ThanosQuerier -Name querier -ReplicaLabel replica -Force @images -Image $ThanosImage) Querier querier 9091 0
    Check 3 'the year, deduplicated, through the querier' {
        $count = @(Invoke-ThanosQuery -Endpoint $querier -Query 'count_over_time(continuous_app_metric0[400d])' -Deduplicate)
        Assert ($count.Count -ge 1) 'no answer'
        'count_over_time = {0:N0}' -f $count[0].Samples[0].Value
    }
    Check 3 'the year from the store gateway alone' {
        $series = @(Invoke-ThanosQuery -Endpoint $querier -Query continuous_app_metric0 -StoreMatch '{__address__="127.0.0.1:19191"}' -Start $yearStart -End ([DateTimeOffset]::UtcNow) -Step '1h')
        Assert ($series.Count -ge 1) 'the store gateway returned no series'
        '{0} series, first point {1:u}' -f $series.Count, ($series[0].Samples[0].Timestamp)
    }

    Write-Host '== Step 4: the compactor'
    $compactor = Component (Start-ThanosCompactor -Name thanos-compact -Bucket $bucket -WaitInterval '30s' -ConsistencyDelay '0s' @images -Image $ThanosImage) Compactor thanos-compact 19095 0
    # The compactor's downsampling checked without Thanos; Invoke-ThanosDownsample -Bucket $bucket does the same work.
    foreach ($check in Get-DownsamplingCheck -Bucket $bucket -Timeout $Timeout) { Check 4 $check.What $check.Test }
    Check 4 'a query at max source resolution 5m answers for the year' {
        $series = @(Invoke-ThanosQuery -Endpoint $querier -Query continuous_app_metric0 -MaxSourceResolution '5m' -Start $yearStart -End ([DateTimeOffset]::UtcNow) -Step '1h')
        Assert ($series.Count -ge 1) 'no series'
        "$($series.Count) series"
    }
    Check 4 'the compactor answers /metrics' {
        Assert ($compactor | Test-ThanosEndpoint -Quiet) 'the compactor failed its endpoint checks'
        'port 19095'
    }
}
catch {
    Write-Host "FAILED: $($_.Exception.Message)"
    $exitCode = 1
}
finally {
    if (-not $KeepRunning -and -not $planning) {
        Write-Host '== Tear-down'
        Get-ThanosComponent | Stop-ThanosComponent
    }
}

if (-not $planning) {
    Write-Host '== Summary'
    $checks | Format-Table -AutoSize -Wrap | Out-Host
    Write-Host ('{0} of {1} checks passed' -f @($checks | Where-Object Passed).Count, $checks.Count)
}
exit $exitCode
