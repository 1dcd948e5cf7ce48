BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:BucketDir = Join-Path $Root 'bucket'
    $null = New-Item -ItemType Directory $BucketDir
    $script:Bucket = New-ThanosBucketConfig -FileSystem -Directory $BucketDir

    # The next ULID after $Id in ULID order (Crockford base32, as a 130-bit number plus one).
    function script:Get-NextUlid([string] $Id) {
        $alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
        $chars = $Id.ToCharArray()
        for ($i = $chars.Length - 1; $i -ge 0; $i--) {
            $n = $alphabet.IndexOf($chars[$i])
            if ($n -lt 31) { $chars[$i] = $alphabet[$n + 1]; break }
            $chars[$i] = '0'
        }
        -join $chars
    }
}

AfterAll {
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

# Through the packaged module, as an operator reproduces a compactor halt: one plan written twice into
# one data directory (-Force) and published, the same plan for other labels, a partial upload and a
# duplicated compaction; then Test-ThanosBucket and its findings piped into Set-ThanosBlockMark.
Describe 'Test-ThanosBucket on a bucket with overlaps, a partial upload and a duplicate' {
    BeforeAll {
        $plan = Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z')
        $one = Join-Path $Root 'one'
        $script:First = $plan | New-ThanosBlockData -OutputDirectory $one
        $script:Second = $plan | New-ThanosBlockData -OutputDirectory $one -Force
        $null = Publish-ThanosBlock -Path $one -Bucket $Bucket -Label @{ cluster = 'one' }
        $two = Join-Path $Root 'two'
        $script:Other = Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ cluster = 'two' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') |
            New-ThanosBlockData -OutputDirectory $two
        $null = Publish-ThanosBlock -Path $two -Bucket $Bucket -Label @{ cluster = 'two' }

        $script:Partial = $Other[0].Id
        Remove-Item -LiteralPath (Join-Path $BucketDir $Partial 'meta.json')

        # A duplicated compaction: a copy of a block under a later id, its sources unchanged.
        $script:Original = ($First | Sort-Object Id)[-1].Id
        $script:Duplicate = Get-NextUlid $Original
        Copy-Item -Recurse -LiteralPath (Join-Path $BucketDir $Original) -Destination (Join-Path $BucketDir $Duplicate)
        $metaPath = Join-Path $BucketDir $Duplicate 'meta.json'
        $text = [IO.File]::ReadAllText($metaPath).Replace("`"ulid`": `"$Original`"", "`"ulid`": `"$Duplicate`"")
        [IO.File]::WriteAllText($metaPath, $text)
        $script:Findings = Test-ThanosBucket -Bucket $Bucket
    }

    It 'lists every overlapping block once, pairing each block with its copy, never across streams' {
        $overlaps = @($Findings | Where-Object Kind -eq Overlap)
        $overlaps.Count | Should -Be $First.Count
        $overlaps[0] | Should -BeOfType ThanosLab.ThanosBucketFinding
        foreach ($f in $overlaps) {
            $f.Stream | Should -Be 'raw@{cluster="one"}'
            $f.RecommendedMark | Should -Be 'NoCompact'
            $f.Blocks.Count | Should -Be 2
            $a = $First | Where-Object Id -in $f.Blocks
            $b = $Second | Where-Object Id -in $f.Blocks
            $a.MinTime | Should -Be $b.MinTime
        }
        $listed = $overlaps.Blocks | Sort-Object -Unique
        $listed.Count | Should -Be ($First.Count + $Second.Count)
        $listed | Should -Not -Contain $Duplicate
        $Other.Id | ForEach-Object { $listed | Should -Not -Contain $_ }
    }

    It 'names the partial upload and the duplicate, acting only on the duplicate' {
        $partialFinding = $Findings | Where-Object Kind -eq PartialUpload
        $partialFinding.Id | Should -Be $Partial
        $partialFinding.Message | Should -Match 'no meta\.json'
        $duplicateFinding = $Findings | Where-Object Kind -eq DuplicateCompaction
        $duplicateFinding.Id | Should -Be $Duplicate
        $duplicateFinding.Blocks | Should -Be @($Duplicate, $Original)
        $duplicateFinding.RecommendedMark | Should -Be 'Deletion'
        ($Findings | Format-Table | Out-String -Width 300) | Should -Match "DuplicateCompaction\s+raw@\{cluster=`"one`"\}\s+$Duplicate"
        Test-ThanosBucket -Bucket $Bucket -Quiet | Should -BeFalse
    }

    It 'marks every block of every overlap through the pipeline, one mark per block' {
        $marks = Test-ThanosBucket -Bucket $Bucket | Where-Object Kind -eq Overlap | Set-ThanosBlockMark -Bucket $Bucket -Kind NoCompact
        $marks.Count | Should -Be ($First.Count + $Second.Count)
        ($marks.Id | Sort-Object -Unique).Count | Should -Be $marks.Count
        $marked = Get-ThanosBlock -Bucket $Bucket | Where-Object NoCompactMarked
        ($marked.Id | Sort-Object) | Should -Be (($First.Id + $Second.Id) | Sort-Object)
        # Thanos still counts no-compact-marked blocks in its overlap check: the overlaps stay listed.
        @(Test-ThanosBucket -Bucket $Bucket | Where-Object Kind -eq Overlap).Count | Should -Be $First.Count
    }
}

Describe 'Test-ThanosBucket on an empty bucket' {
    It 'is not a pass, and says so' {
        $empty = Join-Path $Root 'empty'
        $null = New-Item -ItemType Directory $empty
        $config = New-ThanosBucketConfig -FileSystem -Directory $empty
        Test-ThanosBucket -Bucket $config -Quiet -WarningVariable warned -WarningAction SilentlyContinue | Should -BeFalse
        $warned | Should -Match 'holds no blocks'
    }
}

# New-ThanosBlockData -Fault through the packaged module: each defect is found by Test-ThanosBlock and by
# Test-ThanosBucket -Deep under the kind the compactor's check gives it.
Describe 'Fault blocks found by Test-ThanosBlock and Test-ThanosBucket -Deep' {
    BeforeAll {
        $script:FaultBucket = New-ThanosBucketConfig -FileSystem -Directory (Join-Path $Root 'fault-bucket')
        New-ThanosBucket -Bucket $FaultBucket
        $plan = Get-ThanosBlockPlan -Profile continuous-30d-tiny -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') | Select-Object -First 1
        $script:FaultBlocks = @{}
        foreach ($fault in [Enum]::GetNames([ThanosLab.ThanosBlockFault])) {
            $dir = Join-Path $Root "fault-$fault"
            $FaultBlocks[$fault] = $plan | New-ThanosBlockData -OutputDirectory $dir -Fault $fault
            $null = Publish-ThanosBlock -Path $dir -Bucket $FaultBucket -Label @{ fault = $fault }
        }
    }

    It 'finds <Fault> with Test-ThanosBlock and files it as <Kind>' -ForEach @(
        @{ Fault = 'OutOfOrderChunks'; Kind = 'OutOfOrderChunks'; Issue = 'chunks overlap or are out of order' }
        @{ Fault = 'ChunkOutsideRange'; Kind = 'MetaMismatch'; Issue = 'is not inside the block range' }
        @{ Fault = 'DuplicateSeries'; Kind = 'IndexIssue'; Issue = 'not after the previous series' }
        @{ Fault = 'EmptyChunk'; Kind = 'IndexIssue'; Issue = 'holds no samples' }
        @{ Fault = 'WrongStats'; Kind = 'MetaMismatch'; Issue = 'stats.numSamples is 2401' }
    ) {
        $result = $FaultBlocks[$Fault] | Test-ThanosBlock
        $result.IsHealthy | Should -BeFalse
        ($result.Issues.Message -join "`n") | Should -Match ([regex]::Escape($Issue))
        $findings = @(Test-ThanosBucket -Bucket $FaultBucket -Deep | Where-Object { $_.Blocks -contains $FaultBlocks[$Fault].Id })
        $findings.Count | Should -Be 1
        $findings[0].Kind | Should -Be $Kind
    }

    It 'finds nothing without -Deep, since meta.json alone looks healthy' {
        Test-ThanosBucket -Bucket $FaultBucket -Quiet | Should -BeTrue
    }
}

# Remove-ThanosBlock through the packaged module: the retention preview changes nothing, a finding's
# block is marked, and -Force deletes a block (meta.json first) leaving the others.
Describe 'Remove-ThanosBlock' {
    BeforeAll {
        $script:RemovalBucketDir = Join-Path $Root 'removal-bucket'
        $script:RemovalBucket = New-ThanosBucketConfig -FileSystem -Directory $RemovalBucketDir
        New-ThanosBucket -Bucket $RemovalBucket
        $data = Join-Path $Root 'removal'
        $null = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data
        $null = Publish-ThanosBlock -Path $data -Bucket $RemovalBucket -Label @{ cluster = 'one' }
        $script:Removable = Get-ThanosBlock -Bucket $RemovalBucket | Sort-Object MaxTime
    }

    It 'previews retention with -WhatIf and changes nothing' {
        $before = Get-ChildItem -LiteralPath $RemovalBucketDir -Recurse -File | ForEach-Object FullName
        Remove-ThanosBlock -Bucket $RemovalBucket -RawOlderThan '30d' -At ([DateTimeOffset]'2024-03-01T00:00:00Z') -WhatIf
        Get-ChildItem -LiteralPath $RemovalBucketDir -Recurse -File | ForEach-Object FullName | Should -Be $before
    }

    It 'marks every raw block past the retention, as the compactor would' {
        Remove-ThanosBlock -Bucket $RemovalBucket -RawOlderThan '30d' -At ([DateTimeOffset]'2024-01-31T01:00:00Z') -Confirm:$false
        $marked = Get-ThanosBlock -Bucket $RemovalBucket | Where-Object DeletionMarked
        $expected = $Removable | Where-Object { $_.MaxTime.AddDays(30) -lt [DateTimeOffset]'2024-01-31T01:00:00Z' }
        @($marked).Count | Should -Be @($expected).Count
        @($marked).Count | Should -BeGreaterThan 0
        @($marked).Count | Should -BeLessThan $Removable.Count
    }

    It 'deletes a block at once with -Force and refuses an unknown id by name' {
        $Removable[-1] | Remove-ThanosBlock -Bucket $RemovalBucket -Force -Confirm:$false
        Test-Path -LiteralPath (Join-Path $RemovalBucketDir $Removable[-1].Id) | Should -BeFalse
        @(Get-ThanosBlock -Bucket $RemovalBucket).Count | Should -Be ($Removable.Count - 1)
        { Remove-ThanosBlock -Bucket $RemovalBucket -Id 01HK2M7J3QW8D5T1X0ZC9B6N4E -Force -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'BlockNotFound,ThanosLab.Cmdlets.RemoveThanosBlockCommand'
    }
}
