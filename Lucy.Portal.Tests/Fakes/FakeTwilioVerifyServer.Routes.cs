using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lucy.Portal.Tests.Fakes;

// Request handling order, as Twilio would see it: log, apply any fault, check Basic auth, find the Service, answer.
public sealed partial class FakeTwilioVerifyServer
{
    protected override void Configure(WebApplication app)
    {
        app.UseRouting();
        app.Use(RecordAsync);
        app.Use(ApplyFaultAsync);
        app.Use(CheckCredentialsAsync);
        Tag(app.MapGet("/v2/Services/{serviceSid}", GetService), FakeVerifyEndpoint.Service);
        Tag(app.MapPost("/v2/Services/{serviceSid}/Verifications", StartVerification), FakeVerifyEndpoint.Verifications);
        Tag(app.MapPost("/v2/Services/{serviceSid}/VerificationCheck", CheckVerification), FakeVerifyEndpoint.VerificationCheck);
        Tag(app.MapGet("/v2/Services/{serviceSid}/Verifications/{sid}", FetchVerification), FakeVerifyEndpoint.Verification);
        Tag(app.MapPost("/v2/Services/{serviceSid}/Verifications/{sid}", UpdateVerification), FakeVerifyEndpoint.Verification);
    }

    private static void Tag(IEndpointConventionBuilder route, FakeVerifyEndpoint endpoint) => route.WithMetadata(new FakeVerifyEndpointTag(endpoint));

    private IResult GetService(HttpContext context, string serviceSid)
    {
        lock (_gate)
        {
            return serviceSid != ServiceSid
                ? NotFound(context)
                : Json(200, new JsonObject { ["sid"] = ServiceSid, ["account_sid"] = AccountSid, ["friendly_name"] = FriendlyName, ["code_length"] = 6 });
        }
    }

    private IResult StartVerification(HttpContext context, string serviceSid)
    {
        var form = context.Request.Form;
        var to = form["To"].ToString();
        var channel = form["Channel"].ToString();
        var locale = form["Locale"].FirstOrDefault();
        lock (_gate)
        {
            if (serviceSid != ServiceSid)
            {
                return NotFound(context);
            }

            if (to == InvalidNumber)
            {
                return Json(400, FakeVerifyBodies.Error(21211, $"Invalid 'To' Phone Number: {to}", 400));
            }

            if (!E164().IsMatch(to) || channel is not ("sms" or "call"))
            {
                return Json(400, FakeVerifyBodies.Error(60200, "Invalid parameter", 400));
            }

            // An unlisted Locale is a 404 (docs/authy-contract.md, "Language of SMS and calls"); Twilio's generic 20404 body.
            if (!FakeAuthyLocales.IsAccepted(locale))
            {
                return NotFound(context);
            }

            var verification = Pending(to);
            if (verification is null)
            {
                verification = new FakeVerification { Sid = NewSid("VE"), To = to, Code = NewCode(), CreatedAt = Time.GetUtcNow() };
                _verifications[to] = verification;
            }
            else if (verification.Sends >= MaxSends)
            {
                return Json(429, FakeVerifyBodies.Error(60203, "Max send attempts reached", 429));
            }

            // Within its lifetime a verification re-sends the same code, on whichever channel: the code belongs
            // to the number, not to the channel (docs/authy-contract.md, Twilio Verify).
            verification.Sends++;
            verification.Channel = channel;
            verification.SendAttempts.Add((Time.GetUtcNow(), channel));
            _outbox.Add(new SentVerifyCode(to, channel, verification.Code, locale, verification.Sid, Time.GetUtcNow()));
            return Json(201, VerificationBody(verification, "pending", valid: false));
        }
    }

    private IResult CheckVerification(HttpContext context, string serviceSid)
    {
        var form = context.Request.Form;
        var to = form["To"].ToString();
        var verificationSid = form["VerificationSid"].ToString();
        var code = form["Code"].ToString();
        lock (_gate)
        {
            if (serviceSid != ServiceSid)
            {
                return NotFound(context);
            }

            if (code.Length == 0 || (to.Length == 0 && verificationSid.Length == 0))
            {
                return Json(400, FakeVerifyBodies.Error(60200, "Invalid parameter", 400));
            }

            // Verify takes either To or VerificationSid. Approved, canceled and expired verifications are gone (20404).
            var verification = to.Length > 0 ? Pending(to) : PendingBySid(verificationSid);
            if (verification is null)
            {
                return NotFound(context);
            }

            // After 5 checks every check is refused, the right code too, until the verification expires.
            if (verification.Checks >= MaxChecks)
            {
                return Json(429, FakeVerifyBodies.Error(60202, "Max check attempts reached", 429));
            }

            verification.Checks++;
            if (!string.Equals(code, verification.Code, StringComparison.Ordinal))
            {
                return Json(200, VerificationBody(verification, "pending", valid: false));
            }

            _verifications.Remove(verification.To);
            return Json(200, VerificationBody(verification, "approved", valid: true));
        }
    }

    private IResult FetchVerification(HttpContext context, string serviceSid, string sid)
    {
        lock (_gate)
        {
            return serviceSid == ServiceSid && PendingBySid(sid) is { } verification
                ? Json(200, VerificationBody(verification, "pending", valid: false))
                : NotFound(context);
        }
    }

    /// <summary>Status=canceled or approved ends a pending verification; nothing else may be set (60441).</summary>
    private IResult UpdateVerification(HttpContext context, string serviceSid, string sid)
    {
        var status = context.Request.HasFormContentType ? context.Request.Form["Status"].ToString() : string.Empty;
        lock (_gate)
        {
            if (serviceSid != ServiceSid || PendingBySid(sid) is not { } verification)
            {
                return NotFound(context);
            }

            if (status is not ("canceled" or "approved"))
            {
                return Json(400, FakeVerifyBodies.Error(60441, "Illegal status", 400));
            }

            _verifications.Remove(verification.To);
            return Json(200, VerificationBody(verification, status, valid: status == "approved"));
        }
    }

    private JsonObject VerificationBody(FakeVerification verification, string status, bool valid) => new()
    {
        ["sid"] = verification.Sid,
        ["service_sid"] = ServiceSid,
        ["account_sid"] = AccountSid,
        ["to"] = verification.To,
        ["channel"] = verification.Channel,
        ["status"] = status,
        ["valid"] = valid,
        ["date_created"] = verification.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["send_code_attempts"] = new JsonArray([.. verification.SendAttempts.Select(a => (JsonNode)new JsonObject
        {
            ["time"] = a.At.ToString("O", CultureInfo.InvariantCulture),
            ["channel"] = a.Channel,
        })]),
    };

    /// <summary>Twilio's 404 names the resource it could not find.</summary>
    private static IResult NotFound(HttpContext context) =>
        Json(404, FakeVerifyBodies.Error(20404, $"The requested resource {context.Request.Path.Value?["/v2".Length..]} was not found", 404));

    private static IResult Json(int status, JsonObject body) => Json(status, body.ToJsonString());

    private static IResult Json(int status, string body) => Results.Content(body, "application/json; charset=utf-8", Encoding.UTF8, status);

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString())
            : [];
        var request = new RecordedVerifyRequest(
            EndpointOf(context),
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            form,
            Time.GetUtcNow());
        lock (_gate)
        {
            _requests.Add(request);
        }

        await next(context);
    }

    private async Task ApplyFaultAsync(HttpContext context, RequestDelegate next)
    {
        var fault = TakeFault(EndpointOf(context));
        if (fault is null)
        {
            await next(context);
            return;
        }

        if (fault.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up: nothing is processed, nothing is sent
            }
        }

        if (fault.ResetConnection)
        {
            context.Abort();
            return;
        }

        if (fault.MalformedJson)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(FakeVerifyBodies.Malformed);
            return;
        }

        if (fault.StatusCode is { } status)
        {
            context.Response.StatusCode = status;
            if (fault.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            if (fault.Body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(fault.Body);
            }

            return;
        }

        await next(context); // latency only
    }

    private async Task CheckCredentialsAsync(HttpContext context, RequestDelegate next)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (!string.Equals(context.Request.Headers.Authorization.ToString(), expected, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            await context.Response.WriteAsync(FakeVerifyBodies.Error(20003, "Authenticate", 401));
            return;
        }

        await next(context);
    }

    private FakeVerifyFault? TakeFault(FakeVerifyEndpoint? endpoint)
    {
        if (endpoint is not { } e)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_faults.TryGetValue(e, out var entry))
            {
                return null;
            }

            if (entry.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    _faults.Remove(e);
                }
                else
                {
                    _faults[e] = (entry.Fault, remaining - 1);
                }
            }

            return entry.Fault;
        }
    }

    private static FakeVerifyEndpoint? EndpointOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<FakeVerifyEndpointTag>()?.Endpoint;

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
