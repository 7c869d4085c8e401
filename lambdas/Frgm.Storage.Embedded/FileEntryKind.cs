using System.Runtime.InteropServices;

namespace Frgm.Storage.Embedded;

/// <summary>What a folder entry is, without opening or following it.</summary>
public enum FileEntryKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>
/// lstat(2) for the entry's type: .NET's FileInfo cannot tell a FIFO or a device from a regular file, and opening a
/// FIFO to find out blocks until a writer appears. Only st_mode is read; its offset in glibc's struct stat is 24 on
/// x86_64 and 16 on aarch64. Elsewhere (or without the symbol) FileInfo's view is used: links are still recognised,
/// special files are not.
/// </summary>
public static class FileEntryKinds
{
    private const int StatBufferBytes = 256;

    private static readonly int? ModeOffset = OperatingSystem.IsLinux()
        ? RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => null,
        }
        : null;

    private static bool _lstatMissing;

    public static FileEntryKind Of(string path)
    {
        if (ModeOffset is { } offset && !_lstatMissing)
        {
            try
            {
                var buffer = new byte[StatBufferBytes];
                if (NativeMethods.lstat(path, buffer) != 0)
                {
                    return FileEntryKind.Missing;
                }

                return FromMode(BitConverter.ToUInt32(buffer, offset));
            }
            catch (EntryPointNotFoundException)
            {
                _lstatMissing = true; // glibc before 2.33 exports only __lxstat
            }
            catch (DllNotFoundException)
            {
                _lstatMissing = true;
            }
        }

        return Fallback(path);
    }

    public static string Describe(FileEntryKind kind) => kind switch
    {
        FileEntryKind.SymbolicLink => "a symbolic link",
        FileEntryKind.Fifo => "a FIFO (named pipe)",
        FileEntryKind.CharacterDevice => "a character device",
        FileEntryKind.BlockDevice => "a block device",
        FileEntryKind.Socket => "a socket",
        FileEntryKind.Directory => "a folder",
        _ => "not a regular file",
    };

    internal static FileEntryKind FromMode(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => FileEntryKind.Regular,
        0x4000 => FileEntryKind.Directory,
        0xA000 => FileEntryKind.SymbolicLink,
        0x1000 => FileEntryKind.Fifo,
        0x2000 => FileEntryKind.CharacterDevice,
        0x6000 => FileEntryKind.BlockDevice,
        0xC000 => FileEntryKind.Socket,
        _ => FileEntryKind.Other,
    };

    private static FileEntryKind Fallback(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileEntryKind.SymbolicLink;
        }

        if (Directory.Exists(path))
        {
            return FileEntryKind.Directory;
        }

        return info.Exists ? FileEntryKind.Regular : FileEntryKind.Missing;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int lstat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);
    }
}
