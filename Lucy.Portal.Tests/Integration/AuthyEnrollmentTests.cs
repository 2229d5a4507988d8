using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>Enrolling with Authy against the fake: nothing is switched on before a first code verifies.</summary>
public class AuthyEnrollmentTests : IAsyncLifetime
{
    private AuthyPortal _portal = default!;

    public async Task InitializeAsync() => _portal = await AuthyPortal.StartAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<T> WithUserAsync<T>(string email, Func<AuthyEnrollment, PortalUser, Task<T>> action)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return await action(scope.ServiceProvider.GetRequiredService<AuthyEnrollment>(), user);
    }

    private async Task<PhoneChangeResult> ChangePhoneAsync(string number, string? currentCode)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!;
        return await scope.ServiceProvider.GetRequiredService<PhoneNumberChange>().SaveAsync(user, "CH", number, currentCode, null);
    }

    private Task<PortalUser> ReloadAsync(string email) => WithUserAsync(email, (_, user) => Task.FromResult(user));

    [Fact]
    public async Task Registration_stays_pending_until_a_first_code_verifies()
    {
        var registered = await WithUserAsync(PortalFactory.UserEmail, (e, u) => e.RegisterAsync(u, "41", "791234567"));
        Assert.Equal(AuthyEnrollmentStatus.Done, registered.Status);
        var pending = await ReloadAsync(PortalFactory.UserEmail);
        Assert.NotNull(pending.PendingAuthyId);
        Assert.Null(pending.AuthyId);

        var sms = await WithUserAsync(PortalFactory.UserEmail, (e, u) => e.SendSmsAsync(u));
        Assert.Equal(AuthyEnrollmentStatus.Done, sms.Status);
        var sent = Assert.Single(_portal.Authy.Outbox);
        Assert.True(sent.Forced);

        var wrong = await WithUserAsync(PortalFactory.UserEmail, (e, u) => e.ConfirmAsync(u, "1234567"));
        Assert.Equal(AuthyEnrollmentStatus.WrongCode, wrong.Status);
        Assert.Null((await ReloadAsync(PortalFactory.UserEmail)).AuthyId);

        var confirmed = await WithUserAsync(PortalFactory.UserEmail, (e, u) => e.ConfirmAsync(u, sent.Code));
        Assert.Equal(AuthyEnrollmentStatus.Done, confirmed.Status);
        var enrolled = await ReloadAsync(PortalFactory.UserEmail);
        Assert.Equal(pending.PendingAuthyId, enrolled.AuthyId);
        Assert.Null(enrolled.PendingAuthyId);
        Assert.All(_portal.Authy.RequestsTo(FakeAuthyEndpoint.Verify), r => Assert.Equal("true", r.Query("force")));
    }

    [Fact]
    public async Task A_phone_authy_refuses_gets_a_message_and_saves_nothing()
    {
        _portal.Authy.SetFault(FakeAuthyEndpoint.RegisterUser, FakeAuthyFault.Respond(400, FakeAuthyBodies.Error("60033", "Phone number is invalid")));

        var result = await WithUserAsync(PortalFactory.UserEmail, (e, u) => e.RegisterAsync(u, "41", "791234567"));

        Assert.Equal(AuthyEnrollmentStatus.InvalidPhone, result.Status);
        Assert.Null((await ReloadAsync(PortalFactory.UserEmail)).PendingAuthyId);
    }

    [Fact]
    public async Task Authy_down_during_registration_saves_nothing_and_can_be_retried()
    {
        _portal.Authy.SetFault(FakeAuthyEndpoint.RegisterUser, FakeAuthyFault.Unavailable());

        var down = await WithUserAsync(PortalFactory.UserEmail, (e, u) => e.RegisterAsync(u, "41", "791234567"));
        Assert.Equal(AuthyEnrollmentStatus.Unavailable, down.Status);
        Assert.Null((await ReloadAsync(PortalFactory.UserEmail)).PendingAuthyId);

        _portal.Authy.ClearFaults();
        var retried = await WithUserAsync(PortalFactory.UserEmail, (e, u) => e.RegisterAsync(u, "41", "791234567"));
        Assert.Equal(AuthyEnrollmentStatus.Done, retried.Status);
    }

    [Fact]
    public async Task A_malformed_first_code_is_not_counted()
    {
        await WithUserAsync(PortalFactory.UserEmail, (e, u) => e.RegisterAsync(u, "41", "791234567"));

        var result = await WithUserAsync(PortalFactory.UserEmail, (e, u) => e.ConfirmAsync(u, "12ab"));

        Assert.Equal(AuthyEnrollmentStatus.Malformed, result.Status);
        Assert.Equal(0, (await ReloadAsync(PortalFactory.UserEmail)).AccessFailedCount);
        Assert.Empty(_portal.Authy.RequestsTo(FakeAuthyEndpoint.Verify));
    }

    [Fact]
    public async Task Removing_a_shared_authy_id_keeps_it_at_authy_until_the_last_account_leaves()
    {
        // Same phone, so Authy hands out the same authy_id; each confirms with its own (unused) code.
        var stepOffset = 0;
        foreach (var email in new[] { PortalFactory.UserEmail, PortalFactory.AdminEmail })
        {
            await WithUserAsync(email, (e, u) => e.RegisterAsync(u, "41", "791234567"));
            var code = _portal.Authy.TokenFor((await ReloadAsync(email)).PendingAuthyId!, stepOffset++);
            var confirmed = await WithUserAsync(email, (e, u) => e.ConfirmAsync(u, code));
            Assert.Equal(AuthyEnrollmentStatus.Done, confirmed.Status);
        }
        var shared = (await ReloadAsync(PortalFactory.UserEmail)).AuthyId;
        Assert.Equal(shared, (await ReloadAsync(PortalFactory.AdminEmail)).AuthyId);

        await WithUserAsync(PortalFactory.UserEmail, async (e, u) => { await e.RemoveAsync(u); return 0; });
        Assert.Empty(_portal.Authy.RequestsTo(FakeAuthyEndpoint.RemoveUser));
        Assert.NotNull(_portal.Authy.User(shared!));

        await WithUserAsync(PortalFactory.AdminEmail, async (e, u) => { await e.RemoveAsync(u); return 0; });
        Assert.Single(_portal.Authy.RequestsTo(FakeAuthyEndpoint.RemoveUser));
    }

    [Fact]
    public async Task Changing_the_phone_of_an_authy_user_needs_a_current_code_and_then_a_code_from_the_new_registration()
    {
        var (oldId, _) = await _portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
            user.PhoneRegion = "CH";
            await users.UpdateAsync(user);
        }

        var withoutCode = await ChangePhoneAsync("079 765 43 21", null);
        Assert.Equal(PhoneChangeOutcome.CodeRequired, withoutCode.Outcome);
        Assert.Empty(_portal.Authy.RequestsTo(FakeAuthyEndpoint.RegisterUser));

        var token = _portal.Authy.CurrentTokenFor(oldId);
        var started = await ChangePhoneAsync("079 765 43 21", token);

        Assert.Equal(PhoneChangeOutcome.ProofRequired, started.Outcome);
        var registration = Assert.Single(_portal.Authy.RequestsTo(FakeAuthyEndpoint.RegisterUser));
        Assert.Equal("797654321", registration.Form["user[cellphone]"]);
        var notYet = await ReloadAsync(PortalFactory.UserEmail);
        Assert.Equal(oldId, notYet.AuthyId);
        Assert.Equal("+41791234567", notYet.PhoneNumber);
        Assert.Empty(_portal.Authy.RequestsTo(FakeAuthyEndpoint.RemoveUser));

        var sent = Assert.Single(_portal.Authy.Outbox);
        PhoneChangeResult confirmed;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!;
            confirmed = await scope.ServiceProvider.GetRequiredService<PhoneNumberChange>().ConfirmAsync(user, started.Pending!, sent.Code, null);
        }

        Assert.Equal(PhoneChangeOutcome.Saved, confirmed.Outcome);
        var moved = await ReloadAsync(PortalFactory.UserEmail);
        Assert.Equal("+41797654321", moved.PhoneNumber);
        Assert.Equal(sent.AuthyId, moved.AuthyId);
        Assert.NotEqual(oldId, moved.AuthyId);
        Assert.Single(_portal.Authy.RequestsTo(FakeAuthyEndpoint.RemoveUser));
    }
}
