<#
.SYNOPSIS
    Runs every benchmark in bench/ (*.Bench.ps1) against the packaged module. Each prints its
    figures and the ratio against the peer tool measured in the same run.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Which benchmarks: a wildcard over the names before .Bench.ps1 (Generate, Upload, ...).
    [string] $Name = '*'
)
$ErrorActionPreference = 'Stop'
$failed = 0
foreach ($bench in Get-ChildItem -Path $PSScriptRoot -Filter "$Name.Bench.ps1" | Sort-Object Name) {
    Write-Host "== $($bench.BaseName -replace '\.Bench$', '')"
    & $bench.FullName -ModuleManifest $ModuleManifest
    if (-not $?) { $failed++ }
}
exit ([int]($failed -gt 0))
