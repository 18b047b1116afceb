"""`make build`: build the site beside site/ and put it in place in one step.

There is never a moment without a complete site/: the new build is made in .bau/ (the same file
system), then exchanged with site/ by a single renameat2(RENAME_EXCHANGE) – or, the first time, moved
into place by a single rename. A failed or interrupted build (SIGTERM, SIGINT, SIGHUP) removes its
temporary folders and leaves site/ as it was; after SIGKILL, which nothing can catch, the next build
removes what was left in .bau/. The search mirror (aqb.outputs.search) lives in .bau/ too, never in /tmp.

Runs ProperDocs (the maintained MkDocs) as a command, so this package imports nothing from either.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

WORK_DIR = ".bau"
WORK_ENV = "AQB_ARBEITSORDNER"  # tells the hook where to keep the search mirror
# Test hook: stop at a named point ("bau", "vor-tausch", "nach-tausch") until a signal arrives.
HALT_ENV = "AQB_BAU_HALT"

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class _Interrupted(Exception):
    def __init__(self, signum: int) -> None:
        self.signum = signum


def main(argv: list[str] | None = None) -> int:
    root = Path.cwd()
    site, work = root / "site", root / WORK_DIR
    work.mkdir(exist_ok=True)
    with open(work / "sperre", "w") as lock:  # noqa: PTH123 – the lock lives as long as the file is open
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Ein anderer Bau läuft gerade; bitte warten, bis er fertig ist.", file=sys.stderr)
            return 1
        _remove_leftovers(work)  # of a build that was killed (SIGKILL)
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, _raise_interrupted)
        try:
            return _build_and_swap(site, work, argv or [])
        except _Interrupted as interrupted:
            print("Bau abgebrochen; site/ ist unverändert.", file=sys.stderr)
            return 128 + interrupted.signum
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # finish cleaning up whatever comes now
            _remove_leftovers(work)
            shutil.rmtree(work, ignore_errors=True)


def _build_and_swap(site: Path, work: Path, mkdocs_arguments: list[str]) -> int:
    new = work / "neu"
    _halt("bau")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "--clean",
            "-f",
            "mkdocs.yml",
            "--site-dir",
            str(new),
            *mkdocs_arguments,
        ],
        env={**os.environ, WORK_ENV: str(work)},
        check=False,
    )
    if result.returncode != 0:
        return result.returncode
    _halt("vor-tausch")
    if site.is_dir() and not site.is_symlink():
        _exchange(new, site)  # new is site/ now; `new` holds the old site, removed below
    else:
        new.replace(site)
    _halt("nach-tausch")
    return 0


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders in one step (Linux renameat2); nothing can see a moment without either."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if (
        renameat2 is None
        or renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) != 0
    ):
        code = ctypes.get_errno() if renameat2 is not None else errno.ENOSYS
        raise OSError(
            code,
            f"site/ konnte nicht in einem Schritt ersetzt werden ({os.strerror(code)}); der neue Bau liegt in .bau/neu",
        )


def _remove_leftovers(work: Path) -> None:
    for entry in work.iterdir() if work.is_dir() else []:
        if entry.name != "sperre":
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise _Interrupted(signum)


def _halt(point: str) -> None:
    if os.environ.get(HALT_ENV) == point:
        print(f"AQB-HALT {point}", file=sys.stderr, flush=True)
        time.sleep(60)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
