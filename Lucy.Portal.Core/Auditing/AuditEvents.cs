namespace Lucy.Portal.Core.Auditing;

/// <summary>Names of the events the audit log records.</summary>
public static class AuditEvents
{
    public const string FirstAdministratorCreated = "account.first-administrator-created";
    public const string UserCreated = "account.user-created";
    public const string UserUnlocked = "account.user-unlocked";
    public const string PasswordChanged = "account.password-changed";
    public const string LoginPassword = "login.password";
    public const string LockedOut = "login.locked-out";
    /// <summary>A login refused because the security image was not answered correctly; the password was not checked.</summary>
    public const string SecurityImageRefused = "login.security-image-refused";
    public const string Logout = "login.logout";
    /// <summary>Every session of the user ended at the user's request; remembered devices forgotten.</summary>
    public const string LogoutEverywhere = "login.logout-everywhere";
    /// <summary>A session reached its absolute lifetime or idle timeout; the detail says which.</summary>
    public const string SessionExpired = "login.session-expired";
    public const string LoginSecondFactor = "login.second-factor";
    public const string SmsRequested = "login.sms-requested";
    public const string CallRequested = "login.call-requested";
    public const string OneTouchRequested = "login.onetouch-requested";
    public const string AuthyRegistration = "twofactor.authy-registration";
    public const string AuthyEnrolled = "twofactor.authy-enrolled";
    public const string AuthyRemoved = "twofactor.authy-removed";
    public const string TwilioVerifyEnrolled = "twofactor.twilio-verify-enrolled";
    public const string SignInCompleted = "login.completed";
    public const string SignInGrantRefused = "login.grant-refused";
    public const string AuthenticatorEnrolled = "twofactor.authenticator-enrolled";
    public const string AuthenticatorRemoved = "twofactor.authenticator-removed";
    public const string AuthenticatorCodeReplayed = "login.authenticator-code-replayed";
    public const string RecoveryCodesGenerated = "twofactor.recovery-codes-generated";
    public const string RecoveryCodeUsed = "login.recovery-code-used";
    /// <summary>Two-factor sign-in turned on at the end of the wizard; the detail names the method.</summary>
    public const string TwoFactorEnabled = "twofactor.enabled";
    public const string TwoFactorDisabled = "twofactor.disabled";
    /// <summary>A user renamed one of their factors; the detail gives the method, the old name and the new.</summary>
    public const string FactorRenamed = "twofactor.factor-renamed";
    /// <summary>A wrong first code while confirming a new authenticator (counted toward lockout).</summary>
    public const string TwoFactorEnrollmentCodeRejected = "twofactor.enrollment-code-rejected";
    /// <summary>A wrong current code (or recovery code) asked before a sensitive change; the detail names the change.</summary>
    public const string TwoFactorReverificationFailed = "twofactor.reverification-failed";
    /// <summary>An administrator proved themselves again (step-up) before a dangerous action.</summary>
    public const string StepUpVerified = "twofactor.step-up-verified";
    /// <summary>A step-up by password (an account without 2FA) was refused.</summary>
    public const string StepUpFailed = "twofactor.step-up-failed";
    /// <summary>The user's phone number changed; the detail shows old and new only masked.</summary>
    public const string PhoneNumberChanged = "account.phone-changed";
    /// <summary>One changed advanced setting; secrets appear only masked.</summary>
    public const string SettingsChanged = "settings.changed";
    /// <summary>One setting returned to its default by a factory reset.</summary>
    public const string SettingsFactoryReset = "settings.factory-reset";
    /// <summary>A candidate Authy key that was not stored (refused by Authy, or Authy unreachable).</summary>
    public const string SettingsAuthyKeyRejected = "settings.authy-key-rejected";
    /// <summary>Candidate Twilio Verify credentials that were not stored (refused by Twilio, unknown Service, Twilio unreachable).</summary>
    public const string SettingsTwilioVerifyRejected = "settings.twilio-verify-rejected";
    /// <summary>A security notice to a user (see Notifications/); the mail channel, when configured, sends it too.</summary>
    public const string NoticeRecorded = "notice.recorded";
    // Mail (see Mail/): a test mail, a message given up, forgotten passwords and invitations.
    /// <summary>"Send test mail" in Advanced Settings; the detail holds the server's answer.</summary>
    public const string MailTestSent = "mail.test-sent";
    /// <summary>A queued mail the sender gave up on after its last attempt.</summary>
    public const string MailUndelivered = "mail.undelivered";
    /// <summary>A "forgot password" request; the detail says whether a link was sent, refused by a limit, or the address is unknown.</summary>
    public const string PasswordResetRequested = "account.password-reset-requested";
    /// <summary>A password set through a reset link (success), or a link refused (failure).</summary>
    public const string PasswordReset = "account.password-reset";
    public const string InvitationSent = "account.invitation-sent";
    /// <summary>An invited user chose a password (success), or an invitation link was refused (failure).</summary>
    public const string InvitationAccepted = "account.invitation-accepted";
    /// <summary>A user ended one of their own sessions from the Account page.</summary>
    public const string SessionEnded = "login.session-ended";
    /// <summary>A user ended every other session of theirs from the Account page.</summary>
    public const string OtherSessionsEnded = "login.other-sessions-ended";
    /// <summary>A user forgot one remembered device from the Account page.</summary>
    public const string RememberedDeviceForgotten = "login.remembered-device-forgotten";
    /// <summary>An administrator removed every factor, recovery code and remembered device of a user.</summary>
    public const string TwoFactorResetByAdministrator = "twofactor.reset-by-administrator";
    /// <summary>An administrator ended every session of a user.</summary>
    public const string SessionsEndedByAdministrator = "login.sessions-ended-by-administrator";
    /// <summary>The retention job deleted audit rows older than the retention period; the detail says how many.</summary>
    public const string AuditRetentionApplied = "audit.retention-applied";
    /// <summary>An administrator downloaded audit rows as CSV; the detail names the filter.</summary>
    public const string AuditExported = "audit.exported";
}
