using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Tsdb.Verification;

/// <summary>
/// What one verification of a block has found and counted so far, shared by the checkers of each file
/// kind (<see cref="MetaChecks"/>, <see cref="IndexChecks"/>, <see cref="ChunkChecks"/>).
/// </summary>
internal sealed class VerificationRun
{
    public VerificationRun(string path, CancellationToken cancellation)
    {
        Path = path;
        Cancellation = cancellation;
    }

    public string Path { get; }

    public CancellationToken Cancellation { get; }

    public BlockIssueList Issues { get; } = new();

    /// <summary>False when chunks are checked by their records and headers only (<see cref="BlockVerifier.Verify"/>).</summary>
    public bool DecodeSamples { get; init; } = true;

    /// <summary>meta.json as read; null when it is missing or does not read.</summary>
    public BlockMeta? Meta { get; set; }

    public long Series { get; set; }

    public long Chunks { get; set; }

    public long Samples { get; set; }

    /// <summary>The chunk segments; null when chunks/ is missing.</summary>
    public ChunkSegmentReader? ChunkReader { get; set; }

    /// <summary>
    /// False once a chunk could not be read or decoded to its end (or its encoding is not decoded):
    /// the samples counted are then not all there are, so stats.numSamples is not compared. A field,
    /// since the aggregate checks clear it by reference.
    /// </summary>
    public bool ChunksComplete = true;

    private long[] _timestamps = Array.Empty<long>();
    private double[] _values = Array.Empty<double>();

    /// <summary>
    /// Arrays for at least <paramref name="count"/> decoded samples, reused from chunk to chunk (grown to
    /// the largest chunk's count), so that decoding every chunk allocates nothing.
    /// </summary>
    public (long[] Timestamps, double[] Values) SampleArrays(int count)
    {
        if (_timestamps.Length < count)
        {
            _timestamps = new long[count];
            _values = new double[count];
        }
        return (_timestamps, _values);
    }

    /// <summary>Every series entry's reference, in index order.</summary>
    public List<uint> SeriesRefs { get; } = new();

    /// <summary>
    /// The series references each (name, value) symbol pair should list in the postings. Looked up for
    /// every label of every series, so hashed; whoever needs the pairs in order sorts them.
    /// </summary>
    public Dictionary<(int Name, int Value), List<uint>> ExpectedPostings { get; } = new();
}
