namespace VecStore.Durability.Tests;

/// <summary>The damage the damaged-file tests do: a bit flipped, up to 512 bytes zeroed, or the file truncated, at a seeded random place.</summary>
internal static class FileDamage
{
    /// <summary>Damages <paramref name="file"/> one of three ways (within its first <paramref name="within"/> bytes: a flip or up to 8 bytes zeroed, no truncation); returns what it did.</summary>
    public static string Apply(string file, Random random, int? within = null)
    {
        long length = within ?? new FileInfo(file).Length;
        switch (random.Next(within is null ? 3 : 2))
        {
            case 0:
            {
                long at = random.NextInt64(length);
                using var stream = File.Open(file, FileMode.Open);
                stream.Position = at;
                int b = stream.ReadByte();
                stream.Position = at;
                stream.WriteByte((byte)(b ^ (1 << random.Next(8))));
                return $"a bit flipped at byte {at}";
            }
            case 1:
            {
                long at = random.NextInt64(length);
                int count = (int)Math.Min(within is null ? 512 : random.Next(1, 9), length - at);
                using var stream = File.Open(file, FileMode.Open);
                stream.Position = at;
                stream.Write(new byte[count]);
                return $"{count} bytes zeroed at {at}";
            }
            default:
            {
                long to = random.NextInt64(length);
                using var stream = File.Open(file, FileMode.Open);
                stream.SetLength(to);
                return $"truncated to {to} of {length} bytes";
            }
        }
    }
}
