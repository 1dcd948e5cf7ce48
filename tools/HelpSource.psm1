<#
.SYNOPSIS
    Reads the help sources kept beside each cmdlet (*.help.psd1, and *.parameters.psd1 for parameters a
    base class gives several cmdlets): the one source of the MAML help and of docs/cmdlets.
#>

function Get-HelpSource {
    <# Returns a hashtable: cmdlet class name without 'Command' (e.g. 'GetThanosBlock') -> its help source, Parameters merged. #>
    param([Parameter(Mandatory)] [string] $SourceDirectory)
    $sources = @{}
    # A help source lists the bases it takes shared parameter texts from in SharedParameters; its own text wins.
    $shared = @{}
    foreach ($file in Get-ChildItem -Path $SourceDirectory -Recurse -Filter '*.parameters.psd1') {
        $shared[$file.Name -replace '\.parameters\.psd1$', ''] = Import-PowerShellDataFile -Path $file.FullName
    }
    foreach ($file in Get-ChildItem -Path $SourceDirectory -Recurse -Filter '*.help.psd1') {
        $source = Import-PowerShellDataFile -Path $file.FullName
        $parameters = @{}
        foreach ($base in @($source.SharedParameters)) {
            if (-not $base) { continue }
            if (-not $shared.ContainsKey($base)) { throw "$($file.Name) names SharedParameters '$base', but there is no $base.parameters.psd1." }
            foreach ($entry in $shared[$base].GetEnumerator()) { $parameters[$entry.Key] = $entry.Value }
        }
        foreach ($entry in $source.Parameters.GetEnumerator()) { $parameters[$entry.Key] = $entry.Value }
        $source.Parameters = $parameters
        $sources[$file.Name -replace 'Command\.help\.psd1$', ''] = $source
    }
    $sources
}

function Get-CmdletHelpSource {
    <# The help source of one exported cmdlet; an error naming the missing file when there is none. #>
    param([Parameter(Mandatory)] $Sources, [Parameter(Mandatory)] [System.Management.Automation.CmdletInfo] $Command)
    $help = $Sources[$Command.ImplementingType.Name -replace 'Command$', '']
    if (-not $help) { throw "No help source $($Command.ImplementingType.Name).help.psd1 for $($Command.Name)." }
    $help
}

function Get-PipelineInput {
    <# How a parameter binds from the pipeline in a parameter set (or any set): 'ByValue', 'ByPropertyName', both, or nothing. #>
    param([Parameter(Mandatory)] [System.Management.Automation.ParameterMetadata] $Parameter, [string] $SetName)
    $attr = Get-ParameterAttribute $Parameter $SetName
    $pipeline = @()
    if ($attr.ValueFromPipeline) { $pipeline += 'ByValue' }
    if ($attr.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    , $pipeline
}

function Get-ParameterAttribute {
    <# The [Parameter()] attribute of a parameter for a set, falling back to its first one. #>
    param([Parameter(Mandatory)] [System.Management.Automation.ParameterMetadata] $Parameter, [string] $SetName)
    $attrs = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
    $attr = $attrs | Where-Object { $_.ParameterSetName -eq $SetName -or $_.ParameterSetName -eq '__AllParameterSets' -or -not $SetName } | Select-Object -First 1
    if ($attr) { $attr } else { $attrs | Select-Object -First 1 }
}

$CommonParameterNames = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

Export-ModuleMember -Function Get-HelpSource, Get-CmdletHelpSource, Get-PipelineInput, Get-ParameterAttribute -Variable CommonParameterNames
