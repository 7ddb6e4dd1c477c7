"""Citations as BibTeX entries, keyed by their stable citation keys."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sarcoma_local._data.models import Author, Citation
from sarcoma_local._render.citations import full_pages, given_initials, is_organisation, is_report
from sarcoma_local._render.links import primary_link

from .common import collect, header_text

__all__ = ["bibtex_escape", "to_bibtex"]


_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    # BibTeX counts braces even when escaped, so a lone brace must not be one.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_ESCAPES)) + "]")


def bibtex_escape(text: str) -> str:
    r"""LaTeX-safe field text: specials escaped, whitespace collapsed, non-ASCII kept (UTF-8).

    >>> print(bibtex_escape("50% & {x}_1"))
    50\% \& \textbraceleft{}x\textbraceright{}\_1
    """
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group()], " ".join(text.split()))


def _bibtex_title(title: str) -> str:
    # Styles lower-case titles; brace each word with a capital after its first letter
    # (FDG, PET/CT, McCutcheon) so acronyms and names keep their case.
    words = []
    for word in title.split():
        escaped = bibtex_escape(word)
        words.append("{" + escaped + "}" if any(ch.isupper() for ch in word[1:]) else escaped)
    return " ".join(words)


def _bibtex_name(author: Author) -> str:
    family = bibtex_escape(author.family)
    if is_organisation(author):
        return "{" + family + "}"
    words = author.family.split()
    # "Abreu de Souza" would read as first "Abreu", von "de"; "van Geel" is a true von part.
    tricky = len(words) > 1 and words[0][:1].isupper() and any(w[:1].islower() for w in words[1:])
    if tricky or re.search(r"\band\b|,", author.family, re.IGNORECASE):
        family = "{" + family + "}"
    given = given_initials(author.initials)
    return f"{family}, {bibtex_escape(given)}" if given else family


def _bibtex_key(key: str, seen: set[str]) -> str:
    safe = re.sub(r"[^A-Za-z0-9_:.\-]+", "-", key).strip("-") or "ref"
    unique, n = safe, 1
    while unique in seen:
        n += 1
        unique = f"{safe}-{n}"
    seen.add(unique)
    return unique


def _verbatim(value: str) -> str:
    # biblatex reads doi/url verbatim: only unbalanced braces could break the entry.
    return value.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _bibtex_entry(c: Citation, key: str) -> str:
    fields: list[tuple[str, str]] = []
    if c.authors:
        names = [_bibtex_name(a) for a in c.authors]
        if c.et_al:
            names.append("others")
        fields.append(("author", " and ".join(names)))
    fields.append(("title", _bibtex_title(c.title)))
    if is_report(c):
        fields.append(("howpublished", bibtex_escape(c.journal)))
    else:
        fields.append(("journal", bibtex_escape(c.journal)))
    fields.append(("year", str(c.year)))
    for name, value in (("volume", c.volume), ("number", c.issue)):
        if value:
            fields.append((name, bibtex_escape(value)))
    if c.pages:
        fields.append(("pages", bibtex_escape(full_pages(c.pages).replace("-", "--"))))
    if c.doi:
        fields.append(("doi", _verbatim(c.doi)))
    if c.pmid is not None:
        fields.append(("pmid", str(c.pmid)))
    if c.pmcid:
        fields.append(("pmcid", bibtex_escape(c.pmcid)))
    link = primary_link(c)
    if link is not None:
        fields.append(("url", _verbatim(link.url)))
    kind = "misc" if is_report(c) else "article"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def to_bibtex(citations: Iterable[Citation] | Citation, *, disclaimer: bool = True) -> str:
    r"""Citations as BibTeX entries, keyed by their stable citation keys.

    Special characters are escaped for LaTeX, non-ASCII is kept as UTF-8 (biber,
    bibtexparser, Zotero and Pandoc read it), and ``doi``/``pmid``/``url`` fields
    carry the identifiers. With ``disclaimer`` a leading ``@comment`` gives the data
    version and the disclaimer.

    >>> import sarcoma_local as sl
    >>> print(to_bibtex([sl.citation("potter-1985-353")], disclaimer=False)[:51])
    @article{potter-1985-353,
      author = {Potter, D. A.
    """
    seen: set[str] = set()
    entries = [_bibtex_entry(c, _bibtex_key(c.key, seen)) for c in collect(citations)]
    if disclaimer:
        # @comment's body must have balanced braces; the escaped text always does.
        entries.insert(0, f"@comment{{{bibtex_escape(header_text())}}}\n")
    return "\n".join(entries)
