namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>How a VECTOR column stores each element.</summary>
public enum VectorElementType
{
    /// <summary>32-bit floats, the default.</summary>
    Single,

    /// <summary>16-bit floats, written HALF (not yet executed).</summary>
    Half,
}
