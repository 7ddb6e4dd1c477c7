"""handout(): a printable page of a site's options with the cited evidence."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import sarcoma_local as sl
from sarcoma_local._data.models import Author, Citation, Flag, Option, Role, Statement
from sarcoma_local._data.vocabulary import Site, Technique
from sarcoma_local._pages.document import md, stances_for
from sarcoma_local._pages.handout import (
    PATIENT_STATEMENTS,
    Handout,
    build_handout,
    handout,
    render_html,
    render_markdown,
)
from sarcoma_local._pages.html import CONTRAST_PAIRS, PALETTE
from sarcoma_local._render.citations import catalogue_labels, citation_labels

HOSTILE = "<script>alert('x')</script> & \"quoted\" 'single' </p><a href=\"javascript:x\">"


class _Collect(HTMLParser):
    """Every start tag with its attributes, and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture
def hostile() -> Handout:
    """A handout of hand-built records whose every text field tries to break out of the page."""
    cite = Citation(
        key="evil-2020-1",
        authors=(Author(HOSTILE, "X"),),
        title=HOSTILE,
        journal=HOSTILE,
        year=2020,
        pages="1-2",
        doi='10.1000/a"b<c>',
        url="javascript:alert(1)",
        summary=HOSTILE,
    )
    site = Site(key="evil", name=HOSTILE, description=HOSTILE)
    tech = Technique(key="resection", name=HOSTILE, category="surgery", summary=HOSTILE)
    option = Option(
        site="evil",
        technique="resection",
        role=Role.STANDARD,
        summary=HOSTILE,
        reviewed="2026-11-22",
        statements=(Statement(HOSTILE, ("evil-2020-1",)),),
        flags=(Flag.GIST_POSSIBLE,),
    )
    return build_handout(site, [option], {"resection": tech}, [cite], citation_labels([cite]))


def test_markdown_handout_has_options_references_version_and_disclaimer() -> None:
    text = handout("liver")
    assert text.startswith("# Liver: local-treatment options\n")
    assert "## Surgical resection (metastasectomy)" in text
    assert "## References" in text
    assert f"Data version {sl.DATA_VERSION}" in text
    assert md(sl.DISCLAIMER) in text


def test_a_professional_handout_cites_every_citation_of_its_options_with_links() -> None:
    text = handout("lung", audience="professional")
    for c in sl.citations(site="lung"):
        assert md(sl.format_citation(c)) in text
        if c.pmid:
            assert f"<https://pubmed.ncbi.nlm.nih.gov/{c.pmid}/>" in text


def test_technique_handout_has_only_that_option() -> None:
    text = handout("liver", technique="RFA")
    assert text.startswith("# Liver: Radiofrequency ablation (RFA)\n")
    assert "Cryoablation" not in text
    # The option, the words it uses explained, and the references.
    assert text.count("\n## ") == 3
    assert "\n## Words used in this handout\n" in text


def test_professional_technique_handout_has_only_the_option_and_references() -> None:
    text = handout("liver", technique="RFA", audience="professional")
    assert text.count("\n## ") == 2
    assert "In plain words" not in text


def test_html_handout_is_one_self_contained_page() -> None:
    page = handout("liver", technique="cryoablation", format="html")
    tags = _parse(page).tags
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert not {"img", "iframe", "object"} & {tag for tag, _ in tags}
    # The one script element is JSON-LD: data that browsers never run.
    assert [a.get("type") for t, a in tags if t == "script"] == ["application/ld+json"]
    assert all((a.get("href") or "").startswith("data:") for t, a in tags if t == "link")
    assert "<style>" in page
    assert "@media print" in page
    assert sl.DISCLAIMER in page
    assert f"Data version {sl.DATA_VERSION}" in page


def test_html_handout_links_to_pubmed_and_doi() -> None:
    page = handout("lung", format="html")
    hrefs = [a.get("href") or "" for t, a in _parse(page).tags if t == "a"]
    assert any(h.startswith("https://pubmed.ncbi.nlm.nih.gov/") for h in hrefs)
    assert any(h.startswith("https://doi.org/") for h in hrefs)


def test_html_escapes_every_inserted_value(hostile: Handout) -> None:
    page = render_html(hostile)
    parsed = _parse(page)
    scripts = [a.get("type") for t, a in parsed.tags if t == "script"]
    assert scripts == ["application/ld+json"]  # data only; the hostile one stayed text
    assert all(not (a.get("href") or "").startswith("javascript:") for _, a in parsed.tags)
    # The hostile text survives as text, quotes and ampersands included.
    assert HOSTILE in "".join(parsed.text)
    assert "&lt;script&gt;" in page
    assert "&#x27;single&#x27;" in page
    assert "&quot;quoted&quot;" in page


def test_html_percent_encodes_a_doi_inside_href(hostile: Handout) -> None:
    page = render_html(hostile)
    assert 'href="https://doi.org/10.1000/a%22b%3Cc%3E"' in page


def test_markdown_escapes_every_inserted_value(hostile: Handout) -> None:
    text = render_markdown(hostile)
    assert "<script>" not in text
    assert "\\<script\\>" in text
    assert "](" not in text  # no inline link can be smuggled in


def test_html_and_markdown_list_the_same_references_in_the_same_order() -> None:
    page = handout("liver", format="html")
    text = handout("liver")
    ids = [a.get("id") or "" for _, a in _parse(page).tags]
    html_keys = [i for i in ids if i.startswith("ref-")]
    md_labels = [line.split("**")[1] for line in text.splitlines() if line[:1].isdigit()]
    labels = catalogue_labels()
    assert [md(labels[k.removeprefix("ref-")]) + "." for k in html_keys] == md_labels


def test_a_handout_lists_each_reference_once_in_first_use_order() -> None:
    text = handout("liver", audience="professional")
    shown = [line.split("**")[1] for line in text.splitlines() if line[:1].isdigit()]
    keys = dict.fromkeys(k for o in sl.options("liver") for k in o.citation_keys)
    assert shown == [md(catalogue_labels()[k]) + "." for k in keys]


def test_unknown_site_raises_unknown_site_error() -> None:
    with pytest.raises(sl.UnknownSiteError):
        handout("nowhere at all")


def test_technique_not_used_at_the_site_raises_unknown_option_error() -> None:
    with pytest.raises(sl.UnknownOptionError):
        handout("lung", technique="hipec")


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="format"):
        handout("liver", format="pdf")


def test_same_author_and_year_get_distinct_labels() -> None:
    labels = citation_labels(sl.citations())
    assert labels["rusthoven-2009-1572"] == "Rusthoven 2009a"
    assert labels["rusthoven-2009-1579"] == "Rusthoven 2009b"
    assert len(set(labels.values())) == len(labels)


def _luminance(colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize(("fg", "bg"), CONTRAST_PAIRS)
def test_colour_pairs_meet_wcag_aa_contrast(fg: str, bg: str) -> None:
    light, dark = sorted((_luminance(PALETTE[fg]), _luminance(PALETTE[bg])), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_a_patient_handout_gives_each_option_its_strongest_few_statements() -> None:
    text = handout("lung")
    resection = text.split("## Surgical resection")[1].split("\n## ")[0]
    findings = resection.split("### What the cited articles report")[1].split("###")[0]
    assert findings.count("\n- ") == PATIENT_STATEMENTS
    left = len(sl.option("lung", "resection").statements) - PATIENT_STATEMENTS
    assert f"{left} more findings from" in resection
    assert "version of this handout for professionals" in resection


def _lung_handout(audience: str) -> Handout:
    site = sl.site("lung")
    opts = sl.options(site)
    techs = {o.technique: sl.technique(o.technique) for o in opts}
    cites = [sl.citation(k) for k in dict.fromkeys(k for o in opts for k in o.citation_keys)]
    return build_handout(site, opts, techs, cites, catalogue_labels(), audience=audience)


def test_a_patient_handout_lists_only_the_articles_it_cites() -> None:
    doc = _lung_handout("patient")
    in_text = {r.key for s in doc.sections for st in s.option.statements for r in st.refs}
    stances = {g.citation for o in sl.options("lung") for g in stances_for(o)}
    assert {c.key for c in doc.cited} == in_text | (stances & {c.key for c in doc.cited})
    assert in_text <= {c.key for c in doc.cited}
    assert len(doc.references) == len(doc.cited) < len(_lung_handout("professional").cited)


def test_an_option_with_few_statements_keeps_every_one_in_a_patient_handout() -> None:
    doc = _lung_handout("patient")
    pairs = list(zip(doc.sections, sl.options("lung"), strict=True))
    short = [(s, o) for s, o in pairs if len(o.statements) <= PATIENT_STATEMENTS]
    assert short, "no lung option is short enough to test with"
    for section, option in short:
        assert len(section.option.statements) == len(option.statements)
        assert section.option.more == ""
