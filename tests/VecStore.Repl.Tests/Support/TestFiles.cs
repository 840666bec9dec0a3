using System.Buffers.Binary;
using System.Text;

namespace VecStore.Repl.Tests.Support;

/// <summary>Writes the binary files the import and bench tests read: .fvecs records and .npy arrays.</summary>
internal static class TestFiles
{
    /// <summary>An .fvecs file of <paramref name="vectors"/>, each record its own dimension count and values.</summary>
    public static void WriteFvecs(string path, params float[][] vectors)
    {
        using var stream = File.Create(path);
        Span<byte> four = stackalloc byte[4];
        foreach (var vector in vectors)
        {
            BinaryPrimitives.WriteInt32LittleEndian(four, vector.Length);
            stream.Write(four);
            foreach (var value in vector)
            {
                BinaryPrimitives.WriteSingleLittleEndian(four, value);
                stream.Write(four);
            }
        }
    }

    /// <summary>A version 1 .npy file of the given rows, as '&lt;f4' or '&lt;f8', with the shape <paramref name="shape"/> (the rows' own when null).</summary>
    public static void WriteNpy(string path, float[][] rows, bool asDouble = false, string? shape = null, string? descr = null)
    {
        int d = rows.Length == 0 ? 0 : rows[0].Length;
        string header = $"{{'descr': '{descr ?? (asDouble ? "<f8" : "<f4")}', 'fortran_order': False, 'shape': {shape ?? $"({rows.Length}, {d})"}, }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        Span<byte> two = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(two, (ushort)header.Length);
        stream.Write(two);
        stream.Write(Encoding.ASCII.GetBytes(header));
        Span<byte> eight = stackalloc byte[8];
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                if (asDouble)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(eight, value);
                    stream.Write(eight);
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(eight, value);
                    stream.Write(eight[..4]);
                }
            }
        }
    }

    /// <summary>Cuts the last <paramref name="bytes"/> bytes off a file.</summary>
    public static void Truncate(string path, int bytes)
    {
        using var stream = new FileStream(path, FileMode.Open);
        stream.SetLength(stream.Length - bytes);
    }
}
