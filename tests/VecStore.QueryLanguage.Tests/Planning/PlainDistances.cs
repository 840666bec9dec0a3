namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>The distances SQL prints, computed in doubles with plain loops: the oracle the planning tests compare with.</summary>
internal static class PlainDistances
{
    public static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (double)a[i] * b[i];
        return sum;
    }

    public static double L2(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
        return Math.Sqrt(sum);
    }

    public static double Cosine(float[] a, float[] b) => 1 - (Dot(a, b) / Math.Sqrt(Dot(a, a) * Dot(b, b)));
}
