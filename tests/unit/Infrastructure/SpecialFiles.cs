using System.Diagnostics;
using Xunit;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>
/// Real special files in place of block files (mkfifo, symbolic links to /dev/zero), and a bound on
/// how long a reader may take over them: a reader that opens a FIFO waits forever, so the bound ends
/// the test, and opening the FIFO for writing releases the waiting reader afterwards.
/// </summary>
public static class SpecialFiles
{
    public static void Fifo(string path)
    {
        File.Delete(path);
        var mkfifo = Requires.Tool("mkfifo", "coreutils");
        using var p = Process.Start(mkfifo, new[] { path })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    public static void LinkToDevZero(string path)
    {
        Skip.If(OperatingSystem.IsWindows(), "/dev/zero exists on Unix only");
        File.Delete(path);
        File.CreateSymbolicLink(path, "/dev/zero");
    }

    /// <summary>Runs <paramref name="read"/>; fails if it takes longer than a minute (it would take forever).</summary>
    public static T Bounded<T>(Func<T> read, params string[] fifos)
    {
        var task = Task.Factory.StartNew(read, TaskCreationOptions.LongRunning);
        if (!task.Wait(TimeSpan.FromMinutes(1)))
        {
            foreach (var fifo in fifos)
            {
                using var release = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            }
            Assert.Fail("the reader did not return: it is waiting on a special file");
        }
        return task.GetAwaiter().GetResult();
    }
}
