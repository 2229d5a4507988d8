using Microsoft.Extensions.Logging;
using Refit;

namespace Lucy.Portal.Core.Outbound;

/// <summary>
/// Runs one call to an outside 2FA service and turns whatever happens (answer, refusal, timeout, open breaker,
/// broken JSON, no credentials) into the service's typed result; <see cref="IOutboundErrors{TResult}"/> is the only
/// per-provider part. Logs the operation name and outcome only: URLs and forms carry tokens, codes and phone
/// numbers, headers carry credentials.
/// </summary>
public sealed class OutboundCallRunner<TResult>(IOutboundErrors<TResult> errors, ILogger<OutboundCallRunner<TResult>> logger, TimeProvider time)
    where TResult : class
{
    /// <param name="interpret">Reads a 2xx body (with its status) as the typed result.</param>
    /// <param name="carry">Carries a failure over to the typed result (the result's As&lt;T&gt;).</param>
    public async Task<TTyped> RunAsync<TResponse, TTyped>(
        string operation,
        Func<CancellationToken, Task<IApiResponse<TResponse>>> call,
        Func<TResponse, int, TTyped> interpret,
        Func<TResult, TTyped> carry,
        CancellationToken ct)
        where TResponse : class
        where TTyped : TResult
    {
        var started = time.GetTimestamp();
        var result = await CallAsync(call, interpret, carry, ct);
        Log(operation, result, time.GetElapsedTime(started));
        return result;
    }

    private async Task<TTyped> CallAsync<TResponse, TTyped>(
        Func<CancellationToken, Task<IApiResponse<TResponse>>> call,
        Func<TResponse, int, TTyped> interpret,
        Func<TResult, TTyped> carry,
        CancellationToken ct)
        where TResponse : class
        where TTyped : TResult
    {
        try
        {
            using var response = await call(ct);
            if (response.HasRequestError(out var requestError))
            {
                // Refit wraps transport failures (timeouts, refused, open breaker, no credentials) instead of throwing.
                return carry(FromTransportFailure(requestError.InnerException ?? requestError, ct));
            }

            var status = (int?)response.StatusCode ?? 0;
            if (!response.IsSuccessStatusCode)
            {
                var body = response.HasResponseError(out var apiError) ? apiError.Content : null;
                return carry(errors.Refused(status, body, OutboundResponses.RetryAfter(response.Headers, time.GetUtcNow())));
            }
            if (response.Error is not null || response.Content is null)
            {
                return carry(errors.Unavailable(status)); // 2xx with a body we cannot read
            }
            return errors.RefusedInBody(response.Content, status) is { } refused ? carry(refused) : interpret(response.Content, status);
        }
        catch (ApiRequestException ex)
        {
            return carry(FromTransportFailure(ex.InnerException ?? ex, ct));
        }
        catch (ApiException ex)
        {
            // Refit raises this for answers it could not wrap; the body may still hold the service's error.
            var status = (int)ex.StatusCode;
            return carry(status is >= 200 and < 300
                ? errors.Unavailable(status)
                : errors.Refused(status, ex.Content, OutboundResponses.RetryAfter(ex.Headers, time.GetUtcNow())));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return carry(FromTransportFailure(ex, ct));
        }
    }

    private TResult FromTransportFailure(Exception failure, CancellationToken ct)
    {
        if (errors.IsNotConfigured(failure))
        {
            return errors.NotConfigured;
        }
        switch (failure)
        {
            case OperationCanceledException when ct.IsCancellationRequested:
                throw failure; // the caller gave up (page closed): not the service's outcome
            case var outage when OutboundResponses.IsOutage(outage):
                return errors.Unavailable(null);
            default:
                // Anything else is a bug in our code, not the service's outcome: let it surface.
                throw new InvalidOperationException($"Unexpected failure calling {errors.ServiceName}.", failure);
        }
    }

    private void Log(string operation, TResult result, TimeSpan elapsed)
    {
        var (status, httpStatus, errorCode) = errors.Describe(result);
        logger.Log(errors.LogLevelOf(result), "{Service} {Operation} ended {Status} (HTTP {HttpStatus}, code {ErrorCode}) in {ElapsedMs} ms",
            errors.ServiceName, operation, status, httpStatus, errorCode, (long)elapsed.TotalMilliseconds);
    }
}
