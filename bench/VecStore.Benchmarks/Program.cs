using System.Globalization;
using VecStore.Benchmarks;

// Quick measurements of the engine through its public API, until `vecstore bench` (issue 4)
// measures against the reference libraries. Run in Release:
//   dotnet run -c Release --project bench/VecStore.Benchmarks -- ingest [rows] [dims]
//   dotnet run -c Release --project bench/VecStore.Benchmarks -- flat [rows] [dims] [queries]
//   dotnet run -c Release --project bench/VecStore.Benchmarks -- hnsw <dataset-dir> [M] [efC] [threads] [ef list]
//   dotnet run -c Release --project bench/VecStore.Benchmarks -- ivf <dataset-dir> [lists, 0 = 4*sqrt(n)] [threads] [nprobe list] [graph-min-lists, 0 = default]
//   dotnet run -c Release --project bench/VecStore.Benchmarks -- ivfpq <dataset-dir> [lists] [m] [refine] [threads] [nprobe list]
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
    case "hnsw" when args.Length > 1:
        HnswMeasurement.Run(args[1], Arg(2, 16), Arg(3, 200), Arg(4, Environment.ProcessorCount), HnswMeasurement.ParseList(args.Length > 5 ? args[5] : "10,20,40,80,120,200"));
        return 0;
    case "ivf" when args.Length > 1:
        IvfMeasurement.Run(args[1], Arg(2, 0), Arg(3, Environment.ProcessorCount), HnswMeasurement.ParseList(args.Length > 4 ? args[4] : "1,2,4,8,16,32,64"), Arg(5, 0));
        return 0;
    case "ivfpq" when args.Length > 1:
        IvfPqMeasurement.Run(args[1], Arg(2, 980), Arg(3, 98), Arg(4, 10), Arg(5, Environment.ProcessorCount), HnswMeasurement.ParseList(args.Length > 6 ? args[6] : "4,8,16,32"));
        return 0;
    default:
        Console.Error.WriteLine("usage: VecStore.Benchmarks ingest [rows] [dims] | flat [rows] [dims] [queries] | hnsw <dataset-dir> [M] [efC] [threads] [ef list] | ivf <dataset-dir> [lists] [threads] [nprobe list] [graph-min-lists] | ivfpq <dataset-dir> [lists] [m] [refine] [threads] [nprobe list]");
        return 2;
}
