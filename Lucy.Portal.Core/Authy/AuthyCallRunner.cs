using Lucy.Portal.Core.Outbound;
using System.Net.Http.Headers;
using System.Text.Json;
using Lucy.Portal.Core.Authy.Contract;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Runs one Authy call and turns whatever happens (answer, refusal, timeout, open breaker, broken JSON) into a
/// typed result. Logs the operation name and outcome only: URLs carry tokens and headers carry the key.
/// </summary>
public sealed class AuthyCallRunner(ILogger<AuthyCallRunner> logger, TimeProvider time)
{
    public async Task<AuthyResult<T>> RunAsync<TResponse, T>(
        string operation,
        Func<CancellationToken, Task<IApiResponse<TResponse>>> call,
        Func<TResponse, AuthyResult<T>> interpret,
        CancellationToken ct)
        where TResponse : AuthyEnvelope
    {
        var started = time.GetTimestamp();
        var result = await CallAsync(call, interpret, ct);
        Log(operation, result, time.GetElapsedTime(started));
        return result;
    }

    private async Task<AuthyResult<T>> CallAsync<TResponse, T>(
        Func<CancellationToken, Task<IApiResponse<TResponse>>> call,
        Func<TResponse, AuthyResult<T>> interpret,
        CancellationToken ct)
        where TResponse : AuthyEnvelope
    {
        try
        {
            using var response = await call(ct);
            if (response.HasRequestError(out var requestError))
            {
                // Refit wraps transport failures (timeouts, refused, open breaker, no key) instead of throwing.
                return FromTransportFailure<T>(requestError.InnerException ?? requestError, ct);
            }

            var status = (int?)response.StatusCode ?? 0;
            if (!response.IsSuccessStatusCode)
            {
                var body = response.HasResponseError(out var apiError) ? OutboundResponses.ReadErrorBody<AuthyEnvelope>(apiError.Content) : null;
                return AuthyErrorMapping.Map(status, body, OutboundResponses.RetryAfter(response.Headers, time.GetUtcNow())).As<T>();
            }

            if (response.Error is not null || response.Content is null)
            {
                return Unavailable<T>(status); // 2xx with a body we cannot read
            }

            // authy-client treats a 2xx that says success:false as an error; so do we.
            return response.Content.Success == false
                ? AuthyErrorMapping.Map(status, response.Content).As<T>()
                : interpret(response.Content);
        }
        catch (ApiRequestException ex)
        {
            return FromTransportFailure<T>(ex.InnerException ?? ex, ct);
        }
        catch (ApiException ex)
        {
            // Refit raises this for answers it could not wrap; the body may still hold an Authy error.
            var status = (int)ex.StatusCode;
            return status is >= 200 and < 300
                ? Unavailable<T>(status)
                : AuthyErrorMapping.Map(status, OutboundResponses.ReadErrorBody<AuthyEnvelope>(ex.Content), OutboundResponses.RetryAfter(ex.Headers, time.GetUtcNow())).As<T>();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return FromTransportFailure<T>(ex, ct);
        }
    }

    private static AuthyResult<T> FromTransportFailure<T>(Exception failure, CancellationToken ct)
    {
        switch (failure)
        {
            case AuthyNotConfiguredException:
                return new AuthyResult(AuthyStatus.NotConfigured, AuthyMessages.NotConfigured).As<T>();
            case OperationCanceledException when ct.IsCancellationRequested:
                throw failure; // the caller gave up (page closed): not an Authy outcome
            case var outage when OutboundResponses.IsOutage(outage):
                return Unavailable<T>(null);
            default:
                // Anything else is a bug in our code, not an Authy outcome: let it surface.
                throw new InvalidOperationException("Unexpected failure calling Authy.", failure);
        }
    }

    private static AuthyResult<T> Unavailable<T>(int? httpStatus) =>
        new AuthyResult(AuthyStatus.Unavailable, AuthyMessages.Unavailable) { IsTransient = true, HttpStatus = httpStatus }.As<T>();



    private void Log(string operation, AuthyResult result, TimeSpan elapsed)
    {
        var level = result.Status switch
        {
            AuthyStatus.Unavailable or AuthyStatus.InvalidKey or AuthyStatus.QuotaReached => LogLevel.Warning,
            AuthyStatus.Throttled => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        logger.Log(level, "Authy {Operation} ended {Status} (HTTP {HttpStatus}, code {ErrorCode}) in {ElapsedMs} ms",
            operation, result.Status, result.HttpStatus, result.ErrorCode, (long)elapsed.TotalMilliseconds);
    }
}
