"""Lazy loading: thread safety, preload, resource reading, zip imports, bad data."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import threading
import zipfile

import pytest

import sarcoma_local as sl
from sarcoma_local._core import resources as _resources
from sarcoma_local._data import loader as _loader


@pytest.fixture
def fresh() -> object:
    _loader._reset()
    yield
    _loader._reset()


def test_first_use_from_many_threads_builds_one_catalogue(fresh: object) -> None:
    barrier = threading.Barrier(16)
    seen: list[object] = []

    def worker() -> None:
        barrier.wait()
        seen.append(_loader.get_catalogue())
        seen.append(sl.site("liver"))

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    catalogues = {id(x) for x in seen if isinstance(x, _loader.Catalogue)}
    assert len(catalogues) == 1
    assert len({id(x) for x in seen if isinstance(x, sl.Site)}) == 1


def test_concurrent_first_searches_agree(fresh: object) -> None:
    barrier = threading.Barrier(8)
    results: list[list[str]] = []

    def worker() -> None:
        barrier.wait()
        results.append([h.key for h in sl.search("lung resection")])

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results)


def test_preload_builds_the_search_index(fresh: object) -> None:
    sl.preload()
    assert _loader.get_catalogue()._search_index is not None


def test_without_a_file_origin_reading_falls_back_to_importlib_resources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = sys.modules["sarcoma_local.data"].__spec__
    monkeypatch.setattr(spec, "origin", None)
    calls: list[str] = []
    real = _resources._read_with_importlib_resources

    def spy(name: str) -> bytes:
        calls.append(name)
        return real(name)

    monkeypatch.setattr(_resources, "_read_with_importlib_resources", spy)
    assert json.loads(_resources.read_data("meta.json"))["data_version"] == sl.DATA_VERSION
    assert calls == ["meta.json"]


@pytest.mark.slow
def test_catalogue_works_from_a_zip_file(tmp_path: pathlib.Path) -> None:
    package = pathlib.Path(sl.__file__).parent
    archive = tmp_path / "sarcoma_local.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(package.parent).as_posix())
    code = (
        f"import sys; sys.path.insert(0, {str(archive)!r}); import sarcoma_local as sl; "
        "assert '.zip' in sl.__file__; sl.preload(); print(sl.site('pulmonary').key, sl.validate())"
    )
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "lung []"


def test_corrupt_data_file_raises_data_integrity_error(
    fresh: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _resources.read_data

    def broken(name: str) -> bytes:
        return b"{not json" if name == "sites.json" else real(name)

    monkeypatch.setattr(_loader, "read_data", broken)
    with pytest.raises(sl.DataIntegrityError, match=r"sites\.json: cannot be read as JSON"):
        sl.site("liver")


def test_unknown_field_in_a_data_file_is_reported(
    fresh: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _resources.read_data

    def with_typo(name: str) -> bytes:
        if name != "sites.json":
            return real(name)
        data = json.loads(real(name))
        data["sites"][0]["colour"] = "red"
        return json.dumps(data).encode()

    monkeypatch.setattr(_loader, "read_data", with_typo)
    with pytest.raises(sl.DataIntegrityError, match=r"sites\.json\[liver\].*colour"):
        sl.sites()


def test_dangling_citation_fails_the_load(fresh: object, monkeypatch: pytest.MonkeyPatch) -> None:
    real = _resources.read_data

    def dangling(name: str) -> bytes:
        if name != "options.json":
            return real(name)
        data = json.loads(real(name))
        data["options"][0]["statements"][0]["citations"] = ["nobody-2099-1"]
        return json.dumps(data).encode()

    monkeypatch.setattr(_loader, "read_data", dangling)
    with pytest.raises(sl.DataIntegrityError, match="unknown citation 'nobody-2099-1'"):
        sl.options("liver")
