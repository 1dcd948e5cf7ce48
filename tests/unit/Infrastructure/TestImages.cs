using System.Diagnostics;
using System.Formats.Tar;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>
/// Builds the local test images described in tests/images/ (FROM scratch + a Debian binary + the
/// libraries ldd lists), because no registry is reachable where the tests run.
/// </summary>
public static class TestImages
{
    public const string Prometheus = "thanoslab-test/prometheus:2.42";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Builds <see cref="Prometheus"/> from /usr/bin/prometheus unless it is current.</summary>
    public static async Task<string> PrometheusAsync()
    {
        var binary = Requires.Tool("prometheus", "apt-get install prometheus");
        await BuildAsync(Prometheus, "prometheus", binary);
        return Prometheus;
    }

    private static async Task BuildAsync(string tag, string template, string binary)
    {
        var real = new FileInfo(binary).ResolveLinkTarget(true)?.FullName ?? binary;
        var info = new FileInfo(real);
        var source = $"{real}:{info.Length}:{info.LastWriteTimeUtc.Ticks}";
        await Gate.WaitAsync();
        try
        {
            using var client = new DockerClientBuilder().Build();
            try
            {
                var existing = await client.Images.InspectImageAsync(tag);
                if (existing.Config?.Labels is { } labels && labels.TryGetValue("thanoslab.test.source", out var s) && s == source) return;
            }
            catch (DockerImageNotFoundException)
            {
            }
            using var context = new TempDirectory("thanoslab-image-");
            var rootfs = Path.Combine(context.Path, "rootfs");
            foreach (var file in new[] { real }.Concat(SharedLibraries(real)))
            {
                var target = Path.Combine(rootfs, file.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
            var usrBin = Path.Combine(rootfs, "usr", "bin");
            Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
            Directory.CreateDirectory(Path.Combine(rootfs, "tmp"));
            File.WriteAllText(Path.Combine(rootfs, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
            File.WriteAllText(Path.Combine(rootfs, "etc", "group"), "root:x:0:\nnogroup:x:65534:\n");
            var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "images", template, "Dockerfile.template"))
                .Replace("{{SOURCE}}", source).Replace("{{BINARY}}", real);
            File.WriteAllText(Path.Combine(context.Path, "Dockerfile"), dockerfile);
            using var tar = new MemoryStream();
            TarFile.CreateFromDirectory(context.Path, tar, includeBaseDirectory: false);
            tar.Position = 0;
            var errors = new List<string>();
            await client.Images.BuildImageFromDockerfileAsync(
                new ImageBuildParameters { Tags = new List<string> { tag }, Dockerfile = "Dockerfile", Remove = true, ForceRemove = true },
                tar, null, null, new Progress<JSONMessage>(m => { if (m.Error is { } e) lock (errors) errors.Add(e.Message ?? "build error"); }), default);
            // Progress<T> reports on the pool: give the last report a moment before reading errors.
            await Task.Delay(100);
            if (errors.Count > 0) throw new InvalidOperationException($"Building {tag} failed: {string.Join("; ", errors)}");
            await client.Images.InspectImageAsync(tag);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The absolute paths of the libraries (and loader) ldd lists for a binary.</summary>
    private static IEnumerable<string> SharedLibraries(string binary)
    {
        var ldd = Requires.Tool("ldd", "apt-get install libc-bin");
        var start = new ProcessStartInfo(ldd, binary) { RedirectStandardOutput = true };
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return Regex.Matches(output, @"(/\S+)\s+\(0x").Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ThanosLab.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ThanosLab.sln not found above " + AppContext.BaseDirectory);
    }
}
