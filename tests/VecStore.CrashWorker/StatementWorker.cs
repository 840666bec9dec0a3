using System.Globalization;
using System.Runtime.InteropServices;

namespace VecStore.CrashWorker;

/// <summary>Runs the statements it reads on stdin, one a line, on one connection, so a test can drive the engine in a process of its own (one that may die, or run as another user).</summary>
/// <remarks>
/// Protocol: prints "ready" once the connection is open; for each line, the rows of its result as
/// "row" and the values, tab-separated, then "ok N" (N: rows changed); a VecStoreException prints
/// "error VECSQLnnnn message" instead and the worker goes on. The line "close" closes the connection
/// and prints "closed". Any other exception ends the process with it, as it would an application.
/// With a user id, the process drops root for that user (and its group) before it opens anything.
/// </remarks>
public static partial class StatementWorker
{
    public static int Run(string path, string options, int? userId)
    {
        if (userId is { } id)
            DropPrivileges(id);
        var connection = new VecStoreConnection($"Data Source={path}{options}");
        try
        {
            connection.Open();
        }
        catch (VecStoreException ex)
        {
            Console.Out.WriteLine("error " + Describe(ex));
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            return 1;
        }
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        string? line;
        while ((line = Console.In.ReadLine()) is not null)
        {
            if (line == "close")
            {
                connection.Dispose();
                Console.Out.WriteLine("closed");
                Console.Out.Flush();
                continue;
            }
            try
            {
                using var command = new VecStoreCommand(line, connection);
                using var reader = command.ExecuteReader();
                do
                {
                    while (reader.Read())
                    {
                        var values = new string[reader.FieldCount];
                        for (int i = 0; i < values.Length; i++)
                            values[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
                        Console.Out.WriteLine("row\t" + string.Join('\t', values));
                    }
                }
                while (reader.NextResult());
                reader.Close();
                Console.Out.WriteLine("ok " + reader.RecordsAffected.ToString(CultureInfo.InvariantCulture));
            }
            catch (VecStoreException ex)
            {
                Console.Out.WriteLine("error " + Describe(ex));
            }
            Console.Out.Flush();
        }
        connection.Dispose();
        return 0;
    }

    private static string Describe(VecStoreException ex) => ex.CodeName + " " + ex.Reason.ReplaceLineEndings(" ");

    private static void DropPrivileges(int userId)
    {
        if (SetGroups(0, IntPtr.Zero) != 0 || SetResGid(userId, userId, userId) != 0 || SetResUid(userId, userId, userId) != 0)
            throw new InvalidOperationException($"cannot become user {userId} (errno {Marshal.GetLastPInvokeError()})");
    }

    [LibraryImport("libc", EntryPoint = "setgroups", SetLastError = true)]
    private static partial int SetGroups(nint size, IntPtr groups);

    [LibraryImport("libc", EntryPoint = "setresgid", SetLastError = true)]
    private static partial int SetResGid(int real, int effective, int saved);

    [LibraryImport("libc", EntryPoint = "setresuid", SetLastError = true)]
    private static partial int SetResUid(int real, int effective, int saved);
}
