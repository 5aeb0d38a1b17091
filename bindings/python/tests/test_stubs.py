"""The .pyi stubs match the built module (mypy.stubtest); skipped when mypy is not installed."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("mypy")

ALLOWLIST = pathlib.Path(__file__).resolve().parent.parent / "stubtest-allowlist.txt"


def test_stubtest(tmp_path: pathlib.Path) -> None:
    # Run in a scratch directory: the installed package is checked, and mypy's cache lands there.
    cmd = [sys.executable, "-m", "mypy.stubtest", "scamsift", "--allowlist", str(ALLOWLIST), "--ignore-unused-allowlist"]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_package_typechecks(tmp_path: pathlib.Path) -> None:
    # Client code type-checks against the stubs (py.typed is shipped).
    src = tmp_path / "client.py"
    src.write_text(
        "import scamsift\n"
        "c = scamsift.Classifier()\n"
        "v: scamsift.Verdict = c.classify('x')\n"
        "vs: list[scamsift.Verdict] = c.classify_batch(['x'], threads=2)\n"
        "s: float = v.score\n"
        "f: str | None = v.family\n"
        "starts: list[int] = [h.start for h in v.hits]\n"
        "c2 = scamsift.Classifier.from_pack('x.toml', include_builtin=False)\n"
        "name: str = c2.packs[0]['name']\n"
        "try:\n    pass\nexcept scamsift.PackError as e:\n    r: str | None = e.rule\n",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", str(src)]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
