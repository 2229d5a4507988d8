using System.Globalization;
using System.Reflection;
using System.Resources;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Localization;
using Lucy.Portal.Core.Resources;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Tests.Localization;

/// <summary>
/// Core's messages (Lucy.Portal.Core/Resources) as the running portal reads them: every member of every resource class
/// resolves in every language from that language's own satellite assembly, and a missing key shows instead of vanishing.
/// </summary>
public class CoreResourceTests
{
    private static readonly Type[] ResourceClasses = [.. typeof(CoreResources).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(CoreResources).Namespace && t is { IsAbstract: true, IsSealed: true }
            && t.GetProperty("Resources", BindingFlags.Static | BindingFlags.NonPublic)?.PropertyType == typeof(CoreResources))
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    public static TheoryData<string, string> ClassesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in ResourceClasses)
        {
            foreach (var language in PortalCultures.Supported)
            {
                data.Add(type.Name, language);
            }
        }
        return data;
    }

    [Fact]
    public void Core_has_resource_classes() => Assert.True(ResourceClasses.Length >= 4, string.Join(", ", ResourceClasses.Select(t => t.Name)));

    [Theory]
    [MemberData(nameof(ClassesAndLanguages))]
    public void Every_message_resolves_in_every_language_from_its_own_resources(string className, string language)
    {
        var type = ResourceClasses.Single(t => t.Name == className);
        var culture = CultureInfo.GetCultureInfo(language);
        var manager = ManagerOf(type);
        // Only this language's satellite (no fallback to English), so a key the build left out of it fails here.
        var own = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: language == PortalCultures.Default);
        Assert.NotNull(own);
        using var _ = new UiCulture(language);
        foreach (var member in Members(type))
        {
            Assert.NotNull(own.GetString(member.Name));
            var text = Read(member, culture);
            Assert.False(string.IsNullOrWhiteSpace(text), $"{className}.{member.Name} is empty in {language}");
            Assert.DoesNotContain("⟦missing", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\{\d", text);
        }
    }

    [Theory]
    [MemberData(nameof(ClassesAndLanguages))]
    public void Every_key_has_a_member_and_no_member_lacks_a_key(string className, string language)
    {
        var type = ResourceClasses.Single(t => t.Name == className);
        var keys = ManagerOf(type).GetResourceSet(CultureInfo.GetCultureInfo(language), true, tryParents: language == PortalCultures.Default)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(Members(type).Select(m => m.Name).Distinct().Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public void A_missing_key_shows_as_a_marker_instead_of_an_empty_message()
    {
        var resources = new CoreResources(typeof(TwoFactorStrings));

        Assert.Null(resources.Manager.GetString("Code_NoSuchKey", CultureInfo.GetCultureInfo("de")));
        Assert.Equal("⟦missing:Code_NoSuchKey⟧", resources.Text(key: "Code_NoSuchKey"));
    }

    [Fact]
    public void English_messages_keep_their_words()
    {
        using var _ = new UiCulture("en");

        Assert.Equal("That code is not right. Check your app and try again.", CodeMessages.Invalid);
        Assert.Equal("Too many attempts. Try again in 31 seconds.", AuthyMessages.ThrottledFor(TimeSpan.FromSeconds(30.2)));
    }

    [Fact]
    public void A_german_request_reads_a_refused_code_in_german()
    {
        using var _ = new UiCulture("de");

        Assert.Equal("Dieser Code stimmt nicht. Prüfen Sie Ihre App und versuchen Sie es erneut.", CodeMessages.Invalid);
        Assert.Equal("Zu viele falsche Codes: Ihr Konto ist für eine Weile gesperrt und Sie werden abgemeldet.", CodeMessages.For(CurrentFactorCheck.LockedOut));
    }

    [Fact]
    public void A_german_request_reads_a_provider_outage_in_german()
    {
        using var _ = new UiCulture("de-CH");

        Assert.Equal("Authy ist nicht erreichbar. Versuchen Sie es erneut oder verwenden Sie einen Wiederherstellungscode.", AuthyMessages.Unavailable);
        Assert.StartsWith("Twilio Verify ist nicht erreichbar.", TwilioVerifyMessages.Unavailable, StringComparison.Ordinal);
        Assert.StartsWith("Der 2FA-Anbieter ist gerade nicht erreichbar.", CodeMessages.ProviderUnavailable, StringComparison.Ordinal);
        Assert.Equal("Zu viele Versuche. Versuchen Sie es in 45 Sekunden erneut.", TwilioVerifyMessages.ThrottledFor(TimeSpan.FromSeconds(45)));
    }

    [Fact]
    public void A_german_request_reads_the_send_limit_with_its_time_in_the_configured_zone()
    {
        var zurich = DateDisplayFormat.For("Europe/Zurich", "dd.MM.yyyy HH:mm");
        var lifts = new DateTimeOffset(2026, 11, 29, 13, 40, 0, TimeSpan.Zero);
        using var _ = new UiCulture("de");

        var refused = SendLimitMessages.Refused(new SendAllowance(OtpDeliveryLimiter.MaxPerWindow, lifts, CapReached: true), zurich);

        Assert.Equal(
            $"Sie haben {OtpDeliveryLimiter.MaxPerWindow} Codes in {OtpDeliveryLimiter.Window.TotalMinutes:0} Minuten angefordert. Sie können um 14:40 wieder einen anfordern.",
            refused);
        Assert.Equal("Bitte warten Sie, bevor Sie einen weiteren Code anfordern.",
            SendLimitMessages.Refused(new SendAllowance(1, lifts, CapReached: false), zurich));
    }

    [Theory]
    [InlineData("fr", "Trop de codes erronés : votre compte est bloqué pour un moment et vous êtes déconnecté.")]
    [InlineData("it", "Troppi codici errati: il tuo account è bloccato per un po' e la sessione viene chiusa.")]
    public void French_and_italian_requests_read_their_own_language(string language, string lockedOut)
    {
        using var _ = new UiCulture(language);

        Assert.Equal(lockedOut, CodeMessages.LockedOut);
    }

    private static ResourceManager ManagerOf(Type type) =>
        ((CoreResources)type.GetProperty("Resources", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!).Manager;

    private static IEnumerable<MemberInfo> Members(Type type) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m is PropertyInfo { PropertyType.Name: nameof(String) } or MethodInfo { ReturnType.Name: nameof(String), IsSpecialName: false });

    /// <summary>A property as it is; a method with sample values (a culture parameter gets the language under test).</summary>
    private static string Read(MemberInfo member, CultureInfo culture) => member switch
    {
        PropertyInfo property => (string)property.GetValue(null)!,
        MethodInfo method => (string)method.Invoke(null, [.. method.GetParameters().Select(p => Sample(p.ParameterType, culture))])!,
        _ => throw new InvalidOperationException(member.Name),
    };

    private static object Sample(Type type, CultureInfo culture) => type switch
    {
        _ when type == typeof(CultureInfo) => culture,
        _ when type == typeof(string) => "sample",
        _ when type == typeof(int) => 3,
        _ when type == typeof(double) => 2.5,
        _ => throw new InvalidOperationException($"No sample for {type}."),
    };
}
