"""Findable and citable pages: schema.org JSON-LD on every page, canonical links, the
sitemap and robots.txt (the branding options themselves: tests/web/test_branding.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import pytest

import sarcoma_local as sl
from sarcoma_local._core.links import is_canonical_url
from sarcoma_local._data.models import Author, Citation
from sarcoma_local._pages.jsonld import medical_web_page, script_html
from sarcoma_local._pages.website import build_site, render_site
from sarcoma_local._render.links import citation_links

BASE = "https://clinic.example.org/sarcoma/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Head(HTMLParser):
    """The scripts (type and text), link elements and reference ids of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.reference_ids: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script":
            self._script = a.get("type", "")
            self.scripts.append((self._script, ""))
        if tag == "link":
            self.links.append(a)
        if tag == "li" and a.get("class") == "reference":
            self.reference_ids.append(a["id"].removeprefix("ref-"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def _head(html: str) -> Head:
    parser = Head()
    parser.feed(html)
    parser.close()
    return parser


def _jsonld(html: str) -> dict[str, Any]:
    ((kind, text),) = _head(html).scripts
    assert kind == "application/ld+json"
    data: dict[str, Any] = json.loads(text)
    return data


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.fixture(scope="module")
def plain() -> Mapping[str, str]:
    return render_site()


@pytest.fixture(scope="module")
def published() -> Mapping[str, str]:
    return render_site(branding=sl.Branding(title="Clinic Sarcoma Board", base_url=BASE))


def _pages(files: Mapping[str, str]) -> dict[str, str]:
    return {path: text for path, text in files.items() if path.endswith(".html")}


def test_every_page_has_one_script_and_it_is_schema_org_json_ld(
    plain: Mapping[str, str],
) -> None:
    for path, html in _pages(plain).items():
        data = _jsonld(html)
        assert data["@context"] == "https://schema.org", path
        assert data["@type"] == "MedicalWebPage", path


def test_json_ld_names_the_page_and_its_audience(plain: Mapping[str, str]) -> None:
    data = _jsonld(plain["sites/liver.html"])
    assert data["name"] == "Liver: local treatment of sarcoma metastases"
    assert data["inLanguage"] == "en"
    assert data["isPartOf"] == {"@type": "WebSite", "name": "sarcoma_local"}
    assert {a["@type"] for a in data["audience"]} == {"Patient", "MedicalAudience"}
    assert data["version"] == sl.DATA_VERSION
    assert data["dateModified"] == sl.DATA_VERSION.replace(".", "-")[:10]


def test_json_ld_description_is_the_meta_description(plain: Mapping[str, str]) -> None:
    html = plain["recurrence.html"]
    assert f'<meta name="description" content="{_jsonld(html)["description"]}">' in html


def test_site_page_is_about_the_condition_at_that_body_location(
    plain: Mapping[str, str],
) -> None:
    (about,) = _jsonld(plain["sites/lung.html"])["about"]
    assert about["@type"] == "MedicalCondition"
    assert about["name"] == "Metastatic soft-tissue sarcoma"
    assert about["associatedAnatomy"] == {"@type": "AnatomicalStructure", "name": "Lung"}


@pytest.mark.parametrize(
    ("technique", "kind"),
    [
        ("resection", "SurgicalProcedure"),
        ("stereotactic-body-radiotherapy", "RadiationTherapy"),
        ("radiofrequency-ablation", "TherapeuticProcedure"),
        ("pet-staging", "MedicalProcedure"),
    ],
)
def test_technique_page_is_about_its_procedure(
    plain: Mapping[str, str], technique: str, kind: str
) -> None:
    about = _jsonld(plain[f"techniques/{technique}.html"])["about"]
    assert about[0] == {"@type": kind, "name": sl.technique(technique).name}


def test_every_reference_on_a_page_is_a_citation_in_its_json_ld(
    plain: Mapping[str, str],
) -> None:
    for path, html in _pages(plain).items():
        keys = _head(html).reference_ids
        cited = _jsonld(html).get("citation", [])
        assert [c["name"] for c in cited] == [sl.citation(k).title for k in keys], path


def test_citation_identifiers_match_the_catalogue(plain: Mapping[str, str]) -> None:
    for path, html in _pages(plain).items():
        keys = _head(html).reference_ids
        for key, article in zip(keys, _jsonld(html).get("citation", []), strict=True):
            c = sl.citation(key)
            ids = {i["propertyID"]: i["value"] for i in article.get("identifier", [])}
            expected = {"PMID": str(c.pmid) if c.pmid else None, "DOI": c.doi, "PMCID": c.pmcid}
            assert ids == {k: v for k, v in expected.items() if v}, (path, key)
            assert article["datePublished"] == str(c.year)
            if c.journal:
                assert article["isPartOf"] == {"@type": "Periodical", "name": c.journal}
            else:  # a record whose journal was not seen says nothing about one
                assert "isPartOf" not in article, (path, key)
            assert article.get("sameAs", []) == [link.url for link in citation_links(c)]


def test_group_authors_are_organisations() -> None:
    c = Citation(
        key="x-2020-1", authors=(Author("ESMO Working Group"),), title="T", journal="J", year=2020
    )
    page = medical_web_page(
        name="n",
        description="d",
        language="en",
        site={},
        about=(),
        citations=[c],
        version="v",
        modified="2020-01-01",
    )
    assert page["citation"][0]["author"] == [
        {"@type": "Organization", "name": "ESMO Working Group"}
    ]


def test_json_ld_shows_no_address_off_the_canonical_hosts(published: Mapping[str, str]) -> None:
    for path, html in _pages(published).items():
        urls = [s for s in _strings(_jsonld(html)) if s.startswith(("http:", "https:"))]
        own = {"https://schema.org", BASE, BASE + path}
        assert [u for u in urls if u not in own and not is_canonical_url(u)] == [], path


def test_a_title_that_closes_the_script_stays_inside_it() -> None:
    title = 'Evil </script><script>alert(1)</script> <!-- & "quoted"'
    c = Citation(
        key="evil-2020-1", authors=(Author("Evil", "E"),), title=title, journal="J", year=2020
    )
    data = medical_web_page(
        name=title,
        description="d",
        language="en",
        site={},
        about=(),
        citations=[c],
        version="v",
        modified="2020-01-01",
    )
    html = script_html(data)
    assert html.count("</script") == 1
    assert "<!--" not in html
    ((kind, text),) = _head(html).scripts
    assert kind == "application/ld+json"
    assert json.loads(text)["citation"][0]["name"] == title


def test_json_ld_is_serialised_with_sorted_keys(plain: Mapping[str, str]) -> None:
    text = _head(plain["index.html"]).scripts[0][1]
    assert text == json.dumps(
        json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def test_last_reviewed_is_the_newest_date_of_the_options_shown(plain: Mapping[str, str]) -> None:
    newest = max(o.reviewed for o in sl.options("liver"))
    assert _jsonld(plain["sites/liver.html"])["lastReviewed"] == newest
    assert "lastReviewed" not in _jsonld(plain["recurrence.html"])


def test_without_a_base_url_there_is_no_canonical_link_and_no_sitemap(
    plain: Mapping[str, str],
) -> None:
    assert not [p for p in plain if not p.endswith(".html")]
    for path, html in plain.items():
        assert not [a for a in _head(html).links if a.get("rel") == "canonical"], path
        assert "url" not in _jsonld(html)


def test_with_a_base_url_every_page_names_its_canonical_address(
    published: Mapping[str, str],
) -> None:
    for path, html in _pages(published).items():
        canonical = [a["href"] for a in _head(html).links if a.get("rel") == "canonical"]
        assert canonical == [BASE + path], path
        data = _jsonld(html)
        assert data["url"] == BASE + path
        assert data["isPartOf"] == {"@type": "WebSite", "name": "Clinic Sarcoma Board", "url": BASE}


def test_sitemap_lists_every_page_by_absolute_address(published: Mapping[str, str]) -> None:
    root = SafeET.fromstring(published["sitemap.xml"])
    assert root.tag == f"{SITEMAP_NS}urlset"
    locs = [u.findtext(f"{SITEMAP_NS}loc") for u in root]
    assert locs == sorted(BASE + p for p in _pages(published))


def test_sitemap_lastmod_is_the_page_last_reviewed_date(published: Mapping[str, str]) -> None:
    root = SafeET.fromstring(published["sitemap.xml"])
    for url in root:
        loc = url.findtext(f"{SITEMAP_NS}loc") or ""
        reviewed = _jsonld(published[loc.removeprefix(BASE)]).get("lastReviewed")
        assert url.findtext(f"{SITEMAP_NS}lastmod") == reviewed, loc


def test_robots_txt_names_the_sitemap(published: Mapping[str, str]) -> None:
    assert f"Sitemap: {BASE}sitemap.xml\n" in published["robots.txt"]
    assert published["robots.txt"].startswith("User-agent: *\n")


def test_building_with_a_base_url_twice_gives_identical_files(tmp_path: Path) -> None:
    branding = sl.Branding(base_url=BASE)
    first = {p.name: p.read_bytes() for p in build_site(tmp_path / "a", branding=branding)}
    second = {p.name: p.read_bytes() for p in build_site(tmp_path / "b", branding=branding)}
    assert first == second
    assert {"sitemap.xml", "robots.txt"} <= set(first)


def test_the_base_url_gains_a_trailing_slash() -> None:
    assert sl.Branding(base_url="https://example.org/sarcoma").base_url == (
        "https://example.org/sarcoma/"
    )
    assert sl.Branding(base_url="http://EXAMPLE.org").base_url == "http://example.org/"


@pytest.mark.parametrize(
    "url",
    [
        "example.org/sarcoma/",
        "/sarcoma/",
        "ftp://example.org/",
        "https://",
        "javascript:alert(1)",
        "https://example.org/?page=1",
        "https://example.org/#top",
        "https://user:secret@example.org/",
        "https://example.org/a b/",
        "https://example.org:99999/",
        "",
    ],
)
def test_a_base_url_that_is_not_an_absolute_http_address_is_refused(url: str) -> None:
    with pytest.raises(sl.InvalidBrandingError, match="base_url") as info:
        sl.Branding(base_url=url)
    assert isinstance(info.value, ValueError)


def test_html_handout_carries_json_ld_citing_its_references() -> None:
    from sarcoma_local._pages.handout import handout

    html = handout("lung", technique="stereotactic-body-radiotherapy", format="html")
    data = _jsonld(html)
    assert data["about"][0] == {"@type": "RadiationTherapy", "name": sl.technique("sbrt").name}
    assert data["about"][1]["associatedAnatomy"]["name"] == "Lung"
    keys = _head(html).reference_ids
    assert [c["name"] for c in data["citation"]] == [sl.citation(k).title for k in keys]
    assert data["lastReviewed"] == sl.option("lung", "sbrt").reviewed
