"""Sites: listing, forgiving lookup, clear errors."""

from __future__ import annotations

import pickle

import pytest

import sarcoma_local as sl

LMS_SITES = ["liver", "lung", "liver-and-lung", "limb", "brain", "bone"]


def test_sites_start_with_the_six_sites_of_the_lms_source() -> None:
    assert [s.key for s in sl.sites()][:6] == LMS_SITES


def test_sites_order_is_stable() -> None:
    assert sl.sites() == sl.sites()


def test_the_six_lms_sites_are_marked_as_such() -> None:
    assert [s.key for s in sl.sites() if s.in_lms_source] == LMS_SITES


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("lung", "lung"),
        ("Lung", "lung"),
        ("  LUNG ", "lung"),
        ("lungs", "lung"),
        ("pulmonary", "lung"),
        ("lugn", "lung"),
        ("hepatic", "liver"),
        ("Liver&Lung", "liver-and-lung"),
        ("liver and lung", "liver-and-lung"),
        ("liver_and_lung", "liver-and-lung"),
        ("extremity", "limb"),
        ("spine", "bone"),
        ("cerebral", "brain"),
        ("brian", "brain"),
    ],
)
def test_site_resolves_keys_aliases_and_typos(text: str, key: str) -> None:
    assert sl.site(text).key == key


def test_combined_site_names_its_parts() -> None:
    combined = sl.site("liver-and-lung")
    assert combined.parts == ("liver", "lung")
    assert combined.is_combined


def test_single_site_has_no_parts() -> None:
    assert not sl.site("liver").is_combined


def test_unknown_site_raises_with_valid_keys_and_suggestion() -> None:
    with pytest.raises(sl.UnknownSiteError) as info:
        sl.site("lunx planet")
    err = info.value
    assert err.key == "lunx planet"
    assert "liver" in err.valid
    assert "Valid sites:" in str(err)


def test_unknown_site_suggests_the_closest_site() -> None:
    with pytest.raises(sl.UnknownSiteError) as info:
        sl.site("lungx xyz")
    assert info.value.suggestions[0] == "lung"


def test_unknown_site_error_is_a_lookup_error_not_a_key_error() -> None:
    with pytest.raises(LookupError) as info:
        sl.site("nowhere")
    assert not isinstance(info.value, KeyError)
    assert isinstance(info.value, sl.SarcomaLocalError)


def test_unknown_site_error_survives_pickling() -> None:
    with pytest.raises(sl.UnknownSiteError) as info:
        sl.site("nowhere")
    copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own bytes
    assert (copy.key, copy.valid, str(copy)) == (info.value.key, info.value.valid, str(info.value))


def test_ambiguous_typo_is_not_guessed() -> None:
    # "lver" is one edit from "liver" only; "l" is too short to guess at all.
    assert sl.find_site("lver") == sl.site("liver")
    assert sl.find_site("l") is None


def test_find_site_returns_none_for_unknown() -> None:
    assert sl.find_site("moon") is None


def test_find_site_returns_the_record() -> None:
    assert sl.find_site("pulmonary") == sl.site("lung")


@pytest.mark.parametrize("bad", [None, 3, b"lung", ["lung"]])
def test_site_refuses_non_strings(bad: object) -> None:
    with pytest.raises(TypeError, match="site must be a str"):
        sl.site(bad)  # type: ignore[arg-type]


def test_empty_site_name_is_unknown() -> None:
    with pytest.raises(sl.UnknownSiteError):
        sl.site("   ")


def test_records_are_frozen() -> None:
    import attrs

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        sl.site("liver").name = "x"  # type: ignore[misc]


def test_records_are_hashable() -> None:
    assert len({sl.site("liver"), sl.site("hepatic")}) == 1
