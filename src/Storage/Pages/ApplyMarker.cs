using System.Buffers.Binary;
using System.IO.Hashing;

namespace VecStore.Storage.Pages;

/// <summary>The mark a checkpoint leaves in page 0 while it changes pages: another process that finds it knows the checkpoint's process died mid-way.</summary>
/// <remarks>
/// Written and flushed before the first page changes, and cleared by the header write that
/// commits the checkpoint. A process killed in between leaves pages whose slots may hold
/// vectors newer than the header's LSN and whose checksums may not be sealed yet; every such
/// slot still has its record in the log, which readers consult before the pages, so the only
/// consequence is that checksums cannot be trusted until the next checkpoint rewrites the pages.
/// Layout at byte 64 of page 0 (little-endian): magic "VSAPPLY1", from LSN (i64), target LSN
/// (i64), XxHash3 of the 24 bytes before it.
/// </remarks>
internal readonly record struct ApplyMarker(long FromLsn, long TargetLsn)
{
    public const int Offset = 64;
    public const int Size = 32;
    private static ReadOnlySpan<byte> Magic => "VSAPPLY1"u8;

    public void Write(Span<byte> headerPage)
    {
        var bytes = headerPage.Slice(Offset, Size);
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], FromLsn);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[16..], TargetLsn);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], XxHash3.HashToUInt64(bytes[..24]));
    }

    public static void Clear(Span<byte> headerPage) => headerPage.Slice(Offset, Size).Clear();

    /// <summary>The marker in a header page, or null when there is none (or only a torn one, which was never flushed whole).</summary>
    public static ApplyMarker? TryRead(ReadOnlySpan<byte> headerPage)
    {
        if (headerPage.Length < Offset + Size)
            return null;
        var bytes = headerPage.Slice(Offset, Size);
        if (!bytes[..8].SequenceEqual(Magic) || BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]) != XxHash3.HashToUInt64(bytes[..24]))
            return null;
        return new ApplyMarker(BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]), BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]));
    }
}
