namespace ThanosLab.Engine.Lab;

/// <summary>The container labels by which ThanosLab recognises its components in a later session.</summary>
public static class LabLabels
{
    public const string Component = "thanoslab.component";
    public const string Lab = "thanoslab.lab";
    public const string Spec = "thanoslab.spec";
    public const string HttpPort = "thanoslab.http-port";
    public const string GrpcPort = "thanoslab.grpc-port";
    public const string Readiness = "thanoslab.readiness";
    public const string DataPath = "thanoslab.data";

    /// <summary>On the bridge network ThanosLab created, so it only ever removes its own.</summary>
    public const string Network = "thanoslab.network";
}
