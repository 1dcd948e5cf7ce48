namespace ThanosLab.Engine.IO;

/// <summary>Tells a full disk from other write failures, so the error can say what to do about it.</summary>
public static class DiskFull
{
    // Linux and macOS: ENOSPC (the HResult of .NET's IOException is the errno there).
    private const int NoSpace = 28;

    // Windows: ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL, as HRESULTs of the Win32 facility.
    private const int HandleDiskFull = unchecked((int)0x80070027);
    private const int DiskFullHResult = unchecked((int)0x80070070);

    public static bool Is(Exception e) =>
        e is IOException && (OperatingSystem.IsWindows() ? e.HResult is HandleDiskFull or DiskFullHResult : e.HResult == NoSpace);
}
