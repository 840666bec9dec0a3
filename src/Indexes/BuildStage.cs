namespace VecStore.Indexes;

/// <summary>The stages of an index build, in the order a build passes through them.</summary>
/// <remarks>HNSW only links; IVF samples, clusters and adds; IVFPQ also trains its codebooks before adding.</remarks>
public enum BuildStage
{
    /// <summary>Drawing the training sample; counted in blocks of the source.</summary>
    Sampling,

    /// <summary>Training the coarse centroids with k-means; counted in iterations.</summary>
    Clustering,

    /// <summary>Training the product quantizer's codebooks (k-means per slice); counted in iterations over all slices.</summary>
    TrainingCodebooks,

    /// <summary>Assigning each vector to its list (and coding it) and adding it; counted in blocks of the source.</summary>
    Adding,

    /// <summary>Linking each vector into the HNSW graph; counted in vectors.</summary>
    Linking,
}
