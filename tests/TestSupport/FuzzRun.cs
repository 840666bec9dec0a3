namespace VecStore.TestSupport;

/// <summary>
/// How many cases a fuzzer runs and from which seed, so that any failure can be replayed alone.
/// </summary>
/// <remarks>
/// Each case draws from its own <see cref="Random"/> seeded with <c>seed + case</c>; a failure names
/// that seed and the command that repeats exactly that case:
/// <c>VECSTORE_FUZZ_SEED=&lt;seed&gt; VECSTORE_FUZZ_CASES=1 dotnet test --filter ...</c>.
/// <c>VECSTORE_LONG=1</c> runs the long count; <c>VECSTORE_FUZZ_CASES</c> overrides either.
/// </remarks>
public static class FuzzRun
{
    /// <summary>True when the long modes are asked for (<c>VECSTORE_LONG=1</c>).</summary>
    public static bool Long => Environment.GetEnvironmentVariable("VECSTORE_LONG") == "1";

    /// <summary>The number of cases: <c>VECSTORE_FUZZ_CASES</c> when set, else the long or the suite count.</summary>
    public static int Cases(int suite, int longMode) =>
        int.TryParse(Environment.GetEnvironmentVariable("VECSTORE_FUZZ_CASES"), out int cases) && cases > 0
            ? cases
            : Long ? longMode : suite;

    /// <summary>The first case's seed: <c>VECSTORE_FUZZ_SEED</c> when set, else <paramref name="fixedSeed"/>.</summary>
    public static int Seed(int fixedSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("VECSTORE_FUZZ_SEED"), out int seed) ? seed : fixedSeed;

    /// <summary>Runs <paramref name="body"/> once per case with that case's generator; a failure is rethrown naming the seed that replays it.</summary>
    /// <returns>The number of cases run.</returns>
    public static int ForEach(string test, int suite, int longMode, int fixedSeed, Action<Random> body)
    {
        int cases = Cases(suite, longMode), first = Seed(fixedSeed);
        for (int c = 0; c < cases; c++)
        {
            int seed = unchecked(first + c);
            try
            {
                body(new Random(seed));
            }
            catch (Exception exception)
            {
                throw new FuzzCaseFailedException(
                    $"{test}: case {c} failed; replay it with VECSTORE_FUZZ_SEED={seed} VECSTORE_FUZZ_CASES=1 "
                    + $"dotnet test --filter {test}\n{exception.GetType().Name}: {exception.Message}", exception);
            }
        }
        return cases;
    }
}

/// <summary>A fuzz case failed; the message holds the seed that replays it.</summary>
public sealed class FuzzCaseFailedException(string message, Exception inner) : Exception(message, inner);
