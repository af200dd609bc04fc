using HybridInference.Training.Data;

namespace HybridInference.Training.Tests.Data;

public class IdxReaderTests
{
    private static string Images(string fixture) => Path.Combine(TestPaths.Fixture(fixture), "t10k-images-idx3-ubyte.gz");

    private static string Labels(string fixture) => Path.Combine(TestPaths.Fixture(fixture), "t10k-labels-idx1-ubyte.gz");

    [Fact]
    public void ReadImages_ValidFile_ReturnsScaledPixels()
    {
        var (pixels, count, rows, cols) = IdxReader.ReadImages(Images("valid"));

        Assert.Equal(5, count);
        Assert.Equal((28, 28), (rows, cols));
        Assert.Equal(5 * 784, pixels.Length);
        Assert.All(pixels, p => Assert.InRange(p, 0f, 1f));
        Assert.Contains(pixels, p => p == 1f);
    }

    [Fact]
    public void ReadLabels_ValidFile_ReturnsLabels() =>
        Assert.Equal(new byte[] { 9, 2, 1, 1, 6 }, IdxReader.ReadLabels(Labels("valid"), 10));

    [Fact]
    public void ReadImages_RawFile_SameAsGzip()
    {
        var raw = IdxReader.ReadImages(Path.Combine(TestPaths.Fixture("valid-raw"), "t10k-images-idx3-ubyte"));
        Assert.Equal(IdxReader.ReadImages(Images("valid")).Pixels, raw.Pixels);
    }

    [Fact]
    public void ReadImages_WrongMagic_NamesFileAndMagic()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(Images("wrong-magic")));
        Assert.Equal(Images("wrong-magic"), ex.FilePath);
        Assert.Contains("wrong magic number 0x00000801, expected 0x00000803", ex.Message);
        Assert.StartsWith(Images("wrong-magic"), ex.Message);
    }

    [Fact]
    public void ReadLabels_WrongMagic_NamesFileAndMagic()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(Labels("wrong-label-magic"), 10));
        Assert.Equal(Labels("wrong-label-magic"), ex.FilePath);
        Assert.Contains("wrong magic", ex.Problem);
    }

    [Fact]
    public void ReadImages_Truncated_SaysHowMuchIsMissing()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(Images("truncated")));
        Assert.Equal(Images("truncated"), ex.FilePath);
        Assert.Contains("truncated: expected 3920 bytes", ex.Problem);
    }

    [Fact]
    public void ReadLabels_TrailingData_Rejected()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(Labels("trailing-data"), 10));
        Assert.Contains("more data than the header's count", ex.Problem);
    }

    [Fact]
    public void ReadLabels_LabelOutOfRange_NamesIndex()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(Labels("bad-label"), 10));
        Assert.Contains("label 10 at index 3", ex.Problem);
    }

    [Fact]
    public void ReadImages_MissingFile_NamesFile()
    {
        var path = Path.Combine(TestPaths.Fixture("valid"), "no-such-file.gz");
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Equal("file not found", ex.Problem);
    }

    [Fact]
    public void ReadImages_CorruptGzip_IsDataFormatException()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(Images("corrupt-gzip")));
        Assert.Equal(Images("corrupt-gzip"), ex.FilePath);
    }
}
