using System.Buffers.Binary;
using System.IO.Compression;
using HybridInference.Training.Data;

namespace HybridInference.Training.Tests;

/// <summary>The committed test split (loaded once) and a writer for IDX files in temporary folders.</summary>
internal static class TestData
{
    private static readonly Lazy<ImageSet> LazyTestSplit = new(() => FashionMnist.Load(TestPaths.TestSplitDirectory, DataSplit.Test));

    /// <summary>The 10k committed test images; treat as read-only.</summary>
    public static ImageSet TestSplit => LazyTestSplit.Value;

    public static void WriteIdx(string directory, DataSplit split, ImageSet images)
    {
        Directory.CreateDirectory(directory);
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), images.Count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), images.Rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), images.Cols);
        WriteGzip(Path.Combine(directory, FashionMnist.ImagesFile(split)), [.. header, .. images.Pixels.Select(p => (byte)Math.Round(p * 255))]);
        var labelHeader = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(labelHeader, IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(labelHeader.AsSpan(4), images.Count);
        WriteGzip(Path.Combine(directory, FashionMnist.LabelsFile(split)), [.. labelHeader, .. images.Labels]);
    }

    private static void WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
    }
}
