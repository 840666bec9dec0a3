using System.Runtime.InteropServices;
using VecStore.Storage.Backup;
using VecStore.Storage.Pages;

namespace VecStore.Storage.Checkpoints;

/// <summary>Rewrites the vector file without its free and empty pages (VACUUM's last step for vectors).</summary>
/// <remarks>
/// The new file holds the same header (checkpoint LSN included) and, byte for byte, every data page
/// that still has a live slot, packed from page 1 on; pages describe themselves, so nothing else
/// records where a page lies. The old and new files therefore hold the same vectors, and the swap
/// needs no commit point of its own: the new file is written to <c>-vectors.vacuum</c>, synced, and
/// renamed over the old one; a crash before the rename leaves the old file (and a leftover the next
/// VACUUM deletes), after it the new one. A page without live slots is never needed: a later
/// record for one of its slots allocates a page again, as for a slot never written. Runs under the
/// checkpoint gate and the exclusive page latch, so no reader holds a page pointer meanwhile.
/// </remarks>
internal static class VectorFileCompactor
{
    /// <summary>Compacts the file; returns its page count before and after (header included).</summary>
    /// <remarks>Reports the pages read and written through <paramref name="monitor"/>; stopped, it deletes the new file and leaves the old one.</remarks>
    public static (long Before, long After) Run(Database database, StatementMonitor monitor)
    {
        return database.WithPagesExclusive(() =>
        {
            // Another process reading pages holds the rewrite off, as it holds off a checkpoint.
            if (!database.PageGate.TryEnterCheckpoint(TimeSpan.FromSeconds(1)))
                return Unchanged(database);
            try
            {
                database.ReloadPagesIfChanged();
                // The file is replaced by a rename: another process's mapping would keep the
                // old one, so the rewrite runs only for a process alone with the database; a
                // checkpoint that died mid-way is finished by the next checkpoint first.
                if (!database.AloneAmongProcesses() || database.Vectors.InterruptedApply is not null)
                    return Unchanged(database);
                return Compact(database, monitor);
            }
            finally
            {
                database.PageGate.ExitCheckpoint();
            }
        });
    }

    private const int PagesBetweenReports = 64;

    private static (long Before, long After) Compact(Database database, StatementMonitor monitor)
    {
        var file = database.Vectors;
        long before = Math.Max(1, database.Pages.PageCount);
        var keep = new List<long>();
        monitor.Begin("finding the vector pages in use", before - 1);
        for (long p = 1; p < before; p++)
        {
            if (p % PagesBetweenReports == 0)
                monitor.Report(p);
            var page = file.Page(p);
            if (!PageHeader.HasMagic(page) || PageHeader.Kind(page) != PageHeader.KindVectors)
                continue;
            // Never copy damage into the new file, where it would look like a page written that way.
            file.EnsureVerified(p);
            if (HasLiveSlot(file, p, page))
                keep.Add(p);
        }
        if (keep.Count == before - 1)
            return (before, before);

        string? path = file.Path;
        string? temporary = path is null ? null : path + ".vacuum";
        if (temporary is not null)
            File.Delete(temporary);
        var fresh = VectorFile.Create(temporary, file.PageSize, file.Header.DatabaseId);
        try
        {
            fresh.EnsurePageCount(keep.Count + 1);
            fresh.Truncate(keep.Count + 1);
            monitor.Begin("rewriting the vector file (pages)", keep.Count);
            for (int i = 0; i < keep.Count; i++)
            {
                if (i % PagesBetweenReports == 0)
                    monitor.Report(i);
                file.Page(keep[i]).CopyTo(fresh.Page(i + 1));
                fresh.MarkVerified(i + 1);
            }
            fresh.Flush(1, keep.Count);
            fresh.WriteHeader(file.Header);
        }
        catch
        {
            fresh.Dispose();
            if (temporary is not null)
                File.Delete(temporary);
            throw;
        }

        if (path is not null)
        {
            fresh.Dispose();
            File.Move(temporary!, path, overwrite: true);
            FolderSync.Flush(path);
            file.Dispose();
            fresh = VectorFile.Open(path, readOnly: false, database.DatabaseId);
        }
        else
        {
            file.Dispose();
        }
        database.ReplaceVectors(fresh);
        return (before, Math.Max(1, database.Pages.PageCount));
    }

    private static (long Before, long After) Unchanged(Database database)
    {
        long pages = Math.Max(1, database.Pages.PageCount);
        return (pages, pages);
    }

    private static bool HasLiveSlot(VectorFile file, long pageNo, ReadOnlySpan<byte> page)
    {
        var element = PageHeader.Element(page) ?? throw VecStoreException.CorruptPage(file.DisplayName, pageNo, "its element type is unknown");
        var layout = SlotLayout.For(element, PageHeader.Dimensions(page), file.PageSize);
        foreach (ulong word in MemoryMarshal.Cast<byte, ulong>(page.Slice(layout.LiveOffset, layout.LiveWords * 8)))
            if (word != 0)
                return true;
        return false;
    }
}
