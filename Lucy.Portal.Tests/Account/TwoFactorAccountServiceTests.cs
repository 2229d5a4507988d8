using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Core.TwoFactor;

namespace Lucy.Portal.Tests.Account;

public class TwoFactorAccountServiceTests : TwoFactorDatabaseTests
{
    [Fact]
    public async Task Two_factor_is_enabled_only_after_a_verified_first_code_and_recovery_codes()
    {
        var user = await Host.CreateUserAsync();
        var seed = TwoFactorTestHost.SeedOf(await Host.TwoFactorAsync(user, (s, u) => s.StartAuthenticatorAsync(u)));

        Assert.False(await Host.TwoFactorAsync(user, (s, u) => s.CompleteEnrollmentAsync(u, null)));
        Assert.Null(await Host.TwoFactorAsync(user, (s, u) => s.CreateEnrollmentRecoveryCodesAsync(u)));

        Assert.Equal(EnrollmentCodeResult.Confirmed, await Host.TwoFactorAsync(user, (s, u) => s.ConfirmAuthenticatorAsync(u, Host.CodeAt(seed, 0), "10.0.0.1")));
        Assert.False((await Host.ReloadAsync(user)).TwoFactorEnabled);
        Assert.False(await Host.TwoFactorAsync(user, (s, u) => s.CompleteEnrollmentAsync(u, null)));

        var codes = await Host.TwoFactorAsync(user, (s, u) => s.CreateEnrollmentRecoveryCodesAsync(u));
        Assert.Equal(10, codes!.Count);
        var stampBefore = (await Host.ReloadAsync(user)).SecurityStamp;
        Assert.True(await Host.TwoFactorAsync(user, (s, u) => s.CompleteEnrollmentAsync(u, "10.0.0.1")));

        var enabled = await Host.ReloadAsync(user);
        Assert.True(enabled.TwoFactorEnabled);
        Assert.NotEqual(stampBefore, enabled.SecurityStamp);
        Assert.Contains(AuditEvents.TwoFactorEnabled, await Host.AuditEventNamesAsync());
        var status = await Host.TwoFactorAsync(user, (s, u) => s.GetStatusAsync(u));
        Assert.Equal(new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10), status);
    }

    [Fact]
    public async Task A_wrong_first_code_is_refused_counted_and_audited()
    {
        var user = await Host.CreateUserAsync();
        var seed = TwoFactorTestHost.SeedOf(await Host.TwoFactorAsync(user, (s, u) => s.StartAuthenticatorAsync(u)));
        var wrong = Host.CodeAt(seed, 5);

        Assert.Equal(EnrollmentCodeResult.InvalidCode, await Host.TwoFactorAsync(user, (s, u) => s.ConfirmAuthenticatorAsync(u, wrong, null)));

        Assert.Equal(1, (await Host.ReloadAsync(user)).AccessFailedCount);
        Assert.Contains(AuditEvents.TwoFactorEnrollmentCodeRejected, await Host.AuditEventNamesAsync());
        Assert.Equal(EnrollmentCodeResult.Confirmed, await Host.TwoFactorAsync(user, (s, u) => s.ConfirmAuthenticatorAsync(u, Host.CodeAt(seed, 0), null)));
        Assert.Equal(0, (await Host.ReloadAsync(user)).AccessFailedCount);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("abcdef")]
    [InlineData("")]
    public async Task A_malformed_first_code_is_not_counted(string code)
    {
        var user = await Host.CreateUserAsync();
        await Host.TwoFactorAsync(user, (s, u) => s.StartAuthenticatorAsync(u));

        Assert.Equal(EnrollmentCodeResult.Malformed, await Host.TwoFactorAsync(user, (s, u) => s.ConfirmAuthenticatorAsync(u, code, null)));
        Assert.Equal(0, (await Host.ReloadAsync(user)).AccessFailedCount);
    }

    [Fact]
    public async Task Five_wrong_first_codes_lock_the_account_and_end_its_sessions()
    {
        var user = await Host.CreateUserAsync();
        var seed = TwoFactorTestHost.SeedOf(await Host.TwoFactorAsync(user, (s, u) => s.StartAuthenticatorAsync(u)));
        var stamp = (await Host.ReloadAsync(user)).SecurityStamp;

        var results = new List<EnrollmentCodeResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await Host.TwoFactorAsync(user, (s, u) => s.ConfirmAuthenticatorAsync(u, Host.CodeAt(seed, 7), null)));
        }

        Assert.Equal(EnrollmentCodeResult.LockedOut, results[^1]);
        Assert.All(results[..^1], r => Assert.Equal(EnrollmentCodeResult.InvalidCode, r));
        Assert.NotEqual(stamp, (await Host.ReloadAsync(user)).SecurityStamp);
        Assert.Contains(AuditEvents.LockedOut, await Host.AuditEventNamesAsync());
        Assert.Equal(EnrollmentCodeResult.LockedOut, await Host.TwoFactorAsync(user, (s, u) => s.ConfirmAuthenticatorAsync(u, Host.CodeAt(seed, 0), null)));
    }

    [Fact]
    public async Task Disable_refuses_a_wrong_code_and_counts_it()
    {
        var user = await Host.CreateUserAsync();
        var (seed, _) = await Host.EnableTwoFactorAsync(user);

        Assert.Equal(CurrentFactorCheck.InvalidCode, await Host.TwoFactorAsync(user, (s, u) => s.DisableAsync(u, Host.CodeAt(seed, 9), null)));
        Assert.Equal(CurrentFactorCheck.Malformed, await Host.TwoFactorAsync(user, (s, u) => s.DisableAsync(u, "12", null)));

        var after = await Host.ReloadAsync(user);
        Assert.True(after.TwoFactorEnabled);
        Assert.Equal(1, after.AccessFailedCount);
        Assert.Contains(AuditEvents.TwoFactorReverificationFailed, await Host.AuditEventNamesAsync());
    }

    [Fact]
    public async Task Disable_with_a_current_code_removes_the_key_and_every_recovery_code_and_ends_the_sessions()
    {
        var user = await Host.CreateUserAsync();
        var (seed, _) = await Host.EnableTwoFactorAsync(user);
        var stamp = (await Host.ReloadAsync(user)).SecurityStamp;

        Assert.Equal(CurrentFactorCheck.Accepted, await Host.TwoFactorAsync(user, (s, u) => s.DisableAsync(u, Host.CodeAt(seed, 0), null)));

        var after = await Host.ReloadAsync(user);
        Assert.False(after.TwoFactorEnabled);
        Assert.NotEqual(stamp, after.SecurityStamp);
        Assert.Null(await Host.TwoFactorAsync(user, (s, u) => s.ConfirmedMethodAsync(u)));
        Assert.Equal(0, await Host.RunAsync<RecoveryCodeStore, int>(user, (store, u) => store.CountRemainingAsync(u)));
        Assert.Equal(TwoFactorStatus.Off, await Host.TwoFactorAsync(user, (s, u) => s.GetStatusAsync(u)));
        var events = await Host.AuditEventNamesAsync();
        Assert.Contains(AuditEvents.TwoFactorDisabled, events);
        Assert.Contains(AuditEvents.AuthenticatorRemoved, events);
    }

    [Fact]
    public async Task A_recovery_code_is_accepted_for_disable_and_used_up()
    {
        var user = await Host.CreateUserAsync();
        var (_, codes) = await Host.EnableTwoFactorAsync(user);

        Assert.Equal(CurrentFactorCheck.Accepted, await Host.TwoFactorAsync(user, (s, u) => s.DisableAsync(u, codes[0].ToLowerInvariant(), null)));
        Assert.False((await Host.ReloadAsync(user)).TwoFactorEnabled);
    }

    [Fact]
    public async Task A_code_already_used_is_refused_as_a_replay()
    {
        var user = await Host.CreateUserAsync();
        var (seed, _) = await Host.EnableTwoFactorAsync(user);
        var code = Host.CodeAt(seed, 0);
        Assert.Equal(CurrentFactorCheck.Accepted, await Host.TwoFactorAsync(user, (s, u) => s.VerifyCurrentFactorAsync(u, code, "test", null)));

        Assert.Equal(CurrentFactorCheck.InvalidCode, await Host.TwoFactorAsync(user, (s, u) => s.DisableAsync(u, code, null)));
    }

    [Fact]
    public async Task Regenerate_needs_a_current_code_and_replaces_the_old_codes()
    {
        var user = await Host.CreateUserAsync();
        var (seed, oldCodes) = await Host.EnableTwoFactorAsync(user);

        var refused = await Host.TwoFactorAsync(user, (s, u) => s.RegenerateRecoveryCodesAsync(u, "WRONG-CODES", null));
        Assert.Equal(CurrentFactorCheck.Malformed, refused.Check);
        Assert.Empty(refused.Codes);

        var result = await Host.TwoFactorAsync(user, (s, u) => s.RegenerateRecoveryCodesAsync(u, Host.CodeAt(seed, 0), null));

        Assert.Equal(CurrentFactorCheck.Accepted, result.Check);
        Assert.Equal(10, result.Codes.Count);
        Assert.Empty(result.Codes.Intersect(oldCodes));
        Host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(CurrentFactorCheck.InvalidCode, await Host.TwoFactorAsync(user, (s, u) => s.VerifyCurrentFactorAsync(u, oldCodes[1], "test", null)));
    }

    [Fact]
    public async Task Recovery_codes_without_a_current_code_are_refused_once_2FA_is_on()
    {
        var user = await Host.CreateUserAsync();
        await Host.EnableTwoFactorAsync(user);

        Assert.Null(await Host.TwoFactorAsync(user, (s, u) => s.CreateEnrollmentRecoveryCodesAsync(u)));
    }

    [Fact]
    public async Task The_status_warns_when_three_or_fewer_recovery_codes_are_left()
    {
        var user = await Host.CreateUserAsync();
        var (_, codes) = await Host.EnableTwoFactorAsync(user);
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(CurrentFactorCheck.Accepted, await Host.TwoFactorAsync(user, (s, u) => s.VerifyCurrentFactorAsync(u, codes[i], "test", null)));
        }

        var status = await Host.TwoFactorAsync(user, (s, u) => s.GetStatusAsync(u));

        Assert.Equal(3, status.RecoveryCodesLeft);
        Assert.True(status.RecoveryCodesRunningLow);
    }

    [Fact]
    public async Task Verification_without_2FA_says_not_enabled_and_counts_nothing()
    {
        var user = await Host.CreateUserAsync();

        Assert.Equal(CurrentFactorCheck.NotEnabled, await Host.TwoFactorAsync(user, (s, u) => s.DisableAsync(u, "123456", null)));
        Assert.Equal(0, (await Host.ReloadAsync(user)).AccessFailedCount);
    }
}
