using System.Text;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Core.TwoFactor;

public class RecoveryCodeStoreTests : TwoFactorDatabaseTests
{
    [Fact]
    public async Task Ten_distinct_codes_are_generated_from_the_unambiguous_alphabet()
    {
        var user = await Host.CreateUserAsync();

        var codes = await ReplaceAsync(user);

        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$", code));
    }

    [Fact]
    public async Task Stored_rows_and_the_database_file_contain_no_code_in_clear()
    {
        var user = await Host.CreateUserAsync();
        var codes = await ReplaceAsync(user);

        await using var connection = Host.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM RecoveryCodes";
        var stored = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    var value = reader.GetValue(column);
                    stored.Append(value is byte[] bytes ? Encoding.Latin1.GetString(bytes) + Convert.ToBase64String(bytes) + Convert.ToHexString(bytes) : value.ToString()).Append('|');
                }
            }
        }
        var file = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Host.DatabasePath));

        Assert.NotEqual(0, stored.Length);
        foreach (var code in codes)
        {
            foreach (var form in new[] { code, code.Replace("-", "", StringComparison.Ordinal) })
            {
                Assert.DoesNotContain(form, stored.ToString(), StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(form, file, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task Each_code_works_once()
    {
        var user = await Host.CreateUserAsync();
        var codes = await ReplaceAsync(user);

        foreach (var code in codes)
        {
            Assert.Equal(RecoveryCodeRedemption.Redeemed, await RedeemAsync(user, code));
        }
        foreach (var code in codes)
        {
            Assert.Equal(RecoveryCodeRedemption.Refused, await RedeemAsync(user, code));
        }
    }

    [Fact]
    public async Task Input_is_case_insensitive_and_tolerates_a_missing_dash_and_spaces()
    {
        var user = await Host.CreateUserAsync();
        var codes = await ReplaceAsync(user);

        Assert.Equal(RecoveryCodeRedemption.Redeemed, await RedeemAsync(user, codes[0].ToLowerInvariant()));
        Assert.Equal(RecoveryCodeRedemption.Redeemed, await RedeemAsync(user, codes[1].Replace("-", "", StringComparison.Ordinal)));
        Assert.Equal(RecoveryCodeRedemption.Redeemed, await RedeemAsync(user, "  " + codes[2].Replace("-", " ", StringComparison.Ordinal) + " "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDE")]
    [InlineData("ABCDE-FGHJK-L")]
    [InlineData("ABCDE-FGHJ0")]
    public async Task Input_that_cannot_be_a_code_is_refused(string input)
    {
        var user = await Host.CreateUserAsync();
        await ReplaceAsync(user);

        Assert.Equal(RecoveryCodeRedemption.Refused, await RedeemAsync(user, input));
    }

    [Fact]
    public async Task Remaining_count_decreases_as_codes_are_used()
    {
        var user = await Host.CreateUserAsync();
        var codes = await ReplaceAsync(user);

        Assert.Equal(10, await CountAsync(user));
        await RedeemAsync(user, codes[3]);
        Assert.Equal(9, await CountAsync(user));
        await RedeemAsync(user, codes[3]);
        Assert.Equal(9, await CountAsync(user));
    }

    [Fact]
    public async Task Regenerating_invalidates_the_old_set()
    {
        var user = await Host.CreateUserAsync();
        var old = await ReplaceAsync(user);

        var fresh = await ReplaceAsync(user);

        Assert.Equal(10, await CountAsync(user));
        foreach (var code in old.Except(fresh))
        {
            Assert.Equal(RecoveryCodeRedemption.Refused, await RedeemAsync(user, code));
        }
        Assert.Equal(RecoveryCodeRedemption.Redeemed, await RedeemAsync(user, fresh[0]));
    }

    [Fact]
    public async Task Codes_of_one_user_do_not_work_for_another()
    {
        var ada = await Host.CreateUserAsync("ada@example.com");
        var bob = await Host.CreateUserAsync("bob@example.com");
        var codes = await ReplaceAsync(ada);

        Assert.Equal(RecoveryCodeRedemption.Refused, await RedeemAsync(bob, codes[0]));
    }

    [Fact]
    public async Task Concurrent_redemptions_of_one_code_succeed_once()
    {
        var user = await Host.CreateUserAsync();
        var codes = await ReplaceAsync(user);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => RedeemAsync(user, codes[0]))));

        Assert.Single(outcomes, o => o == RecoveryCodeRedemption.Redeemed);
    }

    [Fact]
    public async Task Generation_and_use_are_audited()
    {
        var user = await Host.CreateUserAsync();
        var codes = await ReplaceAsync(user);

        await RedeemAsync(user, codes[0]);

        var events = await Host.AuditEventNamesAsync();
        Assert.Contains(AuditEvents.RecoveryCodesGenerated, events);
        Assert.Contains(AuditEvents.RecoveryCodeUsed, events);
    }

    [Fact]
    public async Task A_used_code_becomes_a_notice_to_its_user_naming_how_many_are_left_and_never_the_code()
    {
        var user = await Host.CreateUserAsync();
        var codes = await ReplaceAsync(user);

        await RedeemAsync(user, codes[0]);
        await RedeemAsync(user, codes[0]);

        await using var scope = Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Lucy.Portal.Core.Data.PortalDbContext>();
        var notices = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Event == AuditEvents.NoticeRecorded).Select(e => new { e.SubjectId, e.Detail }).ToListAsync();
        var notice = Assert.Single(notices);
        Assert.Equal(user.Id, notice.SubjectId);
        Assert.Equal("RecoveryCodeUsed: 9 recovery codes left", notice.Detail);
        Assert.DoesNotContain(codes[0], notice.Detail, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<IReadOnlyList<string>> ReplaceAsync(PortalUser user)
    {
        await using var scope = Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RecoveryCodeStore>().ReplaceAsync(user);
    }

    private async Task<RecoveryCodeRedemption> RedeemAsync(PortalUser user, string code)
    {
        await using var scope = Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RecoveryCodeStore>().RedeemAsync(user, code);
    }

    private async Task<int> CountAsync(PortalUser user)
    {
        await using var scope = Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RecoveryCodeStore>().CountRemainingAsync(user);
    }
}
