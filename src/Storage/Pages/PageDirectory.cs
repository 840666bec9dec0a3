namespace VecStore.Storage.Pages;

/// <summary>Which pages of the vector file hold which column's slots, and which pages are free.</summary>
/// <remarks>
/// Rebuilt at open by reading every page header (pages describe themselves), then kept up to
/// date by checkpoints. Changed only under the exclusive page latch; read under the shared one.
/// </remarks>
internal sealed class PageDirectory
{
    private readonly Dictionary<long, List<long>> _byColumn = [];
    private readonly SortedSet<long> _free = [];
    private long _nextPage;

    /// <summary>Reads the header of every page of <paramref name="file"/>.</summary>
    public static PageDirectory Scan(VectorFile file)
    {
        var directory = new PageDirectory { _nextPage = 1 };
        for (long p = 1; p < file.PageCount; p++)
        {
            var page = file.Page(p);
            if (!PageHeader.HasMagic(page))
            {
                // Never written (the file grew past it) or torn before its header landed.
                directory._free.Add(p);
                continue;
            }
            directory._nextPage = p + 1;
            if (PageHeader.Kind(page) != PageHeader.KindVectors)
            {
                directory._free.Add(p);
                continue;
            }
            long column = PageHeader.ColumnId(page);
            int index = PageHeader.PageIndex(page);
            var list = directory.PagesOf(column, create: true)!;
            while (list.Count <= index)
                list.Add(-1);
            if (list[index] >= 0)
                throw VecStoreException.CorruptPage(file.DisplayName, p, $"it claims to be page {index} of column {column}, like page {list[index]}");
            list[index] = p;
        }
        // Free pages above the last page in use are simply beyond the end; keep them out of the list.
        directory._free.RemoveWhere(p => p >= directory._nextPage);
        return directory;
    }

    /// <summary>The pages of a column by page index (-1 where none was written yet); a copy.</summary>
    public long[] Pages(long columnId) => _byColumn.TryGetValue(columnId, out var list) ? [.. list] : [];

    /// <summary>The page holding page index <paramref name="index"/> of a column, or -1.</summary>
    public long Find(long columnId, int index)
        => _byColumn.TryGetValue(columnId, out var list) && index < list.Count ? list[index] : -1;

    /// <summary>Gives a column a page for <paramref name="index"/>: a free page when there is one, else a new one at the end.</summary>
    public long Allocate(long columnId, int index)
    {
        long page;
        if (_free.Count > 0)
        {
            page = _free.Min;
            _free.Remove(page);
        }
        else
        {
            page = _nextPage++;
        }
        var list = PagesOf(columnId, create: true)!;
        while (list.Count <= index)
            list.Add(-1);
        list[index] = page;
        return page;
    }

    /// <summary>Releases every page of a dropped column; returns them so the caller can mark them free on disk.</summary>
    public List<long> ReleaseColumn(long columnId)
    {
        var released = new List<long>();
        if (_byColumn.Remove(columnId, out var list))
            foreach (var p in list)
                if (p >= 0)
                {
                    released.Add(p);
                    _free.Add(p);
                }
        return released;
    }

    /// <summary>Pages in use or free below the end: the file must hold at least this many.</summary>
    public long PageCount => _nextPage;

    /// <summary>Column ids that own pages.</summary>
    public IEnumerable<long> Columns => _byColumn.Keys;

    private List<long>? PagesOf(long columnId, bool create)
    {
        if (!_byColumn.TryGetValue(columnId, out var list) && create)
            _byColumn[columnId] = list = [];
        return list;
    }
}
