"""A static web site generated from the catalogue: sites, techniques, recurrence tables.

Pages (all relative links, no scripts, inline CSS, each with the data version and
the disclaimer in its footer)::

    index.html                  the sites, with links to everything else
    sites/<site>.html           a site's options, cited statements and references
    techniques/index.html       techniques by category
    techniques/<technique>.html where a technique is used, with its evidence
    recurrence.html             every recurrence table (with a bar chart) and pattern rule
    glossary.html               the technical words the patient texts use, explained
    sitemap.xml, robots.txt     only with a base URL (``Branding(base_url=...)``)

The home page has a body map linking each metastatic site to its page. Each page
carries schema.org JSON-LD (a ``MedicalWebPage`` citing every article in its
reference list) and, with a base URL, its canonical address; ``branding`` names the
site (:class:`~sarcoma_local.Branding`).

The output depends only on the data and the code versions (no dates, stable
order), so building twice gives byte-identical files. Each kind of page has its own
module, built from the components of :mod:`sarcoma_local._pages.html`: ``index_pages``
(the home page and the techniques), ``option_pages`` (a site's or a technique's
options), ``recurrence_page``, ``glossary_page``; ``layout`` holds the shared frame,
paths and records; ``metadata`` the JSON-LD, canonical links and sitemap.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from sarcoma_local._pages.branding import Branding
from sarcoma_local._pages.charts import prefetch, use_charts
from sarcoma_local._pages.website.glossary_page import glossary_page
from sarcoma_local._pages.website.index_pages import home_page, techniques_page
from sarcoma_local._pages.website.layout import SiteData, framed
from sarcoma_local._pages.website.metadata import extra_files, head_html, last_reviewed
from sarcoma_local._pages.website.option_charts import option_chart_specs
from sarcoma_local._pages.website.option_pages import site_options_page, technique_options_page
from sarcoma_local._pages.website.recurrence_page import recurrence_chart_spec, recurrence_page

__all__ = ["MARKER", "build_site", "render_site"]

#: Written into the output folder, so a later build recognises its own folder.
MARKER = ".sarcoma-local-site"
_MARKER_TEXT = (
    "This folder holds a web site written by sarcoma_local's build_site().\n"
    "Building again into this folder replaces its pages; other files stay.\n"
)


_DEFAULT_BRANDING = Branding()


def render_site(
    *, branding: Branding = _DEFAULT_BRANDING, charts: bool | None = None
) -> Mapping[str, str]:
    """Every file of the site as ``{relative path: text}``, without writing anything.

    With ``branding.base_url`` the files include ``sitemap.xml`` and ``robots.txt``.
    ``charts``: None draws the charts when vl-convert-python is installed, True
    insists (:class:`ImportError` naming ``pip install 'sarcoma-local[charts]'``
    without it), False leaves them out; the tables hold every number either way.
    """
    if not isinstance(branding, Branding):
        raise TypeError(
            f"branding must be a sarcoma_local.Branding, not {type(branding).__name__}; "
            "e.g. Branding(title='Sarcoma Centre', base_url='https://example.org/')"
        )
    data = SiteData.load(charts=use_charts(charts))
    if data.charts:
        specs = [recurrence_chart_spec(t) for t in data.tables]
        specs += [s for o in data.options for s in option_chart_specs(o, data.labels)]
        prefetch(s for s in specs if s is not None)
    pages = [home_page(data)]
    pages += [site_options_page(data, s) for s in data.sites]
    pages.append(techniques_page(data))
    pages += [technique_options_page(data, t) for t in data.techniques]
    pages.append(recurrence_page(data))
    pages.append(glossary_page(data))
    reviewed = last_reviewed(data)
    files = {
        p.path: framed(p, branding, head_html(data, p, branding, reviewed.get(p.path)))
        for p in pages
    }
    files.update(extra_files({p.path: reviewed.get(p.path) for p in pages}, branding))
    return files


def _check_outdir(outdir: str | os.PathLike[str], force: bool) -> Path:
    """The output folder, after refusing an empty path and a folder that is not ours."""
    if not str(os.fspath(outdir)).strip():
        raise ValueError(
            "build_site needs a folder to write into, not an empty path; "
            "give a new folder such as 'site/'"
        )
    root = Path(outdir)
    if root.exists() and not root.is_dir():
        raise FileExistsError(f"cannot build the site into {root}: it is a file, not a folder")
    if force or not root.exists() or (root / MARKER).is_file():
        return root
    if next(root.iterdir(), None) is not None:
        raise FileExistsError(
            f"refusing to build the site into {root}: the folder is not empty and was not "
            "made by build_site; choose a new or empty folder, or pass force=True "
            "(--force on the command line) to add the pages to it"
        )
    return root


def build_site(
    outdir: str | os.PathLike[str],
    *,
    force: bool = False,
    branding: Branding = _DEFAULT_BRANDING,
    charts: bool | None = None,
) -> list[Path]:
    """Write the static site into ``outdir`` (created if missing); returns the files written.

    ``branding`` (:class:`~sarcoma_local.Branding`) sets the site's title, logo, footer
    text, language and base URL. Without a base URL (the default) the pages name no
    canonical address and no ``sitemap.xml`` or ``robots.txt`` is written; with one, both
    are (a sitemap from an earlier build with a base URL is left as it is).

    ``outdir`` must be new, empty, or a folder this function wrote before (it leaves a
    small ``.sarcoma-local-site`` marker file there); any other folder with files in it
    raises :class:`FileExistsError` unless ``force`` is true, and an empty path raises
    :class:`ValueError`. Pages of the same names are replaced; other files are left
    alone. Every link is relative, so the folder can be served from any path or opened
    from disk. See the module docstring for the pages. ``charts`` as in
    :func:`render_site`: the bar charts need the optional ``charts`` extra
    (``pip install 'sarcoma-local[charts]'``); without it the site is built without them.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in build_site(tmp)][:2]
    ['glossary.html', 'index.html']
    """
    # First: a bad argument writes nothing.
    pages = render_site(branding=branding, charts=charts)
    root = _check_outdir(outdir, force)
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text(_MARKER_TEXT, encoding="utf-8", newline="\n")
    written: list[Path] = []
    for rel, text in sorted(pages.items()):
        path = root.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
