using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Lucy.Portal.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration.ScaleOut;

/// <summary>
/// Mail bombing through "forgot password" spread over two instances that share only one SQLite file (each with its own
/// service provider, caches and contexts). Every save is held until all the requests have counted, as a script firing at
/// both instances can arrange: the caps hold for the pair because the count and the save are one transaction in the
/// database, not a lock in one process.
/// </summary>
public sealed class ForgotPasswordAcrossInstancesTests : IAsyncLifetime
{
    private const int Requests = 8;
    private readonly string _sharedDatabase = TempSqliteFile.NewPath("forgot");
    private readonly HeldResetRequests _held = new(Requests);
    private RacePortal _a = default!;
    private RacePortal _b = default!;

    public async Task InitializeAsync()
    {
        _a = Instance();
        _b = Instance();
        await _a.Smtp.StartAsync();
        await _a.SeedAccountsAsync();
        await _a.ConfigureMailAsync();
        // B starts on the database A prepared: it sees the account and the mail settings.
        Assert.True(await _b.WithScopeAsync(sp => sp.GetRequiredService<ForgottenPassword>().IsAvailableAsync()));
    }

    private RacePortal Instance()
    {
        var portal = new RacePortal(_held) { ManualSender = true };
        portal.Settings["Database:SqlitePath"] = _sharedDatabase;
        return portal;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        TempSqliteFile.Delete(_sharedDatabase);
    }

    [Fact]
    public async Task Eight_requests_for_one_account_split_over_two_instances_send_three_links_and_no_more()
    {
        await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => Task.Run(() => RequestAsync(i % 2 == 0 ? _a : _b))));

        var links = (await _a.OutboxAsync()).Count(m => m.Purpose == nameof(AccountLinkPurpose.PasswordReset));
        Assert.Equal(ForgottenPassword.PerAccountPerHour, links);
        var outcomes = await _b.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents
            .Where(e => e.Event == AuditEvents.PasswordResetRequested).Select(e => e.Detail).ToListAsync());
        Assert.Equal(ForgottenPassword.PerAccountPerHour, outcomes.Count(o => o == "link sent"));
        Assert.Equal(ForgottenPassword.PerAddressPerHour - ForgottenPassword.PerAccountPerHour,
            outcomes.Count(o => o == "refused: too many links for this account"));
        Assert.Equal(Requests - ForgottenPassword.PerAddressPerHour, outcomes.Count(o => o == "refused: too many requests for this address"));
    }

    private static Task<bool> RequestAsync(RacePortal instance) =>
        instance.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ForgottenPassword>().RequestAsync(PortalFactory.UserEmail, "http://localhost/Account/ResetPassword", "203.0.113.9");
            return true;
        });
}
