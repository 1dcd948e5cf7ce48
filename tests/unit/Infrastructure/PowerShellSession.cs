using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Reflection;
using ThanosLab.Cmdlets;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>An in-process runspace with every ThanosLab cmdlet registered from the build output.</summary>
public static class PowerShellSession
{
    /// <param name="extraCmdlets">Cmdlet types of the test assembly to register beside the module's.</param>
    public static PowerShell Create(params Type[] extraCmdlets) => PowerShell.Create(SessionState(extraCmdlets));

    /// <summary>A session whose prompts <paramref name="host"/> answers.</summary>
    public static PowerShell Create(PSHost host)
    {
        var runspace = RunspaceFactory.CreateRunspace(host, SessionState());
        runspace.Open();
        var ps = PowerShell.Create();
        ps.Runspace = runspace;
        return ps;
    }

    private static InitialSessionState SessionState(params Type[] extraCmdlets)
    {
        var iss = InitialSessionState.CreateDefault2();
        foreach (var type in typeof(ThanosLabCmdlet).Assembly.GetTypes().Concat(extraCmdlets))
        {
            if (type.GetCustomAttribute<CmdletAttribute>() is { } attr && !type.IsAbstract)
            {
                iss.Commands.Add(new SessionStateCmdletEntry($"{attr.VerbName}-{attr.NounName}", type, null));
            }
        }
        return iss;
    }

    /// <summary>A session with <paramref name="script"/> added, ready to invoke.</summary>
    public static PowerShell Run(string script)
    {
        var ps = Create();
        ps.AddScript(script);
        return ps;
    }
}

public static class PowerShellErrors
{
    /// <summary>
    /// Runs the pipeline and returns the first error, whether it ended the script (terminating) or
    /// was written to the error stream.
    /// </summary>
    public static ErrorRecord InvokeForError(this PowerShell ps)
    {
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException e)
        {
            return e.ErrorRecord;
        }
        Xunit.Assert.NotEmpty(ps.Streams.Error);
        return ps.Streams.Error[0];
    }

    /// <summary>
    /// Runs <paramref name="script"/> (after <paramref name="meanwhile"/>, which runs while it does) and fails the
    /// test if it has not ended within a minute, stopping it: a hang fails the test instead of stalling the suite.
    /// </summary>
    public static List<PSObject> InvokeBounded(this PowerShell ps, string script, Action? meanwhile = null)
    {
        ps.Commands.Clear();
        ps.Streams.ClearStreams();
        ps.AddScript(script);
        var run = ps.BeginInvoke();
        meanwhile?.Invoke();
        if (!run.AsyncWaitHandle.WaitOne(TimeSpan.FromMinutes(1)))
        {
            ps.Stop();
            Xunit.Assert.Fail($"'{script}' did not end within a minute");
        }
        return ps.EndInvoke(run).ToList();
    }
}
