"""`make build`: build the site beside site/ and put it in place in one step.

There is never a moment without a complete site/: the new build is made in .bau/ (the same file
system), then exchanged with site/ by a single renameat2(RENAME_EXCHANGE) – or, the first time, moved
into place by a single rename. A failed or interrupted build (SIGTERM, SIGINT, SIGHUP) removes its
temporary folders and leaves site/ as it was; after SIGKILL, which nothing can catch, the next build
removes what was left in .bau/. The search mirror (aqb.outputs.search) lives in .bau/ too, never in /tmp.

Runs ProperDocs (the maintained MkDocs) as a command, so this package imports nothing from either.
The command runs in Python's isolated mode (-I): a folder in the repository named like a module
(properdocs/, yaml.py …) cannot stand in for the installed one. Everything the build writes is
checked first: .bau, its lock file and site must be what we expect, never links out of the repository.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from aqb.data.addresses import settings_problems
from aqb.data.files import repository_problems
from aqb.data.problems import escaped

WORK_DIR = ".bau"
WORK_ENV = "AQB_ARBEITSORDNER"  # tells the hook where to keep the search mirror
# Test hook: stop at a named point ("bau", "vor-tausch", "nach-tausch") until a signal arrives.
HALT_ENV = "AQB_BAU_HALT"

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class _Interrupted(Exception):
    def __init__(self, signum: int) -> None:
        self.signum = signum


class _RefusedPathError(Exception):
    """A path the build would write is not what it must be; the message says what to do (German)."""


def main(argv: list[str] | None = None) -> int:
    root = Path.cwd()
    site, work = root / "site", root / WORK_DIR
    settings = settings_problems(os.environ.get("SITE_URL", ""), os.environ.get("AQB_REPOSITORY", ""))
    if settings:  # before MkDocs reads them, which would answer in English
        print("\n".join(f"Bau abgelehnt: {escaped(problem)}" for problem in settings), file=sys.stderr)
        return 1
    linked = repository_problems(root)  # before ProperDocs reads anything: a link could lead anywhere
    if linked:
        print("\n".join(f"Bau abgelehnt: {escaped(str(problem))}" for problem in linked), file=sys.stderr)
        return 1
    try:
        _check_site(site)
        descriptor = _open_lock(work)
    except _RefusedPathError as refused:
        print(f"Bau abgelehnt: {refused}", file=sys.stderr)
        return 1
    with os.fdopen(descriptor, "w") as lock:  # the lock lives as long as the file is open
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
        except _RefusedPathError as refused:
            print(f"Bau abgelehnt: {refused}", file=sys.stderr)
            return 1
        except _Interrupted as interrupted:
            print("Bau abgebrochen; site/ ist unverändert.", file=sys.stderr)
            return 128 + interrupted.signum
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # finish cleaning up whatever comes now
            _remove_leftovers(work)
            shutil.rmtree(work, ignore_errors=True)


def _check_site(site: Path) -> None:
    """site/ is absent or a real folder: a link would publish elsewhere, a file cannot be exchanged."""
    if site.is_symlink():
        raise _RefusedPathError(
            "site ist eine Verknüpfung (symbolischer Link). Die Verknüpfung löschen; der Bau legt site/ selbst an."
        )
    if site.exists() and not site.is_dir():
        raise _RefusedPathError(
            "site ist kein Ordner. Die Datei site löschen oder umbenennen; der Bau legt site/ selbst an."
        )


def _open_lock(work: Path) -> int:
    """Create .bau/ (a real folder, never a link) and open its lock file without following links."""
    if work.is_symlink() or (work.exists() and not work.is_dir()):
        raise _RefusedPathError(
            f"{WORK_DIR} ist kein gewöhnlicher Ordner (eine Verknüpfung oder eine Datei). "
            f"{WORK_DIR} löschen; der Bau legt den Ordner selbst an, er gehört nie ins Repository."
        )
    work.mkdir(exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        descriptor = os.open(work / "sperre", flags, 0o600)
    except OSError:
        descriptor = -1
    if descriptor < 0 or not stat.S_ISREG(os.fstat(descriptor).st_mode):
        if descriptor >= 0:
            os.close(descriptor)
        raise _RefusedPathError(
            f"{WORK_DIR}/sperre ist keine gewöhnliche Datei (etwa eine Verknüpfung). "
            f"{WORK_DIR} löschen; der Bau legt den Ordner selbst an."
        )
    return descriptor


def _build_and_swap(site: Path, work: Path, mkdocs_arguments: list[str]) -> int:
    new = work / "neu"
    _halt("bau")
    result = subprocess.run(
        [
            sys.executable,
            "-I",  # isolated: nothing in the repository can shadow an installed module
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
        # Whatever ended the build (ProperDocs' lines are German too: aqb.outputs.buildlog), the last word is
        # ours: what happened to site/.
        print(
            "Bau fehlgeschlagen: Die Meldungen oben („Warnung“, „Fehler“) nennen jede Ursache; site/ ist unverändert.",
            file=sys.stderr,
        )
        return result.returncode
    _halt("vor-tausch")
    _check_site(site)  # again: the build ran for a while
    if site.is_dir():
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
    """Everything in .bau/ but the lock; a link is removed itself, never what it points to."""
    for entry in work.iterdir() if work.is_dir() and not work.is_symlink() else []:
        if entry.name == "sperre":
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    # A cancelled job signals the whole process group, and make passes the signal on: a second one
    # arriving while the first is handled must not cut the clean-up short, so all are ignored from now.
    for other in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(other, signal.SIG_IGN)
    raise _Interrupted(signum)


def _halt(point: str) -> None:
    if os.environ.get(HALT_ENV) == point:
        print(f"AQB-HALT {point}", file=sys.stderr, flush=True)
        time.sleep(60)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
