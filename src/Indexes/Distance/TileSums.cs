using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>The dot products one <see cref="DotProductTile"/> call produces: for row <c>r</c> and lane group <c>s</c>, element <c>r * groups + s</c>.</summary>
[InlineArray(DotProductTile.Rows * 3)]
internal struct TileSums
{
    private Vector512<float> _element;
}
