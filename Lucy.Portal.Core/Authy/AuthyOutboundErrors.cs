using Lucy.Portal.Core.Authy.Contract;
using Lucy.Portal.Core.Outbound;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Authy;

/// <summary>Authy's part of an outside call: its error mapping, including a 2xx that says success:false (as authy-client reads it).</summary>
internal sealed class AuthyOutboundErrors : IOutboundErrors<AuthyResult>
{
    public string ServiceName => "Authy";

    public bool IsNotConfigured(Exception failure) => failure is AuthyNotConfiguredException;

    public AuthyResult NotConfigured => new(AuthyStatus.NotConfigured, AuthyMessages.NotConfigured);

    public AuthyResult Unavailable(int? httpStatus) =>
        new(AuthyStatus.Unavailable, AuthyMessages.Unavailable) { IsTransient = true, HttpStatus = httpStatus };

    public AuthyResult Refused(int httpStatus, string? errorBody, TimeSpan? retryAfter) =>
        AuthyErrorMapping.Map(httpStatus, OutboundResponses.ReadErrorBody<AuthyEnvelope>(errorBody), retryAfter);

    public AuthyResult? RefusedInBody(object body, int httpStatus) =>
        body is AuthyEnvelope { Success: false } envelope ? AuthyErrorMapping.Map(httpStatus, envelope) : null;

    public LogLevel LogLevelOf(AuthyResult result) => result.Status switch
    {
        AuthyStatus.Unavailable or AuthyStatus.InvalidKey or AuthyStatus.QuotaReached => LogLevel.Warning,
        AuthyStatus.Throttled => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    public (object Status, int? HttpStatus, object? ErrorCode) Describe(AuthyResult result) => (result.Status, result.HttpStatus, result.ErrorCode);
}

/// <summary>Authy calls through the shared runner with Authy's typed results.</summary>
internal static class AuthyCalls
{
    public static Task<AuthyResult<T>> CallAsync<TResponse, T>(
        this OutboundCallRunner<AuthyResult> runner,
        string operation,
        Func<CancellationToken, Task<Refit.IApiResponse<TResponse>>> call,
        Func<TResponse, AuthyResult<T>> interpret,
        CancellationToken ct)
        where TResponse : AuthyEnvelope =>
        runner.RunAsync(operation, call, (body, _) => interpret(body), failure => failure.As<T>(), ct);
}
