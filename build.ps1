<#
.SYNOPSIS
    Builds, packages, tests, publishes and demonstrates ThanosLab.
.DESCRIPTION
    dotnet tool restore && dotnet pwsh ./build.ps1 <Task>
    Tasks: Build, Package, Test, Publish, Demo, Bench, Docs.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Package', 'Test', 'Publish', 'Demo', 'Bench', 'Docs')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester tags to leave out (Test task).
    [string[]] $ExcludeTag = @()
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$env:NO_COLOR = '1'
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'ThanosLab'
$Results = Join-Path $Out 'test-results'

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

# A child pwsh, so the module is loaded fresh and never into this build process.
function Invoke-ChildPwsh {
    param([string] $File, [string[]] $Arguments = @())
    Push-Location $Root
    try { & dotnet pwsh -NoProfile -NonInteractive -File $File @Arguments | Out-Host; return $LASTEXITCODE }
    finally { Pop-Location }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $Root 'ThanosLab.sln'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
}

function Invoke-Package {
    Invoke-Build
    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    $deps = Join-Path $ModuleOut 'dependencies'
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/ThanosLab.Engine/ThanosLab.Engine.csproj'), '-c', $Configuration, '--no-build', '-o', $deps, '--nologo', '-v', 'q')
    Remove-Item (Join-Path $deps '*.deps.json') -ErrorAction Ignore
    $bin = Join-Path $Root "src/ThanosLab.PowerShell/bin/$Configuration/net8.0"
    Copy-Item (Join-Path $bin 'ThanosLab.dll'), (Join-Path $bin 'ThanosLab.pdb') $ModuleOut
    Copy-Item (Join-Path $Root 'module/*') $ModuleOut -Recurse
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    Invoke-HelpGenerator 'ConvertTo-MamlHelp.ps1' @('-OutputPath', (Join-Path $ModuleOut 'en-US/ThanosLab.dll-Help.xml'))
    Write-Host "Packaged module: $ModuleOut"
}

# A generator over the help sources beside the cmdlets and the packaged module (tools/HelpSource.psm1).
function Invoke-HelpGenerator([string] $Script, [string[]] $Output) {
    $code = Invoke-ChildPwsh (Join-Path $Root "tools/$Script") (@(
        '-ModuleManifest', (Join-Path $ModuleOut 'ThanosLab.psd1'),
        '-SourceDirectory', (Join-Path $Root 'src/ThanosLab.PowerShell')) + $Output)
    if ($code -ne 0) { throw "tools/$Script failed." }
}

function Get-NuGetRoot {
    (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '' | Select-Object -First 1
}

function Invoke-Test {
    Invoke-Package
    New-Item -ItemType Directory -Force $Results | Out-Null
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/tools/TestTools.csproj'), '--nologo', '-v', 'q')

    $trx = Join-Path $Results 'unit.trx'
    Remove-Item $trx -ErrorAction Ignore
    & dotnet test (Join-Path $Root 'tests/unit/ThanosLab.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=unit.trx' --logger 'console;verbosity=normal' --results-directory $Results
    $unitExit = $LASTEXITCODE
    $unit = @{ Passed = 0; Failed = 0; Skipped = 0 }
    if (Test-Path $trx) {
        $c = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
        $unit = @{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted; Skipped = [int]$c.total - [int]$c.executed }
    }
    if ($unitExit -ne 0 -and $unit.Failed -eq 0) { $unit.Failed = 1; Write-Host "xunit run failed (exit $unitExit) without a failed test: counted as one failure." }

    $pesterJson = Join-Path $Results 'pester.json'
    Remove-Item $pesterJson -ErrorAction Ignore
    $pesterArgs = @('-PesterModule', (Join-Path (Get-NuGetRoot) 'pester/5.7.1/tools/Pester.psd1'), '-ModuleManifest', (Join-Path $ModuleOut 'ThanosLab.psd1'), '-ResultPath', $pesterJson)
    if ($ExcludeTag) { $pesterArgs += @('-ExcludeTag', ($ExcludeTag -join ',')) }
    $null = Invoke-ChildPwsh (Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1') $pesterArgs
    $pester = @{ Passed = 0; Failed = 1; Skipped = 0 }
    if (Test-Path $pesterJson) { $pester = Get-Content -Raw $pesterJson | ConvertFrom-Json -AsHashtable }
    else { Write-Host 'Pester wrote no results: counted as one failure.' }

    $passed = $unit.Passed + $pester.Passed
    $failed = $unit.Failed + $pester.Failed
    $skipped = $unit.Skipped + $pester.Skipped
    Write-Host "xunit: $($unit.Passed) passed, $($unit.Failed) failed, $($unit.Skipped) skipped; Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    # Opt-in tests (THANOSLAB_E2E_REGISTRY) are the only ones that may skip under CI=true.
    if ($skipped) { Write-Host "$skipped skipped (opt-in tests, or components missing outside CI)" }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Publish {
    Invoke-Package
    $code = Invoke-ChildPwsh (Join-Path $Root 'tools/Test-Publish.ps1') @('-ModulePath', $ModuleOut)
    if ($code -ne 0) { throw 'Publishing to the local repository failed.' }
}

function Invoke-Demo {
    Invoke-Package
    $code = Invoke-ChildPwsh (Join-Path $Root 'examples/demo.ps1') @('-ModuleManifest', (Join-Path $ModuleOut 'ThanosLab.psd1'))
    if ($code -ne 0) { exit $code }
}

# The cmdlet reference in docs/cmdlets, from the same help sources as the MAML.
function Invoke-Docs {
    Invoke-Package
    Invoke-HelpGenerator 'ConvertTo-MarkdownHelp.ps1' @('-OutputDirectory', (Join-Path $Root 'docs/cmdlets'))
    Write-Host "Cmdlet reference: $(Join-Path $Root 'docs/cmdlets')"
}

function Invoke-Bench {
    Invoke-Package
    $code = Invoke-ChildPwsh (Join-Path $Root 'bench/Invoke-Benchmarks.ps1') @('-ModuleManifest', (Join-Path $ModuleOut 'ThanosLab.psd1'))
    if ($code -ne 0) { exit $code }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Package' { Invoke-Package }
    'Test' { Invoke-Test }
    'Publish' { Invoke-Publish }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Docs' { Invoke-Docs }
}
