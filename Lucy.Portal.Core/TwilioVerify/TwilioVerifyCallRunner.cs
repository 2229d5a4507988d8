using Lucy.Portal.Core.Outbound;
using System.Net.Http.Headers;
using System.Text.Json;
using Lucy.Portal.Core.TwilioVerify.Contract;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// Runs one Verify call and turns whatever happens (answer, refusal, timeout, open breaker, broken JSON) into a typed
/// result. Logs the operation name and outcome only: forms carry phone numbers and codes, headers carry credentials.
/// </summary>
public sealed class TwilioVerifyCallRunner(ILogger<TwilioVerifyCallRunner> logger, TimeProvider time)
{
    public async Task<TwilioVerifyResult<T>> RunAsync<TResponse, T>(
        string operation,
        Func<CancellationToken, Task<IApiResponse<TResponse>>> call,
        Func<TResponse, int, TwilioVerifyResult<T>> interpret,
        CancellationToken ct)
        where TResponse : class
    {
        var started = time.GetTimestamp();
        var result = await CallAsync(call, interpret, ct);
        Log(operation, result, time.GetElapsedTime(started));
        return result;
    }

    private async Task<TwilioVerifyResult<T>> CallAsync<TResponse, T>(
        Func<CancellationToken, Task<IApiResponse<TResponse>>> call,
        Func<TResponse, int, TwilioVerifyResult<T>> interpret,
        CancellationToken ct)
        where TResponse : class
    {
        try
        {
            using var response = await call(ct);
            if (response.HasRequestError(out var requestError))
            {
                // Refit wraps transport failures (timeouts, refused, open breaker, no credentials) instead of throwing.
                return FromTransportFailure<T>(requestError.InnerException ?? requestError, ct);
            }

            var status = (int?)response.StatusCode ?? 0;
            if (!response.IsSuccessStatusCode)
            {
                var body = response.HasResponseError(out var apiError) ? OutboundResponses.ReadErrorBody<TwilioErrorResponse>(apiError.Content) : null;
                return TwilioVerifyErrorMapping.Map(status, body, OutboundResponses.RetryAfter(response.Headers, time.GetUtcNow())).As<T>();
            }

            return response.Error is not null || response.Content is null
                ? TwilioVerifyResult.UnreadableAnswer(status).As<T>()
                : interpret(response.Content, status);
        }
        catch (ApiRequestException ex)
        {
            return FromTransportFailure<T>(ex.InnerException ?? ex, ct);
        }
        catch (ApiException ex)
        {
            var status = (int)ex.StatusCode;
            return status is >= 200 and < 300
                ? TwilioVerifyResult.UnreadableAnswer(status).As<T>()
                : TwilioVerifyErrorMapping.Map(status, OutboundResponses.ReadErrorBody<TwilioErrorResponse>(ex.Content), OutboundResponses.RetryAfter(ex.Headers, time.GetUtcNow())).As<T>();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return FromTransportFailure<T>(ex, ct);
        }
    }

    private static TwilioVerifyResult<T> FromTransportFailure<T>(Exception failure, CancellationToken ct)
    {
        switch (failure)
        {
            case TwilioVerifyNotConfiguredException:
                return new TwilioVerifyResult(TwilioVerifyStatus.NotConfigured, TwilioVerifyMessages.NotConfigured).As<T>();
            case OperationCanceledException when ct.IsCancellationRequested:
                throw failure; // the caller gave up (page closed): not a Verify outcome
            case var outage when OutboundResponses.IsOutage(outage):
                return new TwilioVerifyResult(TwilioVerifyStatus.Unavailable, TwilioVerifyMessages.Unavailable) { IsTransient = true }.As<T>();
            default:
                // Anything else is a bug in our code, not a Verify outcome: let it surface.
                throw new InvalidOperationException("Unexpected failure calling Twilio Verify.", failure);
        }
    }



    private void Log(string operation, TwilioVerifyResult result, TimeSpan elapsed)
    {
        var level = result.Status switch
        {
            TwilioVerifyStatus.Unavailable or TwilioVerifyStatus.InvalidCredentials => LogLevel.Warning,
            TwilioVerifyStatus.Throttled or TwilioVerifyStatus.MaxSendAttempts or TwilioVerifyStatus.MaxCheckAttempts => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        logger.Log(level, "Twilio Verify {Operation} ended {Status} (HTTP {HttpStatus}, code {ErrorCode}) in {ElapsedMs} ms",
            operation, result.Status, result.HttpStatus, result.ErrorCode, (long)elapsed.TotalMilliseconds);
    }
}
