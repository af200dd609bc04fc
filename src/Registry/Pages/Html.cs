using System.Globalization;
using System.Text.Encodings.Web;

namespace HybridInference.Registry.Pages;

/// <summary>
/// Text into markup. Rollout ids, reasons, actors and webhook answers come from users, so every piece of
/// text goes through here, in element content and attributes alike (the encoder escapes quotes too).
/// </summary>
internal static class Html
{
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A number as the page shows it: invariant culture, so pages do not change with the server's locale.</summary>
    public static string Number(double? value, string format = "0.####") =>
        value is { } v ? (double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture)) : "-";

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>Coordinates in SVG attributes: one decimal is a tenth of a pixel, precise enough and short.</summary>
    public static string Pixel(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
