using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Durations;

namespace ThanosLab.Binding;

/// <summary>
/// Lets a time parameter take a DateTimeOffset, a DateTime, a TimeSpan (from now), an RFC 3339
/// string or a duration string relative to now (<c>-6h</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TimeOrDurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        try
        {
            return value switch
            {
                TimeOrDuration t => t,
                DateTimeOffset d => TimeOrDuration.At(d),
                DateTime d => TimeOrDuration.At(d.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(d, TimeSpan.Zero) : new DateTimeOffset(d)),
                TimeSpan s => TimeOrDuration.FromNow(s),
                string s => TimeOrDuration.Parse(s),
                _ => throw new ArgumentTransformationMetadataException(
                    $"'{value}' is not a time: give a DateTimeOffset, an RFC 3339 string such as 2024-01-01T00:00:00Z, or a duration relative to now such as -6h."),
            };
        }
        catch (ThanosLabException e)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }
}
