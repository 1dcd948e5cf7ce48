using System.Collections;
using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Prometheus;

namespace ThanosLab.Binding;

/// <summary>
/// Turns what -ScrapeJob receives — ThanosScrapeJob objects, hashtables or any object with Name,
/// Targets and MetricsPath properties — into engine scrape jobs.
/// </summary>
internal static class ScrapeJobArguments
{
    private static readonly string[] Keys = { "Name", "Targets", "MetricsPath" };

    public static ScrapeJob ToScrapeJob(object? input)
    {
        var value = input is PSObject pso ? pso.BaseObject : input;
        switch (value)
        {
            case ThanosScrapeJob j:
                return new ScrapeJob(j.Name, j.Targets, j.MetricsPath);
            case IDictionary d:
                foreach (var key in d.Keys)
                {
                    var k = key?.ToString() ?? "";
                    if (!Keys.Contains(k, StringComparer.OrdinalIgnoreCase) && !k.Equals("JobName", StringComparison.OrdinalIgnoreCase) && !k.Equals("Target", StringComparison.OrdinalIgnoreCase))
                    {
                        throw Invalid($"The scrape job key '{k}' is not known; a scrape job has Name, Targets and optionally MetricsPath.", k);
                    }
                }
                return new ScrapeJob(Get(d, "Name", "JobName") ?? "", Strings(GetRaw(d, "Targets", "Target")), Get(d, "MetricsPath"));
            case null:
                throw Invalid("A scrape job is $null; give @{ Name = 'prometheus'; Targets = '127.0.0.1:9090' }.", null);
            default:
                var ps = PSObject.AsPSObject(input);
                var name = Scalar(ps.Properties["Name"]?.Value, "scrape job Name");
                var targets = ps.Properties["Targets"]?.Value;
                if (name is null || targets is null)
                {
                    throw Invalid($"'{value}' is not a scrape job: give a hashtable or object with Name, Targets and optionally MetricsPath, such as @{{ Name = 'prometheus'; Targets = '127.0.0.1:9090' }}.", value);
                }
                return new ScrapeJob(name, Strings(targets), Scalar(ps.Properties["MetricsPath"]?.Value, "scrape job MetricsPath"));
        }
    }

    private static object? GetRaw(IDictionary d, params string[] names)
    {
        foreach (DictionaryEntry e in d)
        {
            if (names.Contains(e.Key?.ToString(), StringComparer.OrdinalIgnoreCase)) return e.Value is PSObject p ? p.BaseObject : e.Value;
        }
        return null;
    }

    private static string? Get(IDictionary d, params string[] names) => Scalar(GetRaw(d, names), "scrape job " + names[0]);

    private static IEnumerable<string> Strings(object? value)
    {
        value = value is PSObject p ? p.BaseObject : value;
        return value switch
        {
            null => Array.Empty<string>(),
            string s => new[] { s },
            IDictionary => new[] { Scalar(value, "scrape job Targets") ?? "" },
            IEnumerable e => e.Cast<object?>().Select(o => Scalar(o, "scrape job target") ?? "").ToArray(),
            _ => new[] { Scalar(value, "scrape job Targets") ?? "" },
        };
    }

    private static string? Scalar(object? value, string what) =>
        ScalarArgument.Text(value, what, "InvalidScrapeJob", "@{ Name = 'prometheus'; Targets = '127.0.0.1:9090', '127.0.0.1:9091' }");

    private static ThanosLabException Invalid(string message, object? target) =>
        new(ErrorKind.InvalidArgument, "InvalidScrapeJob", message, target, "Give each -ScrapeJob as @{ Name = 'job'; Targets = 'host:port'; MetricsPath = '/metrics' }.");
}
