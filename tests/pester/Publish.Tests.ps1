Describe 'Publishing' {
    It 'publishes to a local repository, installs from it and runs a smoke pipeline on the installed copy' {
        $moduleDir = Split-Path -Parent $env:THANOSLAB_MANIFEST
        $script = Join-Path $PSScriptRoot '../../tools/Test-Publish.ps1'
        $out = & dotnet pwsh -NoProfile -NonInteractive -File $script -ModulePath $moduleDir 2>&1
        $out | Out-String | Write-Host
        $LASTEXITCODE | Should -Be 0
        ($out | Out-String) | Should -Match 'Installed ThanosLab .* imports and plans 13 blocks'
    }
}
