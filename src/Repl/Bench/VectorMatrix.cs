namespace VecStore.Repl.Bench;

/// <summary>Rows of float32 vectors of one dimension, stored one after another in one array.</summary>
internal sealed class VectorMatrix
{
    /// <summary>Wraps <paramref name="values"/>, which holds <paramref name="rows"/> × <paramref name="dimensions"/> floats, row after row.</summary>
    public VectorMatrix(float[] values, int rows, int dimensions)
    {
        if ((long)rows * dimensions != values.Length)
            throw new ArgumentException($"{values.Length} values are not {rows} rows of {dimensions}", nameof(values));
        Values = values;
        Rows = rows;
        Dimensions = dimensions;
    }

    /// <summary>Every value, row after row.</summary>
    public float[] Values { get; }

    /// <summary>How many vectors.</summary>
    public int Rows { get; }

    /// <summary>Floats per vector.</summary>
    public int Dimensions { get; }

    /// <summary>Vector <paramref name="row"/> (0-based).</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Dimensions, Dimensions);

    /// <summary>A copy of vector <paramref name="row"/>, as a SQL parameter needs.</summary>
    public float[] RowArray(int row) => Row(row).ToArray();

    /// <summary>The first <paramref name="rows"/> vectors (a copy).</summary>
    public VectorMatrix Take(int rows)
    {
        rows = Math.Min(rows, Rows);
        return new VectorMatrix(Values.AsSpan(0, rows * Dimensions).ToArray(), rows, Dimensions);
    }
}
