using System.Globalization;
using System.Resources;

namespace Lucy.Portal.Resources;

/// <summary>
/// The sign-in pages (Components/Account/Pages and Account/Shared); LoginText.*.resx (docs/languages.md). The static
/// properties are the forms' validation messages: DataAnnotations reads them by name (ErrorMessageResourceName), in
/// the request's UI culture.
/// </summary>
public sealed class LoginText
{
    private static readonly ResourceManager Resources = new(typeof(LoginText));

    public static string Validation_EnterEmail => Text(nameof(Validation_EnterEmail));

    public static string Validation_EnterValidEmail => Text(nameof(Validation_EnterValidEmail));

    public static string Validation_EmailTooLong => Text(nameof(Validation_EmailTooLong));

    public static string Validation_EnterPassword => Text(nameof(Validation_EnterPassword));

    public static string Validation_EnterCurrentPassword => Text(nameof(Validation_EnterCurrentPassword));

    public static string Validation_EnterNewPassword => Text(nameof(Validation_EnterNewPassword));

    public static string Validation_PasswordsDiffer => Text(nameof(Validation_PasswordsDiffer));

    private static string Text(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
