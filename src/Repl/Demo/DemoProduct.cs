namespace VecStore.Repl.Demo;

/// <summary>One row of the demo's <c>products</c> table.</summary>
/// <param name="Id">The primary key, from 1.</param>
/// <param name="Name">Brand, product line and model, such as <c>Cedar Trail Runner 3</c>.</param>
/// <param name="Category">One of <see cref="ProductCatalog.Categories"/>.</param>
/// <param name="Line">The product line within the category; not stored, it decides the embedding's cluster.</param>
/// <param name="Price">The price, ending in .99.</param>
/// <param name="InStock">Whether the product is in stock.</param>
/// <param name="Embedding">The 32-dimension embedding.</param>
internal sealed record DemoProduct(long Id, string Name, string Category, string Line, double Price, bool InStock, float[] Embedding);
