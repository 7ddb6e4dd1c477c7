"""build_site() and the ``handout`` and ``site`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sarcoma_local as sl
from sarcoma_local._cli.main import main
from sarcoma_local._pages.website import build_site, render_site


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_build_site_returns_every_file_it_wrote(tmp_path: Path) -> None:
    written = build_site(tmp_path / "out")
    assert sorted(written) == sorted(p for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert all(p.suffix == ".html" for p in written)


def test_building_twice_gives_identical_files(tmp_path: Path) -> None:
    build_site(tmp_path / "a")
    build_site(tmp_path / "b")
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_build_site_leaves_other_files_alone(tmp_path: Path) -> None:
    (tmp_path / "CNAME").write_text("example.org\n", encoding="utf-8")
    build_site(tmp_path)
    assert (tmp_path / "CNAME").read_text(encoding="utf-8") == "example.org\n"


def test_render_site_writes_nothing_and_matches_the_files(tmp_path: Path) -> None:
    pages = render_site()
    build_site(tmp_path)
    assert {k: v.encode() for k, v in pages.items()} == _tree(tmp_path)


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
