"""The ``handout`` and ``build-site`` commands (and the deprecated ``site`` alias)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import sarcoma_local as sl
from sarcoma_local._cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_handout_command_prints_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "handout", "liver", "--technique", "cryo")
    assert code == 0
    assert out.startswith("# Liver: Cryoablation (cryosurgery)\n")
    assert f"Data version {sl.DATA_VERSION}" in out


def test_handout_command_writes_html_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "liver.html"
    code, out, _ = run(capsys, "handout", "liver", "--format", "html", "-o", str(target))
    assert (code, out) == (0, f"wrote {target}\n")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_handout_command_json_wraps_the_content(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "handout", "brain", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["disclaimer"] == sl.DISCLAIMER
    assert data["result"]["format"] == "markdown"
    assert data["result"]["content"].startswith("# Brain")


def test_handout_command_unknown_pair_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "handout", "lung", "--technique", "hipec")
    assert code == 1
    assert "no option for hipec at lung" in err


def test_handout_into_a_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "handout", "liver", "-o", str(tmp_path / "missing" / "x.md"))
    assert code == 2
    assert "cannot write" in err


def test_build_site_builds_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "build-site", str(tmp_path / "www"))
    assert code == 0
    assert "pages to" in out
    assert (tmp_path / "www" / "sites" / "liver.html").is_file()


def test_build_site_json_lists_relative_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "build-site", str(tmp_path), "--json")
    data = json.loads(out)
    assert code == 0
    assert "index.html" in data["result"]["files"]
    assert data["data_version"] == sl.DATA_VERSION


def test_build_site_refuses_an_empty_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "build-site", "")
    assert (code, out) == (2, "")
    assert "not an empty path" in err


def test_build_site_refuses_a_folder_it_did_not_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "index.html").write_text("my own page", encoding="utf-8")
    code, _, err = run(capsys, "build-site", str(tmp_path))
    assert code == 2
    assert "--force" in err
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "my own page"


def test_build_site_force_writes_into_a_foreign_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert run(capsys, "build-site", str(tmp_path), "--force")[0] == 0
    assert (tmp_path / "index.html").is_file()


def test_build_site_rebuilds_its_own_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "build-site", str(tmp_path))
    assert run(capsys, "build-site", str(tmp_path))[0] == 0


def test_build_site_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "build-site", str(target))
    assert code == 2
    assert "not a folder" in err


def test_site_alias_still_builds_with_a_deprecation_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "site", str(tmp_path / "www"))
    assert code == 0
    assert "'site' is deprecated; use 'build-site OUTDIR'" in err


def test_site_alias_refuses_a_metastatic_site_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "site", "liver")
    assert code == 2
    assert "sarcoma-local show liver" in err
    assert not (tmp_path / "liver").exists()


def test_site_alias_is_not_listed_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "build-site" in out
    assert "deprecated" not in out


def test_build_site_title_names_every_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "build-site", str(tmp_path), "--title", "Clinic Board")
    assert code == 0
    assert "| Clinic Board</title>" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_build_site_logo_is_embedded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"></svg>', encoding="utf-8")
    code, _, _ = run(capsys, "build-site", str(tmp_path / "www"), "--logo", str(logo))
    assert code == 0
    page = (tmp_path / "www" / "index.html").read_text(encoding="utf-8")
    assert '<img src="data:image/svg+xml;base64,' in page


def test_build_site_base_url_adds_canonical_links_and_a_sitemap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "build-site", str(tmp_path), "--base-url", "https://example.org")
    assert code == 0
    assert "robots.txt, sitemap.xml to" in out
    page = (tmp_path / "recurrence.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/recurrence.html">' in page
    assert "https://example.org/index.html" in (tmp_path / "sitemap.xml").read_text("utf-8")


def test_build_site_footer_is_added_above_the_disclaimer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "build-site", str(tmp_path), "--footer", "Tumour board <Mondays>")
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert code == 0
    assert "<p>Tumour board &lt;Mondays&gt;</p>" in page
    assert page.index("Tumour board") < page.rindex(sl.DISCLAIMER)


def test_build_site_lang_sets_the_page_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "build-site", str(tmp_path), "--lang", "en-GB")
    assert code == 0
    assert '<html lang="en-GB">' in (tmp_path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--base-url", "example.org", "invalid branding option base_url 'example.org'"),
        ("--lang", "en_GB", "BCP 47"),
        ("--title", "", "must not be empty"),
        ("--logo", "missing.png", "cannot read it"),
        ("--logo", "logo.gif", "expected a .png, .svg, .jpg, .jpeg file"),
    ],
)
def test_build_site_refuses_a_bad_branding_value_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    code, out, err = run(capsys, "build-site", str(tmp_path / "www"), option, value)
    assert (code, out) == (2, "")
    assert message in err
    assert not (tmp_path / "www").exists()


def test_build_site_bad_branding_json_names_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "build-site", str(tmp_path), "--lang", "??", "--json")
    assert code == 2
    assert json.loads(out)["error"]["type"] == "invalid_arguments"


def test_build_site_no_charts_leaves_the_charts_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "build-site", str(tmp_path), "--no-charts")[0] == 0
    assert '<figure id="chart-' not in (tmp_path / "recurrence.html").read_text(encoding="utf-8")


def test_build_site_charts_without_the_extra_names_the_install_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "vl_convert", None)  # as if the extra were missing
    code, _, err = run(capsys, "build-site", str(tmp_path), "--charts")
    assert code == 2
    assert "pip install 'sarcoma-local[charts]'" in err
