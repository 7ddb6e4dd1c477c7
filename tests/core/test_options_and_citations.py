"""Options (site x technique) and citations: filters, getters, finders, identifiers."""

from __future__ import annotations

import pytest

import sarcoma_local as sl


def test_options_at_liver_start_with_resection_as_standard() -> None:
    first = sl.options("liver")[0]
    assert (first.technique, first.role) == ("resection", sl.Role.STANDARD)


def test_options_accept_aliases_for_site_and_technique() -> None:
    assert sl.options("hepatic", technique="RFA") == sl.options("liver", technique="rfa")


def test_options_by_technique_span_sites() -> None:
    sites = {o.site for o in sl.options(technique="resection")}
    assert {"liver", "lung", "limb"} <= sites


def test_options_role_filter() -> None:
    staging = sl.options(role="staging")
    assert staging
    assert all(o.role is sl.Role.STAGING for o in staging)


def test_option_getter_returns_the_pair() -> None:
    option = sl.option("lung", "SBRT")
    assert (option.site, option.technique) == ("lung", "stereotactic-body-radiotherapy")


def test_option_for_unpaired_site_and_technique_raises() -> None:
    with pytest.raises(sl.UnknownOptionError) as info:
        sl.option("brain", "chemoembolisation")
    assert "no option for chemoembolisation at brain" in str(info.value)


def test_option_citation_keys_follow_statement_order_without_repeats() -> None:
    option = sl.option("lung", "resection")
    keys = option.citation_keys
    assert len(keys) == len(set(keys))
    assert keys[0] == option.statements[0].citations[0]


def test_citations_for_site_and_technique() -> None:
    found = sl.citations(site="lung", technique="stereotactic-body-radiotherapy")
    assert {"baumann-2016-65", "dhakal-2012-940"} <= {c.key for c in found}


def test_citations_without_filters_are_the_whole_catalogue() -> None:
    assert len(sl.citations()) == sl.data_info()["counts"]["citations"]


def test_citations_population_filter() -> None:
    lms_only = sl.citations(population="leiomyosarcoma")
    assert lms_only
    assert all(c.population is sl.Population.LMS for c in lms_only)


def test_citation_by_pmid_int_and_str() -> None:
    assert sl.citation(pmid=3973646) is sl.citation(pmid="3973646")
    assert sl.citation(pmid=3973646).key == "potter-1985-353"


def test_citation_by_key() -> None:
    assert sl.citation("rose-1989-935").pmid == 2914299


def test_citation_by_doi_ignores_case_and_resolver_prefix() -> None:
    c = sl.citation("gossot-2009-238")
    assert c.doi is not None
    assert sl.citation(doi="https://doi.org/" + c.doi.upper()) is c


def test_malformed_pmid_is_refused_before_lookup() -> None:
    with pytest.raises(sl.InvalidIdentifierError, match="invalid PMID"):
        sl.citation(pmid="12ab")


@pytest.mark.parametrize("bad", [0, -5, 123456789, True, "", "1e5"])
def test_bad_pmids_are_invalid(bad: object) -> None:
    with pytest.raises(sl.InvalidIdentifierError):
        sl.find_citation(pmid=bad)  # type: ignore[arg-type]


def test_unknown_pmid_raises_unknown_citation() -> None:
    with pytest.raises(sl.UnknownCitationError):
        sl.citation(pmid=1)


def test_find_citation_returns_none_for_unknown_key() -> None:
    assert sl.find_citation("nobody-2099-1") is None


def test_unknown_citation_key_suggests_close_keys() -> None:
    with pytest.raises(sl.UnknownCitationError) as info:
        sl.citation("poter-1985-353")
    assert info.value.suggestions[0] == "potter-1985-353"


def test_citation_needs_exactly_one_identifier() -> None:
    with pytest.raises(TypeError, match="exactly one"):
        sl.citation("potter-1985-353", pmid=3973646)
    with pytest.raises(TypeError, match="exactly one"):
        sl.citation()


def test_same_author_same_year_papers_stay_apart() -> None:
    liver = sl.citation("rusthoven-2009-1572")
    lung = sl.citation("rusthoven-2009-1579")
    assert liver != lung
    assert "liver" in liver.title
    assert "lung" in lung.title


def test_citation_links() -> None:
    c = sl.citation(pmid=3973646)
    assert c.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/3973646/"


def test_citation_short_label() -> None:
    assert sl.citation("potter-1985-353").short() == "Potter DA et al. J Clin Oncol 1985;3:353-66"


def test_unverified_citation_says_so() -> None:
    c = sl.citation("chudgar-2017-319")
    assert c.pmid is None
    assert "pmid-unverified" in c.flags


def test_editorial_notes_of_the_lms_compiler_are_kept() -> None:
    assert sl.citation("wigmore-1999-759").editorial_notes


def test_other_cancer_evidence_is_marked() -> None:
    c = sl.citation("wigmore-1999-759")
    assert c.population is sl.Population.OTHER_CANCER
    assert "other-cancer-evidence" in c.flags
