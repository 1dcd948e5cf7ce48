<#
.SYNOPSIS
    Publishes the packaged module to a throw-away local PSResource repository, installs it from
    there into a temporary path, imports the installed copy and runs a smoke pipeline.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$work = Join-Path ([IO.Path]::GetTempPath()) ("thanoslab-publish-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
$repo = Join-Path $work 'repo'
$installed = Join-Path $work 'installed'
$name = 'ThanosLabLocal' + [guid]::NewGuid().ToString('N').Substring(0, 6)
New-Item -ItemType Directory -Force $repo, $installed | Out-Null
try {
    Register-PSResourceRepository -Name $name -Uri $repo -Trusted -Force
    Publish-PSResource -Path $ModulePath -Repository $name
    $found = Find-PSResource -Name ThanosLab -Repository $name
    Write-Host "Published ThanosLab $($found.Version) to $repo"
    Save-PSResource -Name ThanosLab -Repository $name -Path $installed -TrustRepository
    $manifest = Get-ChildItem -Path (Join-Path $installed 'ThanosLab') -Recurse -Filter ThanosLab.psd1 | Select-Object -First 1
    if (-not $manifest) { throw "The installed copy has no ThanosLab.psd1 under $installed." }
    $smoke = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($manifest.FullName)'
`$m = Get-Module ThanosLab
if (`$m.ModuleBase -ne '$($manifest.DirectoryName)') { throw "Imported from `$(`$m.ModuleBase), not the installed copy." }
`$plans = Get-ThanosBlockPlan -Profile continuous-365d-tiny -Label @{ cluster = 'eu1' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z')
if (`$plans.Count -ne 13) { throw "Expected 13 planned blocks, got `$(`$plans.Count)." }
if (-not (Get-Help Get-ThanosBlockPlan).Examples) { throw 'The installed copy has no help examples.' }
"Installed ThanosLab `$(`$m.Version) imports and plans 13 blocks."
"@
    & dotnet pwsh -NoProfile -NonInteractive -Command $smoke
    if ($LASTEXITCODE -ne 0) { throw 'The smoke pipeline against the installed copy failed.' }
}
finally {
    Unregister-PSResourceRepository -Name $name -ErrorAction Ignore
    Remove-Item -Recurse -Force $work -ErrorAction Ignore
}
