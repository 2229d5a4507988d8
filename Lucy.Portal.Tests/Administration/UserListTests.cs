using System.Data.Common;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Administration;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Administration;

/// <summary>The Users page's query: every column of a page in one SQL statement, whatever the number of users.</summary>
public sealed class UserListTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly CommandCounter _commands = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));

    public UserListTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    private SqlitePortalDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(_connection).AddInterceptors(_commands).Options);

    private async Task SeedAsync(int count)
    {
        await using var db = NewContext();
        db.Roles.Add(new IdentityRole { Id = "role-user", Name = PortalRoles.User, NormalizedName = PortalRoles.User.ToUpperInvariant() });
        for (var i = 0; i < count; i++)
        {
            var id = $"user-{i:000}";
            var email = $"user{i:000}@lucy.test";
            db.Users.Add(new PortalUser
            {
                Id = id, Email = email, NormalizedEmail = email.ToUpperInvariant(), UserName = email, TwoFactorEnabled = i % 2 == 0,
                AuthyId = i % 3 == 0 ? "123" : null, CreatedAt = _time.GetUtcNow(),
                LockoutEnd = i % 5 == 0 ? _time.GetUtcNow().AddMinutes(5) : _time.GetUtcNow().AddMinutes(-5),
            });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = "role-user" });
            if (i % 2 == 0)
            {
                db.Set<AuthenticatorKey>().Add(new AuthenticatorKey { UserId = id, ProtectedSeed = "seed" });
                for (var c = 0; c < 10; c++)
                {
                    db.Set<RecoveryCode>().Add(new RecoveryCode { UserId = id, Salt = [1], Hash = [2], UsedAt = c < i % 4 ? _time.GetUtcNow() : null });
                }
            }
            if (i % 4 == 0)
            {
                db.UserPasskeys.Add(new IdentityUserPasskey<string>
                {
                    UserId = id,
                    CredentialId = [(byte)i, 1, 2, 3],
                    Data = new IdentityPasskeyData
                    {
                        PublicKey = [4, 5, 6],
                        Name = "Laptop",
                        CreatedAt = _time.GetUtcNow(),
                        IsUserVerified = true,
                        AttestationObject = [7],
                        ClientDataJson = [8],
                    },
                });
            }
            for (var s = 0; s < i % 3; s++)
            {
                db.Set<UserSession>().Add(new UserSession { Id = Guid.NewGuid(), UserId = id, CreatedAt = _time.GetUtcNow().AddHours(-s), LastSeenAt = _time.GetUtcNow() });
            }
        }
        await db.SaveChangesAsync();
    }

    private async Task<UserPage> PageAsync(UserListQuery query)
    {
        await using var db = NewContext();
        _commands.Count = 0;
        return await new UserList(db, _time).GetPageAsync(query);
    }

    [Fact]
    public async Task A_page_of_users_with_all_its_columns_costs_one_count_and_one_query()
    {
        await SeedAsync(60);

        var page = await PageAsync(new UserListQuery(0, 50));

        Assert.Equal(50, page.Users.Count);
        Assert.Equal(2, _commands.Count);
    }

    [Fact]
    public async Task Each_row_carries_its_methods_recovery_codes_last_sign_in_and_lockout()
    {
        await SeedAsync(7);

        var rows = (await PageAsync(new UserListQuery(0, 25))).Users.ToDictionary(u => u.Email);

        Assert.Equal([EnrollmentMethod.Passkey, EnrollmentMethod.BuiltInAuthenticator, EnrollmentMethod.Authy], rows["user000@lucy.test"].TwoFactorMethods);
        Assert.Equal([EnrollmentMethod.Passkey, EnrollmentMethod.BuiltInAuthenticator], rows["user004@lucy.test"].TwoFactorMethods);
        Assert.Equal(10, rows["user000@lucy.test"].RecoveryCodesLeft);
        Assert.Equal(8, rows["user006@lucy.test"].RecoveryCodesLeft);
        Assert.Empty(rows["user001@lucy.test"].TwoFactorMethods);
        Assert.Null(rows["user000@lucy.test"].LastSignInAt);
        Assert.Equal(_time.GetUtcNow(), rows["user002@lucy.test"].LastSignInAt);
        Assert.NotNull(rows["user005@lucy.test"].LockedOutUntil);
        Assert.Null(rows["user004@lucy.test"].LockedOutUntil);
        Assert.Equal(PortalRoles.User, rows["user003@lucy.test"].Role);
    }

    [Fact]
    public async Task Pages_follow_the_email_order_and_the_search_narrows_the_total()
    {
        await SeedAsync(30);

        var second = await PageAsync(new UserListQuery(10, 10));
        var search = await PageAsync(new UserListQuery(0, 25, "USER01"));

        Assert.Equal(30, second.Total);
        Assert.Equal("user010@lucy.test", second.Users[0].Email);
        Assert.Equal(10, search.Total);
        Assert.All(search.Users, u => Assert.StartsWith("user01", u.Email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_size_beyond_the_maximum_is_capped()
    {
        await SeedAsync(3);

        var page = await PageAsync(new UserListQuery(-5, 100_000));

        Assert.Equal(3, page.Users.Count);
    }

    public void Dispose() => _connection.Dispose();

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
