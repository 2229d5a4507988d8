using MudBlazor;

namespace Lucy.Portal.Components.Layout;

/// <summary>The portal's colours, shared by the interactive and the static account layouts.</summary>
internal static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#2e7d32",
            AppbarBackground = "#1f4e79",
            DrawerBackground = "#f5f7fa",
        },
    };
}
