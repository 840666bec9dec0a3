using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Flat;

/// <summary>Keeps the smallest scores: the usual nearest-neighbour order.</summary>
internal readonly struct NearestFirst : IScanOrder
{
    public static float Key(float score) => score;

    public static float Score(float key) => key;

    public static double Key(double score) => score;

    public static double Score(double key) => key;

    public static Vector128<float> Key(Vector128<float> scores) => scores;

    public static Vector512<float> Key(Vector512<float> scores) => scores;
}
