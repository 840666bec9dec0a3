namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>The kinds of literal value.</summary>
public enum LiteralKind
{
    /// <summary>A 64-bit signed integer; the value is a <see cref="long"/>.</summary>
    Integer,

    /// <summary>A double.</summary>
    Real,

    /// <summary>Text; the value is a <see cref="string"/>.</summary>
    String,

    /// <summary>TRUE or FALSE; the value is a <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>NULL; the value is null.</summary>
    Null,

    /// <summary>Bytes from <c>x'..'</c>; the value is a <c>byte[]</c>.</summary>
    Blob,
}
