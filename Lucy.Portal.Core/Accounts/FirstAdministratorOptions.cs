namespace Lucy.Portal.Core.Accounts;

/// <summary>For unattended installs: the first administrator, taken from configuration (section "FirstAdministrator").</summary>
public sealed class FirstAdministratorOptions
{
    public const string Section = "FirstAdministrator";

    public string? Email { get; set; }
    public string? Password { get; set; }

    public bool IsSupplied => !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrEmpty(Password);
}
