"""build_site() and the ``handout`` and ``site`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sarcoma_local as sl
from sarcoma_local._cli.main import main
from sarcoma_local._pages.website import MARKER, build_site, render_site


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _pages(root: Path) -> dict[str, bytes]:
    return {path: data for path, data in _tree(root).items() if path != MARKER}


def test_build_site_returns_every_page_it_wrote(tmp_path: Path) -> None:
    written = build_site(tmp_path / "out")
    assert sorted(written) == sorted((tmp_path / "out").rglob("*.html"))
    assert set(_tree(tmp_path / "out")) == {
        p.relative_to(tmp_path / "out").as_posix() for p in written
    } | {MARKER}


def test_building_twice_gives_identical_files(tmp_path: Path) -> None:
    build_site(tmp_path / "a")
    build_site(tmp_path / "b")
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_build_site_writes_into_an_existing_empty_folder(tmp_path: Path) -> None:
    build_site(tmp_path)
    assert (tmp_path / "index.html").is_file()


def test_rebuilding_into_its_own_folder_needs_no_force(tmp_path: Path) -> None:
    build_site(tmp_path / "www")
    first = _tree(tmp_path / "www")
    build_site(tmp_path / "www")
    assert _tree(tmp_path / "www") == first


def test_build_site_marks_its_folder(tmp_path: Path) -> None:
    build_site(tmp_path / "www")
    assert "build_site" in (tmp_path / "www" / MARKER).read_text(encoding="utf-8")


def test_build_site_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("my own page\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"not empty.*force=True"):
        build_site(tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "my own page\n"
    assert not (tmp_path / MARKER).exists()


def test_build_site_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "liver").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError, match="is a file"):
        build_site(tmp_path / "liver")


@pytest.mark.parametrize("outdir", ["", "  "])
def test_build_site_refuses_an_empty_path(outdir: str) -> None:
    with pytest.raises(ValueError, match="empty path"):
        build_site(outdir)


def test_force_writes_into_a_folder_it_did_not_make_and_leaves_other_files_alone(
    tmp_path: Path,
) -> None:
    (tmp_path / "CNAME").write_text("example.org\n", encoding="utf-8")
    build_site(tmp_path, force=True)
    assert (tmp_path / "CNAME").read_text(encoding="utf-8") == "example.org\n"
    assert (tmp_path / "index.html").is_file()


def test_render_site_writes_nothing_and_matches_the_pages(tmp_path: Path) -> None:
    pages = render_site()
    build_site(tmp_path)
    assert {k: v.encode() for k, v in pages.items()} == _pages(tmp_path)


def test_pages_use_unix_newlines_and_utf8(tmp_path: Path) -> None:
    for path in build_site(tmp_path):
        data = path.read_bytes()
        assert b"\r\n" not in data
        data.decode("utf-8")


def test_handout_command_prints_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["handout", "liver", "--technique", "cryo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Liver: Cryoablation (cryosurgery)\n")
    assert f"Data version {sl.DATA_VERSION}" in out


def test_handout_command_writes_html_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "liver.html"
    assert main(["handout", "liver", "--format", "html", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_handout_command_json_wraps_the_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["handout", "brain", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["disclaimer"] == sl.DISCLAIMER
    assert data["result"]["format"] == "markdown"
    assert data["result"]["content"].startswith("# Brain")


def test_handout_command_unknown_pair_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["handout", "lung", "--technique", "hipec"]) == 1
    assert "no option for hipec at lung" in capsys.readouterr().err


def test_handout_command_unwritable_file_exits_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="cannot write"):
        main(["handout", "liver", "-o", str(tmp_path / "missing" / "x.md")])


def test_site_command_builds_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["site", str(tmp_path / "www")]) == 0
    assert "pages to" in capsys.readouterr().out
    assert (tmp_path / "www" / "index.html").is_file()
    assert (tmp_path / "www" / "sites" / "liver.html").is_file()


def test_site_command_json_lists_relative_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["site", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "index.html" in data["result"]["files"]
    assert data["data_version"] == sl.DATA_VERSION
