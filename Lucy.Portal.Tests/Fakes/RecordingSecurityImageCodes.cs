using System.Collections.Concurrent;
using Lucy.Portal.Core.SecurityImages;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>The real random codes, remembered, so a test can answer a security image without reading the picture.</summary>
public sealed class RecordingSecurityImageCodes : ISecurityImageCodes
{
    private readonly RandomSecurityImageCodes random = new();
    private readonly ConcurrentQueue<string> issued = new();

    public string Next()
    {
        var code = random.Next();
        issued.Enqueue(code);
        return code;
    }

    public int Count => issued.Count;

    /// <summary>The characters of the image issued last.</summary>
    public string Last => issued.LastOrDefault() ?? throw new InvalidOperationException("No security image was issued.");
}
