using System.ComponentModel.DataAnnotations;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>How often an open administrator home page refreshes its figures.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Every open page asks this often; figures are shared between pages for half of it, so tabs add no load.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
