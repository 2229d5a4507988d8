using System.Diagnostics;
using System.Net;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lucy.Portal.Tests.Integration.ScaleOut;

/// <summary>A settings change saved through one instance is in force on the other within the stated time (docs/scale-out.md).</summary>
public class SettingsAcrossInstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "ops@lucy.test";

    /// <summary>The time docs/scale-out.md promises, plus slack for two busy cores.</summary>
    private static readonly TimeSpan StatedTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    private PortalInstances _instances = default!;

    public async Task InitializeAsync() => _instances = await PortalInstances.StartAsync(new Dictionary<string, string>
    {
        ["FirstAdministrator__Email"] = AdminEmail,
        ["FirstAdministrator__Password"] = PortalFactory.Password,
    });

    public async Task DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task A_new_password_minimum_saved_on_instance_A_is_enforced_by_instance_B_within_the_refresh_interval()
    {
        using var browser = _instances.CreateSession(_instances.B);
        using (var login = await browser.LoginAsync(AdminEmail, PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }
        // B has read (and cached) the default minimum of 12.
        Assert.Contains("at least 12 characters", await ChangePasswordPageAsync(browser), StringComparison.Ordinal);

        Assert.True(AdvancedSettingsCache.RefreshInterval <= StatedTime, "The cache's refresh interval exceeds the documented time.");
        await SaveMinimumAsInstanceAAsync(20);
        var saved = Stopwatch.StartNew();
        var limit = StatedTime + Slack;
        while (!(await ChangePasswordPageAsync(browser)).Contains("at least 20 characters", StringComparison.Ordinal))
        {
            Assert.True(saved.Elapsed < limit, $"Instance B still enforced the old minimum {saved.Elapsed.TotalSeconds:F1} s after the change.");
            await Task.Delay(200);
        }

        // And it is enforced, not only shown: a 16-character password is refused on B.
        using var change = await browser.SubmitFormAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = PortalFactory.Password,
            ["Input.NewPassword"] = "sixteen chars ok",
            ["Input.ConfirmPassword"] = "sixteen chars ok",
        });
        Assert.Contains("at least 20 characters", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        output.WriteLine($"In force on instance B {saved.Elapsed.TotalSeconds:F1} s after the save.");
        Assert.True(saved.Elapsed <= limit, $"In force on B after {saved.Elapsed.TotalSeconds:F1} s.");
    }

    private static async Task<string> ChangePasswordPageAsync(PortalSession browser)
    {
        using var page = await browser.GetAsync("/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    // What instance A's save writes: the settings row with a new minimum and a new UpdatedAt (B's cache cannot see A's
    // in-memory invalidation, only the database).
    private async Task SaveMinimumAsInstanceAAsync(int minimum)
    {
        var defaults = new AdvancedSettingsRow();
        await using var connection = new SqliteConnection($"Data Source={_instances.DatabasePath}");
        await connection.OpenAsync();
        await using var save = connection.CreateCommand();
        save.CommandText = """
            INSERT INTO AdvancedSettings (Id, TwoFactorProvider, AuthyKeyIsSharedEvaluationKey, TimeZoneId, DateFormat, ProxyEnabled,
                PasswordMinimumLength, PasswordRotationDays, MaxFailedAccessAttempts, LockoutMinutes, RememberDeviceAllowed,
                RememberDeviceDays, UpdatedAt, UpdatedBy)
            VALUES (1, $provider, 0, $zone, $format, 0, $minimum, 0, $attempts, $lockout, 1, $days, $updatedAt, $by)
            ON CONFLICT (Id) DO UPDATE SET PasswordMinimumLength = $minimum, UpdatedAt = $updatedAt, UpdatedBy = $by
            """;
        save.Parameters.AddWithValue("$provider", defaults.TwoFactorProvider.ToString());
        save.Parameters.AddWithValue("$zone", defaults.TimeZoneId);
        save.Parameters.AddWithValue("$format", defaults.DateFormat);
        save.Parameters.AddWithValue("$minimum", minimum);
        save.Parameters.AddWithValue("$attempts", defaults.MaxFailedAccessAttempts);
        save.Parameters.AddWithValue("$lockout", defaults.LockoutMinutes);
        save.Parameters.AddWithValue("$days", defaults.RememberDeviceDays);
        save.Parameters.AddWithValue("$updatedAt", new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow));
        save.Parameters.AddWithValue("$by", AdminEmail);
        Assert.Equal(1, await save.ExecuteNonQueryAsync());
    }
}
