using System.Collections;
using System.Data;
using Dapper;
using Microsoft.Extensions.AI;

namespace VecStore;

/// <summary>Teaches Dapper that the .NET types vectors are held in are single values, not lists to expand.</summary>
/// <remarks>
/// <para>
/// Dapper expands any enumerable parameter into <c>(@p1, @p2, ...)</c> unless a type handler is
/// registered for its type, and refuses other types it does not know (<c>Memory&lt;float&gt;</c>,
/// <c>Embedding&lt;float&gt;</c>). Registration happens when the first <see cref="VecStoreConnection"/>
/// is created, for <c>float[]</c>, <c>double[]</c>, <c>Half[]</c>, <c>List&lt;float&gt;</c>,
/// <c>List&lt;double&gt;</c>, <c>IReadOnlyList&lt;float&gt;</c>, <c>IList&lt;float&gt;</c>,
/// <c>Memory&lt;float&gt;</c>, <c>ReadOnlyMemory&lt;float&gt;</c>, <c>Embedding&lt;float&gt;</c>,
/// <c>Embedding&lt;double&gt;</c> and <c>Embedding&lt;Half&gt;</c> (Microsoft.Extensions.AI), and for
/// bits <c>bool[]</c>, <c>BitArray</c> and <c>BinaryEmbedding</c>. Dapper looks a handler up by the
/// declared type of the parameter object's property (<c>new { q = (IReadOnlyList&lt;float&gt;)list }</c>
/// uses the <c>IReadOnlyList&lt;float&gt;</c> one); other sequences of numbers are still expanded, and
/// the syntax error that follows says so. The same types are read back from vector columns (a
/// <c>List&lt;float&gt;</c> or <c>Embedding&lt;float&gt;</c> property of a mapped class).
/// </para>
/// <para>
/// A handler hands the value to the provider unchanged. Dapper's handlers are process-wide: with
/// another provider in the same process, a parameter of these types is sent as one value too
/// rather than expanded into an <c>IN</c> list (lists of integers, strings and the like are not
/// affected).
/// </para>
/// </remarks>
public static class DapperVectorHandlers
{
    private static int _registered;

    /// <summary>Registers the handlers once per process; safe to call again.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) != 0)
            return;
        Add<float[]>();
        Add<double[]>();
        Add<Half[]>();
        Add<List<float>>();
        Add<List<double>>();
        Add<IReadOnlyList<float>>();
        Add<IList<float>>();
        Add<Memory<float>>();
        Add<ReadOnlyMemory<float>>();
        Add<Embedding<float>>();
        Add<Embedding<double>>();
        Add<Embedding<Half>>();
        Add<bool[]>();
        Add<BitArray>();
        Add<BinaryEmbedding>();
    }

    private static void Add<T>() => SqlMapper.AddTypeHandler(new VectorHandler<T>());

    // Sends the value as it is (the provider reads it as a vector) and builds T from what a vector
    // column returns, as GetFieldValue<T> does (Dapper's mapping reads GetValue, then asks the handler).
    private sealed class VectorHandler<T> : SqlMapper.TypeHandler<T>
    {
        public override void SetValue(IDbDataParameter parameter, T? value) => parameter.Value = (object?)value ?? DBNull.Value;

        public override T? Parse(object value) => value switch
        {
            T same => same,
            _ when VectorOutputs.TryConvert(value, null, null, out T vector) => vector,
            _ => throw new DataException($"cannot read a {value.GetType().Name} as {typeof(T).Name}"),
        };
    }
}
