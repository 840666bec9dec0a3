namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>The column types of VecSQL.</summary>
public enum DataTypeKind
{
    /// <summary>INTEGER: a 64-bit signed integer.</summary>
    Integer,

    /// <summary>REAL: a 64-bit float.</summary>
    Real,

    /// <summary>TEXT: a string.</summary>
    Text,

    /// <summary>BLOB: bytes.</summary>
    Blob,

    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>VECTOR(n): n floats.</summary>
    Vector,

    /// <summary>BIT(n): n bits.</summary>
    Bit,
}
