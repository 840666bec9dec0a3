using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using VecStore.Storage.Files;

namespace VecStore.Storage.Backup;

/// <summary>A BACKUP's hold on its target: the temporary archive <c>x.vdbz.vsbackup-tmp</c>, locked for as long as the backup runs, beside the SQLite image <c>x.vdbz.vsbackup-db</c>.</summary>
/// <remarks>
/// <para>
/// A process killed inside BACKUP leaves both files behind, and nothing else would ever remove them.
/// The lock tells a dead backup's files from a running one's: a backup holds an exclusive
/// <c>flock</c> on its temporary archive from before it creates the image until after it removed
/// both, and the kernel drops that lock the moment its process dies. So whoever can take the lock
/// may remove the pair (<see cref="SweepFolder"/>, run by every BACKUP for its target's folder), and
/// two backups can never write the same target at once.
/// </para>
/// <para>
/// Taking the lock is open, then lock, then check that the file locked is still the one at its name
/// (<see cref="FileIdentity"/>): a sweeper may have removed a dead one between the two, and a lock
/// on a removed file would guard nothing. Files are removed only by whoever holds the lock on the
/// file at that name. An flock belongs to one open file, not to a process, so two BACKUPs in one
/// process exclude each other as well.
/// </para>
/// </remarks>
internal sealed partial class BackupClaim : IDisposable
{
    public const string TemporarySuffix = ".vsbackup-tmp";
    public const string ImageSuffix = ".vsbackup-db";

    private const int LockExclusive = 2; // LOCK_EX
    private const int NoWait = 4; // LOCK_NB

    private readonly SafeFileHandle _handle;
    private bool _committed;

    private BackupClaim(string target, SafeFileHandle handle)
    {
        Target = target;
        _handle = handle;
        Archive = new FileStream(handle, FileAccess.ReadWrite, 1 << 16);
    }

    /// <summary>The archive's final path.</summary>
    public string Target { get; }

    /// <summary>The temporary archive, empty, to write the backup into; this claim closes it.</summary>
    public FileStream Archive { get; }

    /// <summary>Where SQLite's copy of the database is staged while it is compressed into the archive.</summary>
    public string ImagePath => Target + ImageSuffix;

    private string TemporaryPath => Target + TemporarySuffix;

    /// <summary>Claims <paramref name="target"/>, waiting up to <paramref name="timeout"/> for another BACKUP writing it; what a dead backup left there is removed first.</summary>
    /// <exception cref="VecStoreException">FileAlreadyExists: another BACKUP to the same file was still running after <paramref name="timeout"/>.</exception>
    /// <exception cref="IOException">The folder refuses the file (UnauthorizedAccessException among them).</exception>
    public static BackupClaim Take(string target, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var handle = TryLock(target + TemporarySuffix);
            if (handle is not null)
            {
                var claim = new BackupClaim(target, handle);
                try
                {
                    // Leftovers of a dead backup to the same name: the archive is emptied, the image goes.
                    claim.Archive.SetLength(0);
                    DeleteImage(target);
                    return claim;
                }
                catch
                {
                    claim.Dispose();
                    throw;
                }
            }
            if (DateTime.UtcNow > deadline)
                throw VecStoreException.BackupInProgress(target);
            Thread.Sleep(10);
        }
    }

    /// <summary>Puts the finished archive under its name (never over an existing file), still holding the claim.</summary>
    public void Commit()
    {
        Archive.Flush(flushToDisk: true);
        File.Move(TemporaryPath, Target, overwrite: false);
        _committed = true;
        FolderSync.Flush(Target);
    }

    /// <summary>Removes the image and, unless committed, the temporary archive; then lets go.</summary>
    public void Dispose()
    {
        try
        {
            DeleteImage(Target);
            if (!_committed)
                File.Delete(TemporaryPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // What stays is a dead backup's: the next BACKUP to this folder removes it.
        }
        finally
        {
            Archive.Dispose();
            _handle.Dispose();
        }
    }

    /// <summary>Removes what dead backups left in <paramref name="folder"/> (files whose lock nobody holds); never fails, never touches a running backup's files.</summary>
    public static void SweepFolder(string folder)
    {
        try
        {
            var targets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.vsbackup-*"))
            {
                int at = file.LastIndexOf(".vsbackup-", StringComparison.Ordinal);
                string suffix = file[at..];
                if (suffix == TemporarySuffix || suffix.StartsWith(ImageSuffix, StringComparison.Ordinal))
                    targets.Add(file[..at]);
            }
            foreach (var target in targets)
            {
                // Created when only an image was left, to hold the lock while the image goes.
                using var handle = TryLock(target + TemporarySuffix);
                if (handle is null)
                    continue;
                DeleteImage(target);
                File.Delete(target + TemporarySuffix);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Cleaning up is a courtesy: the backup itself goes on.
        }
    }

    // Opens (creating) and locks the temporary archive; null while a running backup holds it. The
    // file must still be at its name once locked, else whoever removed it may have made another.
    private static SafeFileHandle? TryLock(string path)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            SafeFileHandle handle;
            try
            {
                // FileShare.None: the runtime takes the flock itself where it can (and refuses a file another holds).
                handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                return null;
            }
            if (OperatingSystem.IsLinux() && !Lock(handle))
            {
                handle.Dispose();
                return null;
            }
            if (FileIdentity.IsAt(handle, path))
                return handle;
            handle.Dispose();
        }
        return null;
    }

    // The runtime's own lock may be switched off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING); taking it
    // again on the same open file changes nothing when it is on.
    private static bool Lock(SafeFileHandle handle) => FileDescriptor.Use(handle, fd => Flock(fd, LockExclusive | NoWait)) == 0;

    private static void DeleteImage(string target)
    {
        string image = target + ImageSuffix;
        foreach (var path in (ReadOnlySpan<string>)[image, image + "-journal", image + "-wal", image + "-shm"])
            File.Delete(path);
    }

    [LibraryImport("libc", EntryPoint = "flock")]
    private static partial int Flock(int fd, int operation);
}
