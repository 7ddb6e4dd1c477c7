"""Branding: a clinic publishes the site under its own title, logo, footer and language."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

import sarcoma_local as sl
from sarcoma_local._pages.branding import LOGO_MAX_BYTES
from sarcoma_local._pages.website import render_site

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n'
HOSTILE = "<b>Sarcoma board</b> & \"friends\" <script>alert('x')</script>"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _title(html: str) -> str:
    match = re.search(r"<title>(.*)</title>", html)
    assert match
    return match.group(1)


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, str]:
    logo = _write(tmp_path_factory.mktemp("logo"), "logo.png", PNG)
    branding = sl.Branding(
        title="Clinic Sarcoma Board", logo=logo, footer=HOSTILE, language="de-CH"
    )
    return render_site(branding=branding)


def test_branding_is_public() -> None:
    assert sl.Branding().title == "sarcoma_local"
    assert "Branding" in sl.__all__


def test_page_titles_end_with_the_site_title(branded: Mapping[str, str]) -> None:
    for path, html in branded.items():
        assert _title(html).endswith(" | Clinic Sarcoma Board"), path


def test_default_page_titles_end_with_sarcoma_local() -> None:
    assert _title(render_site()["index.html"]).endswith(" | sarcoma_local")


def test_the_logo_is_embedded_as_a_data_uri_with_the_title_as_alt_text(
    branded: Mapping[str, str],
) -> None:
    expected = f'<img src="data:image/png;base64,{base64.b64encode(PNG).decode()}" '
    for path, html in branded.items():
        assert f'{expected}alt="Clinic Sarcoma Board">' in html, path


def test_every_image_is_a_data_uri(branded: Mapping[str, str]) -> None:
    for path, html in branded.items():
        sources = re.findall(r'<img src="([^"]*)"', html)
        assert sources, path
        assert all(s.startswith("data:image/") for s in sources), path


def test_the_footer_text_is_escaped_and_keeps_version_and_disclaimer(
    branded: Mapping[str, str],
) -> None:
    for path, html in branded.items():
        footer = html[html.index("<footer>") :]
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in footer, path
        assert "<script>alert" not in html, path
        assert f"Data version {sl.DATA_VERSION}" in footer, path
        assert sl.DISCLAIMER in footer, path


def test_the_language_tag_is_set_on_the_page_and_in_json_ld(branded: Mapping[str, str]) -> None:
    for path, html in branded.items():
        assert '<html lang="de-CH">' in html, path
        script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
        assert script
        assert json.loads(script.group(1))["inLanguage"] == "de-CH", path


def test_the_title_heads_every_page_without_a_logo() -> None:
    html = render_site(branding=sl.Branding(title="Board & Co"))["index.html"]
    assert '<p class="brand"><a href="index.html">Board &amp; Co</a></p>' in html


def test_an_svg_logo_is_embedded(tmp_path: Path) -> None:
    branding = sl.Branding(logo=_write(tmp_path, "logo.svg", SVG))
    assert branding.logo_uri == "data:image/svg+xml;base64," + base64.b64encode(SVG).decode()


def test_a_jpeg_logo_is_embedded(tmp_path: Path) -> None:
    branding = sl.Branding(logo=_write(tmp_path, "logo.JPG", b"\xff\xd8\xff\xe0" + b"\0" * 8))
    assert (branding.logo_uri or "").startswith("data:image/jpeg;base64,")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("logo.gif", b"GIF89a", "expected a .png, .svg, .jpg, .jpeg file"),
        ("logo.png", b"<html>not a picture</html>", "not a PNG image"),
        ("logo.svg", b"<html><script>x</script></html>", "not an SVG image"),
        ("logo.png", PNG + b"\0" * LOGO_MAX_BYTES, "the limit is 204800"),
    ],
)
def test_a_logo_of_another_type_or_too_large_is_refused(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(sl.InvalidBrandingError, match=re.escape(reason)):
        sl.Branding(logo=_write(tmp_path, name, data))


def test_a_missing_logo_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(sl.InvalidBrandingError, match="cannot read it"):
        sl.Branding(logo=tmp_path / "missing.png")


@pytest.mark.parametrize("tag", ["en", "en-GB", "de-CH", "zh-Hant-TW", "es-419", "fil"])
def test_well_formed_language_tags_are_accepted(tag: str) -> None:
    assert sl.Branding(language=tag).language == tag


@pytest.mark.parametrize("tag", ["", "e", "en_GB", "english!", "en-", "en GB", '"><x'])
def test_malformed_language_tags_are_refused(tag: str) -> None:
    with pytest.raises(sl.InvalidBrandingError, match="BCP 47"):
        sl.Branding(language=tag)


@pytest.mark.parametrize(
    ("title", "reason"),
    [("", "must not be empty"), ("two\nlines", "one line"), ("x" * 81, "longer than 80")],
)
def test_an_unusable_title_is_refused(title: str, reason: str) -> None:
    with pytest.raises(sl.InvalidBrandingError, match=reason):
        sl.Branding(title=title)


def test_a_footer_longer_than_a_paragraph_is_refused() -> None:
    with pytest.raises(sl.InvalidBrandingError, match="footer"):
        sl.Branding(footer="x" * 1001)


def test_branding_errors_are_value_errors_and_pickle() -> None:
    import pickle

    with pytest.raises(ValueError, match="language") as info:
        sl.Branding(language="??")
    copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own bytes
    assert (type(copy), str(copy)) == (sl.InvalidBrandingError, str(info.value))
