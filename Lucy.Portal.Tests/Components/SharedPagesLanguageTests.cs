using Bunit;
using Lucy.Portal.Components.Pages;
using Lucy.Portal.Components.Shared;
using Lucy.Portal.Tests.Localization;
using MudBlazor.Services;

namespace Lucy.Portal.Tests.Components;

/// <summary>The access-denied notice and the error and not-found pages in German, French and Italian.</summary>
public class SharedPagesLanguageTests : BunitContext
{
    public SharedPagesLanguageTests()
    {
        Services.AddMudServices();
        Services.AddStrictLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Theory]
    [InlineData("de", "Zugriff verweigert", "Etwas ist schiefgelaufen", "Seite nicht gefunden")]
    [InlineData("fr", "Accès refusé", "Une erreur s'est produite", "Page introuvable")]
    [InlineData("it", "Accesso negato", "Qualcosa è andato storto", "Pagina non trovata")]
    public void The_general_pages_speak_the_users_language(string language, string denied, string error, string notFound)
    {
        using var culture = StrictLocalization.UseCulture(language);

        var markup = string.Concat(Render<AccessDeniedNotice>().Markup, Render<Error>().Markup, Render<NotFound>().Markup);

        Assert.DoesNotContain(StrictLocalization.MissingMarker, markup, StringComparison.Ordinal);
        Assert.Contains(denied, markup, StringComparison.Ordinal);
        Assert.Contains(error, markup, StringComparison.Ordinal);
        Assert.Contains(notFound, markup, StringComparison.Ordinal);
    }
}
