using System.Data;
using Dapper;

namespace VecStore;

/// <summary>Teaches Dapper that <c>float[]</c>, <c>ReadOnlyMemory&lt;float&gt;</c>, <c>Half[]</c> and <c>bool[]</c> (bits) are single vector values, not lists to expand.</summary>
/// <remarks>
/// Dapper expands any enumerable parameter into <c>(@p1, @p2, ...)</c> unless a type handler is
/// registered for its type. Registration happens when the first <see cref="VecStoreConnection"/> is
/// created; it hands the value to the provider unchanged, so other providers receive it as before.
/// </remarks>
public static class DapperVectorHandlers
{
    private static int _registered;

    /// <summary>Registers the handlers once per process; safe to call again.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) != 0)
            return;
        SqlMapper.AddTypeHandler(new FloatArrayHandler());
        SqlMapper.AddTypeHandler(new FloatMemoryHandler());
        SqlMapper.AddTypeHandler(new PassThroughHandler<Half[]>());
        SqlMapper.AddTypeHandler(new PassThroughHandler<bool[]>());
    }

    private sealed class FloatArrayHandler : SqlMapper.TypeHandler<float[]>
    {
        public override void SetValue(IDbDataParameter parameter, float[]? value) => parameter.Value = (object?)value ?? DBNull.Value;

        public override float[]? Parse(object value) => value switch
        {
            float[] floats => floats,
            ReadOnlyMemory<float> memory => memory.ToArray(),
            double[] doubles => Array.ConvertAll(doubles, d => (float)d),
            _ => throw new DataException($"cannot read a {value.GetType().Name} as a vector"),
        };
    }

    private sealed class FloatMemoryHandler : SqlMapper.TypeHandler<ReadOnlyMemory<float>>
    {
        public override void SetValue(IDbDataParameter parameter, ReadOnlyMemory<float> value) => parameter.Value = value;

        public override ReadOnlyMemory<float> Parse(object value) => value switch
        {
            float[] floats => floats,
            ReadOnlyMemory<float> memory => memory,
            _ => throw new DataException($"cannot read a {value.GetType().Name} as a vector"),
        };
    }

    private sealed class PassThroughHandler<T> : SqlMapper.TypeHandler<T>
        where T : class
    {
        public override void SetValue(IDbDataParameter parameter, T? value) => parameter.Value = (object?)value ?? DBNull.Value;

        public override T? Parse(object value) => value as T ?? throw new DataException($"cannot read a {value.GetType().Name} as {typeof(T).Name}");
    }
}
