using System.Globalization;

namespace VecStore;

// Factories for a statement stopped before it finished (0230-0239): by the application, or by its time limit.
public sealed partial class VecStoreException
{
    internal static VecStoreException Cancelled()
        => new(VecStore.ErrorCode.Cancelled, "the statement was cancelled before it finished; the database is as it was before it");

    internal static VecStoreException TimedOut(int seconds)
        => new(VecStore.ErrorCode.TimedOut, string.Create(CultureInfo.InvariantCulture,
            $"the statement ran longer than CommandTimeout = {seconds} s and was stopped; the database is as it was before it (raise CommandTimeout, or set it to 0 for no limit)"));
}
