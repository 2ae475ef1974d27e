using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Deploy.Build.Tests.Support;

/// <summary>
/// A decoded PNG (8-bit greyscale, RGB or RGBA, not interlaced: what Chromium writes): enough to check a screenshot's
/// size and what colours it holds. Throws <see cref="FormatException"/> on anything else.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The colour at (x, y) as 0xRRGGBB.</summary>
    public int Rgb(int x, int y)
    {
        var i = (y * Width + x) * _channels;
        return _channels < 3 ? _pixels[i] * 0x010101 : _pixels[i] << 16 | _pixels[i + 1] << 8 | _pixels[i + 2];
    }

    /// <summary>How many pixels have each colour.</summary>
    public Dictionary<int, int> Histogram()
    {
        var histogram = new Dictionary<int, int>();
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var rgb = Rgb(x, y);
                histogram[rgb] = histogram.GetValueOrDefault(rgb) + 1;
            }
        }

        return histogram;
    }

    public static PngImage Decode(byte[] png)
    {
        if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new FormatException("Not a PNG: the signature is missing.");
        }

        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var offset = Signature.Length; offset + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    var (depth, colour, interlace) = (data[8], data[9], data[12]);
                    channels = colour switch { 0 => 1, 2 => 3, 6 => 4, _ => 0 };
                    if (depth != 8 || channels == 0 || interlace != 0)
                    {
                        throw new FormatException($"Unsupported PNG: bit depth {depth}, colour type {colour}, interlace {interlace}.");
                    }

                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }

            offset += 12 + length;
        }

        if (width <= 0 || height <= 0)
        {
            throw new FormatException("Not a PNG: no IHDR chunk.");
        }

        compressed.Position = 0;
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return new PngImage(width, height, channels, Unfilter(raw.ToArray(), width, height, channels));
    }

    /// <summary>Undoes the per-row filters (PNG specification, section 9).</summary>
    private static byte[] Unfilter(byte[] data, int width, int height, int channels)
    {
        var stride = width * channels;
        if (data.Length < height * (stride + 1))
        {
            throw new FormatException($"The image data is {data.Length} bytes, too short for {width}x{height}.");
        }

        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                var value = data[y * (stride + 1) + 1 + i];
                int left = i >= channels ? pixels[y * stride + i - channels] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
                pixels[y * stride + i] = (byte)(value + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new FormatException($"Unknown PNG filter {filter} in row {y}."),
                });
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
