"""build_site(): the static web site on disk (the commands: tests/web/test_cli.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_branding_must_be_a_branding_record(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"must be a sarcoma_local\.Branding, not dict"):
        build_site(tmp_path / "www", branding={"title": "x"})  # type: ignore[arg-type]
    assert not (tmp_path / "www").exists()
