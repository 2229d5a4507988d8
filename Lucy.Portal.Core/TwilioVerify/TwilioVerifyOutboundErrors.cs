using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Core.TwilioVerify.Contract;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>Twilio Verify's part of an outside call: its error mapping.</summary>
internal sealed class TwilioVerifyOutboundErrors : IOutboundErrors<TwilioVerifyResult>
{
    public string ServiceName => "Twilio Verify";

    public bool IsNotConfigured(Exception failure) => failure is TwilioVerifyNotConfiguredException;

    public TwilioVerifyResult NotConfigured => new(TwilioVerifyStatus.NotConfigured, TwilioVerifyMessages.NotConfigured);

    public TwilioVerifyResult Unavailable(int? httpStatus) =>
        new(TwilioVerifyStatus.Unavailable, TwilioVerifyMessages.Unavailable) { IsTransient = true, HttpStatus = httpStatus };

    public TwilioVerifyResult Refused(int httpStatus, string? errorBody, TimeSpan? retryAfter) =>
        TwilioVerifyErrorMapping.Map(httpStatus, OutboundResponses.ReadErrorBody<TwilioErrorResponse>(errorBody), retryAfter);

    public TwilioVerifyResult? RefusedInBody(object body, int httpStatus) => null;

    public LogLevel LogLevelOf(TwilioVerifyResult result) => result.Status switch
    {
        TwilioVerifyStatus.Unavailable or TwilioVerifyStatus.InvalidCredentials => LogLevel.Warning,
        TwilioVerifyStatus.Throttled or TwilioVerifyStatus.MaxSendAttempts or TwilioVerifyStatus.MaxCheckAttempts => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    public (object Status, int? HttpStatus, object? ErrorCode) Describe(TwilioVerifyResult result) => (result.Status, result.HttpStatus, result.ErrorCode);
}

/// <summary>Verify calls through the shared runner with Verify's typed results.</summary>
internal static class TwilioVerifyCalls
{
    public static Task<TwilioVerifyResult<T>> CallAsync<TResponse, T>(
        this OutboundCallRunner<TwilioVerifyResult> runner,
        string operation,
        Func<CancellationToken, Task<Refit.IApiResponse<TResponse>>> call,
        Func<TResponse, int, TwilioVerifyResult<T>> interpret,
        CancellationToken ct)
        where TResponse : class =>
        runner.RunAsync(operation, call, interpret, failure => failure.As<T>(), ct);
}
