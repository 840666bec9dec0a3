namespace VecStore.Repl.Shell;

/// <summary>A mistake in what the user asked the shell itself to do: an unknown dot-command, a bad argument, a missing file.</summary>
/// <remarks>Printed as <c>Error: </c> and the message, like an engine error; the shell goes on.</remarks>
internal sealed class ShellException(string message) : Exception(message);
