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
