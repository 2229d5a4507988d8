using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Core.TwoFactor;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Account;

public class PhoneNumberChangeTests : TwoFactorDatabaseTests
{
    private Task<PhoneChangeResult> SaveAsync(PortalUser user, string region, string number, string? code = null) =>
        Host.RunAsync<PhoneNumberChange, PhoneChangeResult>(user, (phones, u) => phones.SaveAsync(u, region, number, code, "10.0.0.1"));

    [Fact]
    public async Task A_valid_mobile_is_stored_in_E164_with_calling_code_and_region_audited_masked_and_every_session_ends()
    {
        var user = await Host.CreateUserAsync();
        var stamp = (await Host.ReloadAsync(user)).SecurityStamp;

        var result = await SaveAsync(user, "CH", "079 123 45 67");

        Assert.Equal(PhoneChangeOutcome.Saved, result.Outcome);
        var saved = await Host.ReloadAsync(user);
        Assert.Equal("+41791234567", saved.PhoneNumber);
        Assert.Equal(41, saved.PhoneCountryCode);
        Assert.Equal("CH", saved.PhoneRegion);
        Assert.False(saved.PhoneNumberConfirmed);
        Assert.NotEqual(stamp, saved.SecurityStamp);
        var entry = (await Host.CreateScope().ServiceProvider.GetRequiredService<AuditLog>().RecentAsync(10)).First(e => e.Event == AuditEvents.PhoneNumberChanged);
        Assert.Equal("(none) → +41 •••• ••67", entry.Detail);
        Assert.DoesNotContain("791234567", entry.Detail);
        Assert.Equal("ada@example.com", entry.ActorEmail);
        Assert.Equal("10.0.0.1", entry.IpAddress);
    }

    [Fact]
    public async Task A_landline_gets_a_field_message_and_saves_nothing()
    {
        var user = await Host.CreateUserAsync();

        var result = await SaveAsync(user, "CH", "044 668 18 00");

        Assert.Equal(PhoneChangeOutcome.InvalidNumber, result.Outcome);
        Assert.Contains("landline", result.NumberError);
        Assert.Null((await Host.ReloadAsync(user)).PhoneNumber);
    }

    [Fact]
    public async Task With_the_built_in_authenticator_a_new_number_needs_a_current_code_and_no_code_to_the_number()
    {
        var user = await Host.CreateUserAsync();
        await SaveAsync(user, "CH", "079 123 45 67");
        var (seed, _) = await Host.EnableTwoFactorAsync(user);

        var withoutCode = await SaveAsync(user, "DE", "0151 23456789");
        var wrongCode = await SaveAsync(user, "DE", "0151 23456789", Host.CodeAt(seed, 9));

        Assert.Equal(PhoneChangeOutcome.CodeRequired, withoutCode.Outcome);
        Assert.NotNull(withoutCode.CodeError);
        Assert.Equal(PhoneChangeOutcome.CodeRefused, wrongCode.Outcome);
        Assert.Equal(CurrentFactorCheck.InvalidCode, wrongCode.CodeCheck);
        var unchanged = await Host.ReloadAsync(user);
        Assert.Equal("+41791234567", unchanged.PhoneNumber);
        Assert.Equal(1, unchanged.AccessFailedCount);

        var accepted = await SaveAsync(user, "DE", "0151 23456789", Host.CodeAt(seed, 0));

        // The phone is contact data here, not the factor: it is saved unproven and the authenticator stays.
        Assert.Equal(PhoneChangeOutcome.Saved, accepted.Outcome);
        Assert.Null(accepted.Pending);
        var changed = await Host.ReloadAsync(user);
        Assert.Equal("+4915123456789", changed.PhoneNumber);
        Assert.False(changed.PhoneNumberConfirmed);
        Assert.True(changed.TwoFactorEnabled);
        Assert.NotEqual(unchanged.SecurityStamp, changed.SecurityStamp);
    }

    [Fact]
    public async Task Saving_the_same_number_again_needs_no_code()
    {
        var user = await Host.CreateUserAsync();
        await SaveAsync(user, "CH", "079 123 45 67");
        await Host.EnableTwoFactorAsync(user);

        Assert.Equal(PhoneChangeOutcome.Unchanged, (await SaveAsync(user, "CH", "+41 79 123 45 67")).Outcome);
    }
}
