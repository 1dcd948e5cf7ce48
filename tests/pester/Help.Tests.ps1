BeforeDiscovery {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Commands = Get-Command -Module ThanosLab -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $Commands {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Command = Get-Command $Name
    }

    It 'has a synopsis and a description' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + ' \[')
        ($Help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with remarks' {
        @($Help.Examples.Example).Count | Should -BeGreaterThan 0
        foreach ($ex in $Help.Examples.Example) {
            $ex.Code | Should -Match $Name
            ($ex.Remarks.Text -join ' ') | Should -Not -BeNullOrEmpty
        }
    }

    It 'documents every parameter' {
        foreach ($p in $Command.Parameters.Keys | Where-Object { $_ -notin $Common }) {
            $ph = $Help.Parameters.Parameter | Where-Object Name -EQ $p
            $ph | Should -Not -BeNullOrEmpty -Because "parameter -$p of $Name needs help"
            ($ph.Description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "parameter -$p of $Name needs a description"
        }
    }
}

Describe 'about_ThanosLab' {
    It 'is found by Get-Help' {
        (Get-Help about_ThanosLab | Out-String) | Should -Match 'ThanosLab'
    }
}

# docs/cmdlets is generated from the same help sources as the MAML; a stale page is a failure here, so
# the repository's reference and Get-Help never disagree.
Describe 'docs/cmdlets' {
    It 'is what ./build.ps1 Docs writes from the current help sources' {
        $root = Join-Path $PSScriptRoot '../..'
        $fresh = Join-Path $TestDrive 'cmdlets'
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/ConvertTo-MarkdownHelp.ps1') -ModuleManifest $env:THANOSLAB_MANIFEST `
            -SourceDirectory (Join-Path $root 'src/ThanosLab.PowerShell') -OutputDirectory $fresh | Out-Host
        $LASTEXITCODE | Should -Be 0
        $committed = Join-Path $root 'docs/cmdlets'
        (Get-ChildItem $fresh -Filter *.md).Name | Sort-Object | Should -Be ((Get-ChildItem $committed -Filter *.md).Name | Sort-Object)
        foreach ($page in Get-ChildItem $fresh -Filter *.md) {
            (Get-Content -Raw (Join-Path $committed $page.Name)) | Should -BeExactly (Get-Content -Raw $page.FullName) -Because "docs/cmdlets/$($page.Name) is stale: run ./build.ps1 Docs"
        }
    }
}
