using System.Security.Cryptography;
using System.Text;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// A short fingerprint of a spec, stored with the running component (the <c>thanoslab.spec</c>
/// label, the process state file) so a later Start can tell "already running as asked" from
/// "same name, different spec".
/// </summary>
public static class SpecHash
{
    public static string Compute(ComponentSpec spec)
    {
        var text = new StringBuilder();
        void Line(string key, string? value) => text.Append(key).Append('=').Append(value).Append('\n');
        Line("name", spec.Name);
        Line("kind", spec.Kind.ToString());
        Line("image", spec.Image);
        Line("binary", spec.Binary);
        foreach (var a in spec.Arguments) Line("arg", a);
        foreach (var p in spec.Ports) Line("port", p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var m in spec.Mounts) Line("mount", m.ToString());
        Line("user", spec.User);
        Line("network", spec.Network);
        Line("listen", spec.ListenAddress.Host);
        Line("config", spec.ConfigFingerprint);
        foreach (var (k, v) in spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            // A secret's value stays out: a hash of a short password in a container label could be
            // brute-forced. Changing only a secret therefore needs -Force.
            Line("env", spec.SecretEnvironment.Contains(k) ? k : $"{k}={v}");
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }
}
