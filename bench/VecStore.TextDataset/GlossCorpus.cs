namespace VecStore.TextDataset;

/// <summary>The glosses of WordNet (Debian's wordnet-base): about 117,000 short English texts, each a definition and often an example sentence.</summary>
/// <remarks>
/// Real text on every Debian machine without a network. Each line of <c>data.noun</c>, <c>data.verb</c>,
/// <c>data.adj</c> and <c>data.adv</c> (after the licence lines, which start with two spaces) ends in
/// <c>| gloss</c>. Glosses are trimmed, those under <see cref="MinimumWords"/> words dropped, and
/// duplicates kept once, in file order, so the list is the same on every machine with the same package.
/// </remarks>
internal static class GlossCorpus
{
    public const string DefaultFolder = "/usr/share/wordnet";

    private const int MinimumWords = 3;

    private static readonly string[] Files = ["data.noun", "data.verb", "data.adj", "data.adv"];

    public static List<string> Read(string folder)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var texts = new List<string>();
        foreach (string file in Files)
        {
            string path = Path.Combine(folder, file);
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path} is missing: apt-get install wordnet-base", path);
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("  ", StringComparison.Ordinal))
                    continue;
                int bar = line.IndexOf('|', StringComparison.Ordinal);
                if (bar < 0)
                    continue;
                string gloss = line[(bar + 1)..].Trim();
                if (gloss.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinimumWords && seen.Add(gloss))
                    texts.Add(gloss);
            }
        }
        return texts;
    }

    /// <summary>A seeded Fisher–Yates shuffle, the same on every run and machine.</summary>
    public static void Shuffle(List<string> texts, int seed)
    {
        var random = new Random(seed);
        for (int i = texts.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (texts[i], texts[j]) = (texts[j], texts[i]);
        }
    }
}
