"""build_site(): the static web site on disk (the commands: tests/web/test_cli.py)."""

from __future__ import annotations

from pathlib import Path

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
