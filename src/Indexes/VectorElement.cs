namespace VecStore.Indexes;

/// <summary>How the elements of a stored vector are encoded.</summary>
public enum VectorElement
{
    /// <summary>IEEE 754 binary32, 4 bytes an element.</summary>
    Float32 = 0,

    /// <summary>IEEE 754 binary16 (<see cref="Half"/>), 2 bytes an element; queries stay float32.</summary>
    Float16 = 1,

    /// <summary>One bit an element, packed into little-endian 64-bit words (bit i is bit i % 64 of word i / 64); unused bits of the last word are zero.</summary>
    Bit = 2,
}
