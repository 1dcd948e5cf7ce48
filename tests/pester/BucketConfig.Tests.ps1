BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Secret = 'Pester-Secret-' + [guid]::NewGuid().ToString('N')
    $script:Cred = [pscredential]::new('minio', (ConvertTo-SecureString $Secret -AsPlainText -Force))
}

Describe 'Bucket configuration objects' {
    It 'never show the secret in table, list, string, JSON or verbose output' {
        $config = New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Credential $Cred -Insecure -SignatureVersion2 -Verbose 4>&1
        $object = $config | Where-Object { $_ -is [ThanosLab.ThanosBucketConfig] }
        $text = @(
            ($config | Out-String)
            ($object | Format-Table | Out-String)
            ($object | Format-List * | Out-String)
            $object.ToString()
            "$object"
            ($object | ConvertTo-Json -Depth 5)
            ($object | Select-Object * | Out-String)
        ) -join "`n"
        $text | Should -Not -Match ([regex]::Escape($Secret))
        ($object | Format-Table | Out-String) | Should -Match 's3://thanos'
    }

    It 'shows Type, Location and Prefix in the default table view' {
        $table = New-ThanosBucketConfig -FileSystem -Directory $TestDrive -Prefix lab | Format-Table | Out-String
        $table | Should -Match 'Type\s+Location\s+Prefix'
        $table | Should -Match 'FILESYSTEM'
    }

    It 'rejects an endpoint with a scheme with a hint' {
        { New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint http://127.0.0.1:9000 -Credential $Cred -ErrorAction Stop } |
            Should -Throw -ErrorId 'EndpointHasScheme,ThanosLab.Cmdlets.NewThanosBucketConfigCommand' -ExpectedMessage '*-Insecure*'
    }

    It 'exports an owner-only file that imports back' -Skip:$IsWindows {
        $path = Join-Path $TestDrive 'bucket_storage.yaml'
        New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Credential $Cred -Insecure | Export-ThanosConfig -Path $path
        (Get-Item $path).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        $back = Import-ThanosConfig -Path $path
        $back.Location | Should -Be 's3://thanos'
        $back.Type | Should -Be 'S3'
    }
}

Describe 'New-ThanosBucket on a real S3 server (radosgw)' {
    BeforeAll {
        $script:Rgw = & (Join-Path $PSScriptRoot '../tools/Start-RadosGateway.ps1')
    }
    AfterAll {
        if ($Rgw) { & $Rgw.Stop }
    }

    It 'creates the bucket once, then finds it existing' {
        $config = New-ThanosBucketConfig -S3 -Bucket pester-thanos -Endpoint $Rgw.Endpoint -Credential $Rgw.Credential -Insecure
        $first = $config | New-ThanosBucket -Verbose 4>&1
        ($first | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'Created the bucket s3://pester-thanos.'
        $second = New-ThanosBucket -Bucket $config -Verbose 4>&1
        ($second | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'The bucket s3://pester-thanos already exists.'
        ($second | Where-Object { $_ -is [ThanosLab.ThanosBucketConfig] }).Location | Should -Be 's3://pester-thanos'
    }

    It 'reports a wrong secret as InvalidCredentials without the secret' {
        $wrong = [pscredential]::new($Rgw.AccessKey, (ConvertTo-SecureString 'Wrong-Pester-Secret' -AsPlainText -Force))
        $config = New-ThanosBucketConfig -S3 -Bucket pester-thanos -Endpoint $Rgw.Endpoint -Credential $wrong -Insecure
        $err = $null
        $config | New-ThanosBucket -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidCredentials,ThanosLab.Cmdlets.NewThanosBucketCommand'
        $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($err[0] | Out-String) + ($err[0] | Format-List * -Force | Out-String) | Should -Not -Match 'Wrong-Pester-Secret'
    }
}
