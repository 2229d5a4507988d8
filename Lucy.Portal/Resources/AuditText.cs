namespace Lucy.Portal.Resources;

/// <summary>The audit log page and the display names of audit events; AuditText.*.resx (docs/languages.md).</summary>
public sealed class AuditText;
