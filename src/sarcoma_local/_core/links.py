"""The one place that builds an article's web addresses, and the rule for links we show.

Every surface (text, handouts, the web site, chat tools, exports) links to the same
canonical places: PubMed and PubMed Central on NLM's domains, doi.org, or a publisher's
or guideline body's own page. A page seen on a mirror, proxy or test host may be kept as
*evidence* in the data but is never shown as a link (:func:`is_canonical_url`).

>>> pubmed_url(3973646)
'https://pubmed.ncbi.nlm.nih.gov/3973646/'
>>> doi_url("10.1200/JCO.1985.3.3.353")
'https://doi.org/10.1200/JCO.1985.3.3.353'
>>> is_canonical_url("http://47.251.13.51:8081/pubmed/123")
False
"""

from __future__ import annotations

__all__ = [
    "CANONICAL_HOSTS",
    "doi_url",
    "is_canonical_url",
    "link_problem",
    "pmc_url",
    "pubmed_url",
    "safe_url",
]

# Characters left as they are in a link: everything a URL legitimately contains.
_SAFE_URL_CHARS = "/:;?=&#%+,.-_~!$*'()@[]"

#: Hosts (and their subdomains) a shown link may point to: NLM, doi.org, and the
#: publishers and guideline bodies whose own pages the catalogue cites.
CANONICAL_HOSTS: frozenset[str] = frozenset(
    {
        # identifiers
        "pubmed.ncbi.nlm.nih.gov",
        "pmc.ncbi.nlm.nih.gov",
        "www.ncbi.nlm.nih.gov",
        "doi.org",
        # guideline bodies
        "nccn.org",
        "esmo.org",
        "nice.org.uk",
        "seom.org",
        "awmf.org",
        "sirweb.org",
        "cancer.gov",
        # publishers
        "acsjournals.onlinelibrary.wiley.com",
        "onlinelibrary.wiley.com",
        "link.springer.com",
        "springer.com",
        "springermedizin.de",
        "sciencedirect.com",
        "elsevier.com",
        "thelancet.com",
        "nature.com",
        "ascopubs.org",
        "jamanetwork.com",
        "bmj.com",
        "biomedcentral.com",
        "mdpi.com",
        "frontiersin.org",
        "karger.com",
        "thieme-connect.com",
        "thieme-connect.de",
        "tandfonline.com",
        "journals.sagepub.com",
        "academic.oup.com",
        "cambridge.org",
        "journals.lww.com",
        "ar.iiarjournals.org",
        "iiarjournals.org",
        "jvir.org",
        "redjournal.org",
        "thegreenjournal.com",
        "practicalradonc.org",
        "annalsofoncology.org",
        "esmoopen.com",
        "ejso.com",
        "jto.org",
        "jtd.amegroups.com",
        "amegroups.org",
        "amegroups.com",
        "wjso.biomedcentral.com",
        "e-century.us",
        "spandidos-publications.com",
        "cureus.com",
        "hindawi.com",
        "dovepress.com",
        "cochranelibrary.com",
        "jnccn.org",
        "wjgnet.com",
        "f6publishing.com",
        "kjco.org",
        "ahajournals.org",
        "annalsthoracicsurgery.org",
        "jtcvs.org",
        "aats.org",
        "jacr.org",
        "ajronline.org",
        "pubs.rsna.org",
        "thejns.org",
        "journals.plos.org",
        "oncotarget.com",
        "aacrjournals.org",
        "asco.org",
    }
)

# Words in a host name that mark a copy, a proxy or an unfinished deployment.
_SUSPECT_HOST_WORDS = ("-dev", "dev.", "test", "staging", "proxy", "weglot", "translate", "mirror")


def safe_url(url: str) -> str:
    """``url`` with spaces, quotes, angle brackets and non-ASCII percent-encoded."""
    from urllib.parse import quote  # only when a link is built: keeps the cold start lean

    return quote(url, safe=_SAFE_URL_CHARS)


def pubmed_url(pmid: int) -> str:
    """The article's PubMed record."""
    return f"https://pubmed.ncbi.nlm.nih.gov/{int(pmid)}/"


def pmc_url(pmcid: str) -> str:
    """The article's full text in PubMed Central."""
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{safe_url(pmcid)}/"


def doi_url(doi: str) -> str:
    """The doi.org resolver address, in the DOI's own case (DOIs compare case-insensitively)."""
    return f"https://doi.org/{safe_url(doi)}"


def link_problem(url: str) -> str | None:
    """Why ``url`` may not be shown as a link, or ``None`` when it may.

    >>> link_problem("https://pubmed.ncbi.nlm.nih.gov/3973646/") is None
    True
    >>> link_problem("https://proxy.weglot.com/x/pubmed/1")
    "host 'proxy.weglot.com' looks like a mirror, proxy or test host"
    """
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return "not a well-formed address"
    if parts.scheme != "https":
        return "not an https address"
    if not host or "." not in host:
        return "no host name"
    if host.replace(".", "").isdigit() or ":" in host:
        return f"host {host!r} is a raw IP address"
    if parts.port is not None:
        return f"host {host!r} names a port"
    if any(word in host for word in _SUSPECT_HOST_WORDS):
        return f"host {host!r} looks like a mirror, proxy or test host"
    if not any(host == h or host.endswith("." + h) for h in CANONICAL_HOSTS):
        return (
            f"host {host!r} is not a canonical place (NLM, doi.org, a publisher, a guideline body)"
        )
    return None


def is_canonical_url(url: str | None) -> bool:
    """True when ``url`` may be shown as a link (see :func:`link_problem`)."""
    return bool(url) and link_problem(url or "") is None
