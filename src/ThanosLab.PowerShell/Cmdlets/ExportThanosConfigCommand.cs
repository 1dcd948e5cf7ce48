using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.IO;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Writes a configuration object as the YAML file its component reads (bucket_storage.yaml,
/// prometheus.yml). A file that holds a secret is created readable by its owner only (0600).
/// </summary>
[Cmdlet(VerbsData.Export, "ThanosConfig", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportThanosConfigCommand : ThanosLabCmdlet
{
    private string? _written;

    /// <summary>The file written, taken as written (no wildcards), as Out-File's path is.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("LiteralPath", "FilePath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IThanosConfig InputObject { get; set; } = null!;

    /// <summary>Overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecordCore()
    {
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        if (_written is not null)
        {
            // One file holds one configuration; a second object would silently replace the first.
            WriteError(ErrorRecords.Create("MultipleConfigsForOnePath", ErrorCategory.InvalidArgument,
                $"More than one configuration was given for '{full}'; a configuration file holds one, so this one was not written.", InputObject,
                "Export each configuration to its own path."));
            return;
        }
        if (System.IO.Directory.Exists(full))
        {
            ThrowTerminatingError(ErrorRecords.Create("ConfigPathIsDirectory", ErrorCategory.InvalidArgument,
                $"'{full}' is a directory; give a file path such as bucket_storage.yaml.", Path));
        }
        if (File.Exists(full) && !Force)
        {
            WriteError(ErrorRecords.Create("ConfigFileExists", ErrorCategory.ResourceExists,
                $"The file '{full}' already exists; it was left as it is.", Path, "Use -Force to overwrite it, or choose another path."));
            return;
        }
        var document = InputObject.Document;
        if (!ShouldProcess(full, $"Write {document.Kind} configuration{(document.ContainsSecret ? " (owner-only, it holds a secret)" : "")}")) return;
        try
        {
            AtomicFile.WriteAllText(full, document.ToYaml(), ownerOnly: document.ContainsSecret);
        }
        catch (ThanosLabException e)
        {
            WriteEngineError(e, Path);
            return;
        }
        _written = full;
        WriteVerbose($"Wrote the {document.Kind} configuration to '{full}'{(document.ContainsSecret ? " with mode 0600" : "")}.");
        if (PassThru) WriteObject(new FileInfo(full));
    }
}
