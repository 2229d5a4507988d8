using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Administration;

/// <summary>The outcome of an administrator's action on another user's account; <see cref="Message"/> is for the administrator.</summary>
public sealed record AdministratorActionResult(AdministratorActionStatus Status, string Message)
{
    public bool Succeeded => Status == AdministratorActionStatus.Done;

    internal static AdministratorActionResult UserNotFound =>
        new(AdministratorActionStatus.UserNotFound, AccountStrings.User_NoLongerExists);

    internal static AdministratorActionResult OwnAccount =>
        new(AdministratorActionStatus.OwnAccount, AccountStrings.Admin_OwnAccount);
}

public enum AdministratorActionStatus
{
    Done,
    UserNotFound,
    /// <summary>The typed confirmation did not match the user's email; nothing was changed.</summary>
    ConfirmationMismatch,
    OwnAccount,
}
