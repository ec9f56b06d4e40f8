"""The sitemap and robots.txt, written once the other generators have listed their
pages; the structured data of calls and dossiers, set before any page is written."""

import xml.etree.ElementTree as ET

from pelican.generators import Generator

from agenda.structured_data import json_ld_script_body

from .structured_data import call_json_ld, dossier_json_ld

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class SeoGenerator(Generator):
    """Runs after the content generators: reads what they listed in the context."""

    def generate_context(self):
        public = self.settings["PUBLIC_SITEURL"]
        for call in self.context["calls"]:
            call.json_ld = json_ld_script_body(call_json_ld(call, public))
        for dossier in self.context["dossiers"]:
            dossier.json_ld = json_ld_script_body(dossier_json_ld(dossier, public))

    def generate_output(self, writer):
        public = self.settings["PUBLIC_SITEURL"]
        entries = {url: None for url in self.context.get("index_urls", [])}
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
