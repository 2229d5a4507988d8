using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// The registry of a user's factors (<see cref="UserFactor"/>) kept in step with the seam: a method the user is
/// enrolled in always has a row (users enrolled before the registry get one with the method's name on first
/// listing), a row whose method the user no longer holds is dropped, and exactly one factor is the default.
/// </summary>
public sealed class UserFactors(PortalDbContext db, SecondFactorMethods methods, TimeProvider time)
{
    private DbSet<UserFactor> Rows => db.Set<UserFactor>();

    /// <summary>The user's factors, the default first, then in the seam's listing order.</summary>
    public async Task<IReadOnlyList<UserFactor>> ListAsync(PortalUser user, CancellationToken ct = default)
    {
        var enrolled = await methods.EnrolledAsync(user, ct);
        var rows = await Rows.Where(f => f.UserId == user.Id).ToListAsync(ct);
        var changed = false;
        foreach (var stale in rows.Where(r => enrolled.All(m => m.Method != r.Method)).ToList())
        {
            Rows.Remove(stale);
            rows.Remove(stale);
            changed = true;
        }
        foreach (var method in enrolled.Where(m => rows.All(r => r.Method != m.Method)))
        {
            var row = new UserFactor { UserId = user.Id, Method = method.Method, Name = method.DisplayName, CreatedAt = time.GetUtcNow() };
            Rows.Add(row);
            rows.Add(row);
            changed = true;
        }
        changed |= EnsureOneDefault(rows, enrolled);
        if (changed)
        {
            await SaveAsync(ct);
        }
        return [.. rows.OrderByDescending(r => r.IsDefault).ThenBy(r => Position(enrolled, r.Method))];
    }

    /// <summary>Records a factor just confirmed, under the user's name for it; the first factor becomes the default.</summary>
    public async Task<UserFactor> RecordAddedAsync(PortalUser user, EnrollmentMethod method, string? name, CancellationToken ct = default)
    {
        var rows = await Rows.Where(f => f.UserId == user.Id).ToListAsync(ct);
        var row = rows.FirstOrDefault(r => r.Method == method);
        if (row is null)
        {
            row = new UserFactor { UserId = user.Id, Method = method, Name = "", CreatedAt = time.GetUtcNow() };
            Rows.Add(row);
            rows.Add(row);
        }
        row.Name = CleanName(name) ?? methods.Find(method)?.DisplayName ?? method.ToString();
        row.IsDefault = row.IsDefault || !rows.Any(r => r.IsDefault);
        await SaveAsync(ct);
        return row;
    }

    /// <summary>Makes the method the one the prompt offers first; false when the user has no such factor.</summary>
    public async Task<bool> SetDefaultAsync(PortalUser user, EnrollmentMethod method, CancellationToken ct = default)
    {
        var rows = await ListAsync(user, ct);
        if (rows.All(r => r.Method != method))
        {
            return false;
        }
        foreach (var row in rows)
        {
            row.IsDefault = row.Method == method;
        }
        await SaveAsync(ct);
        return true;
    }

    /// <summary>
    /// Gives the factor the user's new name (trimmed, at most <see cref="UserFactor.MaxNameLength"/> characters). Null when
    /// the user has no such factor or the name is blank (nothing is changed); otherwise the name it had before.
    /// </summary>
    public async Task<string?> RenameAsync(PortalUser user, EnrollmentMethod method, string? name, CancellationToken ct = default)
    {
        if (CleanName(name) is not { } clean || (await ListAsync(user, ct)).FirstOrDefault(r => r.Method == method) is not { } row)
        {
            return null;
        }
        var before = row.Name;
        row.Name = clean;
        await SaveAsync(ct);
        return before;
    }

    /// <summary>Stamps the factor as used now (a verified login); a user enrolled before the registry gets their rows first.</summary>
    public async Task TouchAsync(PortalUser user, EnrollmentMethod method, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (await StampAsync() == 0)
        {
            await ListAsync(user, ct);
            await StampAsync();
        }

        Task<int> StampAsync() => Rows.Where(f => f.UserId == user.Id && f.Method == method)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.LastUsedAt, now), ct);
    }

    /// <summary>Drops the factor's row; another factor becomes the default if it was.</summary>
    public async Task ForgetAsync(PortalUser user, EnrollmentMethod method, CancellationToken ct = default)
    {
        await Rows.Where(f => f.UserId == user.Id && f.Method == method).ExecuteDeleteAsync(ct);
        db.ChangeTracker.Clear();
        await ListAsync(user, ct);
    }

    /// <summary>The name as stored: control characters made spaces, format characters dropped, trimmed, at most <see cref="UserFactor.MaxNameLength"/> characters; null when blank.</summary>
    public static string? CleanName(string? name)
    {
        // A pasted tab or line break becomes a space; invisible format characters (a right-to-left override could make the
        // label read differently in the audit log) are dropped.
        var trimmed = name is null ? null : string.Concat(name
            .Where(c => char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            .Select(c => char.IsControl(c) ? ' ' : c)).Trim();
        return string.IsNullOrEmpty(trimmed) ? null
            : trimmed.Length > UserFactor.MaxNameLength ? trimmed[..UserFactor.MaxNameLength] : trimmed;
    }

    private static bool EnsureOneDefault(List<UserFactor> rows, IReadOnlyList<ISecondFactorMethod> enrolled)
    {
        var defaults = rows.Where(r => r.IsDefault).OrderBy(r => Position(enrolled, r.Method)).ToList();
        if (defaults.Count == 1 || rows.Count == 0)
        {
            return false;
        }
        var keep = defaults.Count > 0 ? defaults[0] : rows.OrderBy(r => Position(enrolled, r.Method)).First();
        foreach (var row in rows)
        {
            row.IsDefault = row == keep;
        }
        return true;
    }

    private static int Position(IReadOnlyList<ISecondFactorMethod> enrolled, EnrollmentMethod method)
    {
        for (var i = 0; i < enrolled.Count; i++)
        {
            if (enrolled[i].Method == method)
            {
                return i;
            }
        }
        return int.MaxValue;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another tab created the same rows at the same moment: theirs stand, nothing is lost.
            db.ChangeTracker.Clear();
        }
    }
}
