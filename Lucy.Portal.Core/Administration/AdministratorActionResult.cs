namespace Lucy.Portal.Core.Administration;

/// <summary>The outcome of an administrator's action on another user's account; <see cref="Message"/> is for the administrator.</summary>
public sealed record AdministratorActionResult(AdministratorActionStatus Status, string Message)
{
    public bool Succeeded => Status == AdministratorActionStatus.Done;

    internal static AdministratorActionResult UserNotFound { get; } =
        new(AdministratorActionStatus.UserNotFound, "This user no longer exists.");

    internal static AdministratorActionResult OwnAccount { get; } =
        new(AdministratorActionStatus.OwnAccount, "This is your own account: manage it on your Account page.");
}

public enum AdministratorActionStatus
{
    Done,
    UserNotFound,
    /// <summary>The typed confirmation did not match the user's email; nothing was changed.</summary>
    ConfirmationMismatch,
    OwnAccount,
}
