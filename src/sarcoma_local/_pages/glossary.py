"""Glossary links on human pages: the first use of each technical word on a page links
to its plain meaning, and the page (or handout) lists the words it used.

>>> from sarcoma_local._data.vocabulary import GlossaryTerm
>>> terms = [GlossaryTerm("margin", "Margin", "The rim of normal tissue.", ("margins",))]
>>> linker = TermLinker(terms, lambda key: f"#term-{key}")
>>> linker.html("Clear margins & more margins.")
'Clear <a class="term" href="#term-margin">margins</a> &amp; more margins.'
>>> [t.key for t in linker.used]
['margin']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from sarcoma_local._data.vocabulary import GlossaryTerm
from sarcoma_local._pages.html import esc

__all__ = ["TermLinker", "glossary_html", "term_anchor"]


def term_anchor(key: str) -> str:
    """The id of a term's entry, on the glossary page and in a handout's glossary."""
    return f"term-{key}"


class TermLinker:
    """Escapes text for one page, linking the first use of every glossary term.

    Forms match whole words, case-insensitively, longest first ("isolated limb
    perfusion" before "perfusion"); ``href`` maps a term key to the link target.
    """

    def __init__(self, terms: Iterable[GlossaryTerm], href: Callable[[str], str]) -> None:
        self._href = href
        self._by_form: dict[str, GlossaryTerm] = {}
        for term in terms:
            for form in (term.name, *term.aliases):
                self._by_form.setdefault(form.casefold(), term)
        forms = sorted(self._by_form, key=lambda f: (-len(f), f))
        alternatives = "|".join(re.escape(f) for f in forms)
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        self._used: dict[str, GlossaryTerm] = {}

    @property
    def used(self) -> tuple[GlossaryTerm, ...]:
        """The terms linked so far, in first-use order."""
        return tuple(self._used.values())

    def html(self, text: str) -> str:
        """``text`` escaped, with the page's first use of each term linked."""
        if not self._by_form:
            return esc(text)
        out: list[str] = []
        last = 0
        for match in self._pattern.finditer(text):
            term = self._by_form[match.group(0).casefold()]
            if term.key in self._used:
                continue
            self._used[term.key] = term
            out.append(esc(text[last : match.start()]))
            out.append(
                f'<a class="term" href="{esc(self._href(term.key))}">{esc(match.group(0))}</a>'
            )
            last = match.end()
        out.append(esc(text[last:]))
        return "".join(out)


def glossary_html(terms: Sequence[GlossaryTerm]) -> str:
    """A definition list of ``terms``, each entry with its anchor id."""
    if not terms:
        return ""
    items = [
        f'<dt id="{esc(term_anchor(t.key))}">{esc(t.name)}</dt><dd>{esc(t.text)}</dd>'
        for t in terms
    ]
    return '<dl class="glossary">\n' + "\n".join(items) + "\n</dl>"
