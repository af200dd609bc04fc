using System.Buffers.Binary;
using System.IO.Compression;

namespace HybridInference.Registry.Tests.Pages;

/// <summary>
/// The pixels of a screenshot: enough of PNG (8-bit RGB or RGBA, not interlaced, as Chromium writes it) to
/// count the pixels of a colour, so a test can tell that the plots were drawn, not just present in the DOM.
/// </summary>
public sealed class PngPixels
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngPixels(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public static PngPixels Decode(byte[] png)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        Assert.True(png.AsSpan(0, 8).SequenceEqual(signature), "not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var data = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var chunk = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                Assert.True(chunk[8] == 8 && chunk[12] == 0, $"only 8-bit non-interlaced PNGs are read (bit depth {chunk[8]}, interlace {chunk[12]})");
                channels = chunk[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {chunk[9]}") };
            }
            else if (type == "IDAT")
            {
                data.Write(chunk);
            }

            at += 12 + length;
        }

        data.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngPixels(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    /// <summary>Pixels within <paramref name="tolerance"/> of a colour in every channel (antialiased edges differ slightly).</summary>
    public int Count(string hexColour, int tolerance = 10)
    {
        var (r, g, b) = (Convert.ToInt32(hexColour[1..3], 16), Convert.ToInt32(hexColour[3..5], 16), Convert.ToInt32(hexColour[5..7], 16));
        var count = 0;
        for (var i = 0; i < _pixels.Length; i += _channels)
        {
            if (Math.Abs(_pixels[i] - r) <= tolerance && Math.Abs(_pixels[i + 1] - g) <= tolerance && Math.Abs(_pixels[i + 2] - b) <= tolerance)
            {
                count++;
            }
        }

        return count;
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var row = 0; row < height; row++)
        {
            var filter = raw[row * (stride + 1)];
            var source = (row * (stride + 1)) + 1;
            var target = row * stride;
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? pixels[target + i - channels] : 0;
                int up = row > 0 ? pixels[target - stride + i] : 0;
                int upLeft = row > 0 && i >= channels ? pixels[target - stride + i - channels] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                };
                pixels[target + i] = (byte)(raw[source + i] + predicted);
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
