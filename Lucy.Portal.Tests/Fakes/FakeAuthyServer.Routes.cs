using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lucy.Portal.Tests.Fakes;

// The Authy endpoints of authy-api.md §1a, answering with the documented fixture bodies.
public sealed partial class FakeAuthyServer
{
    private void MapRoutes(WebApplication app)
    {
        Map(app.MapPost("/protected/json/users/new", RegisterUser), FakeAuthyEndpoint.RegisterUser);
        Map(app.MapGet("/protected/json/verify/{token}/{authyId}", Verify), FakeAuthyEndpoint.Verify);
        Map(app.MapGet("/protected/json/sms/{authyId}", (HttpContext c, string authyId) => SendCode(c, authyId, "sms")), FakeAuthyEndpoint.Sms);
        Map(app.MapGet("/protected/json/call/{authyId}", (HttpContext c, string authyId) => SendCode(c, authyId, "call")), FakeAuthyEndpoint.Call);
        Map(app.MapPost("/protected/json/users/{authyId}/remove", RemoveUser), FakeAuthyEndpoint.RemoveUser);
        // The two older delete paths that official clients still ship (docs/authy-contract.md, row 5).
        Map(app.MapPost("/protected/json/users/{authyId}/delete", RemoveUser), FakeAuthyEndpoint.RemoveUser);
        Map(app.MapPost("/protected/json/users/delete/{authyId}", RemoveUser), FakeAuthyEndpoint.RemoveUser);
        Map(app.MapGet("/protected/json/users/{authyId}/status", UserStatus), FakeAuthyEndpoint.UserStatus);
        Map(app.MapGet("/protected/json/app/details", AppDetails), FakeAuthyEndpoint.AppDetails);
        Map(app.MapPost("/protected/json/users/{authyId}/secret", QrCode), FakeAuthyEndpoint.QrCode);
        Map(app.MapPost("/onetouch/json/users/{authyId}/approval_requests", CreateApproval), FakeAuthyEndpoint.OneTouchCreate);
        Map(app.MapGet("/onetouch/json/approval_requests/{uuid}", ApprovalStatus), FakeAuthyEndpoint.OneTouchStatus);
    }

    private static void Map(IEndpointConventionBuilder route, FakeAuthyEndpoint endpoint) =>
        route.WithMetadata(new FakeAuthyEndpointTag(endpoint));

    private IResult RegisterUser(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? context.Request.Form : FormCollection.Empty;
        var email = form["user[email]"].ToString();
        var cellphone = form["user[cellphone]"].ToString();
        var countryCode = form["user[country_code]"].ToString();
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            return Json(400, FakeAuthyBodies.UserNotValid("email"));
        }

        if (cellphone.Length < 7 || !cellphone.All(char.IsAsciiDigit) || countryCode.Length == 0 || !countryCode.All(char.IsAsciiDigit))
        {
            return Json(400, FakeAuthyBodies.UserNotValid("cellphone"));
        }

        lock (_gate)
        {
            return Json(200, FakeAuthyBodies.UserCreated(FindOrCreateUser(email, countryCode, cellphone).Id));
        }
    }

    private IResult Verify(HttpContext context, string token, string authyId)
    {
        var forced = IsForced(context);
        var action = ActionOf(context);
        lock (_gate)
        {
            if (FindUser(authyId) is not { } user)
            {
                return Json(404, FakeAuthyBodies.UserNotFound());
            }

            // The documented trap: without force, a user who has not finished registering passes with any token.
            if (!forced && !user.Confirmed && !user.HasApp)
            {
                return Json(200, FakeAuthyBodies.TokenValid());
            }

            // A code verifies only under the action it was made for, none included (docs/authy-contract.md).
            var seed = user.SeedFor(action);
            var now = FakeTotp.StepAt(_time.GetUtcNow());
            for (var step = now - 1; step <= now + 1; step++)
            {
                if (!string.Equals(FakeTotp.Compute(seed, step), token, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!user.UsedSteps.Add((action ?? string.Empty, step)))
                {
                    return Json(401, FakeAuthyBodies.TokenReused());
                }

                user.Confirmed = true;
                return Json(200, FakeAuthyBodies.TokenValid());
            }

            return Json(401, FakeAuthyBodies.TokenInvalid());
        }
    }

    private IResult SendCode(HttpContext context, string authyId, string channel)
    {
        var forced = IsForced(context);
        lock (_gate)
        {
            if (FindUser(authyId) is not { } user)
            {
                return Json(404, FakeAuthyBodies.UserNotFound());
            }

            var locale = context.Request.Query["locale"].FirstOrDefault();
            if (!FakeAuthyLocales.IsAccepted(locale))
            {
                return Json(404, FakeAuthyBodies.LocaleNotSupported(locale!));
            }

            var sms = channel == "sms";
            if (!forced && user.HasApp)
            {
                return Json(200, sms ? FakeAuthyBodies.SmsIgnored(user.MaskedPhone) : FakeAuthyBodies.CallIgnored(user.MaskedPhone));
            }

            // Within a time step a repeated send delivers the same code (authy-ruby #63); an action changes the code.
            var now = _time.GetUtcNow();
            var action = ActionOf(context);
            _outbox.Add(new SentAuthyCode(
                authyId, channel, FakeTotp.Compute(user.SeedFor(action), FakeTotp.StepAt(now)), forced,
                action, locale, now)
            {
                ActionMessage = context.Request.Query["action_message"].FirstOrDefault(),
            });
            return Json(200, sms ? FakeAuthyBodies.SmsSent(user.MaskedPhone) : FakeAuthyBodies.CallStarted(user.MaskedPhone));
        }
    }

    private IResult RemoveUser(string authyId)
    {
        lock (_gate)
        {
            if (FindUser(authyId) is not { } user)
            {
                return Json(404, FakeAuthyBodies.UserNotFound());
            }

            user.Removed = true;
            return Json(200, FakeAuthyBodies.UserRemoved());
        }
    }

    private IResult UserStatus(string authyId)
    {
        lock (_gate)
        {
            return FindUser(authyId) is { } user
                ? Json(200, FakeAuthyBodies.UserStatus(user))
                : Json(404, FakeAuthyBodies.UserNotFound());
        }
    }

    private IResult AppDetails() => Json(200, FakeAuthyBodies.AppDetails(AppName, SmsEnabled, PhoneCallsEnabled, OneTouchEnabled));

    private IResult QrCode(HttpContext context, string authyId)
    {
        lock (_gate)
        {
            if (FindUser(authyId) is null)
            {
                return Json(404, FakeAuthyBodies.UserNotFound());
            }
        }

        var label = context.Request.HasFormContentType ? context.Request.Form["label"].ToString() : string.Empty;
        return Json(200, FakeAuthyBodies.QrCode(new Uri(BaseAddress, $"/qr/{authyId}.png").ToString(), label));
    }

    private IResult CreateApproval(HttpContext context, string authyId)
    {
        var form = context.Request.HasFormContentType ? context.Request.Form : FormCollection.Empty;
        lock (_gate)
        {
            if (FindUser(authyId) is not { } user)
            {
                return Json(404, FakeAuthyBodies.UserNotFound());
            }

            if (!user.HasApp)
            {
                return Json(400, FakeAuthyBodies.OneTouchUnregisteredUser());
            }

            var request = new FakeOneTouchRequest
            {
                Uuid = Guid.NewGuid().ToString(),
                AuthyId = authyId,
                Message = form["message"].ToString(),
                SecondsToExpire = int.TryParse(form["seconds_to_expire"], out var seconds) ? seconds : null,
                Details = form.Where(f => f.Key.StartsWith("details[", StringComparison.Ordinal))
                    .ToDictionary(f => f.Key["details[".Length..^1], f => f.Value.ToString()),
                CreatedAt = _time.GetUtcNow(),
            };
            _oneTouch[request.Uuid] = request;
            return Json(200, FakeAuthyBodies.ApprovalCreated(request.Uuid));
        }
    }

    private IResult ApprovalStatus(string uuid)
    {
        lock (_gate)
        {
            if (!_oneTouch.TryGetValue(uuid, out var request))
            {
                return Json(404, FakeAuthyBodies.ApprovalNotFound(uuid));
            }

            var expiresAt = request.CreatedAt.AddSeconds(request.SecondsToExpire ?? 86400);
            if (request.Status == "pending" && _time.GetUtcNow() >= expiresAt)
            {
                request.Status = "expired";
                request.ProcessedAt = expiresAt;
            }

            return Json(200, FakeAuthyBodies.ApprovalStatus(request));
        }
    }

    private FakeAuthyUser? FindUser(string authyId) =>
        _usersById.TryGetValue(authyId, out var user) && !user.Removed ? user : null;

    /// <summary>The action a send or verify is scoped to; absent and empty both mean none.</summary>
    private static string? ActionOf(HttpContext context) =>
        context.Request.Query["action"].ToString() is { Length: > 0 } action ? action : null;

    private static bool IsForced(HttpContext context) =>
        string.Equals(context.Request.Query["force"].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    private static IResult Json(int status, string body) =>
        Results.Content(body, "application/json; charset=utf-8", System.Text.Encoding.UTF8, status);
}
