namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>The result of <see cref="BucketDoctor.ExamineAsync"/>: how many block prefixes were looked at, and what was found.</summary>
public sealed record BucketExamination(int BlocksChecked, IReadOnlyList<BucketFinding> Findings)
{
    /// <summary>Nothing found, and something was looked at: a check over an empty bucket is not a pass.</summary>
    public bool Passed => BlocksChecked > 0 && Findings.Count == 0;
}
