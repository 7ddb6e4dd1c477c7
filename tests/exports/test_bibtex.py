"""BibTeX: valid entries that bibtexparser (v2) reads back field for field."""

from __future__ import annotations

import re

from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from bibtexparser.middlewares.middleware import Middleware
from hypothesis import given
from hypothesis import strategies as st

import sarcoma_local as sl
from sarcoma_local import to_bibtex
from sarcoma_local._exports.bibtex import bibtex_escape

_UNESCAPES = {
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    **{f"\\{ch}": ch for ch in "%&$#_"},
}
_TOKEN = re.compile("|".join(re.escape(k) for k in _UNESCAPES) + r"|[{}]")


def unescape(value: str) -> str:
    """Undo bibtex_escape; bare braces only protect capitals, so they go."""
    return _TOKEN.sub(lambda m: _UNESCAPES.get(m.group(), ""), value)


def parse(text: str, *middlewares: Middleware) -> Library:
    library = parse_string(text, append_middleware=list(middlewares))
    assert library.failed_blocks == []
    return library


def test_potter_entry_fields() -> None:
    entry = parse(to_bibtex([sl.citation("potter-1985-353")])).entries[0]
    fields = {k: f.value for k, f in entry.fields_dict.items()}
    assert entry.entry_type == "article"
    assert entry.key == "potter-1985-353"
    assert fields["journal"] == "J Clin Oncol"
    assert (fields["year"], fields["volume"], fields["number"]) == ("1985", "3", "3")
    assert fields["pages"] == "353--366"
    assert fields["pmid"] == "3973646"
    assert fields["url"] == "https://pubmed.ncbi.nlm.nih.gov/3973646/"
    assert "doi" not in fields


def test_doi_is_kept_verbatim_and_preferred_as_url() -> None:
    entry = parse(to_bibtex([sl.citation("annsurg-2014-749")])).entries[0]
    assert entry.fields_dict["doi"].value == "10.1097/sla.0000000000000978"
    assert entry.fields_dict["url"].value == "https://doi.org/10.1097/sla.0000000000000978"


def test_citation_without_authors_has_no_author_field() -> None:
    entry = parse(to_bibtex([sl.citation("annsurg-2014-749")])).entries[0]
    assert "author" not in entry.fields_dict


def test_disclaimer_and_data_version_lead_as_a_comment() -> None:
    library = parse(to_bibtex(sl.citations(site="liver")), LatexDecodingMiddleware())
    comment = library.comments[0].comment
    assert sl.DATA_VERSION in comment
    assert "not medical advice" in comment


def test_no_disclaimer_when_asked() -> None:
    assert parse(to_bibtex([sl.citation("potter-1985-353")], disclaimer=False)).comments == []


def test_whole_catalogue_parses_with_unique_stable_keys() -> None:
    cited = sl.citations()
    library = parse(to_bibtex(cited))
    assert [e.key for e in library.entries] == [c.key for c in cited]


def test_titles_decode_back_to_the_catalogue_titles() -> None:
    cited = sl.citations()
    library = parse(to_bibtex(cited), LatexDecodingMiddleware())
    # LaTeX sets PubMed's ASCII "--" as an en dash; everything else comes back unchanged.
    expected = [c.title.replace("--", "\u2013") for c in cited]
    assert [e.fields_dict["title"].value for e in library.entries] == expected


def test_acronyms_are_protected_from_lower_casing() -> None:
    text = to_bibtex([sl.citation("nccn-sts-guideline")])
    assert "title = {{NCCN} Clinical Practice Guidelines" in text


def test_non_ascii_names_stay_utf8_and_split_into_parts(accented: sl.Citation) -> None:
    library = parse(to_bibtex([accented]), SeparateCoAuthors(), SplitNameParts())
    names = library.entries[0].fields_dict["author"].value
    assert [(n.last, n.first, n.von) for n in names] == [
        (["Müller"], ["K."], []),
        (["Ñúñez"], ["J.", "Á."], []),
        (["Geel"], ["A.", "N."], ["van"]),
    ]


def test_special_characters_in_titles_are_escaped(accented: sl.Citation) -> None:
    text = to_bibtex([accented])
    assert r"Zürich \& Málaga: 50\% fewer" in text


def test_organisation_author_is_one_braced_name(organisation: sl.Citation) -> None:
    library = parse(to_bibtex([organisation]), SeparateCoAuthors())
    authors = library.entries[0].fields_dict["author"].value
    assert authors == ["{Sarcoma Study Group, and Friends}", "others"]


def test_compound_family_name_is_not_split_into_von_part() -> None:
    text = to_bibtex([sl.citation("munozcasares-2024-2646")])
    assert "{Abreu de Souza}, J." in text
    assert "van" not in text


def test_missing_fields_are_left_out(bare: sl.Citation) -> None:
    entry = parse(to_bibtex([bare])).entries[0]
    assert set(entry.fields_dict) == {"title", "journal", "year"}


def test_online_guideline_is_misc_with_howpublished() -> None:
    entry = parse(to_bibtex([sl.citation("nccn-sts-guideline")])).entries[0]
    assert entry.entry_type == "misc"
    howpublished = entry.fields_dict["howpublished"].value
    assert howpublished == "National Comprehensive Cancer Network (online)"


def test_duplicate_and_odd_keys_are_made_safe_and_unique(bare: sl.Citation) -> None:
    import attrs

    odd = attrs.evolve(bare, key="odd key/ü")
    library = parse(to_bibtex([bare, bare, odd]))
    assert [e.key for e in library.entries] == ["bare-2001", "bare-2001-2", "odd-key"]


def test_output_is_deterministic() -> None:
    assert to_bibtex(sl.citations()) == to_bibtex(sl.citations())


_titles = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1
).filter(lambda t: t.strip())


@given(_titles)
def test_any_title_parses_back_after_unescaping(title: str) -> None:
    cited = sl.Citation(key="t-2000-1", authors=(), title=title, journal="J", year=2000)
    entry = parse(to_bibtex([cited], disclaimer=False)).entries[0]
    assert unescape(entry.fields_dict["title"].value) == " ".join(title.split())


@given(st.text(alphabet="\\{}%&$#_~^ ab", max_size=30))
def test_escaped_text_has_no_bare_specials(text: str) -> None:
    escaped = bibtex_escape(text)
    assert unescape(escaped) == " ".join(text.split())
    assert escaped.count("{") == escaped.count("}")
