namespace Lucy.Portal.Core.Resources;

/// <summary>What the audit log search says about its filter; AuditStrings.*.resx, read in the current UI culture (docs/languages.md).</summary>
public static class AuditStrings
{
    internal static CoreResources Resources { get; } = new(typeof(AuditStrings));

    public static string Filter_StartAfterEnd => Resources.Text();
}
