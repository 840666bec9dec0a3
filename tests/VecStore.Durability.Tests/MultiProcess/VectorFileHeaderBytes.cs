using System.Buffers.Binary;

namespace VecStore.Durability.Tests.MultiProcess;

/// <summary>Reads the few header fields of a vector file a test watches (docs/format.md): the change counter and the apply marker.</summary>
internal static class VectorFileHeaderBytes
{
    /// <summary>How many times the header was written (bytes 40-47).</summary>
    public static long Generation(string databasePath) => BinaryPrimitives.ReadInt64LittleEndian(Read(databasePath).AsSpan(40, 8));

    /// <summary>True when page 0 carries the mark of a checkpoint that was changing pages (bytes 64-71 "VSAPPLY1").</summary>
    public static bool HasApplyMarker(string databasePath) => Read(databasePath).AsSpan(64, 8).SequenceEqual("VSAPPLY1"u8);

    private static byte[] Read(string databasePath)
    {
        using var stream = new FileStream(databasePath + "-vectors", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[96];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
