using System.Security.Cryptography;
using SkiaSharp;

namespace Lucy.Portal.Core.SecurityImages;

/// <summary>Draws a security image as a PNG: each character tilted, scaled and shifted at random, over and under noise lines.</summary>
public sealed class SecurityImageDrawer
{
    public const int ImageWidth = 240;
    public const int ImageHeight = 80;

    private static readonly SKColor Background = new(0xF4, 0xF6, 0xFA);
    private static readonly SKColor[] Inks = [new(0x1F, 0x2A, 0x44), new(0x5B, 0x21, 0x6E), new(0x0B, 0x4F, 0x3C), new(0x7A, 0x2E, 0x0E)];

    public byte[] DrawPng(string text)
    {
        var info = new SKImageInfo(ImageWidth, ImageHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(Background);

        DrawNoiseLines(canvas, 5, 1.2f);
        var cell = (ImageWidth - 20f) / text.Length;
        for (var i = 0; i < text.Length; i++)
        {
            DrawCharacter(canvas, text[i], 10 + cell * i, cell);
        }
        DrawNoiseLines(canvas, 3, 2f);
        DrawSpeckles(canvas, 120);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void DrawCharacter(SKCanvas canvas, char character, float left, float cell)
    {
        using var path = SecurityImageGlyphs.PathOf(character);
        var scale = Between(7.5f, 9.5f);
        var skew = Between(-0.25f, 0.25f);
        var angle = Between(-22, 22);
        var x = left + (cell - SecurityImageGlyphs.Width * scale) / 2 + Between(-4, 4);
        var y = (ImageHeight - SecurityImageGlyphs.Height * scale) / 2 + Between(-6, 6);

        canvas.Save();
        canvas.Translate(x + SecurityImageGlyphs.Width * scale / 2, y + SecurityImageGlyphs.Height * scale / 2);
        canvas.RotateDegrees(angle);
        canvas.Skew(skew, 0);
        canvas.Translate(-SecurityImageGlyphs.Width * scale / 2, -SecurityImageGlyphs.Height * scale / 2);
        canvas.Scale(scale);
        using var ink = new SKPaint
        {
            Color = Inks[RandomNumberGenerator.GetInt32(Inks.Length)],
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = Between(0.55f, 0.75f),
            StrokeCap = SKStrokeCap.Round,
            StrokeJoin = SKStrokeJoin.Round,
        };
        canvas.DrawPath(path, ink);
        canvas.Restore();
    }

    private static void DrawNoiseLines(SKCanvas canvas, int count, float width)
    {
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };
        for (var i = 0; i < count; i++)
        {
            paint.Color = Inks[RandomNumberGenerator.GetInt32(Inks.Length)].WithAlpha(150);
            using var curve = new SKPath();
            curve.MoveTo(0, Between(0, ImageHeight));
            curve.CubicTo(Between(0, ImageWidth), Between(0, ImageHeight), Between(0, ImageWidth), Between(0, ImageHeight),
                ImageWidth, Between(0, ImageHeight));
            canvas.DrawPath(curve, paint);
        }
    }

    private static void DrawSpeckles(SKCanvas canvas, int count)
    {
        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < count; i++)
        {
            paint.Color = Inks[RandomNumberGenerator.GetInt32(Inks.Length)].WithAlpha(110);
            canvas.DrawCircle(Between(0, ImageWidth), Between(0, ImageHeight), Between(0.5f, 1.6f), paint);
        }
    }

    private static float Between(float min, float max) =>
        min + (max - min) * (RandomNumberGenerator.GetInt32(10_000) / 10_000f);
}
