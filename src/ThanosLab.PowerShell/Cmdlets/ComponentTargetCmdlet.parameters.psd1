@{
    InputObject = 'Components from Start-Thanos* or Get-ThanosComponent, by pipeline.'
    Name        = 'Names of components, for the lab in -Lab; by pipeline too. Tab completion lists the running components.'
    Runtime     = 'The runtime of the named components: Docker (default) or Process.'
}
