using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Core.TwoFactor;

public class AuthenticatorEnrollmentTests : TwoFactorDatabaseTests
{
    [Fact]
    public async Task Setup_shows_the_key_in_groups_of_four_the_otpauth_uri_and_a_png_qr_code()
    {
        var user = await Host.CreateUserAsync("ada+ops@example.com");

        var setup = await Host.StartEnrollmentAsync(user);

        Assert.Matches(@"^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$", setup.ManualEntryKey);
        var key = setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(
            $"otpauth://totp/Lucy:ada%2Bops%40example.com?secret={key}&issuer=Lucy&algorithm=SHA1&digits=6&period=30",
            setup.OtpauthUri);
        Assert.StartsWith("data:image/png;base64,", setup.QrCodeDataUri, StringComparison.Ordinal);
        var png = Convert.FromBase64String(setup.QrCodeDataUri["data:image/png;base64,".Length..]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public async Task Setup_does_not_print_its_key_when_logged()
    {
        var user = await Host.CreateUserAsync();

        var setup = await Host.StartEnrollmentAsync(user);

        Assert.DoesNotContain(setup.ManualEntryKey, setup.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_seed_is_encrypted_not_the_plain_seed()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);

        await using var connection = Host.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ProtectedSeed FROM AuthenticatorKeys";
        var stored = (string)(await command.ExecuteScalarAsync())!;

        foreach (var plain in new[] { Base32.Encode(seed), Convert.ToBase64String(seed), Convert.ToHexString(seed) })
        {
            Assert.DoesNotContain(plain, stored, StringComparison.OrdinalIgnoreCase);
        }
        var fileText = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Host.DatabasePath));
        Assert.DoesNotContain(Base32.Encode(seed), fileText, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Text.Encoding.Latin1.GetString(seed), fileText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirming_records_the_step_so_the_same_code_cannot_then_log_in()
    {
        var user = await Host.CreateUserAsync();
        var seed = TwoFactorTestHost.SeedOf(await Host.StartEnrollmentAsync(user));
        var code = Host.CodeAt(seed, 0);

        Assert.Equal(AuthenticatorConfirmation.Confirmed, await Host.ConfirmAsync(user, code));
        Assert.Equal(AuthenticatorVerification.ReplayedCode, await Host.VerifyAsync(user, code));
    }

    [Fact]
    public async Task Wrong_first_code_leaves_the_enrollment_pending()
    {
        var user = await Host.CreateUserAsync();
        var seed = TwoFactorTestHost.SeedOf(await Host.StartEnrollmentAsync(user));

        Assert.Equal(AuthenticatorConfirmation.InvalidCode, await Host.ConfirmAsync(user, Host.CodeAt(seed, 2)));
        Assert.Equal(AuthenticatorConfirmation.Confirmed, await Host.ConfirmAsync(user, Host.CodeAt(seed, 0)));
    }

    [Fact]
    public async Task Nothing_to_confirm_without_a_start_or_after_confirmation()
    {
        var user = await Host.CreateUserAsync();

        Assert.Equal(AuthenticatorConfirmation.NoPendingEnrollment, await Host.ConfirmAsync(user, "123456"));
        var seed = TwoFactorTestHost.SeedOf(await Host.StartEnrollmentAsync(user));
        Assert.Equal(AuthenticatorConfirmation.Confirmed, await Host.ConfirmAsync(user, Host.CodeAt(seed, 0)));
        Assert.Equal(AuthenticatorConfirmation.NoPendingEnrollment, await Host.ConfirmAsync(user, Host.CodeAt(seed, 1)));
    }

    [Fact]
    public async Task Starting_again_replaces_the_pending_seed_but_not_the_active_one_until_confirmed()
    {
        var user = await Host.CreateUserAsync();
        var active = await Host.EnrollAsync(user);
        var replaced = TwoFactorTestHost.SeedOf(await Host.StartEnrollmentAsync(user));
        var pending = TwoFactorTestHost.SeedOf(await Host.StartEnrollmentAsync(user));

        Assert.Equal(AuthenticatorVerification.Accepted, await Host.VerifyAsync(user, Host.CodeAt(active, 0)));
        Assert.Equal(AuthenticatorConfirmation.InvalidCode, await Host.ConfirmAsync(user, Host.CodeAt(replaced, 0)));
        Host.Time.Advance(TimeSpan.FromSeconds(TotpAlgorithm.StepSeconds));
        Assert.Equal(AuthenticatorConfirmation.Confirmed, await Host.ConfirmAsync(user, Host.CodeAt(pending, 0)));

        Host.Time.Advance(TimeSpan.FromSeconds(TotpAlgorithm.StepSeconds));
        Assert.Equal(AuthenticatorVerification.InvalidCode, await Host.VerifyAsync(user, Host.CodeAt(active, 0)));
        Assert.Equal(AuthenticatorVerification.Accepted, await Host.VerifyAsync(user, Host.CodeAt(pending, 0)));
    }

    [Fact]
    public async Task Enrollment_and_removal_are_audited_without_the_seed()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);

        await using (var scope = Host.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>().RemoveAsync(user));
        }

        var events = await Host.AuditEventNamesAsync();
        Assert.Contains(AuditEvents.AuthenticatorEnrolled, events);
        Assert.Contains(AuditEvents.AuthenticatorRemoved, events);
        await using var connection = Host.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEvents WHERE Detail LIKE $key";
        command.Parameters.AddWithValue("$key", "%" + Base32.Encode(seed)[..8] + "%");
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Removed_authenticator_no_longer_signs_in()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);

        await using (var scope = Host.CreateScope())
        {
            var enrollment = scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>();
            Assert.True(await enrollment.RemoveAsync(user));
            Assert.False(await enrollment.RemoveAsync(user));
            Assert.False(await enrollment.IsEnrolledAsync(user));
        }
        Assert.Equal(AuthenticatorVerification.NotEnrolled, await Host.VerifyAsync(user, Host.CodeAt(seed, 0)));
    }

    [Fact]
    public async Task Deleting_the_user_deletes_the_authenticator_key()
    {
        var user = await Host.CreateUserAsync();
        await Host.EnrollAsync(user);

        await using (var scope = Host.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(user.Id))!)).Succeeded);
        }

        await using var connection = Host.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuthenticatorKeys";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
