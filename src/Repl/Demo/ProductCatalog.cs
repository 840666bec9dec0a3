namespace VecStore.Repl.Demo;

/// <summary>The demo's products: a made-up outdoor shop whose embeddings cluster by category and product line.</summary>
/// <remarks>
/// <para>
/// Each category and each product line has a random centre; a product's embedding is its category's
/// centre, plus its line's, plus noise. So the nearest neighbours of a trail runner are other trail
/// runners, then other shoes: similarity queries give answers a person can check by eye.
/// </para>
/// <para>
/// Components are multiples of 1/16 between -2 and 2. Products and sums of such numbers over 32
/// dimensions are exact in <see cref="float"/> arithmetic, so every distance comes out the same
/// whatever order a SIMD kernel adds in, and the demo prints the same digits on every machine.
/// </para>
/// </remarks>
internal static class ProductCatalog
{
    /// <summary>Dimensions of the embedding column.</summary>
    public const int Dimensions = 32;

    /// <summary>The seed the demo uses.</summary>
    public const ulong DefaultSeed = 20_240_601;

    private const double Step = 1.0 / 16; // the grid the components are rounded to

    /// <summary>The categories, each with six product lines and the typical price of each line.</summary>
    public static IReadOnlyList<(string Category, (string Line, double Price)[] Lines)> Categories { get; } =
    [
        ("shoes", [("Trail Runner", 95), ("Road Runner", 85), ("Hiking Boot", 140), ("Sandal", 35), ("Sneaker", 55), ("Winter Boot", 120)]),
        ("jackets", [("Rain Jacket", 120), ("Down Jacket", 220), ("Fleece", 55), ("Softshell", 130), ("Windbreaker", 70), ("Parka", 260)]),
        ("backpacks", [("Daypack", 60), ("Trekking Pack", 180), ("Laptop Bag", 75), ("Hydration Pack", 50), ("Travel Pack", 140), ("Sling Bag", 35)]),
        ("tents", [("Solo Tent", 150), ("Two-Person Tent", 230), ("Family Tent", 350), ("Tarp Shelter", 60), ("Bivy", 110), ("Hammock", 70)]),
        ("headphones", [("Earbuds", 50), ("Over-Ear", 150), ("Sport Earbuds", 70), ("Studio Monitor", 190), ("Noise-Cancelling", 280), ("Kids Headset", 30)]),
        ("watches", [("GPS Watch", 300), ("Dive Watch", 420), ("Field Watch", 140), ("Smartwatch", 250), ("Chronograph", 380), ("Fitness Band", 60)]),
    ];

    private static readonly string[] Brands = ["Alder", "Birch", "Cedar", "Juniper", "Maple", "Rowan", "Spruce", "Willow"];

    /// <summary>Generates <paramref name="count"/> products with ids 1 to <paramref name="count"/>; the same seed gives the same products.</summary>
    public static IReadOnlyList<DemoProduct> Generate(int count, ulong seed = DefaultSeed)
    {
        var random = new SplitMix64(seed);
        var categoryCentres = new double[Categories.Count][];
        var lineCentres = new double[Categories.Count][][];
        for (int c = 0; c < Categories.Count; c++)
        {
            categoryCentres[c] = RandomPoint(random);
            lineCentres[c] = new double[Categories[c].Lines.Length][];
            for (int l = 0; l < lineCentres[c].Length; l++)
                lineCentres[c][l] = RandomPoint(random);
        }

        var products = new List<DemoProduct>(count);
        for (int id = 1; id <= count; id++)
        {
            int c = random.Next(Categories.Count);
            var (category, lines) = Categories[c];
            int l = random.Next(lines.Length);
            var (line, typicalPrice) = lines[l];
            string name = $"{Brands[random.Next(Brands.Length)]} {line} {1 + random.Next(5)}";
            double price = Math.Floor(typicalPrice * (0.7 + (0.6 * random.NextDouble()))) + 0.99;
            bool inStock = random.NextDouble() < 0.85;

            var embedding = new float[Dimensions];
            for (int d = 0; d < Dimensions; d++)
            {
                // The sum of three uniforms is a bell-shaped noise that needs no logarithms, whose
                // last bits could differ between math libraries.
                double noise = random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5;
                double value = categoryCentres[c][d] + (0.7 * lineCentres[c][l][d]) + (0.4 * noise);
                double steps = Math.Clamp(Math.Round(value / Step), -2 / Step, 2 / Step);
                embedding[d] = steps == 0 ? 0f : (float)(steps * Step); // no -0 in the data
            }
            products.Add(new DemoProduct(id, name, category, line, price, inStock, embedding));
        }
        return products;
    }

    private static double[] RandomPoint(SplitMix64 random)
    {
        var point = new double[Dimensions];
        for (int d = 0; d < Dimensions; d++)
            point[d] = (2 * random.NextDouble()) - 1;
        return point;
    }
}
