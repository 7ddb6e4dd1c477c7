"""Techniques: surgery first, lookups by alias, filters."""

from __future__ import annotations

import pytest

import sarcoma_local as sl


def test_techniques_list_surgery_first() -> None:
    categories = [t.category for t in sl.techniques()]
    assert categories[0] is sl.TechniqueCategory.SURGERY
    order = list(sl.TechniqueCategory)
    assert [order.index(c) for c in categories] == sorted(order.index(c) for c in categories)


def test_techniques_at_a_site_start_with_resection() -> None:
    for site in ("liver", "lung", "limb"):
        assert sl.techniques(site=site)[0].key == "resection"


def test_techniques_at_a_site_are_those_with_options_there() -> None:
    at_liver = {t.key for t in sl.techniques(site="liver")}
    assert at_liver == {o.technique for o in sl.options("liver")}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("RFA", "radiofrequency-ablation"),
        ("radiofrequncy ablation", "radiofrequency-ablation"),
        ("cryosurgery", "cryoablation"),
        ("SBRT", "stereotactic-body-radiotherapy"),
        ("VATS", "minimally-invasive-resection"),
        ("TACE", "chemoembolisation"),
        ("Y-90", "radioembolisation"),
        ("ILP", "isolated-limb-perfusion"),
        ("metastasectomy", "resection"),
    ],
)
def test_technique_resolves_aliases(text: str, key: str) -> None:
    assert sl.technique(text).key == key


def test_technique_category_filter() -> None:
    ablations = sl.techniques(category="ablation")
    assert ablations
    assert all(t.category is sl.TechniqueCategory.ABLATION for t in ablations)


def test_unknown_category_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown category 'magic'"):
        sl.techniques(category="magic")


def test_unknown_technique_raises_with_suggestions() -> None:
    with pytest.raises(sl.UnknownTechniqueError) as info:
        sl.technique("cryoablaton therapy")
    assert "cryoablation" in info.value.suggestions


def test_find_technique_returns_none_for_unknown() -> None:
    assert sl.find_technique("homeopathy") is None


def test_every_technique_has_a_plain_language_summary() -> None:
    for t in sl.techniques():
        assert len(t.summary.split()) >= 15, t.key


def test_techniques_named_by_the_lms_source_are_present() -> None:
    named = {t.key for t in sl.techniques() if sl.Source.LMS_SITE in t.named_in}
    assert {
        "resection",
        "cryoablation",
        "radiofrequency-ablation",
        "bland-embolisation",
        "chemoembolisation",
        "radioembolisation",
        "isolated-limb-perfusion",
        "isolated-hepatic-perfusion",
        "isolated-lung-perfusion",
        "regional-hyperthermia",
    } <= named
