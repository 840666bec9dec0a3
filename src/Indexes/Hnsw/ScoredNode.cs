namespace VecStore.Indexes.Hnsw;

/// <summary>A graph node with its score against the current query; smaller scores are nearer.</summary>
internal struct ScoredNode(float score, int node)
{
    public float Score = score;
    public int Node = node;
}
