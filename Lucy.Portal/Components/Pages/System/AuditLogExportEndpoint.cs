using System.Text;
using Lucy.Portal.Authorization;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Lucy.Portal.Components.Pages.SystemSettings;

/// <summary>
/// GET /system/audit-log/export: the rows matching the page's filter as a CSV download, streamed in batches.
/// Administrators only; the export itself is audited, since it copies the log out of the portal.
/// </summary>
internal static class AuditLogExportEndpoint
{
    public const string Path = "/system/audit-log/export";

    public static IEndpointRouteBuilder MapAuditLogExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext context, AuditLogSearch search, DateDisplay dates, AuditLog audit,
                UserManager<PortalUser> users, TimeProvider time, IStringLocalizer<AuditText> text) =>
            {
                if (AuditLogFilterQuery.FromQuery(context.Request.Query) is not { } filter || filter.Problem is not null)
                {
                    return Results.BadRequest(text["Export_InvalidFilter"].Value);
                }
                var ct = context.RequestAborted;
                await audit.WriteAsync(new AuditEntry(AuditEvents.AuditExported, AuditOutcome.Success)
                {
                    ActorId = users.GetUserId(context.User),
                    Detail = AuditLogFilterQuery.ToQuery(filter) is { Length: > 0 } query ? query : "all rows",
                }, ct);
                var format = await dates.GetFormatAsync(ct);
                var fileName = $"audit-log-{time.GetUtcNow():yyyyMMdd-HHmm}.csv";
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
                // A byte order mark, so spreadsheet programs read the file as UTF-8.
                await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                await AuditCsv.WriteAsync(writer, search.StreamAsync(filter, ct), format, ct);
                await writer.FlushAsync(ct);
                return Results.Empty;
            })
            .RequireAuthorization(PortalPolicies.Administrator);
        return app;
    }
}
