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
    public async Task A_valid_mobile_is_stored_in_E164_with_calling_code_and_region_and_audited_masked()
    {
        var user = await Host.CreateUserAsync();
        var stamp = (await Host.ReloadAsync(user)).SecurityStamp;

        var result = await SaveAsync(user, "CH", "079 123 45 67");

        Assert.Equal(PhoneChangeOutcome.Saved, result.Outcome);
        var saved = await Host.ReloadAsync(user);
        Assert.Equal("+41791234567", saved.PhoneNumber);
        Assert.Equal(41, saved.PhoneCountryCode);
        Assert.Equal("CH", saved.PhoneRegion);
        Assert.Equal(stamp, saved.SecurityStamp);
        var entry = (await Host.CreateScope().ServiceProvider.GetRequiredService<AuditLog>().RecentAsync(10)).First(e => e.Event == AuditEvents.PhoneNumberChanged);
        Assert.Equal("(none) → +41 •••• ••67", entry.Detail);
        Assert.DoesNotContain("791234567", entry.Detail);
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
    public async Task With_2FA_on_a_new_number_needs_a_current_code()
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

        Assert.Equal(PhoneChangeOutcome.Saved, accepted.Outcome);
        Assert.Equal("+4915123456789", (await Host.ReloadAsync(user)).PhoneNumber);
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
