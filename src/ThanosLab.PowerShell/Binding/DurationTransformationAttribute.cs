using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Durations;

namespace ThanosLab.Binding;

/// <summary>Lets a TimeSpan parameter also take Prometheus/Go duration strings such as <c>15s</c>, <c>1h</c>, <c>1h0m0s</c>, <c>1000d</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        if (value is string s)
        {
            if (TimeSpan.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var ts) && s.Contains(':'))
            {
                return InRange(ts);
            }
            try
            {
                return PrometheusDuration.Parse(s, "duration");
            }
            catch (ThanosLabException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
        if (value is TimeSpan span)
        {
            return InRange(span);
        }
        if (value is null)
        {
            return value!;
        }
        // PowerShell reads a bare 30s as the number 30 (s = short) and 1d as a decimal; converting
        // those to ticks would silently give 3 microseconds.
        throw new ArgumentTransformationMetadataException(
            $"The {value.GetType().Name} {value} is not a duration: give a quoted duration string such as '15s' or '1h' (a bare 15s is PowerShell's number 15), or a TimeSpan.");
    }

    // Every duration parameter ends up in a Go time.Duration (a flag, a config file) or a timer.
    private static TimeSpan InRange(TimeSpan value)
    {
        if (GoDuration.InRange(value)) return value;
        var e = GoDuration.OutOfRange(value, "duration");
        throw new ArgumentTransformationMetadataException(e.Message, e);
    }
}
