using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Binding;

/// <summary>The type the binder infers for an expression, for checks and for the reader's column types.</summary>
internal enum ValueKind
{
    Unknown,
    Null,
    Integer,
    Real,
    Text,
    Blob,
    Boolean,
    Vector,
}

internal static class ValueKinds
{
    public static ValueKind Of(ColumnType type) => type switch
    {
        ColumnType.Integer => ValueKind.Integer,
        ColumnType.Real => ValueKind.Real,
        ColumnType.Text => ValueKind.Text,
        ColumnType.Blob => ValueKind.Blob,
        ColumnType.Boolean => ValueKind.Boolean,
        _ => ValueKind.Vector,
    };

    public static bool IsNumeric(ValueKind kind) => kind is ValueKind.Integer or ValueKind.Real or ValueKind.Boolean;

    public static Type ClrType(ValueKind kind) => kind switch
    {
        ValueKind.Integer => typeof(long),
        ValueKind.Real => typeof(double),
        ValueKind.Text => typeof(string),
        ValueKind.Blob => typeof(byte[]),
        ValueKind.Boolean => typeof(bool),
        ValueKind.Vector => typeof(float[]),
        _ => typeof(object),
    };

    public static string SqlName(ValueKind kind) => kind switch
    {
        ValueKind.Integer => "INTEGER",
        ValueKind.Real => "REAL",
        ValueKind.Text => "TEXT",
        ValueKind.Blob => "BLOB",
        ValueKind.Boolean => "BOOLEAN",
        ValueKind.Vector => "VECTOR",
        ValueKind.Null => "NULL",
        _ => "",
    };

    /// <summary>The kind of a value supplied by a parameter or literal.</summary>
    public static ValueKind OfValue(object? value) => value switch
    {
        null => ValueKind.Null,
        bool => ValueKind.Boolean,
        long or int or short or sbyte or byte or ushort or uint or ulong => ValueKind.Integer,
        double or float or decimal or Half => ValueKind.Real,
        string or char => ValueKind.Text,
        byte[] or ReadOnlyMemory<byte> or Memory<byte> => ValueKind.Blob,
        _ when VectorInputs.IsVectorType(value) => ValueKind.Vector,
        _ => ValueKind.Unknown,
    };
}
