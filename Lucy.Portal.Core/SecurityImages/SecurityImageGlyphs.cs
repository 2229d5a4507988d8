using SkiaSharp;

namespace Lucy.Portal.Core.SecurityImages;

/// <summary>
/// A stroke font for the security image alphabet, on a grid 4 wide and 6 high. The portal draws its own glyphs so that
/// no system font is needed (a bare container has none) and the letters cannot be read back from a font's outlines.
/// </summary>
internal static class SecurityImageGlyphs
{
    public const float Width = 4;
    public const float Height = 6;

    private static readonly Dictionary<char, float[][]> Strokes = new()
    {
        ['A'] = [[0, 6, 2, 0, 4, 6], [0.7f, 4, 3.3f, 4]],
        ['C'] = [[4, 1, 3, 0, 1, 0, 0, 1, 0, 5, 1, 6, 3, 6, 4, 5]],
        ['E'] = [[4, 0, 0, 0, 0, 6, 4, 6], [0, 3, 3, 3]],
        ['F'] = [[4, 0, 0, 0, 0, 6], [0, 3, 3, 3]],
        ['H'] = [[0, 0, 0, 6], [4, 0, 4, 6], [0, 3, 4, 3]],
        ['K'] = [[0, 0, 0, 6], [4, 0, 0, 4], [1.3f, 2.8f, 4, 6]],
        ['M'] = [[0, 6, 0, 0, 2, 3.5f, 4, 0, 4, 6]],
        ['N'] = [[0, 6, 0, 0, 4, 6, 4, 0]],
        ['P'] = [[0, 6, 0, 0, 3, 0, 4, 1, 4, 2, 3, 3, 0, 3]],
        ['R'] = [[0, 6, 0, 0, 3, 0, 4, 1, 4, 2, 3, 3, 0, 3], [2, 3, 4, 6]],
        ['T'] = [[0, 0, 4, 0], [2, 0, 2, 6]],
        ['W'] = [[0, 0, 1, 6, 2, 2, 3, 6, 4, 0]],
        ['X'] = [[0, 0, 4, 6], [4, 0, 0, 6]],
        ['Y'] = [[0, 0, 2, 3, 4, 0], [2, 3, 2, 6]],
        ['3'] = [[0, 0, 4, 0, 2, 2.5f, 3, 2.5f, 4, 3.5f, 4, 5, 3, 6, 1, 6, 0, 5]],
        ['4'] = [[3, 6, 3, 0, 0, 4, 4, 4]],
        ['7'] = [[0, 0, 4, 0, 1.5f, 6]],
    };

    public static IReadOnlyCollection<char> Characters => Strokes.Keys;

    /// <summary>The glyph's strokes as a path in grid units, origin at its top left.</summary>
    public static SKPath PathOf(char character)
    {
        var path = new SKPath();
        foreach (var stroke in Strokes[character])
        {
            path.MoveTo(stroke[0], stroke[1]);
            for (var i = 2; i < stroke.Length; i += 2)
            {
                path.LineTo(stroke[i], stroke[i + 1]);
            }
        }
        return path;
    }
}
