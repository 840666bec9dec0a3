using System.Runtime.InteropServices;

namespace VecStore.Indexes;

/// <summary>Read access to a set of stored vectors of one dimension, without copying them.</summary>
/// <remarks>
/// Implementations must allow concurrent calls from several threads while no writer changes
/// the set (Storage hands out an immutable snapshot view per query).
/// </remarks>
public interface IVectorSource
{
    /// <summary>Number of elements in each vector (floats, halves, or bits).</summary>
    int Dimensions { get; }

    /// <summary>How each element is stored.</summary>
    VectorElement ElementType => VectorElement.Float32;

    /// <summary>Number of blocks a full scan visits.</summary>
    int BlockCount { get; }

    /// <summary>Block <paramref name="index"/> of a full scan, 0 &lt;= index &lt; <see cref="BlockCount"/>.</summary>
    VectorBlock GetBlock(int index);

    /// <summary>The vector with this id as raw bytes in the element format, or an empty span when no such vector exists.</summary>
    ReadOnlySpan<byte> GetVectorData(long id);

    /// <summary>The float32 vector with this id, or an empty span; only for float32 sources.</summary>
    ReadOnlySpan<float> GetVector(long id) => MemoryMarshal.Cast<byte, float>(GetVectorData(id));
}
