@{
    Synopsis    = 'Verifies TSDB block directories deeply and reports every problem found.'
    Description = @'
Test-ThanosBlock reads every byte of a block that Prometheus or Thanos would rely on and checks it: magic numbers and format versions of the index, chunk segments and tombstones; every CRC32C (index TOC, symbol table, each series entry, label indices, postings lists, both offset tables, each chunk record, tombstones); the order of symbols, series and postings; that the index sections tile the file with nothing but zero padding between them; that label indices and postings lists agree with the series and reference only real series; that every chunk reference points inside a segment, every chunk decodes to its announced sample count with increasing timestamps that match the chunk's time range in the index, and lies inside the block's [minTime, maxTime) from meta.json (maxTime exclusive); and that meta.json is valid, names its own directory, and states the series, chunk and sample counts the content really has.

meta.json is read as strictly as Prometheus and Thanos read it (Go's JSON decoding rules: a field of the wrong JSON type, a version other than 1, trailing data are all refused), and the fields every writer writes (ulid, minTime, maxTime, stats, compaction and its level) must be there; the issue names the field as a JSON path such as thanos.files[0].size_bytes. The files of a block must be regular files: a FIFO, a device, a socket, or a symbolic link that leaves the block is an issue naming the file, and such a file is never opened, so a FIFO cannot hang the check and /dev/zero cannot feed it without end.

It emits one ThanosBlockTestResult per block with IsHealthy and the Issues found (each names the file, the byte offset and/or the series, and what is wrong), or with -Quiet a single boolean that is true only when every block is healthy. A corrupt block is a result, not an error: the verifier never throws on bad data and never reads outside the file it checks. Only a path that does not exist, or is not a directory, is a (non-terminating) error.

Blocks are verified after all input has arrived, in parallel (-ThrottleLimit), with a progress bar over the blocks; results come out in input order, and Ctrl+C stops promptly.
'@
    Parameters  = @{
        Path  = 'One or more block directories. Wildcards are resolved like Resolve-Path. Binds from the pipeline by value and by the property names Path (so ThanosBlock objects from Get-ThanosBlock or New-ThanosBlockData bind).'
        LiteralPath = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
        ThrottleLimit = 'How many blocks are verified at the same time (default: the number of processors). Each block is verified by one thread; results are still written in input order.'
        SkipSampleDecoding = 'Check every chunk by its record only: the reference, the CRC32C, the encoding and the sample count its header announces (which still must add up to stats.numSamples), without decoding the samples. Everything else is checked as without it. This takes about a third of the time and finds any damage to the stored bytes, since the CRCs cover them, but not a writer''s mistake inside a chunk: samples out of order, outside the chunk''s time range in the index, or a bit stream that ends early. Results carry SamplesDecoded = False, and SamplesChecked counts the announced samples. This is the depth of promtool tsdb analyze and of Thanos'' index verification, which read no samples either.'
        Quiet = 'Return one boolean for all blocks: true when at least one block was verified and every block is healthy; false when any block has an issue, any path is missing, or no block was checked at all (an empty pipeline, for instance after an earlier step failed), which also writes a warning.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Blocks from Get-ThanosBlock or New-ThanosBlockData (bound by their Path).'; 'System.String' = 'Block directory paths.' }
    Outputs     = @{ 'ThanosLab.ThanosBlockTestResult' = 'Id, Path, IsHealthy, Issues (File, Offset, Series, Message), SeriesChecked, ChunksChecked, SamplesChecked, SamplesDecoded and Duration per block.'; 'System.Boolean' = 'With -Quiet: whether every block is healthy.' }
    Notes       = 'At most 200 issues are listed per block; a last issue counts the rest. Thanos downsampled aggregate chunks (encoding 255) are decoded too: every sub-chunk, timestamps in order, count never negative, min <= max, windows aligned to the resolution in meta.json; their windows count as samples, as Thanos counts them. Chunks of native histograms (encodings 2 and 3) are decoded as well: counts never negative nor below what the buckets hold, and in a counter histogram no count going down inside a chunk. Any other encoding is an issue.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosBlock -Path ./prom-eu1 | Test-ThanosBlock'
            Remarks = 'Verifies every block of a data directory and shows one row per block with its health and the number of series, chunks and samples checked.'
        }
        @{
            Code    = 'Test-ThanosBlock -Path ./prom-eu1/01HM* | Where-Object { -not $_.IsHealthy } | ForEach-Object Issues'
            Remarks = 'Lists the problems of the unhealthy blocks whose directory names start with 01HM: file, offset, series and message.'
        }
        @{
            Code    = 'if (-not (New-ThanosBlockData -Profile continuous-30d-tiny -OutputDirectory ./data | Test-ThanosBlock -Quiet)) { throw ''generated blocks are corrupt'' }'
            Remarks = 'Generates a month of data and fails the script unless every written block verifies.'
        }
        @{
            Code    = 'Get-ThanosBlock -Path /data/store-cache | Test-ThanosBlock -SkipSampleDecoding -Verbose | Where-Object { -not $_.IsHealthy }'
            Remarks = 'A faster check of many blocks for damaged bytes: every CRC, the index and the chunk headers, but no sample decoded. Run it without -SkipSampleDecoding on the blocks it passes when you also want to know that every chunk decodes in order.'
        }
    )
    Links       = @('Get-ThanosBlock', 'New-ThanosBlockData', 'about_ThanosLab')
}
