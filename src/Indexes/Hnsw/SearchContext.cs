namespace VecStore.Indexes.Hnsw;

/// <summary>The scratch memory of one graph walk (a search or an insertion), reused through a <see cref="SearchContextPool"/>.</summary>
internal sealed class SearchContext
{
    public SearchContext(int nodeCapacity, int dimensions, int maxNeighbors)
    {
        Visited = new VisitedSet(nodeCapacity);
        Candidates = new NodeHeap(256);
        Results = new NodeHeap(256);

        // Enough for a float32 copy of a vector, or for its packed bits.
        int floats = Math.Max(dimensions, 2 * VectorElements.BitWords(dimensions));
        Query = new float[floats];
        Other = new float[floats];
        Selection = new ScoredNode[maxNeighbors + 1];
        Kept = new int[maxNeighbors + 1];
        Linking = new int[maxNeighbors];
        Found = new Neighbor[256];
    }

    public VisitedSet Visited { get; }

    /// <summary>Nodes still to expand, pushed with negated scores so the nearest is on top.</summary>
    public NodeHeap Candidates { get; }

    /// <summary>The nearest nodes found so far, the farthest on top.</summary>
    public NodeHeap Results { get; }

    /// <summary>The query in the form the scorer reads (float32, or packed bits).</summary>
    public float[] Query { get; }

    /// <summary>A second encoded vector, for comparing two stored nodes while neighbours are selected.</summary>
    public float[] Other { get; }

    /// <summary>Candidate neighbours of one node, nearest first, while a list is chosen.</summary>
    public ScoredNode[] Selection { get; set; }

    /// <summary>The neighbours chosen so far.</summary>
    public int[] Kept { get; set; }

    /// <summary>A copy of a new node's list while it is linked back.</summary>
    public int[] Linking { get; }

    /// <summary>The results of a search, sorted before they are copied out.</summary>
    public Neighbor[] Found { get; set; }
}
