using System.Net;
using System.Net.Sockets;

namespace ThanosLab.Engine.Lab;

/// <summary>Finds a port that is already taken before a component fails on it in a way that is harder to read.</summary>
public static class PortCheck
{
    public static void EnsureFree(ComponentSpec spec)
    {
        foreach (var port in spec.Ports)
        {
            if (!IsFree(port))
            {
                throw new ThanosLabException(ErrorKind.ResourceUnavailable, "PortInUse",
                    $"Port {port} that '{spec.Name}' ({spec.Kind}) needs is already in use on this host.", port,
                    $"Stop what listens on {port} (e.g. 'ss -ltnp sport = :{port}'), or give the component another port.");
            }
        }
    }

    /// <summary>True when nothing listens on the port on any interface (the components bind 0.0.0.0).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Any, port);
            listener.Server.ExclusiveAddressUse = true;
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
