using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace VecStore;

/// <summary>A value bound to <c>@name</c>, <c>$name</c> or <c>?</c> in a statement.</summary>
/// <remarks>
/// Vectors bind from <c>float[]</c>, <c>double[]</c> or <c>Half[]</c>, <c>Memory</c> or
/// <c>ReadOnlyMemory</c> of those, lists of them (<c>List&lt;float&gt;</c>, any
/// <c>IReadOnlyList&lt;float&gt;</c>), <c>Embedding&lt;float&gt;</c> (Microsoft.Extensions.AI), or text
/// in vector syntax (<c>"[1, 0.5]"</c>); bits also from <c>bool[]</c>, <c>BitArray</c>,
/// <c>BinaryEmbedding</c> or a string of <c>0</c> and <c>1</c>. A vector of the wrong length, with a
/// non-finite element, or with a double beyond float's range fails with a
/// <see cref="VecStoreException"/> (VECSQL0104, VECSQL0107) that points at the parameter.
/// Scalars bind from the usual CLR types. A name may be given with or without its
/// prefix: <c>q</c>, <c>@q</c> and <c>$q</c> all bind <c>@q</c> and <c>$q</c>.
/// </remarks>
public sealed class VecStoreParameter : DbParameter
{
    private string _name = "";

    /// <summary>An unnamed parameter (binds <c>?</c> by position).</summary>
    public VecStoreParameter()
    {
    }

    /// <summary>A named parameter with a value.</summary>
    public VecStoreParameter(string? name, object? value)
    {
        ParameterName = name;
        Value = value;
    }

    /// <inheritdoc />
    public override DbType DbType { get; set; } = DbType.Object;

    /// <inheritdoc />
    public override ParameterDirection Direction
    {
        get => ParameterDirection.Input;
        set
        {
            if (value != ParameterDirection.Input)
                throw new VecStoreException(ErrorCode.UnsupportedOperation, $"parameter direction {value} is not supported; VecStore parameters are input only");
        }
    }

    /// <inheritdoc />
    public override bool IsNullable { get; set; }

    /// <inheritdoc />
    [AllowNull]
    public override string ParameterName
    {
        get => _name;
        set => _name = value ?? "";
    }

    /// <inheritdoc />
    public override int Size { get; set; }

    /// <inheritdoc />
    [AllowNull]
    public override string SourceColumn { get; set; } = "";

    /// <inheritdoc />
    public override bool SourceColumnNullMapping { get; set; }

    /// <inheritdoc />
    public override object? Value { get; set; }

    /// <inheritdoc />
    public override void ResetDbType() => DbType = DbType.Object;

    /// <summary>The name without its <c>@</c>, <c>$</c> or <c>:</c> prefix.</summary>
    internal string BareName => _name.Length > 0 && _name[0] is '@' or '$' or ':' ? _name[1..] : _name;
}
