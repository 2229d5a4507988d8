using System.Buffers.Binary;
using Lucy.Portal.Core.SecurityImages;
using SkiaSharp;

namespace Lucy.Portal.Tests.SecurityImages;

public class SecurityImageDrawerTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void The_image_is_a_real_png_of_the_announced_size()
    {
        var png = new SecurityImageDrawer().DrawPng("ACE47");

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal(SecurityImageDrawer.ImageWidth, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(SecurityImageDrawer.ImageHeight, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.InRange(png.Length, 2_000, 100_000);
    }

    [Fact]
    public void The_same_characters_are_drawn_differently_each_time()
    {
        var drawer = new SecurityImageDrawer();

        Assert.NotEqual(drawer.DrawPng("ACE47"), drawer.DrawPng("ACE47"));
    }

    [Fact]
    public void Every_character_of_the_alphabet_leaves_ink_of_its_own()
    {
        var drawer = new SecurityImageDrawer();
        foreach (var character in RandomSecurityImageCodes.Alphabet)
        {
            Assert.Contains(character, SecurityImageGlyphs.Characters);
            using var path = SecurityImageGlyphs.PathOf(character);
            Assert.True(path.Bounds.Width > 1 && path.Bounds.Height > 4, $"{character} has no real glyph.");
        }
        // Decoding proves the bytes are an image Skia itself can read, not only a plausible header.
        using var bitmap = SKBitmap.Decode(drawer.DrawPng(RandomSecurityImageCodes.Alphabet[..5]));
        Assert.Equal(SecurityImageDrawer.ImageWidth, bitmap.Width);
        var inked = 0;
        for (var x = 0; x < bitmap.Width; x++)
        {
            for (var y = 0; y < bitmap.Height; y++)
            {
                if (bitmap.GetPixel(x, y).Red < 128)
                {
                    inked++;
                }
            }
        }
        Assert.InRange(inked, 500, bitmap.Width * bitmap.Height / 2);
    }
}
