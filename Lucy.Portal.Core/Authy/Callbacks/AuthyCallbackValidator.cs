using System.Globalization;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Authy.Callbacks;

/// <summary>Why a OneTouch callback was accepted or refused.</summary>
public enum AuthyCallbackVerdict
{
    Valid,
    MissingHeaders,
    NotConfigured,
    BadSignature,
    StaleNonce,
    Replayed,
}

/// <summary>
/// Checks that a OneTouch callback really comes from Authy (HMAC with the API key read at call time) and is fresh:
/// the nonce (UNIX seconds) must be within the window around now and not seen before by any instance
/// (docs/authy-onetouch-callback.md).
/// </summary>
public sealed class AuthyCallbackValidator(
    IAuthyApiKeySource keys,
    AuthyCallbackNonceLedger ledger,
    TimeProvider time,
    IOptions<AuthyOptions> options)
{
    public async Task<AuthyCallbackVerdict> ValidateAsync(AuthyCallbackRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Signature) || string.IsNullOrWhiteSpace(request.Nonce))
        {
            return AuthyCallbackVerdict.MissingHeaders;
        }

        var key = await keys.GetApiKeyAsync(ct);
        if (string.IsNullOrWhiteSpace(key))
        {
            return AuthyCallbackVerdict.NotConfigured;
        }

        var nonce = request.Nonce.Trim();
        var expected = AuthyCallbackSignature.Compute(key, nonce, request.Method, request.Url, request.Parameters);
        if (!AuthyCallbackSignature.Matches(expected, request.Signature))
        {
            return AuthyCallbackVerdict.BadSignature;
        }

        var now = time.GetUtcNow();
        var window = options.Value.CallbackNonceWindow;
        if (nonce.Length > AuthyCallbackNonceLedger.MaxNonceLength
            || !double.TryParse(nonce, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds)
            || Math.Abs((now - DateTimeOffset.UnixEpoch).TotalSeconds - seconds) > window.TotalSeconds)
        {
            return AuthyCallbackVerdict.StaleNonce;
        }

        var freshUntil = DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(seconds) + window;
        return await ledger.TryRecordAsync(nonce, expected, now, freshUntil, ct) ? AuthyCallbackVerdict.Valid : AuthyCallbackVerdict.Replayed;
    }
}
