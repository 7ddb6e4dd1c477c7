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

import re

__all__ = [
    "ALLOWED_HOSTS",
    "CANONICAL_HOSTS",
    "GUIDELINE_HOSTS",
    "PUBLISHER_HOSTS",
    "doi_url",
    "is_canonical_url",
    "link_problem",
    "pmc_url",
    "pubmed_url",
    "safe_url",
]

# Characters left as they are in a link: everything a URL legitimately contains.
_SAFE_URL_CHARS = "/:;?=&#%+,.-_~!$*'()@[]"

#: NLM's own PubMed and PubMed Central, and the DOI resolver.
CANONICAL_HOSTS = frozenset(
    {
        "doi.org",
        "pubmed.ncbi.nlm.nih.gov",
        "pmc.ncbi.nlm.nih.gov",
        "www.ncbi.nlm.nih.gov",  # only its /pubmed/<PMID> and /pmc/ paths; see below
    }
)

#: Publishers' own sites (the journal's publisher, not an index or repository).
PUBLISHER_HOSTS = frozenset(
    {
        "link.springer.com",  # Springer
        "rd.springer.com",  # Springer (older article host)
        "ro-journal.biomedcentral.com",  # BioMed Central (Springer Nature): Radiat Oncol
        "wjso.biomedcentral.com",  # BioMed Central: World J Surg Oncol
        "clinicalsarcomaresearch.biomedcentral.com",  # BioMed Central: Clin Sarcoma Res
        "josr-online.biomedcentral.com",  # BioMed Central: J Orthop Surg Res
        "journals.lww.com",  # Wolters Kluwer: Ann Surg
        "ijgc.bmj.com",  # BMJ: Int J Gynecol Cancer
        "mdpi.com",  # MDPI: Cancers, Medicina
        "www.mdpi.com",  # MDPI
        "www2.mdpi.com",  # MDPI (second web host of the same publisher)
        "oncotarget.com",  # Impact Journals: Oncotarget
        "www.spandidos-publications.com",  # Spandidos: Oncol Lett
        "www.hindawi.com",  # Hindawi: Sarcoma
        "jpatholtm.org",  # J Pathol Transl Med, the journal's own site
        "www.clinicsinoncology.com",  # Clinics in Oncology, the journal's own site
        "ar.iiarjournals.org",  # International Institute of Anticancer Research: Anticancer Res
        "onlinelibrary.wiley.com",  # Wiley
        "www.sciencedirect.com",  # Elsevier
        "academic.oup.com",  # Oxford University Press
        "ascopubs.org",  # American Society of Clinical Oncology: J Clin Oncol
        "jamanetwork.com",  # American Medical Association: JAMA journals
        "journals.viamedica.pl",  # Via Medica: Oncol Clin Pract
        "dirjournal.org",  # Diagn Interv Radiol, the journal's own site
        "elsevier.es",  # Elsevier España: Cir Esp (Engl Ed)
    }
)

#: Guideline bodies' own sites.
GUIDELINE_HOSTS = frozenset(
    {
        "www.nccn.org",  # National Comprehensive Cancer Network
        "nccn.org",
        "www.esmo.org",  # European Society for Medical Oncology
        "www.nice.org.uk",  # National Institute for Health and Care Excellence
        "seom.org",  # Sociedad Espanola de Oncologia Medica
        "www.awmf.org",  # German guideline register (AWMF)
        "www.sirweb.org",  # Society of Interventional Radiology
    }
)

ALLOWED_HOSTS = CANONICAL_HOSTS | PUBLISHER_HOSTS | GUIDELINE_HOSTS

#: Words that mark a host as a development, test or staging server, or a proxy.
_BAD_HOST_PARTS = ("-dev", "dev.", "test", "staging", "proxy", "weglot", "translate")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_NCBI_PATH = re.compile(r"/(?:pubmed/[0-9]{1,8}/?|pmc/articles/PMC[0-9]+/?.*)")


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
    "host contains 'proxy'"
    """
    import ipaddress  # only when a link is checked: keeps the cold start lean
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return "malformed address"
    if parts.scheme != "https":
        return "not https"
    if not host:
        return "no host"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return "raw IP address"
    if port is not None:
        return "explicit port"
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return "malformed host"
    if labels[0] in {"http", "https"}:  # a scheme typed into the host, as in https.ncbi...
        return "malformed host"
    for part in _BAD_HOST_PARTS:
        if part in host:
            return f"host contains {part!r}"
    if host not in ALLOWED_HOSTS:
        return "host not in the allow-list"
    if host == "www.ncbi.nlm.nih.gov" and not _NCBI_PATH.fullmatch(parts.path):
        return "NCBI address that is not a PubMed or PMC record"
    return None


def is_canonical_url(url: str | None) -> bool:
    """True when ``url`` may be shown as a link (see :func:`link_problem`)."""
    return bool(url) and link_problem(url or "") is None
