<#
.SYNOPSIS
    Runs the Pester suite against the packaged module and writes the counts as JSON.
#>
param(
    [Parameter(Mandatory)] [string] $PesterModule,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $ExcludeTag = ''
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterModule -Force
$env:THANOSLAB_MANIFEST = (Resolve-Path $ModuleManifest).Path
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.junit.xml')
if ($ExcludeTag) { $config.Filter.ExcludeTag = $ExcludeTag -split ',' }
$r = Invoke-Pester -Configuration $config
$failed = $r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount
# A discovery failure reports 0 passed and 0 failed; count it so it can never look green.
if ($r.Result -ne 'Passed' -and $failed -eq 0) { $failed = 1 }
@{ Passed = $r.PassedCount; Failed = $failed; Skipped = $r.SkippedCount } | ConvertTo-Json | Set-Content -Path $ResultPath
exit ([int]($failed -gt 0))
