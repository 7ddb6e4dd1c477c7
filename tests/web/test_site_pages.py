"""Every generated page (site pages and handouts): structure, accessibility and links.

Checked with :mod:`html.parser`; the browser test loads the same pages in Chromium.
"""

from __future__ import annotations

import itertools
import posixpath
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

import sarcoma_local as sl
from sarcoma_local._pages.handout import handout
from sarcoma_local._pages.website import build_site

VOID = {"meta", "link", "br", "hr", "img", "input", "wbr", "source", "area", "col", "base"}


class Page(HTMLParser):
    """What the checks need from one page: headings, landmarks, links, ids, meta."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.headings: list[tuple[int, str]] = []
        self.landmarks: list[str] = []
        self.hrefs: list[str] = []
        self.link_texts: list[str] = []
        self.ids: list[str] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        self.text: list[str] = []
        self.unclosed: list[str] = []
        self._open: list[str] = []
        self._heading: list[str] | None = None
        self._anchor: list[str] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag not in VOID:
            self._open.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in {"header", "main", "footer", "nav"}:
            self.landmarks.append(tag)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
            self._anchor = []
        if tag == "meta" and "name" in a:
            self.meta[a["name"]] = a.get("content", "")
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = []
        # An inline SVG's <title> names the picture, not the page.
        self._in_title = tag == "title" and "svg" not in self._open

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
        else:
            self.unclosed.append(tag)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._heading is not None:
            self.headings.append((int(tag[1]), "".join(self._heading).strip()))
            self._heading = None
        if tag == "a" and self._anchor is not None:
            self.link_texts.append(" ".join("".join(self._anchor).split()))
            self._anchor = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._anchor is not None:
            self._anchor.append(data)
        if self._in_title:
            self.title += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    build_site(root)
    return root


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> Mapping[str, Page]:
    """Every site page by its path, plus two handouts."""
    found = {
        p.relative_to(site_dir).as_posix(): parse(p.read_text(encoding="utf-8"))
        for p in sorted(site_dir.rglob("*.html"))
    }
    found["handout:liver"] = parse(handout("liver", format="html"))
    found["handout:lung/sbrt"] = parse(handout("lung", technique="sbrt", format="html"))
    found["handout:liver/professional"] = parse(
        handout("liver", format="html", audience="professional")
    )
    found["handout:liver/brief"] = parse(handout("liver", format="html", brief=True))
    return found


def test_every_page_declares_english(pages: Mapping[str, Page]) -> None:
    assert {name: p.lang for name, p in pages.items() if p.lang != "en"} == {}


def test_every_page_has_exactly_one_h1_first(pages: Mapping[str, Page]) -> None:
    for name, p in pages.items():
        levels = [level for level, _ in p.headings]
        assert levels.count(1) == 1, name
        assert levels[0] == 1, name


def test_headings_never_skip_a_level(pages: Mapping[str, Page]) -> None:
    for name, p in pages.items():
        levels = [level for level, _ in p.headings]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), name


def test_every_page_has_header_main_and_footer_once(pages: Mapping[str, Page]) -> None:
    for name, p in pages.items():
        for landmark in ("header", "main", "footer"):
            assert p.landmarks.count(landmark) == 1, (name, landmark)


def test_every_element_is_closed_in_order(pages: Mapping[str, Page]) -> None:
    assert {name: p.unclosed for name, p in pages.items() if p.unclosed} == {}


def test_every_link_is_relative_or_https(pages: Mapping[str, Page]) -> None:
    for name, p in pages.items():
        for href in p.hrefs:
            scheme = urlsplit(href).scheme
            assert scheme in {"", "https"}, (name, href)
            assert not href.startswith("/"), (name, href)  # relative, not root-absolute


def test_every_link_text_says_where_it_goes(pages: Mapping[str, Page]) -> None:
    vague = {"", "here", "click here", "link", "more", "read more"}
    for name, p in pages.items():
        assert not [t for t in p.link_texts if t.lower() in vague], name


def test_ids_are_unique_on_each_page(pages: Mapping[str, Page]) -> None:
    for name, p in pages.items():
        assert len(p.ids) == len(set(p.ids)), name


def test_every_internal_link_resolves_to_a_generated_file(pages: Mapping[str, Page]) -> None:
    broken = []
    for name, p in pages.items():
        base = posixpath.dirname(name) if not name.startswith("handout:") else ""
        for href in p.hrefs:
            if urlsplit(href).scheme:
                continue
            path, fragment = urldefrag(href)
            target = posixpath.normpath(posixpath.join(base, path)) if path else name
            if target not in pages or (fragment and fragment not in pages[target].ids):
                broken.append((name, href))
    assert broken == []


def test_every_page_carries_data_version_and_disclaimer(pages: Mapping[str, Page]) -> None:
    for name, p in pages.items():
        text = " ".join("".join(p.text).split())
        assert f"Data version {sl.DATA_VERSION}" in text, name
        assert sl.DISCLAIMER in text, name


def test_titles_and_descriptions_are_unique_and_search_sized(
    pages: Mapping[str, Page],
) -> None:
    site = {name: p for name, p in pages.items() if not name.startswith("handout:")}
    titles = [p.title for p in site.values()]
    descriptions = [p.meta["description"] for p in site.values()]
    assert len(set(titles)) == len(titles)
    assert len(set(descriptions)) == len(descriptions)
    assert all(20 <= len(t) <= 100 for t in titles), titles
    assert all(50 <= len(d) <= 160 for d in descriptions), descriptions


def test_the_site_has_the_expected_pages(pages: Mapping[str, Page]) -> None:
    expected = {"index.html", "recurrence.html", "techniques/index.html", "glossary.html"}
    expected |= {f"sites/{s.key}.html" for s in sl.sites()}
    expected |= {f"techniques/{t.key}.html" for t in sl.techniques()}
    assert {name for name in pages if not name.startswith("handout:")} == expected


def test_index_links_to_every_site(pages: Mapping[str, Page]) -> None:
    assert {f"sites/{s.key}.html" for s in sl.sites()} <= set(pages["index.html"].hrefs)


def test_recurrence_page_has_every_table(pages: Mapping[str, Page]) -> None:
    ids = set(pages["recurrence.html"].ids)
    assert {f"table-{t.key}" for t in sl.recurrence_tables()} <= ids


def test_site_page_lists_each_option_and_cites_its_references(pages: Mapping[str, Page]) -> None:
    page = pages["sites/liver.html"]
    assert {f"opt-{o.technique}" for o in sl.options("liver")} <= set(page.ids)
    assert {f"ref-{c.key}" for c in sl.citations(site="liver")} <= set(page.ids)


def test_technique_page_links_back_to_each_site_using_it(pages: Mapping[str, Page]) -> None:
    page = pages["techniques/radiofrequency-ablation.html"]
    for o in sl.options(technique="radiofrequency-ablation"):
        assert f"../sites/{o.site}.html" in page.hrefs


def test_the_glossary_page_has_an_entry_for_every_term(pages: Mapping[str, Page]) -> None:
    assert {f"term-{t.key}" for t in sl.glossary()} <= set(pages["glossary.html"].ids)


def test_every_page_links_to_the_glossary(pages: Mapping[str, Page]) -> None:
    site = {name: p for name, p in pages.items() if not name.startswith("handout:")}
    missing = [name for name, p in site.items() if not any("glossary.html" in h for h in p.hrefs)]
    assert missing == []


def test_a_site_page_links_a_technical_word_to_the_glossary_once(
    pages: Mapping[str, Page],
) -> None:
    terms = [h for h in pages["sites/liver.html"].hrefs if h.startswith("../glossary.html#term-")]
    assert "../glossary.html#term-metastasis" in terms or "../glossary.html#term-ablation" in terms
    assert len(terms) == len(set(terms))


def test_a_site_page_gives_every_option_in_plain_words(pages: Mapping[str, Page]) -> None:
    text = " ".join(pages["sites/lung.html"].text)
    assert text.count("In plain words") == len(sl.options("lung"))
