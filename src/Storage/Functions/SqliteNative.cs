using System.Runtime.InteropServices;

namespace VecStore.Storage.Functions;

/// <summary>The few SQLite C functions VecStore's SQL functions need, called through function pointers into the e_sqlite3 library Microsoft.Data.Sqlite uses.</summary>
/// <remarks>
/// <para>
/// Microsoft.Data.Sqlite's <c>CreateFunction</c> costs about 125 ns and 192 bytes a call, and copies
/// every BLOB argument into a new array (a 384-float query: 1.5 µs and 1.8 KB a row). Registering
/// <see cref="UnmanagedCallersOnlyAttribute"/> entry points with <c>sqlite3_create_function_v2</c>
/// directly costs about 16 ns and allocates nothing; arguments are read in place.
/// </para>
/// <para>
/// The library is loaded the way SQLitePCLRaw's provider loads it (its <c>DllImport("e_sqlite3")</c>,
/// resolved for its assembly), so both reach one copy of SQLite. The leaf calls that only read an
/// argument or set a result are marked <c>SuppressGCTransition</c>: they are short and never call back.
/// </para>
/// </remarks>
internal static unsafe class SqliteNative
{
    public const int Utf8 = 1;
    public const int Deterministic = 0x800;
    public const int DirectOnly = 0x80000;

    // sqlite3_value_type results.
    public const int Integer = 1;
    public const int Float = 2;
    public const int Text = 3;
    public const int Blob = 4;
    public const int Null = 5;

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.</summary>
    public static readonly IntPtr Transient = new(-1);

    private static readonly IntPtr Library = NativeLibrary.Load("e_sqlite3", typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, null);

    public static readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, IntPtr,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void>,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void>,
        delegate* unmanaged[Cdecl]<IntPtr, void>,
        IntPtr, int> CreateFunction =
        (delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, IntPtr, delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void>, delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void>, delegate* unmanaged[Cdecl]<IntPtr, void>, IntPtr, int>)
        Export("sqlite3_create_function_v2");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int> ValueType =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int>)Export("sqlite3_value_type");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, long> ValueInt64 =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, long>)Export("sqlite3_value_int64");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, double> ValueDouble =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, double>)Export("sqlite3_value_double");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*> ValueBlob =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*>)Export("sqlite3_value_blob");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*> ValueText =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*>)Export("sqlite3_value_text");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int> ValueBytes =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int>)Export("sqlite3_value_bytes");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, IntPtr> UserData =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, IntPtr>)Export("sqlite3_user_data");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, byte*> AggregateContext =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, byte*>)Export("sqlite3_aggregate_context");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, void> ResultNull =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, void>)Export("sqlite3_result_null");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, long, void> ResultInt64 =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, long, void>)Export("sqlite3_result_int64");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, double, void> ResultDouble =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, double, void>)Export("sqlite3_result_double");

    // The destructor is sqlite3_free for memory from Malloc (SQLite keeps it without copying), or Transient.
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, void*, int, IntPtr, void> ResultBlob =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, void*, int, IntPtr, void>)Export("sqlite3_result_blob");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*, int, IntPtr, void> ResultText =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*, int, IntPtr, void>)Export("sqlite3_result_text");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*, int, void> ResultError =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*, int, void>)Export("sqlite3_result_error");

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<long, byte*> Malloc =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<long, byte*>)Export("sqlite3_malloc64");

    /// <summary>sqlite3_free, as a result destructor: SQLite frees a result made with <see cref="Malloc"/> when done with it.</summary>
    public static readonly IntPtr Free = Export("sqlite3_free");

    private static IntPtr Export(string name) => NativeLibrary.GetExport(Library, name);
}
