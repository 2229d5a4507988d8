using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Lucy.Portal.Tests.Localization;

/// <summary>
/// Localization for component tests: the real resource files, but a key missing from them renders as
/// <see cref="MissingMarker"/> so a test can see it (the stock localizer would quietly show the key).
/// </summary>
public static class StrictLocalization
{
    public const string MissingMarker = "⟦missing:";

    public static IServiceCollection AddStrictLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.RemoveAll<IStringLocalizerFactory>();
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(provider =>
            new StrictFactory(provider.GetRequiredService<ResourceManagerStringLocalizerFactory>()));
        return services;
    }

    /// <summary>Sets the current culture and UI culture until disposed.</summary>
    public static IDisposable UseCulture(string name)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private sealed class StrictFactory(IStringLocalizerFactory inner) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new StrictLocalizer(inner.Create(resourceSource));

        public IStringLocalizer Create(string baseName, string location) => new StrictLocalizer(inner.Create(baseName, location));
    }

    private sealed class StrictLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Mark(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Mark(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private static LocalizedString Mark(LocalizedString text) =>
            text.ResourceNotFound ? new LocalizedString(text.Name, MissingMarker + text.Name + "⟧", true) : text;
    }
}
