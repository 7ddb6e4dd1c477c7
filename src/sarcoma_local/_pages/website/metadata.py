"""What makes the web site findable and citable: each page's schema.org JSON-LD and
canonical link, and (with a base URL) ``sitemap.xml`` and ``robots.txt``.

What a page is about comes from its path (a site page names its body location, a
technique page its procedure); the articles it cites are exactly its reference list;
``lastReviewed`` is the newest ``reviewed`` date among the options it shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from sarcoma_local._pages.branding import Branding
from sarcoma_local._pages.html import esc, reference_keys
from sarcoma_local._pages.jsonld import condition, medical_web_page, procedure, script_html
from sarcoma_local._pages.website.layout import Page, SiteData, site_path, technique_path

__all__ = [
    "ROBOTS",
    "SITEMAP",
    "extra_files",
    "head_html",
    "last_reviewed",
    "page_jsonld",
    "robots_txt",
    "sitemap_xml",
]

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _about(data: SiteData, path: str) -> list[dict[str, Any]]:
    for s in data.sites:
        if path == site_path(s.key):
            return [condition(s.name)]
    for t in data.techniques:
        if path == technique_path(t.key):
            return [procedure(t), condition()]
    return [condition()]


def last_reviewed(data: SiteData) -> dict[str, str]:
    """``{page path: newest ISO reviewed date}`` over the options each page shows (a
    site's page and a technique's page show their options; other pages show none)."""
    newest: dict[str, str] = {}
    for o in data.options:
        if not _ISO_DATE.match(o.reviewed):
            continue
        for path in (site_path(o.site), technique_path(o.technique)):
            newest[path] = max(newest.get(path, o.reviewed), o.reviewed)
    return newest


def page_jsonld(
    data: SiteData, page: Page, branding: Branding, reviewed: str | None = None
) -> dict[str, Any]:
    """The page as a schema.org ``MedicalWebPage``, citing every entry of its references;
    ``reviewed`` is its ``lastReviewed`` date (:func:`last_reviewed`)."""
    site: dict[str, Any] = {"@type": "WebSite", "name": branding.title}
    if branding.base_url:
        site["url"] = branding.base_url
    return medical_web_page(
        name=page.title,
        description=page.description,
        language=branding.language,
        site=site,
        about=_about(data, page.path),
        citations=[data.citations[k] for k in reference_keys(page.body)],
        reviewed=reviewed,
        url=branding.url(page.path),
    )


def head_html(data: SiteData, page: Page, branding: Branding, reviewed: str | None = None) -> str:
    """The page's canonical link (with a base URL) and its JSON-LD, for the ``<head>``."""
    out = []
    url = branding.url(page.path)
    if url:
        out.append(f'<link rel="canonical" href="{esc(url)}">')
    out.append(script_html(page_jsonld(data, page, branding, reviewed)))
    return "\n".join(out)


def sitemap_xml(lastmod: Mapping[str, str | None], branding: Branding) -> str:
    """The sitemaps.org ``urlset`` of the pages (``{path: lastReviewed or None}``), by path.

    Needs a base URL: a sitemap holds absolute addresses only.
    """
    if branding.base_url is None:
        raise ValueError("a sitemap needs the site's base URL")
    entries = []
    for path in sorted(lastmod):
        loc = f"<loc>{escape(branding.base_url + path)}</loc>"
        date = lastmod[path]
        entries.append(
            f"<url>{loc}<lastmod>{date}</lastmod></url>" if date else f"<url>{loc}</url>"
        )
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            *entries,
            "</urlset>",
            "",
        ]
    )


def robots_txt(branding: Branding) -> str:
    """A ``robots.txt`` that lets every crawler in and names the sitemap.

    Crawlers read it only at the root of a host: a site served under a path
    (``https://example.org/sarcoma/``) needs its lines in the host's own robots.txt.
    """
    if branding.base_url is None:
        raise ValueError("robots.txt names the sitemap, which needs the site's base URL")
    return f"User-agent: *\nAllow: /\n\nSitemap: {branding.base_url}{SITEMAP}\n"


def extra_files(lastmod: Mapping[str, str | None], branding: Branding) -> Sequence[tuple[str, str]]:
    """``sitemap.xml`` and ``robots.txt`` with a base URL; nothing without one."""
    if branding.base_url is None:
        return ()
    return ((SITEMAP, sitemap_xml(lastmod, branding)), (ROBOTS, robots_txt(branding)))
