using VecStore.Indexes.Collections;
using System.Runtime.InteropServices;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

/// <summary>Argument checks and small helpers the IVF and IVFPQ indexes share.</summary>
internal static class IvfChecks
{
    /// <summary>Rough cost of one entry of a concurrent dictionary from id to location.</summary>

    /// <summary>Throws unless the pair is float32 with L2, cosine or inner product.</summary>
    public static void ElementAndMetric(VectorElement element, Metric metric)
    {
        if (element != VectorElement.Float32)
        {
            ThrowHelper.Argument(nameof(element), $"IVF indexes hold float32 vectors only, not {element}.");
        }

        if (metric is not (Metric.L2 or Metric.Cosine or Metric.InnerProduct))
        {
            ThrowHelper.Argument(nameof(metric), $"IVF indexes support the L2, Cosine and InnerProduct metrics, not {metric}.");
        }
    }

    /// <summary>Whether training clusters by direction (cosine, inner product) rather than by position.</summary>
    public static bool IsSpherical(Metric metric) => metric != Metric.L2;

    public static InvalidOperationException NotTrained() =>
        new("The index is not trained: call Train or Build before adding vectors.");

    public static ReadOnlySpan<float> AsFloats(ReadOnlySpan<byte> vector) => MemoryMarshal.Cast<byte, float>(vector);

    public static long Location(int list, int position) => ((long)list << 32) | (uint)position;

    public static int ListOf(long location) => (int)(location >> 32);

    public static int PositionOf(long location) => (int)location;

    /// <summary>Throws unless <paramref name="source"/> holds vectors of the index's shape.</summary>
    public static void Source(IVectorSource source, int dimensions, VectorElement element)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Dimensions != dimensions || source.ElementType != element)
        {
            ThrowHelper.Argument(nameof(source), $"The source holds {source.Dimensions}-dimensional {source.ElementType} vectors but the index {dimensions}-dimensional {element} ones.");
        }
    }

    /// <summary>Maps the live ids of a list read from a file or compacted to its number in <paramref name="listOfId"/>; adds them to <paramref name="live"/> and returns the tombstones.</summary>
    /// <exception cref="InvalidDataException">An id is live twice; the message names <paramref name="origin"/>.</exception>
    public static long MapLoadedList(InvertedList list, int listIndex, IdMap listOfId, ref long live, string origin)
    {
        ListView view = list.Read();
        long deleted = 0;
        for (int i = 0; i < view.Count; i++)
        {
            if (view.IsDeleted(i))
            {
                deleted++;
            }
            else if (listOfId.TryGet(view.Ids[i], out _))
            {
                throw new InvalidDataException($"'{origin}' is inconsistent: id {view.Ids[i]} is live twice.");
            }
            else
            {
                listOfId.Add(view.Ids[i], listIndex);
                live++;
            }
        }

        return deleted;
    }

    /// <summary>The ids of the entries of <paramref name="lists"/> that are not tombstoned.</summary>
    public static long[] LiveIds(InvertedList[] lists, long count)
    {
        var ids = new List<long>((int)Math.Min(count, Array.MaxLength));
        foreach (InvertedList list in lists)
        {
            ListView view = list.Read();
            for (int i = 0; i < view.Count; i++)
            {
                if (!view.IsDeleted(i))
                {
                    ids.Add(view.Ids[i]);
                }
            }
        }

        return [.. ids];
    }
}
