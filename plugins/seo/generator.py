"""The sitemap and robots.txt, written once every other generator has listed its pages."""

import xml.etree.ElementTree as ET

from pelican.generators import Generator

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class SeoGenerator(Generator):

    def generate_output(self, writer):
        public = self.settings["PUBLIC_SITEURL"]
        entries = dict.fromkeys(self.context.get("index_urls", []))
        for item in self.context.get("published_items", []):
            entries[item.url] = getattr(item, "updated", None) or getattr(item, "date", None)
        writer.write_data("sitemap.xml", lambda: sitemap(public, entries), public, entries)
        writer.write_data("robots.txt", lambda: f"User-agent: *\nDisallow: /drafts/\nSitemap: {public}/sitemap.xml\n",
                          public)


def sitemap(public_siteurl, entries):
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for url in sorted(entries):
        node = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = f"{public_siteurl}/{url}"
        if entries[url] is not None:
            ET.SubElement(node, f"{{{SITEMAP_NS}}}lastmod").text = entries[url].isoformat()
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
