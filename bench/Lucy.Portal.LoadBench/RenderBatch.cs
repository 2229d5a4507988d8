using System.Buffers.Binary;
using System.Text;

namespace Lucy.Portal.LoadBench;

/// <summary>One element a render batch (re)rendered: the component that owns it, its attributes and event handlers.</summary>
internal sealed record RenderedElement(int ComponentId, string Name, Dictionary<string, string?> Attributes, Dictionary<string, ulong> Handlers);

/// <summary>An event handler (re)assigned by a SetAttribute edit, without its element.</summary>
internal sealed record HandlerUpdate(int ComponentId, string EventName, ulong HandlerId);

/// <summary>An attribute value set by a SetAttribute edit, without its element.</summary>
internal sealed record AttributeUpdate(int ComponentId, string Name, string? Value);

/// <summary>
/// Reads the binary render batch the server sends to blazor.web.js (RenderBatchWriter in dotnet/aspnetcore): the
/// elements it renders with their attributes, and the handlers it reassigns. No DOM is kept: a load client only
/// needs to find a few elements by their data-testid and the handlers on them.
/// </summary>
internal sealed class RenderBatch
{
    private const int ElementFrame = 1;
    private const int AttributeFrame = 3;
    private const int PrependFrameEdit = 1;
    private const int SetAttributeEdit = 3;
    private const int FrameSize = 20;
    private const int EditSize = 16;

    private readonly byte[] _data;
    private readonly int[] _stringLocations;

    private RenderBatch(byte[] data)
    {
        _data = data;
        var stringTable = Int(data.Length - 4);
        _stringLocations = new int[(data.Length - 20 - stringTable) / 4];
        for (var i = 0; i < _stringLocations.Length; i++)
        {
            _stringLocations[i] = Int(stringTable + 4 * i);
        }
    }

    public List<RenderedElement> Elements { get; } = [];

    public List<HandlerUpdate> HandlerUpdates { get; } = [];

    public List<AttributeUpdate> AttributeUpdates { get; } = [];

    public static RenderBatch Read(byte[] data)
    {
        var batch = new RenderBatch(data);
        batch.ReadDiffs();
        return batch;
    }

    private void ReadDiffs()
    {
        var diffs = Int(_data.Length - 20);
        var frames = Int(_data.Length - 16) + 4;
        var diffCount = Int(diffs);
        for (var d = 0; d < diffCount; d++)
        {
            var diff = Int(diffs + 4 + 4 * d);
            var componentId = Int(diff);
            var editCount = Int(diff + 4);
            for (var e = 0; e < editCount; e++)
            {
                var edit = diff + 8 + e * EditSize;
                var type = Int(edit);
                var frameIndex = Int(edit + 8);
                if (type == PrependFrameEdit && FrameType(frames, frameIndex) == ElementFrame)
                {
                    ReadSubtree(componentId, frames, frameIndex);
                }
                else if (type == SetAttributeEdit && FrameType(frames, frameIndex) == AttributeFrame)
                {
                    var frame = frames + frameIndex * FrameSize;
                    var handler = BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(frame + 12));
                    if (handler != 0)
                    {
                        HandlerUpdates.Add(new HandlerUpdate(componentId, String(Int(frame + 4))!, handler));
                    }
                    else
                    {
                        AttributeUpdates.Add(new AttributeUpdate(componentId, String(Int(frame + 4))!, String(Int(frame + 8))));
                    }
                }
            }
        }
    }

    // Attribute frames follow their element frame directly, before its children, so each belongs to the last element.
    private void ReadSubtree(int componentId, int frames, int first)
    {
        var length = Int(frames + first * FrameSize + 4);
        RenderedElement? current = null;
        for (var i = first; i < first + length; i++)
        {
            var frame = frames + i * FrameSize;
            switch (Int(frame))
            {
                case ElementFrame:
                    current = new RenderedElement(componentId, String(Int(frame + 8)) ?? "", [], []);
                    Elements.Add(current);
                    break;
                case AttributeFrame when current is not null:
                    var name = String(Int(frame + 4)) ?? "";
                    var handler = BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(frame + 12));
                    if (handler != 0)
                    {
                        current.Handlers[name] = handler;
                    }
                    else
                    {
                        current.Attributes[name] = String(Int(frame + 8));
                    }
                    break;
            }
        }
    }

    private int FrameType(int frames, int index) => Int(frames + index * FrameSize);

    private int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(offset));

    // BinaryWriter.Write(string): a 7-bit encoded length, then UTF-8.
    private string? String(int index)
    {
        if (index < 0)
        {
            return null;
        }
        var position = _stringLocations[index];
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            b = _data[position++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(_data, position, length);
    }
}
