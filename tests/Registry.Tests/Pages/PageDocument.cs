using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace HybridInference.Registry.Tests.Pages;

/// <summary>
/// A served page read as XML (the pages are well-formed on purpose): a page that is not, for example
/// because user text broke out of its element, fails to load here. Elements are found by local name and
/// class, ignoring the XHTML and SVG namespaces.
/// </summary>
public sealed class PageDocument
{
    private PageDocument(XDocument document) => Document = document;

    public XDocument Document { get; }

    public static PageDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return new PageDocument(XDocument.Load(reader));
    }

    public IEnumerable<XElement> All(string name) => Document.Descendants().Where(e => e.Name.LocalName == name);

    public IEnumerable<XElement> WithClass(string name, string cssClass) => All(name).Where(e => HasClass(e, cssClass));

    public XElement One(string name, string cssClass) => Assert.Single(WithClass(name, cssClass));

    public XElement Plot(string metric) => Assert.Single(All("svg"), s => (string?)s.Attribute("data-metric") == metric);

    public static bool HasClass(XElement element, string cssClass) =>
        ((string?)element.Attribute("class") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(cssClass);

    public static IEnumerable<XElement> Under(XElement root, string name, string? cssClass = null) =>
        root.Descendants().Where(e => e.Name.LocalName == name && (cssClass is null || HasClass(e, cssClass)));

    /// <summary>A polyline's points as (x, y) pixels.</summary>
    public static IReadOnlyList<(double X, double Y)> Points(XElement polyline) =>
        ((string?)polyline.Attribute("points") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
}
