using System.Buffers.Binary;
using System.IO.Compression;

namespace HybridInference.Training.Data;

/// <summary>
/// Reads the IDX files of (Fashion-)MNIST, gzip-compressed (".gz") or raw. Every failure is a
/// <see cref="DataFormatException"/> naming the file.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte 3-D tensor (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte 1-D tensor (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an image file: returns pixels scaled to [0,1] (byte/255), row-major, image after image.</summary>
    public static (float[] Pixels, int Count, int Rows, int Cols) ReadImages(string path)
    {
        return Read(path, stream =>
        {
            var header = ReadExactly(stream, 16, path, "header");
            CheckMagic(header, ImagesMagic, path);
            var count = ReadCount(header, 4, path, "image count");
            var rows = ReadCount(header, 8, path, "row count");
            var cols = ReadCount(header, 12, path, "column count");
            var pixelCount = (long)count * rows * cols;
            if (pixelCount > Array.MaxLength)
            {
                throw new DataFormatException(path, $"header declares {count} images of {rows}x{cols}, too large");
            }

            var bytes = ReadExactly(stream, (int)pixelCount, path, $"pixels of {count} images of {rows}x{cols}");
            RejectTrailingData(stream, path);
            var pixels = new float[bytes.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                pixels[i] = bytes[i] / 255f;
            }

            return (pixels, count, rows, cols);
        });
    }

    /// <summary>Reads a label file; every label must be a class index below <paramref name="classCount"/>.</summary>
    public static byte[] ReadLabels(string path, int classCount)
    {
        return Read(path, stream =>
        {
            var header = ReadExactly(stream, 8, path, "header");
            CheckMagic(header, LabelsMagic, path);
            var count = ReadCount(header, 4, path, "label count");
            var labels = ReadExactly(stream, count, path, $"{count} labels");
            RejectTrailingData(stream, path);
            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i] >= classCount)
                {
                    throw new DataFormatException(path, $"label {labels[i]} at index {i} is not a class (0..{classCount - 1})");
                }
            }

            return labels;
        });
    }

    private static T Read<T>(string path, Func<Stream, T> read)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, "file not found");
        }

        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(file, CompressionMode.Decompress)
                : file;
            return read(stream);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(path, $"corrupt gzip stream ({ex.Message})", ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new DataFormatException(path, $"cannot be read ({ex.Message})", ex);
        }
    }

    private static byte[] ReadExactly(Stream stream, int length, string path, string what)
    {
        var buffer = new byte[length];
        var read = stream.ReadAtLeast(buffer, length, throwOnEndOfStream: false);
        if (read < length)
        {
            throw new DataFormatException(path, $"truncated: expected {length} bytes of {what}, found {read}");
        }

        return buffer;
    }

    private static void CheckMagic(byte[] header, int expected, string path)
    {
        var magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expected)
        {
            throw new DataFormatException(path, $"wrong magic number 0x{magic:X8}, expected 0x{expected:X8}");
        }
    }

    private static int ReadCount(byte[] header, int offset, string path, string what)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(offset));
        if (value <= 0)
        {
            throw new DataFormatException(path, $"{what} {value} in the header is not positive");
        }

        return value;
    }

    // Extra bytes mean the header's count is wrong, so the rest of the file cannot be trusted either.
    private static void RejectTrailingData(Stream stream, string path)
    {
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0)
        {
            throw new DataFormatException(path, "more data than the header's count declares");
        }
    }
}
