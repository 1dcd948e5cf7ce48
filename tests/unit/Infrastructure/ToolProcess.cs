using System.Diagnostics;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>Runs a real command-line tool (promtool, ...) to its end and returns its exit code and output.</summary>
public static class ToolProcess
{
    public static (int Code, string Output) Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }
}
