"""The glossary page of the web site: every technical word the patient texts use, with
its meaning in plain words. Pages link the first use of a word to its entry here."""

from __future__ import annotations

from sarcoma_local._pages.glossary import glossary_html
from sarcoma_local._pages.html import disclaimer_html
from sarcoma_local._pages.website.layout import GLOSSARY, Page, SiteData, frame

__all__ = ["glossary_page"]


def glossary_page(data: SiteData) -> Page:
    """``glossary.html``: the glossary, alphabetical, each entry with its anchor."""
    body = [
        "<h1>Glossary</h1>",
        disclaimer_html(),
        "<p>The words on these pages that doctors use, and what they mean in plain words. "
        "On every page, the first use of one of these words links here.</p>",
        glossary_html(data.glossary),
    ]
    return frame(
        GLOSSARY,
        "Glossary",
        f"{len(data.glossary)} medical words used on these pages, explained in plain words: "
        "metastasis, ablation, embolisation, margin, SBRT and more.",
        body,
    )
