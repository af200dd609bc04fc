namespace HybridInference.Contracts.Oip;

/// <summary>The tensor datatypes of the Open Inference Protocol v2, spelt as on the wire.</summary>
public static class Datatypes
{
    public const string Bool = "BOOL";
    public const string UInt8 = "UINT8";
    public const string UInt16 = "UINT16";
    public const string UInt32 = "UINT32";
    public const string UInt64 = "UINT64";
    public const string Int8 = "INT8";
    public const string Int16 = "INT16";
    public const string Int32 = "INT32";
    public const string Int64 = "INT64";
    public const string Fp16 = "FP16";
    public const string Fp32 = "FP32";
    public const string Fp64 = "FP64";
    public const string Bytes = "BYTES";

    /// <summary>Every datatype the protocol defines, in the order the spec lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Bool, UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64, Fp16, Fp32, Fp64, Bytes];

    /// <summary>Whether <paramref name="datatype"/> is one of the protocol's names (case-sensitive, as the spec is).</summary>
    public static bool IsKnown(string? datatype) => datatype is not null && All.Contains(datatype, StringComparer.Ordinal);

    /// <summary>Bytes per element in raw (binary) contents, or 0 for BYTES whose elements carry their own length.</summary>
    public static int ElementSize(string datatype) => datatype switch
    {
        Bool or UInt8 or Int8 => 1,
        UInt16 or Int16 or Fp16 => 2,
        UInt32 or Int32 or Fp32 => 4,
        UInt64 or Int64 or Fp64 => 8,
        _ => 0,
    };
}
