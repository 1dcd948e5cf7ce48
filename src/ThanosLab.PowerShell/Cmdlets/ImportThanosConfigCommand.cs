using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Yaml;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Reads a configuration file back into an object: an objstore configuration (bucket_storage.yaml)
/// becomes a ThanosBucketConfig, a prometheus.yml a ThanosPrometheusConfig. The kind is told from the
/// file's top-level keys.
/// </summary>
[Cmdlet(VerbsData.Import, "ThanosConfig", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ThanosBucketConfig), typeof(ThanosPrometheusConfig))]
public sealed class ImportThanosConfigCommand : FileSystemPathsCmdlet
{

    protected override void ProcessRecordCore()
    {
        foreach (var full in ResolvedPaths())
        {
            var p = full;
            try
            {
                var text = ConfigFile.ReadText(full);
                var keys = YamlTopLevelKeys.Read(text, full);
                if (ObjstoreConfigYaml.Recognises(keys))
                {
                    var config = new ThanosBucketConfig(ObjstoreConfigYaml.Parse(text, full));
                    WriteVerbose($"Read the {config.Type} bucket configuration {config.Location} from '{full}'.");
                    WriteObject(config);
                }
                else if (PrometheusConfigYaml.Recognises(keys))
                {
                    WriteVerbose($"Read the Prometheus configuration from '{full}'.");
                    WriteObject(new ThanosPrometheusConfig(PrometheusConfigYaml.Parse(text, full)));
                }
                else
                {
                    WriteError(ErrorRecords.Create("UnknownConfigKind", ErrorCategory.InvalidData,
                        $"'{full}' is neither a Thanos objstore configuration (top-level 'type', 'config', 'prefix') nor a Prometheus configuration ('global', 'scrape_configs', …).",
                        p, "Give a bucket_storage.yaml or prometheus.yml file."));
                }
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, p);
            }
        }
    }
}
