namespace VecStore.Repl.Bench;

/// <summary>A benchmark that cannot run as asked: a missing dataset, a bad option, an engine that refuses a setting.</summary>
/// <remarks>Printed as <c>Error: </c> and the message; the command exits with 1. Never a bug: those surface as other exceptions.</remarks>
internal sealed class BenchException(string message, Exception? inner = null) : Exception(message, inner);
