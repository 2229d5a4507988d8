using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>One outbound attempt the runtime reported: an HTTP request, a connection set-up, a socket connect or a DNS lookup.</summary>
public sealed record OutboundAttempt(string Source, string What, string? Host, int? Port)
{
    public override string ToString() => $"{Source}: {What} (host {Host ?? "?"}, port {Port?.ToString(CultureInfo.InvariantCulture) ?? "-"})";
}

/// <summary>
/// Records every outbound HTTP request, socket connect and DNS lookup this process starts while it lives, from the
/// runtime's own instrumentation: HttpHandlerDiagnosticListener events and the System.Net activity sources.
/// Process-wide, so only for tests that run alone (see PrivacyProofCollection). WebApplicationFactory's in-memory
/// client uses neither sockets nor HttpClientHandler, so requests to the portal under test are not recorded.
/// </summary>
public sealed class OutboundTrafficRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    /// <summary>The activity sources of .NET 10 (System.Net.*.dll) that report outbound work.</summary>
    public static readonly string[] ActivitySourceNames =
    [
        "System.Net.Http",
        "Experimental.System.Net.Http.Connections",
        "Experimental.System.Net.Sockets",
        "Experimental.System.Net.NameResolution",
    ];

    private const string HttpDiagnosticListenerName = "HttpHandlerDiagnosticListener";
    private static readonly string[] HttpRequestEvents = ["System.Net.Http.HttpRequestOut.Start", "System.Net.Http.Request"];

    private readonly ConcurrentQueue<OutboundAttempt> _requests = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentBag<IDisposable> _subscriptions = [];
    private readonly ActivityListener _activityListener;
    private readonly IDisposable _allListeners;

    public OutboundTrafficRecorder()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => ActivitySourceNames.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Tags are set just after the start; they are read when Attempts is asked for.
            ActivityStarted = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Everything recorded so far.</summary>
    public IReadOnlyList<OutboundAttempt> Attempts => [.. _requests, .. _activities.Select(Describe)];

    private static OutboundAttempt Describe(Activity activity)
    {
        string? Tag(string name) => activity.GetTagItem(name) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        int? Port(string name) => int.TryParse(Tag(name), CultureInfo.InvariantCulture, out var port) ? port : null;

        var attempt = activity.Source.Name switch
        {
            "Experimental.System.Net.Sockets" => new OutboundAttempt(activity.Source.Name, activity.DisplayName, Tag("network.peer.address"), Port("network.peer.port")),
            "Experimental.System.Net.NameResolution" => new(activity.Source.Name, activity.DisplayName, Tag("dns.question.name"), null),
            _ => new(activity.Source.Name, $"{activity.DisplayName} {Tag("url.full")}".TrimEnd(), Tag("server.address"), Port("server.port")),
        };
        return attempt.Host is null ? FromDisplayName(attempt, activity.DisplayName) : attempt with { Host = Normalized(attempt.Host) };
    }

    // A dual-mode socket reports 127.0.0.1 as ::ffff:127.0.0.1.
    private static string Normalized(string host) =>
        IPAddress.TryParse(host, out var address) && address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : host;

    // "HTTP wait_for_connection 127.0.0.1:45745" carries its target only in the display name.
    private static OutboundAttempt FromDisplayName(OutboundAttempt attempt, string displayName) =>
        Uri.TryCreate("tcp://" + displayName.Trim().Split(' ')[^1], UriKind.Absolute, out var target)
            ? attempt with { Host = Normalized(target.Host.Trim('[', ']')), Port = target.IsDefaultPort ? null : target.Port }
            : attempt;

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == HttpDiagnosticListenerName)
        {
            _subscriptions.Add(listener.Subscribe(this));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (!HttpRequestEvents.Contains(value.Key))
        {
            return;
        }
        // The payloads are internal or anonymous types; both have a Request property.
        if (value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage { RequestUri: { } uri } request)
        {
            _requests.Enqueue(new OutboundAttempt($"{HttpDiagnosticListenerName} {value.Key}", $"{request.Method} {uri.GetLeftPart(UriPartial.Path)}", uri.Host, uri.Port));
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _allListeners.Dispose();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }
}
