using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.LoadBench;

/// <summary>
/// One prerendered page taken interactive the way blazor.web.js does it, without a browser: negotiate and open a
/// WebSocket on /_blazor with the page's cookies, StartCircuit with the persisted state, add the prerendered root
/// components (UpdateRootComponents), acknowledge every render batch (OnRenderCompleted), answer the JS calls the
/// server makes, and raise DOM events through the renderer's DispatchEventAsync. What it cannot do is run
/// JavaScript: a JS call is answered as done with no value (an object reference when one is expected).
/// </summary>
internal sealed partial class PromptCircuit : IAsyncDisposable
{
    private const string AttachRendererInterop = "Blazor._internal.attachWebRendererInterop";
    private const int JSObjectReferenceResult = 1;

    private readonly HubConnection _hub;
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _componentByTestId = [];
    private readonly Dictionary<(int ComponentId, string EventName), ulong> _handlers = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _calls = new();
    private readonly TaskCompletionSource<long> _rendererInterop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<string> _grant = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextCallId;
    private int _nextJSObjectId;
    private string? _error;
    private string? _circuitId;
    private Uri? _baseUri;

    private PromptCircuit(HubConnection hub) => _hub = hub;

    /// <summary>Bytes of render batches received, for the report.</summary>
    public long BatchBytes { get; private set; }

    public static async Task<PromptCircuit> StartAsync(Uri pageUri, string html, CookieContainer cookies, CancellationToken ct)
    {
        var baseUri = new Uri(pageUri, "/");
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), options =>
            {
                options.Cookies = cookies;
                options.Transports = HttpTransportType.WebSockets;
            });
        if (Environment.GetEnvironmentVariable("LUCY_BENCH_DEBUG") is { Length: > 0 })
        {
            builder.Services.AddLogging(logging => logging.AddProvider(new StderrLoggerProvider()));
        }
        // The hub accepts blazorpack only; the builder's default JSON protocol is replaced.
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var circuit = new PromptCircuit(builder.Build());
        circuit.Listen();
        try
        {
            await circuit._hub.StartAsync(ct);
            var state = ComponentState().Match(html) is { Success: true } m ? m.Groups[1].Value : "";
            var circuitId = await circuit._hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), pageUri.ToString(), "[]", state, ct);
            if (string.IsNullOrEmpty(circuitId))
            {
                throw new InvalidOperationException($"The server refused the circuit: {circuit._error}");
            }
            circuit._circuitId = circuitId;
            circuit._baseUri = baseUri;
            await circuit._hub.SendAsync("UpdateRootComponents", RootComponents(html), state, ct);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until an element with this data-testid has a handler for the event (e.g. "oninput").</summary>
    public async Task WaitForHandlerAsync(string testId, string eventName, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (HandlerOf(testId, eventName) is null)
        {
            Task rendered;
            lock (_lock)
            {
                rendered = _rendered.Task;
            }
            if (HandlerOf(testId, eventName) is not null)
            {
                break;
            }
            var left = TimeSpan.FromSeconds((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            if (left <= TimeSpan.Zero || _error is not null)
            {
                throw new TimeoutException($"No {eventName} handler on [data-testid={testId}] ({_error ?? "timed out"}).");
            }
            try
            {
                await rendered.WaitAsync(left);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    /// <summary>Types the code into the field and clicks its Verify button; returns the grant the prompt renders.</summary>
    public async Task<string> SubmitCodeAsync(string fieldTestId, string code, TimeSpan timeout)
    {
        lock (_lock)
        {
            _grant = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        await DispatchAsync(fieldTestId, "oninput", "input", new { value = code }, fieldValue: code);
        // The button is enabled by the render that follows the input; a browser could not click it sooner either.
        await WaitForHandlerAsync($"{fieldTestId}-submit", "onclick", timeout);
        await DispatchAsync($"{fieldTestId}-submit", "onclick", "click", new
        {
            type = "click", detail = 1, screenX = 0, screenY = 0, clientX = 0, clientY = 0, offsetX = 0, offsetY = 0,
            pageX = 0, pageY = 0, movementX = 0, movementY = 0, button = 0, buttons = 0,
            ctrlKey = false, shiftKey = false, altKey = false, metaKey = false,
        });
        return await _grant.Task.WaitAsync(timeout);
    }

    private async Task DispatchAsync(string testId, string attribute, string eventName, object eventArgs, string? fieldValue = null)
    {
        var interop = await _rendererInterop.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var handler = HandlerOf(testId, attribute) ?? throw new InvalidOperationException($"No {attribute} on [data-testid={testId}].");
        int componentId;
        lock (_lock)
        {
            componentId = _componentByTestId[testId];
        }
        var descriptor = new
        {
            eventHandlerId = handler,
            eventName,
            eventFieldInfo = fieldValue is null ? null : new { componentId, fieldValue },
        };
        var callId = Interlocked.Increment(ref _nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = _calls.GetOrAdd(callId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", interop,
            JsonSerializer.Serialize(new[] { descriptor, eventArgs }));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private ulong? HandlerOf(string testId, string eventName)
    {
        lock (_lock)
        {
            return _componentByTestId.TryGetValue(testId, out var component) && _handlers.TryGetValue((component, eventName), out var id) ? id : null;
        }
    }

    private void Listen()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        // .NET 10 adds the call type (invoke, new, get, set) as the sixth argument.
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        _hub.On<int, string>("JS.AttachComponent", (_, _) => { });
        _hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (callId, succeeded, result) =>
        {
            if (_calls.TryRemove(callId, out var call))
            {
                if (succeeded)
                {
                    call.TrySetResult(result);
                }
                else
                {
                    call.TrySetException(new InvalidOperationException($"The event failed on the server: {result}"));
                }
            }
        });
        _hub.On<string>("JS.Error", error =>
        {
            _error = error;
            _grant.TrySetException(new InvalidOperationException($"The circuit failed: {error}"));
        });
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        BatchBytes += data.Length;
        var batch = RenderBatch.Read(data);
        string? grant = null;
        string? refusal = null;
        TaskCompletionSource rendered;
        lock (_lock)
        {
            foreach (var element in batch.Elements)
            {
                if (element.Attributes.TryGetValue("data-testid", out var testId) && testId is not null)
                {
                    _componentByTestId[testId] = element.ComponentId;
                    // The prompt refused the code or the login expired: no grant will come, so do not wait for one.
                    if (testId is "prompt-error" or "prompt-expired")
                    {
                        refusal = testId;
                    }
                }
                foreach (var (name, id) in element.Handlers)
                {
                    _handlers[(element.ComponentId, name)] = id;
                }
                if (element.Attributes.TryGetValue("name", out var field) && field == "grant"
                    && element.Attributes.TryGetValue("value", out var value) && IsGrant(value))
                {
                    grant = value;
                }
            }
            foreach (var update in batch.HandlerUpdates)
            {
                _handlers[(update.ComponentId, update.EventName)] = update.HandlerId;
            }
            foreach (var update in batch.AttributeUpdates)
            {
                if (update.Name == "value" && IsGrant(update.Value))
                {
                    grant = update.Value;
                }
            }
            rendered = _rendered;
            _rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        await _hub.SendAsync("OnRenderCompleted", batchId, null);
        rendered.TrySetResult();
        if (grant is not null)
        {
            _grant.TrySetResult(grant);
        }
        else if (refusal is not null)
        {
            _grant.TrySetException(new InvalidOperationException($"The prompt rendered [data-testid={refusal}] instead of a grant."));
        }
    }

    // A grant is 32 random bytes in base64url (Core's OpaqueToken): 43 characters.
    private static bool IsGrant(string? value) => value is { Length: 43 } && GrantShape().IsMatch(value);

    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        if (identifier == AttachRendererInterop)
        {
            var args = JsonNode.Parse(argsJson)!.AsArray();
            _rendererInterop.TrySetResult(args[1]!["__dotNetObject"]!.GetValue<long>());
        }
        if (asyncHandle == 0)
        {
            return;
        }
        object? result = resultType == JSObjectReferenceResult ? new Dictionary<string, int> { ["__jsObjectId"] = Interlocked.Increment(ref _nextJSObjectId) } : null;
        await _hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, JsonSerializer.Serialize(new[] { asyncHandle, true, result }));
    }

    // The prerendered page marks each interactive root component with a comment holding its protected descriptor.
    private static string RootComponents(string html)
    {
        var markers = Marker().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(marker => marker.ContainsKey("descriptor"))
            .OrderBy(marker => marker["sequence"]!.GetValue<int>())
            .ToList();
        var operations = new JsonArray();
        var ssrComponentId = 1;
        foreach (var marker in markers)
        {
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = ssrComponentId++, ["marker"] = marker });
        }
        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
    }

    /// <summary>
    /// Leaves the page as a browser does when a form submit navigates away: the disconnect beacon ends the circuit at
    /// once instead of leaving it retained for reconnection, then the connection closes.
    /// </summary>
    public async Task LeaveAsync(HttpClient http)
    {
        if (_circuitId is not null && _baseUri is not null)
        {
            using var form = new MultipartFormDataContent { { new StringContent(_circuitId), "circuitId" } };
            using var beacon = await http.PostAsync(new Uri(_baseUri, "_blazor/disconnect"), form);
        }
        await _hub.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ComponentState();

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex GrantShape();
}
