using System.Net;
using System.Text.RegularExpressions;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.SecurityImages;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

public partial class SecurityImageLoginTests : IAsyncLifetime
{
    private const string Address = "203.0.113.10";
    private readonly SecurityImagePortal _portal = new();

    public Task InitializeAsync() => _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task The_image_appears_from_the_nth_failed_password_of_an_account_and_solving_it_lets_the_right_password_in()
    {
        await _portal.EnableAsync(afterFailures: 3);
        // Each failure from another address: only the account's count can bring the image.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var session = _portal.CreateSession($"198.51.100.{attempt}");
            using var failed = await session.LoginAsync(PortalFactory.UserEmail, "wrong password " + attempt);
            Assert.Null(ImageId(await failed.Content.ReadAsStringAsync()));
        }
        using var browser = _portal.CreateSession("198.51.100.3");
        using var third = await browser.LoginAsync(PortalFactory.UserEmail, "wrong password 3");
        var html = await third.Content.ReadAsStringAsync();
        var id = ImageId(html);
        Assert.NotNull(id);
        Assert.Contains("Wrong email or password.", html);
        Assert.DoesNotContain(_portal.SecurityImageCodes.Last, html, StringComparison.OrdinalIgnoreCase);

        using var solved = await LoginWithImageAsync(browser, PortalFactory.Password, id, _portal.SecurityImageCodes.Last.ToLowerInvariant());

        ResponseAssert.RedirectsTo(solved, "/");
        using var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Without_the_image_the_right_password_is_refused_unchecked_and_uncounted_and_a_new_image_shown()
    {
        await _portal.EnableAsync(afterFailures: 3);
        await FailAsync(PortalFactory.UserEmail, times: 3);
        using var browser = _portal.CreateSession(Address);

        using var refused = await browser.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);

        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Too many failed logins", html);
        Assert.NotNull(ImageId(html));
        Assert.Equal(3, await AccessFailedCountAsync());
        using var home = await browser.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
        Assert.Contains(await AuditAsync(), e => e.Event == AuditEvents.SecurityImageRefused && e.Detail == "missing");
    }

    [Fact]
    public async Task A_wrong_answer_is_refused_without_checking_the_password_and_the_used_image_never_works_again()
    {
        await _portal.EnableAsync(afterFailures: 3);
        await FailAsync(PortalFactory.UserEmail, times: 2);
        using var browser = _portal.CreateSession(Address);
        using var third = await browser.LoginAsync(PortalFactory.UserEmail, "wrong password 3");
        var first = ImageId(await third.Content.ReadAsStringAsync())!;
        var firstAnswer = _portal.SecurityImageCodes.Last;

        using var wrong = await LoginWithImageAsync(browser, PortalFactory.Password, first, "XXXXX" == firstAnswer ? "YYYYY" : "XXXXX");

        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("did not match the image", html);
        var second = ImageId(html);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(3, await AccessFailedCountAsync());

        using var replayed = await LoginWithImageAsync(browser, PortalFactory.Password, first, firstAnswer);
        Assert.Contains("Too many failed logins", await replayed.Content.ReadAsStringAsync());
        using var home = await browser.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
    }

    [Fact]
    public async Task An_image_answered_after_five_minutes_is_refused_as_expired()
    {
        // The account reaches the count, the browser's address does not: reloading the form issues no image that
        // would sweep the expired one away before it is answered.
        await _portal.EnableAsync(afterFailures: 2);
        await FailAsync(PortalFactory.UserEmail, times: 1);
        using var browser = _portal.CreateSession(Address);
        using var failed = await browser.LoginAsync(PortalFactory.UserEmail, "wrong password");
        var id = ImageId(await failed.Content.ReadAsStringAsync())!;

        _portal.Time.Advance(SecurityImageChallenges.Lifetime + TimeSpan.FromSeconds(1));
        using var late = await LoginWithImageAsync(browser, PortalFactory.Password, id, _portal.SecurityImageCodes.Last);

        Assert.Contains("The image expired", await late.Content.ReadAsStringAsync());
        using var home = await browser.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
    }

    [Fact]
    public async Task An_image_issued_to_another_browser_can_be_neither_seen_nor_answered()
    {
        // Only the account reaches the count, so reloading the victim's form does not replace the image.
        await _portal.EnableAsync(afterFailures: 2);
        await FailAsync(PortalFactory.UserEmail, times: 1);
        using var victim = _portal.CreateSession(Address);
        using var failed = await victim.LoginAsync(PortalFactory.UserEmail, "wrong password");
        var id = ImageId(await failed.Content.ReadAsStringAsync())!;
        var answer = _portal.SecurityImageCodes.Last;
        using var attacker = _portal.CreateSession("203.0.113.66");

        using var stolenPicture = await attacker.GetAsync($"/account/security-image/{id}");
        using var stolenAnswer = await LoginWithImageAsync(attacker, PortalFactory.Password, id, answer);

        Assert.Equal(HttpStatusCode.NotFound, stolenPicture.StatusCode);
        Assert.Contains("Too many failed logins", await stolenAnswer.Content.ReadAsStringAsync());
        using var attackerHome = await attacker.GetAsync("/");
        ResponseAssert.RedirectsTo(attackerHome, "/Account/Login");
        // The attempt from the other browser did not use the image up.
        using var own = await LoginWithImageAsync(victim, PortalFactory.Password, id, answer);
        ResponseAssert.RedirectsTo(own, "/");
    }

    [Fact]
    public async Task Failures_from_one_address_show_the_image_there_before_any_email_is_typed_and_nowhere_else()
    {
        await _portal.EnableAsync(afterFailures: 3);
        using var spraying = _portal.CreateSession(Address);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await spraying.LoginAsync($"guess{attempt}@lucy.test", "wrong password")).Dispose();
        }

        using var there = await spraying.GetAsync("/Account/Login");
        using var elsewhere = await _portal.CreateSession("203.0.113.99").GetAsync("/Account/Login");

        Assert.NotNull(ImageId(await there.Content.ReadAsStringAsync()));
        Assert.Null(ImageId(await elsewhere.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task With_the_setting_off_the_image_is_never_asked()
    {
        using var browser = _portal.CreateSession(Address);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await browser.LoginAsync(PortalFactory.UserEmail, "wrong password " + attempt);
            Assert.Null(ImageId(await failed.Content.ReadAsStringAsync()));
        }

        using var login = await browser.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);

        ResponseAssert.RedirectsTo(login, "/");
        Assert.Equal(0, _portal.SecurityImageCodes.Count);
    }

    [Fact]
    public async Task The_picture_is_a_fresh_uncached_png_for_each_image()
    {
        await _portal.EnableAsync(afterFailures: 1);
        using var browser = _portal.CreateSession(Address);
        (await browser.LoginAsync("guess@lucy.test", "wrong password")).Dispose();
        using var first = await browser.GetAsync("/Account/Login");
        var firstId = ImageId(await first.Content.ReadAsStringAsync())!;
        using var firstPicture = await browser.GetAsync($"/account/security-image/{firstId}");
        using var second = await browser.GetAsync("/Account/Login?newImage=true");
        var secondId = ImageId(await second.Content.ReadAsStringAsync())!;
        using var secondPicture = await browser.GetAsync($"/account/security-image/{secondId}");
        // A new image replaces the browser's previous one.
        using var replaced = await browser.GetAsync($"/account/security-image/{firstId}");
        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);

        Assert.NotEqual(firstId, secondId);
        Assert.Equal("image/png", firstPicture.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", firstPicture.Headers.CacheControl?.ToString());
        var firstPng = await firstPicture.Content.ReadAsByteArrayAsync();
        var secondPng = await secondPicture.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], firstPng[..4]);
        Assert.InRange(firstPng.Length, 2_000, 100_000);
        Assert.NotEqual(firstPng, secondPng);
        using var unknown = await browser.GetAsync("/account/security-image/AAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task FailAsync(string email, int times)
    {
        for (var attempt = 1; attempt <= times; attempt++)
        {
            using var session = _portal.CreateSession($"192.0.2.{attempt}");
            (await session.LoginAsync(email, "wrong password " + attempt)).Dispose();
        }
    }

    private static Task<HttpResponseMessage> LoginWithImageAsync(PortalSession session, string password, string? id, string answer) =>
        session.SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = PortalFactory.UserEmail,
            ["Input.Password"] = password,
            ["Input.SecurityImageId"] = id ?? "",
            ["Input.SecurityImageAnswer"] = answer,
        });

    private async Task<int> AccessFailedCountAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!);
    }

    private async Task<List<AuditEvent>> AuditAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().ToListAsync();
    }

    private static string? ImageId(string html)
    {
        var match = ImageIdField().Match(html);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("name=\"Input.SecurityImageId\" value=\"([^\"]+)\"")]
    private static partial Regex ImageIdField();
}
