namespace VecStore.Storage.Catalog;

/// <summary>The declared type of a column.</summary>
public enum ColumnType
{
    /// <summary>64-bit signed integer.</summary>
    Integer,

    /// <summary>64-bit floating point.</summary>
    Real,

    /// <summary>UTF-8 text.</summary>
    Text,

    /// <summary>Bytes.</summary>
    Blob,

    /// <summary>True or false, stored as 1 or 0.</summary>
    Boolean,

    /// <summary>A fixed-length vector of 32-bit floats, kept in the vector file.</summary>
    Vector,
}
