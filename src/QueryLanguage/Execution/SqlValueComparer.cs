namespace VecStore.QueryLanguage.Execution;

/// <summary>Orders values as SQLite's ORDER BY does: NULL, then numbers, then text (binary), then blobs.</summary>
internal sealed class SqlValueComparer : IComparer<object?>
{
    public static readonly SqlValueComparer Instance = new();

    public int Compare(object? x, object? y)
    {
        int cx = Class(x), cy = Class(y);
        if (cx != cy)
            return cx.CompareTo(cy);
        switch (cx)
        {
            case 0:
                return 0;
            case 1:
                if (x is long lx && y is long ly)
                    return lx.CompareTo(ly);
                return ToDouble(x!).CompareTo(ToDouble(y!));
            case 2:
                return string.CompareOrdinal((string)x!, (string)y!);
            default:
                return ((ReadOnlySpan<byte>)(byte[])x!).SequenceCompareTo((byte[])y!);
        }
    }

    private static int Class(object? value) => value switch
    {
        null => 0,
        long or double or bool or int or float => 1,
        string => 2,
        _ => 3,
    };

    private static double ToDouble(object value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        int i => i,
        float f => f,
        _ => 0,
    };
}
