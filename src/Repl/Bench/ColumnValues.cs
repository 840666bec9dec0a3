namespace VecStore.Repl.Bench;

/// <summary>The value the engine is handed for one vector of the benchmark column, base row or query alike.</summary>
internal static class ColumnValues
{
    /// <summary>A float[] for float32 and half columns (the engine rounds to half itself); the packed bits (<see cref="BitVectors.ToBytes"/>) for bit columns.</summary>
    public static object For(BenchElement element, ReadOnlySpan<float> vector)
        => element == BenchElement.Bit ? BitVectors.ToBytes(vector) : vector.ToArray();

    /// <summary>The values of the first <paramref name="count"/> rows, made before timing starts.</summary>
    public static object[] ForRows(BenchElement element, VectorMatrix vectors, int count)
    {
        var values = new object[Math.Min(count, vectors.Rows)];
        for (int i = 0; i < values.Length; i++)
            values[i] = For(element, vectors.Row(i));
        return values;
    }
}
