<#
.SYNOPSIS
    What loading ThanosLab costs a session: a fresh pwsh that imports the module and answers its first
    call (Get-ThanosBlockPlan of the year), against a fresh pwsh that starts and exits, measured in the
    same run; prints both and the ratio. (Moved here from the Pester suite, where a time can only be
    reported, never asserted.)
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Runs of each; the best is reported, since a start-up time only gets worse from noise.
    [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'
$manifest = (Resolve-Path $ModuleManifest).Path

function Measure-Pwsh([string] $Command) {
    $best = [double]::MaxValue
    for ($i = 0; $i -lt $Runs; $i++) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        & dotnet pwsh -NoProfile -NonInteractive -Command $Command | Out-Null
        $sw.Stop()
        if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Command' failed with exit code $LASTEXITCODE." }
        $best = [math]::Min($best, $sw.Elapsed.TotalSeconds)
    }
    $best
}

$bare = Measure-Pwsh 'exit 0'
$loaded = Measure-Pwsh "Import-Module '$manifest'; `$null = Get-ThanosBlockPlan -Profile continuous-365d-tiny"
'pwsh start and exit:                        {0:N3} s' -f $bare
'pwsh, Import-Module, first Get-ThanosBlockPlan: {0:N3} s' -f $loaded
'module import and first call add {0:N0} ms ({1:N2}x a bare start)' -f (($loaded - $bare) * 1000), ($loaded / $bare)
