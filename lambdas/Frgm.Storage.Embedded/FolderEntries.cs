using System.IO.Enumeration;

namespace Frgm.Storage.Embedded;

/// <summary>
/// Every entry under a folder that is not a real folder (files, links, FIFOs, devices, sockets), recursing only into
/// real folders: a link to a folder (say, to /etc) is reported as one entry and never entered.
/// </summary>
internal static class FolderEntries
{
    public static List<string> Under(string root)
    {
        try
        {
            var entries = new FileSystemEnumerable<string>(
                root,
                (ref FileSystemEntry entry) => entry.ToFullPath(),
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false })
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !IsRealFolder(ref entry),
                ShouldRecursePredicate = (ref FileSystemEntry entry) => IsRealFolder(ref entry),
            };
            return [.. entries];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsRealFolder(ref FileSystemEntry entry) =>
        entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0;
}
