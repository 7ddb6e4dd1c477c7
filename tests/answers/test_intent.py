"""Question understanding: everyday words, misspellings and topics become catalogue keys."""

from __future__ import annotations

import pytest

import sarcoma_local as sl


def sites(question: str) -> set[str]:
    return set(sl.understand(question).site_keys)


def first_technique(question: str) -> str:
    return sl.understand(question).technique_keys[0]


@pytest.mark.parametrize(
    ("question", "site"),
    [
        ("3 spots on his liver", "liver"),
        ("nodules in both lungs", "lung"),
        ("something on the chest CT", "lung"),
        ("mets in her spine", "bone"),
        ("a lump came back in the thigh", "limb"),
        ("tumours in the belly lining", "peritoneum"),
        ("spread to the lymph glands", "lymph-nodes"),
        ("nodules under the skin", "soft-tissue"),
    ],
)
def test_body_part_words_name_the_site(question: str, site: str) -> None:
    assert site in sites(question)


def test_chest_wall_is_soft_tissue_not_lung() -> None:
    assert sites("a metastasis in the chest wall") == {"soft-tissue"}


@pytest.mark.parametrize(
    ("question", "technique"),
    [
        ("can they burn them?", "radiofrequency-ablation"),
        ("could they freeze it", "cryoablation"),
        ("is cyberknife an option", "stereotactic-body-radiotherapy"),
        ("cyber knife for the lung", "stereotactic-body-radiotherapy"),
        ("gamma knife", "stereotactic-radiosurgery"),
        ("what about Y-90", "radioembolisation"),
        ("is TACE possible", "chemoembolisation"),
        ("is HIPEC worth it", "hipec"),
        ("keyhole surgery", "minimally-invasive-resection"),
        ("can they cut it out", "resection"),
        ("heated chemo in the abdomen", "hipec"),
    ],
)
def test_everyday_and_brand_words_name_the_technique(question: str, technique: str) -> None:
    assert first_technique(question) == technique


def test_radiation_names_the_whole_radiotherapy_family() -> None:
    named = set(sl.understand("radiation for the bone mets").technique_keys)
    assert {"stereotactic-body-radiotherapy", "conventional-radiotherapy"} <= named


def test_the_full_name_of_a_radiotherapy_outweighs_the_family_inside_it() -> None:
    # "radiation therapy" alone names the family; inside "stereotactic body radiation
    # therapy" it is part of the longer, more specific name.
    intent = sl.understand("could stereotactic body radiation therapy replace surgery")
    assert intent.technique_keys[0] == "stereotactic-body-radiotherapy"
    assert "conventional-radiotherapy" not in intent.technique_keys


def test_a_technique_named_with_a_site_names_the_site_too() -> None:
    intent = sl.understand("liver resection")
    assert intent.site_keys == ("liver",)
    assert intent.technique_keys == ("resection",)


def test_both_liver_and_lung_also_name_the_combined_site() -> None:
    assert "liver-and-lung" in sites("spots on the liver and the lungs")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("livr", "liver"),
        ("livver", "liver"),
        ("lunngs", "lung"),
        ("sterotactic", "stereotactic"),
        ("radiofrequncy", "radiofrequency"),
    ],
)
def test_misspelt_domain_words_are_corrected(typed: str, meant: str) -> None:
    assert (typed, meant) in sl.understand(f"{typed} metastases").corrections


@pytest.mark.parametrize(
    "question", ["how long will he live", "she lived longer", "done", "what kind of lever"]
)
def test_ordinary_words_are_never_corrected_into_sites(question: str) -> None:
    intent = sl.understand(question)
    assert intent.sites == ()
    assert intent.corrections == ()


def test_soft_tissue_sarcoma_is_a_tumour_type_not_the_soft_tissue_site() -> None:
    intent = sl.understand("metastatic soft tissue sarcoma")
    assert intent.sites == ()
    assert intent.histologies == ("soft-tissue-sarcoma",)


@pytest.mark.parametrize(
    ("question", "histology"),
    [
        ("where does LMS spread", "leiomyosarcoma"),
        ("uterine LMS in the lungs", "uterine-leiomyosarcoma"),
        ("myxoid liposarcoma pattern", "myxoid-liposarcoma"),
    ],
)
def test_tumour_types_are_read_for_the_histology_filter(question: str, histology: str) -> None:
    assert sl.understand(question).specific_histologies == (histology,)


@pytest.mark.parametrize(
    "question",
    ["where does leiomyosarcoma usually spread?", "will it come back?", "can sarcoma recur"],
)
def test_spread_and_recurrence_questions_are_recognised(question: str) -> None:
    assert sl.understand(question).spread == 1.0


def test_question_and_filler_words_are_not_content_terms() -> None:
    intent = sl.understand("What can my doctor do about the spots, please?")
    assert intent.terms == ()


def test_a_technique_to_avoid_weighs_less_than_the_one_asked_about() -> None:
    intent = sl.understand("is SBRT an alternative to metastasectomy for the lung?")
    weights = dict(intent.techniques)
    assert weights["stereotactic-body-radiotherapy"] > weights["resection"]


def test_subjects_outside_the_catalogue_are_named() -> None:
    assert sl.understand("which chemo drugs work").out_of_scope == (
        "systemic treatment (chemotherapy, drugs, hormones)",
    )


def test_understand_rejects_a_non_string() -> None:
    with pytest.raises(TypeError, match="question must be a str"):
        sl.understand(42)  # type: ignore[arg-type]


def test_chemo_inside_a_technique_name_is_not_the_uncovered_subject_chemotherapy() -> None:
    intent = sl.understand("chemo embolization for the liver")
    assert intent.technique_keys[0] == "chemoembolisation"
    assert intent.out_of_scope == ()
