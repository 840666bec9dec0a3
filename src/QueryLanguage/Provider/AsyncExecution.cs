namespace VecStore;

/// <summary>The async forms of the provider: they run on the calling thread, as Microsoft.Data.Sqlite's do, and honour the caller's token.</summary>
/// <remarks>
/// The token is linked to the command's monitor for the duration of the call, so cancelling it
/// stops the statement at its next check (VECSQL0230). A statement the caller's token stopped ends
/// as a cancelled task whose <see cref="OperationCanceledException"/> carries that VECSQL0230 error
/// as its inner exception, as .NET expects of a cancelled async call; any other error faults the task.
/// </remarks>
internal static class AsyncExecution
{
    public static Task<T> Run<TState, T>(Func<TState, CancellationToken, T> work, TState state, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<T>(cancellationToken);
        try
        {
            return Task.FromResult(work(state, cancellationToken));
        }
        catch (VecStoreException ex) when (ex.Code == ErrorCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return Cancelled<T>(new OperationCanceledException(ex.Message, ex, cancellationToken));
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    // An async method that ends in an OperationCanceledException gives a cancelled task which, awaited,
    // throws that very exception; Task.FromCanceled would drop the VECSQL0230 error inside it.
#pragma warning disable CS1998 // nothing to await: the method is async only for the cancelled task it makes
    private static async Task<T> Cancelled<T>(OperationCanceledException exception) => throw exception;
#pragma warning restore CS1998
}
