namespace VecStore.Repl.Bench;

/// <summary>How the benchmark table stores each vector element (<c>--element</c>).</summary>
internal enum BenchElement
{
    /// <summary><c>VECTOR(d)</c>: 32-bit floats.</summary>
    Float32,

    /// <summary><c>VECTOR(d) HALF</c>: 16-bit floats; queries and ground truth stay float32.</summary>
    Half,

    /// <summary><c>BIT(d)</c>: one bit per dimension, set where the float value is above zero.</summary>
    Bit,
}
