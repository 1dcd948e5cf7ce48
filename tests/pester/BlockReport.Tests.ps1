# Export-ThanosBlockReport and Format-ThanosBlockTimeline through the packaged module; every report the
# tests write is opened by a real browser (Debian's chromium, headless): a screenshot is taken, the DOM
# after its script ran must hold every block id in its lane, and the browser's network log must show
# no request made by the page (a control page with an image proves such requests are seen).
BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory $Root
    $script:Chromium = (Get-Command chromium -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    if (-not $Chromium -and $env:CI -eq 'true') { throw 'Required component missing under CI=true: chromium (apt-get install chromium).' }
    $script:NoChromium = -not $Chromium
    $script:Hostile = 'two</script><script>alert(1)</script>"'''

    # The lane a block is drawn in: its stream as the compactor names it, or the lane of blocks without a range.
    function script:Get-Lane($Block) {
        if ($Block.IsPartial -or $Block.MinTime -eq [DateTimeOffset]::MinValue) { return 'without a readable meta.json' }
        $resolution = switch ($Block.Resolution.TotalMilliseconds) { 0 { 'raw' } 300000 { '5m' } 3600000 { '1h' } }
        $labels = @($Block.Labels.GetEnumerator() | ForEach-Object { '{0}="{1}"' -f $_.Key, ($_.Value.Replace('\', '\\').Replace('"', '\"')) }) -join ', '
        "$resolution@{$labels}"
    }

    # Opens $Path in headless chromium once: a screenshot, the DOM after the page's script ran, its console, and its own requests from the net log.
    function script:Open-InChromium([string] $Path) {
        $name = [IO.Path]::GetFileNameWithoutExtension($Path)
        $png = Join-Path $Root "$name.png"
        $netLog = Join-Path $Root "$name.netlog.json"
        $common = @('--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1400,900', "--user-data-dir=$(Join-Path $Root "profile-$name")")
        $errorLog = Join-Path $Root "$name.stderr.txt"
        $dom = (& $Chromium @common "--screenshot=$png" '--enable-logging=stderr' '--v=0' "--log-net-log=$netLog" '--dump-dom' "file://$Path" 2>$errorLog) -join "`n"
        # The page's console: a script error ("Uncaught ...") or a load the policy refused ("Refused to ...").
        $consoleErrors = @(Get-Content -LiteralPath $errorLog | Where-Object { $_ -match ':CONSOLE' -and $_ -match 'Uncaught|Refused to' })
        $log = Get-Content -Raw $netLog | ConvertFrom-Json
        $start = $log.constants.logEventTypes.URL_REQUEST_START_JOB
        # The browser's own traffic (updates, time) has no origin; a request made by a page has the page's.
        $pageRequests = @($log.events | Where-Object { $_.type -eq $start -and $_.params.url -and $_.params.initiator -ne 'not an origin' } | ForEach-Object { $_.params.url })
        [pscustomobject]@{ Screenshot = Get-Item $png; Dom = $dom; PageRequests = $pageRequests; ConsoleErrors = $consoleErrors }
    }

    function script:Get-DrawnBlocks([string] $Dom) {
        $drawn = @{}
        foreach ($m in [regex]::Matches($Dom, 'data-block="([^"]+)" data-lane="([^"]*)"')) {
            $drawn[$m.Groups[1].Value] = [Net.WebUtility]::HtmlDecode($m.Groups[2].Value)
        }
        $drawn
    }

    function script:Assert-Report([string] $Path, [object[]] $Blocks) {
        $page = Open-InChromium $Path
        $page.Screenshot.Length | Should -BeGreaterThan 10000
        $page.PageRequests | Should -BeNullOrEmpty
        $page.ConsoleErrors | Should -BeNullOrEmpty
        $page.Dom | Should -Match '<meta http-equiv="Content-Security-Policy" content="default-src ''none''; script-src ''sha256-'
        $drawn = Get-DrawnBlocks $page.Dom
        $drawn.Count | Should -Be @($Blocks).Count
        foreach ($b in $Blocks) { $drawn[$b.Id] | Should -Be (Get-Lane $b) -Because "block $($b.Id)" }
        $page
    }
}

AfterAll {
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-ThanosBlockReport of a year and its downsampled blocks' {
    BeforeAll {
        $script:Year = Join-Path $Root 'year'
        $script:Raw = @(Get-ThanosBlockPlan -Profile continuous-365d-tiny -Label @{ cluster = 'eu1' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') |
            New-ThanosBlockData -OutputDirectory $Year)
        $down = Join-Path $Root 'downsampled'
        $script:FiveMinute = @($Raw | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory $down -WarningAction SilentlyContinue)
        $script:OneHour = @($FiveMinute | Invoke-ThanosDownsample -Resolution 1h -OutputDirectory $down -WarningAction SilentlyContinue)
    }

    It 'draws the raw year in one lane, and a browser shows every block and loads nothing' -Skip:$NoChromium {
        $file = Get-ThanosBlock -Path $Year | Export-ThanosBlockReport -Path (Join-Path $Root 'raw-year.html')
        $file | Should -BeOfType System.IO.FileInfo
        $page = Assert-Report $file.FullName $Raw
        (Get-DrawnBlocks $page.Dom).Values | Sort-Object -Unique | Should -Be 'raw@{cluster="eu1"}'
    }

    It 'draws the year with its 5m and 1h blocks in three lanes' -Skip:$NoChromium {
        $all = @(Get-ThanosBlock -Path $Year, (Join-Path $Root 'downsampled'))
        $all.Count | Should -Be ($Raw.Count + $FiveMinute.Count + $OneHour.Count)
        $file = $all | Export-ThanosBlockReport -Path (Join-Path $Root 'year-5m-1h.html')
        $page = Assert-Report $file.FullName $all
        (Get-DrawnBlocks $page.Dom).Values | Sort-Object -Unique | Should -Be @('1h@{cluster="eu1"}', '5m@{cluster="eu1"}', 'raw@{cluster="eu1"}')
    }

    It 'refuses to replace an existing report unless -Force or to write onto a directory, and draws nothing without blocks' {
        $path = Join-Path $Root 'exists.html'
        Set-Content -LiteralPath $path -Value 'mine'
        { Get-ThanosBlock -Path $Year | Export-ThanosBlockReport -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,ThanosLab.Cmdlets.ExportThanosBlockReportCommand'
        Get-Content -LiteralPath $path | Should -Be 'mine'
        (Get-ThanosBlock -Path $Year | Export-ThanosBlockReport -Path $path -Force).Length | Should -BeGreaterThan 1000
        { Get-ThanosBlock -Path $Year | Export-ThanosBlockReport -Path $Year -Force -ErrorAction Stop } | Should -Throw -ErrorId 'ReportPathIsDirectory,ThanosLab.Cmdlets.ExportThanosBlockReportCommand'
        $none = Join-Path $Root 'none.html'
        @() | Export-ThanosBlockReport -Path $none -WarningVariable warned -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        Test-Path -LiteralPath $none | Should -BeFalse
    }

    It 'draws the same year in the console within the width, as strings' {
        $lines = Get-ThanosBlock -Path $Year, (Join-Path $Root 'downsampled') | Format-ThanosBlockTimeline -Width 90
        $lines | Should -BeOfType System.String
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 90 }
        @($lines | Where-Object { $_ -match '│' }).Count | Should -Be 3
        $lines | Should -Contain ($lines | Where-Object { $_ -like 'raw@{cluster="eu1"}*│ 13' })
        { Get-ThanosBlock -Path $Year | Format-ThanosBlockTimeline -Width 10 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ThanosLab.Cmdlets.FormatThanosBlockTimelineCommand'
    }
}

Describe 'Export-ThanosBlockReport of a bucket with two overlapping streams, a partial upload and marks' {
    BeforeAll {
        $bucketDir = Join-Path $Root 'bucket'
        $null = New-Item -ItemType Directory $bucketDir
        $script:Bucket = New-ThanosBucketConfig -FileSystem -Directory $bucketDir
        $plan = Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z')
        $one = Join-Path $Root 'one'
        $null = $plan | New-ThanosBlockData -OutputDirectory $one
        $null = $plan | New-ThanosBlockData -OutputDirectory $one -Force
        $null = Publish-ThanosBlock -Path $one -Bucket $Bucket -Label @{ cluster = 'one' }
        $two = Join-Path $Root 'two'
        $other = @(Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ cluster = $Hostile } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') |
            New-ThanosBlockData -OutputDirectory $two | Sort-Object MinTime)
        $null = Publish-ThanosBlock -Path $two -Bucket $Bucket -Label @{ cluster = $Hostile }
        $script:Partial = $other[0].Id
        Remove-Item -LiteralPath (Join-Path $bucketDir $Partial 'meta.json')
        $script:Deleted = $other[1].Id; $script:NoCompact = $other[2].Id; $script:NoDownsample = $other[3].Id
        $null = Set-ThanosBlockMark -Bucket $Bucket -Id $Deleted -Kind Deletion -Force
        $null = Set-ThanosBlockMark -Bucket $Bucket -Id $NoCompact -Kind NoCompact
        $null = Set-ThanosBlockMark -Bucket $Bucket -Id $NoDownsample -Kind NoDownsample
        $script:Blocks = @(Get-ThanosBlock -Bucket $Bucket)
        $script:Findings = @(Test-ThanosBucket -Bucket $Bucket)
    }

    It 'draws both streams, the overlaps, the marks, the partial upload and the findings; the hostile label stays text' -Skip:$NoChromium {
        $file = $Findings | Export-ThanosBlockReport -Bucket $Bucket -Path (Join-Path $Root 'bucket.html')
        $html = Get-Content -Raw -LiteralPath $file.FullName
        $html | Should -Not -Match '<script>alert'
        $page = Assert-Report $file.FullName $Blocks
        $page.Dom | Should -Not -Match '<script>alert'
        ([regex]::Matches($page.Dom, '<script')).Count | Should -Be 2
        $page.Dom | Should -Match ([regex]::Escape('raw@{cluster="two&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"'''))
        $overlapping = @($Findings | Where-Object Kind -eq Overlap).Blocks
        $overlapping.Count | Should -BeGreaterThan 4
        foreach ($id in $overlapping) { $page.Dom | Should -Match "class=""bar [^""]*overlap[^""]*"" data-block=""$id""" }
        $page.Dom | Should -Match "class=""bar [^""]*m-del[^""]*"" data-block=""$Deleted"""
        $page.Dom | Should -Match "class=""partial"" data-block=""$Partial"""
        $page.Dom | Should -Match 'class="badge">NC<'
        $page.Dom | Should -Match 'class="badge">ND<'
        @([regex]::Matches($page.Dom, 'class="finding"')).Count | Should -Be $Findings.Count
        $page.Dom | Should -Match 'Recommendation: '
    }

    It 'shows a block''s details on a click, a finding''s recommendation, and zooms on the wheel' -Skip:$NoChromium {
        # A copy of the report without its policy, so a driving script may run after the report's own.
        $report = Get-Content -Raw -LiteralPath (Join-Path $Root 'bucket.html')
        $deleted = ($Blocks | Where-Object Id -eq $Deleted)
        $drive = @"
<script>
const before = document.getElementById('range').textContent;
document.querySelector('[data-block="$Deleted"]').dispatchEvent(new MouseEvent('click', { bubbles: true }));
const chart = document.getElementById('chart'), r = chart.getBoundingClientRect();
chart.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, clientX: r.left + 700, clientY: r.top + 50, bubbles: true, cancelable: true }));
document.body.setAttribute('data-zoomed', String(document.getElementById('range').textContent !== before));
</script>
"@
        $driven = Join-Path $Root 'driven.html'
        Set-Content -LiteralPath $driven -Value ($report -replace '<meta http-equiv="Content-Security-Policy"[^>]*>', '' -replace '</body>', "$drive</body>")
        $page = Open-InChromium $driven
        $page.ConsoleErrors | Should -BeNullOrEmpty
        $details = [regex]::Match($page.Dom, '<div id="details">([^<]*)</div>').Groups[1].Value
        $details | Should -Match "Block $Deleted"
        $details | Should -Match ([regex]::Escape('Lane: raw@{cluster="two&lt;/script&gt;'))
        $details | Should -Match "Level: 1   Series: $($deleted.Series)   Samples: $($deleted.Samples.ToString('N0', [cultureinfo]::InvariantCulture))"
        $details | Should -Match "Sources \(1\): $Deleted"
        $details | Should -Match 'Marks: deletion'
        $details | Should -Match 'Finding DeletionPending: '
        $details | Should -Match 'Recommendation: '
        $page.Dom | Should -Match 'data-zoomed="true"'
    }

    It 'runs the doctor itself with -Check, and takes Get-ThanosBlock -Bucket objects' -Skip:$NoChromium {
        $checked = Export-ThanosBlockReport -Bucket $Bucket -Path (Join-Path $Root 'checked.html') -Check
        $page = Assert-Report $checked.FullName $Blocks
        @([regex]::Matches($page.Dom, 'class="finding"')).Count | Should -Be $Findings.Count
        $piped = $Blocks | Export-ThanosBlockReport -Path (Join-Path $Root 'piped.html')
        $null = Assert-Report $piped.FullName $Blocks
    }

    It 'sees a request a page makes and a script error, so the reports'' empty lists mean something' -Skip:$NoChromium {
        $control = Join-Path $Root 'control.html'
        Set-Content -LiteralPath $control -Value '<html><body><img src="http://127.0.0.1:9/pixel.png"><script>notDefined();</script></body></html>'
        $page = Open-InChromium $control
        $page.PageRequests | Should -Be 'http://127.0.0.1:9/pixel.png'
        $page.ConsoleErrors | Should -Match 'Uncaught ReferenceError: notDefined'
    }

    It 'refuses a finding of a kind the doctor never reports, naming it, and still writes the report' {
        $bogus = [ThanosLab.ThanosBucketFinding]@{ Kind = 'Bogus'; Id = @($Deleted); Blocks = @($Deleted) }
        $file = $bogus | Export-ThanosBlockReport -Bucket $Bucket -Path (Join-Path $Root 'bogus.html') -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'UnknownFindingKind,ThanosLab.Cmdlets.ExportThanosBlockReportCommand'
        $failed[0].Exception.Message | Should -Match "kind 'Bogus' is not one Test-ThanosBucket reports \(Overlap, "
        $file.Exists | Should -BeTrue
    }

    It 'draws the bucket in the console: both lanes, the overlaps and each mark named' {
        $lines = $Blocks | Format-ThanosBlockTimeline -Width 120
        @($lines | Where-Object { $_ -match '│' }).Count | Should -Be 2
        ($lines -join "`n") | Should -Match '▒'
        $lines | Should -Contain "░ deletion-marked: $Deleted"
        $lines | Should -Contain "no-compact-marked: $NoCompact"
        $lines | Should -Contain "no-downsample-marked: $NoDownsample"
        $lines | Should -Contain "partial upload (no meta.json): $Partial"
    }
}
