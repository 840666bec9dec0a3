using System.Globalization;
using VecStore.Benchmarks;

// Quick measurements of the engine through its public API, until `vecstore bench` (issue 4)
// measures against the reference libraries. Run in Release:
//   dotnet run -c Release --project bench/VecStore.Benchmarks -- ingest [rows] [dims]
//   dotnet run -c Release --project bench/VecStore.Benchmarks -- flat [rows] [dims] [queries]
string mode = args.Length > 0 ? args[0] : "";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
switch (mode)
{
    case "ingest":
        IngestMeasurement.Run(Arg(1, 200_000), Arg(2, 128));
        return 0;
    case "flat":
        FlatSearchMeasurement.Run(Arg(1, 1_000_000), Arg(2, 128), Arg(3, 100));
        return 0;
    default:
        Console.Error.WriteLine("usage: VecStore.Benchmarks ingest [rows] [dims] | flat [rows] [dims] [queries]");
        return 2;
}
