<#
.SYNOPSIS
    The README's demo: the Thanos long-term-storage lab on embedded defaults.
#>
param([Parameter(Mandatory)] [string] $ModuleManifest)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

Write-Host '== Step 1: plan a year of data (thanosbench profile continuous-365d-tiny, cluster="eu1")'
$plan = Get-ThanosBlockPlan -Profile continuous-365d-tiny -Label @{ cluster = 'eu1' } -MaxTime -2h
$plan | Format-Table | Out-Host
'{0} blocks, {1:N0} series-blocks, {2:N0} samples' -f $plan.Count, ($plan | Measure-Object SeriesCount -Sum).Sum, ($plan | Measure-Object SampleCount -Sum).Sum | Write-Host

Write-Host '== Step 2: write those blocks (New-ThanosBlockData) into a temporary directory and list them'
$data = Join-Path ([IO.Path]::GetTempPath()) ("thanoslab-demo-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
try {
    $elapsed = Measure-Command { $blocks = $plan | New-ThanosBlockData -OutputDirectory $data }
    $blocks | Sort-Object MinTime -Descending | Format-Table | Out-Host
    '{0} blocks, {1:N0} samples, {2:N0} bytes written in {3:N2} s' -f $blocks.Count, ($blocks | Measure-Object Samples -Sum).Sum, ($blocks | Measure-Object SizeBytes -Sum).Sum, $elapsed.TotalSeconds | Write-Host

    $promtool = Get-Command promtool -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($promtool) {
        $newest = $blocks | Sort-Object MaxTime -Descending | Select-Object -First 1
        Write-Host "== Step 3: promtool tsdb analyze $($newest.Id)"
        & $promtool.Source tsdb analyze $data $newest.Id | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "promtool tsdb analyze failed with exit code $LASTEXITCODE" }
    }
    else {
        Write-Host '== Step 3 skipped: promtool is not installed (apt-get install prometheus), so the block is not analyzed.'
    }
}
finally {
    Remove-Item -LiteralPath $data -Recurse -Force -ErrorAction SilentlyContinue
}
