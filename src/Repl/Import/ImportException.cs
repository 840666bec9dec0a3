namespace VecStore.Repl.Import;

/// <summary>A file that cannot be imported as it is: cut off, a bad number, a wrong dimension, an unknown column.</summary>
/// <remarks>The message names the place in the file (<c>line 7</c>, <c>vector 3</c>) and what was wrong; the <c>.import</c> command adds the file name.</remarks>
internal sealed class ImportException(string message, Exception? inner = null) : Exception(message, inner);
