using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>
/// Mail bombing through "forgot password" with parallel requests: each request counts the last hour's requests and links,
/// then saves its own. A save held until all the requests have counted (as parallel tabs or a script can arrange) shows
/// whether one request's count can miss another's save.
/// </summary>
public sealed class ForgotPasswordRaceTests : IAsyncLifetime
{
    private const int Requests = 8;
    private readonly HeldResetRequests _held = new(Requests);
    private readonly RacePortal _portal;

    public ForgotPasswordRaceTests() => _portal = new RacePortal(_held);

    public async Task InitializeAsync()
    {
        await _portal.Smtp.StartAsync();
        await _portal.SeedAccountsAsync();
        await _portal.ConfigureMailAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Eight_requests_for_one_account_counted_before_any_saves_send_three_links_and_no_more()
    {
        await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => Task.Run(RequestAsync)));

        var links = (await _portal.OutboxAsync()).Count(m => m.Purpose == nameof(AccountLinkPurpose.PasswordReset));
        Assert.Equal(ForgottenPassword.PerAccountPerHour, links);
        var outcomes = await OutcomesAsync();
        Assert.Equal(ForgottenPassword.PerAccountPerHour, outcomes.Count(o => o == "link sent"));
        Assert.Equal(ForgottenPassword.PerAddressPerHour - ForgottenPassword.PerAccountPerHour,
            outcomes.Count(o => o == "refused: too many links for this account"));
        Assert.Equal(Requests - ForgottenPassword.PerAddressPerHour, outcomes.Count(o => o == "refused: too many requests for this address"));
    }

    private async Task RequestAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ForgottenPassword>()
            .RequestAsync(PortalFactory.UserEmail, "http://localhost/Account/ResetPassword", "203.0.113.9");
    }

    private async Task<List<string?>> OutcomesAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.Where(e => e.Event == AuditEvents.PasswordResetRequested).Select(e => e.Detail).ToListAsync();
    }
}
