namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>One check of <see cref="BucketDoctor"/>: reads only the survey, never the bucket, and never throws for bad data.</summary>
public interface IBucketCheck
{
    IEnumerable<BucketFinding> Check(BucketSurvey survey);
}
