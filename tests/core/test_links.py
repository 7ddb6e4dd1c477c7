"""Links a patient can trust: every link the catalogue shows goes to a canonical place.

A link is shown from a citation's ``url`` and from the addresses built from its
identifiers (``pubmed_url``, ``doi_url`` and the PubMed Central page of its
``pmcid``). Each must be https, on a host in the allow-list below, and not a raw
IP address, a development, test, staging or proxy host, or a malformed host.
Mirrors and proxies may still appear as *evidence* (where an identifier was
seen); they are never links. The rule lives in ``sarcoma_local._core.links`` (the
link builder applies it too); these tests pin its behaviour on the bad examples.
"""

from __future__ import annotations

import pytest

import sarcoma_local as sl
from sarcoma_local._core.links import _BAD_HOST_PARTS, ALLOWED_HOSTS, link_problem


def _shown_links(c: sl.Citation) -> list[str]:
    links = [c.url, c.pubmed_url, c.doi_url, c.pmc_url]
    return [link for link in links if link]


# --- the rule itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://pubmed.ncbi.nlm.nih.gov/3973646/",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC3657306",
        "https://doi.org/10.1200/jco.1985.3.3.353",
        "https://www.ncbi.nlm.nih.gov/pubmed/8257219",
        "https://link.springer.com/article/10.1007/s11864-002-0069-1",
        "https://www.nccn.org/patients/guidelines/sarcoma/files/assets/basic-html/page-26.html",
    ],
)
def test_rule_accepts_canonical_links(url: str) -> None:
    assert link_problem(url) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://acnpsearch.tweb-dev.unibo.it/singlejournalindex/60975615", "'-dev'"),
        ("https://vufind-test.katalog.k.utb.cz/SummonRecord/FETCH-LOGICAL-c5278", "'test'"),
        (
            "https://proxy.weglot.com/wg_31e3b69165a930b5a27173d9b265f5a52/nl/en/"
            "pubmed.ncbi.nlm.nih.gov/15115994",
            "'proxy'",
        ),
        ("http://47.251.13.51:8081/3308055", "not https"),
        ("https://https.ncbi.nlm.nih.gov/pubmed/29923086", "malformed host"),
    ],
)
def test_rule_rejects_each_bad_link_named_in_issue_12(url: str, reason: str) -> None:
    problem = link_problem(url)
    assert problem is not None
    assert reason in problem


def test_rule_rejects_plain_http_on_an_allowed_host() -> None:
    assert link_problem("http://pubmed.ncbi.nlm.nih.gov/19101304/") == "not https"


@pytest.mark.parametrize("url", ["https://47.251.13.51/3308055", "https://[2001:db8::1]/x"])
def test_rule_rejects_raw_ip_addresses_even_over_https(url: str) -> None:
    assert link_problem(url) == "raw IP address"


@pytest.mark.parametrize(
    "host",
    [
        "searchworks.staging.jioinstitute.edu.in",
        "dev.example-journal.org",
        "journal-dev.example.org",
        "translate.goog.example.com",
    ],
)
def test_rule_rejects_dev_test_staging_proxy_and_translation_hosts(host: str) -> None:
    problem = link_problem(f"https://{host}/article/1")
    assert problem is not None
    assert problem.startswith("host contains")


@pytest.mark.parametrize(
    "url",
    [
        "https://tokyo-2-qrcode.vukou.com/22699779",
        "https://zendy.io/title/10.1002/jso.2930200113",
        "https://ouci.dntb.gov.ua/works/7PQxZqq4",
        "https://jhu.pure.elsevier.com/en/publications/x",
        "https://www.pubmed.gov/7776651/",
    ],
)
def test_rule_rejects_mirrors_aggregators_and_repositories(url: str) -> None:
    assert link_problem(url) == "host not in the allow-list"


@pytest.mark.parametrize(
    "url", ["https://pubmed..gov/1", "https://-pubmed.gov/1", "https://localhost/1"]
)
def test_rule_rejects_malformed_hosts(url: str) -> None:
    assert link_problem(url) == "malformed host"


def test_rule_rejects_an_ncbi_search_page_as_a_link() -> None:
    search = "https://www.ncbi.nlm.nih.gov/pubmed/?term=Otsuka+T+Int+J+Clin+Oncol+2001"
    assert link_problem(search) == "NCBI address that is not a PubMed or PMC record"


def test_allow_list_itself_names_no_dev_test_or_proxy_host() -> None:
    listed = sorted(h for h in ALLOWED_HOSTS if any(p in h for p in _BAD_HOST_PARTS))
    assert listed == []


# --- the catalogue ---------------------------------------------------------------------


def test_every_citation_url_passes_the_link_rule() -> None:
    bad = {c.key: (c.url, link_problem(c.url)) for c in sl.citations() if c.url}
    assert {k: v for k, v in bad.items() if v[1] is not None} == {}


def test_every_link_built_from_identifiers_passes_the_link_rule() -> None:
    bad = {
        (c.key, link): link_problem(link)
        for c in sl.citations()
        for link in _shown_links(c)
        if link != c.url
    }
    assert {k: v for k, v in bad.items() if v is not None} == {}


# --- flags on records that have no PMID to find ------------------------------------------

#: Flags marking a record that has no PMID by nature: an online guideline, a meeting abstract.
NO_PMID_BY_NATURE = frozenset({"online-guideline", "conference-abstract"})


def test_records_without_a_pmid_by_nature_are_flagged_not_in_pubmed() -> None:
    flagged = sorted(
        c.key
        for c in sl.citations()
        if NO_PMID_BY_NATURE & set(c.flags) and c.pmid is None and "not-in-pubmed" not in c.flags
    )
    assert flagged == []
