"""The downloads are written by a child process while the pages render: what staff see when that fails,
and that a failed build leaves nothing of it behind."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aqb.outputs.forked import ForkedWork, ForkedWorkError
from aqb.pages.site import Site
from helpers import DataFolder, build_site


class _UnsendableError(Exception):
    """An error whose arguments cannot be rebuilt from it (pickle calls the class with its args)."""

    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"{first} {second}")


def _full_disk() -> None:
    raise OSError(28, "No space left on device")


def _unsendable() -> None:
    raise _UnsendableError("Spalte", "kaputt")


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _own_exit() -> None:
    os._exit(3)


# What the child does, and what the build (its parent) raises: the child's own error as it is, else German.
NOT_WRITTEN = "^Die Downloads konnten nicht geschrieben werden: ihr Prozess endete"
FAILURES: list[tuple[Callable[[], None], type[BaseException], str]] = [
    (_full_disk, OSError, r"^\[Errno 28\] No space left on device"),
    (_unsendable, RuntimeError, r"^_UnsendableError: Spalte kaputt\n"),  # its type and words, as it was
    (_killed, ForkedWorkError, rf"{NOT_WRITTEN} durch das Signal 9\.$"),
    (_own_exit, ForkedWorkError, rf"{NOT_WRITTEN} mit dem Code 3\.$"),
]


@pytest.mark.parametrize(("work", "raised", "message"), FAILURES, ids=[f[0].__name__ for f in FAILURES])
def test_the_childs_failure_is_raised_where_the_build_waits(
    work: Callable[[], None], raised: type[BaseException], message: str
) -> None:
    forked = ForkedWork(work, "Die Downloads")
    with pytest.raises(raised, match=message) as caught:
        forked.wait()
    if raised is not ForkedWorkError:  # the child's traceback comes along, to find the place
        assert "Die Downloads wurden in einem eigenen Prozess geschrieben" in "\n".join(caught.value.__notes__)
        assert work.__name__ in "\n".join(caught.value.__notes__)


def test_the_work_runs_beside_the_caller_and_is_done_when_waited_for(tmp_path: Path) -> None:
    marker = tmp_path / "fertig"

    def slow() -> None:
        time.sleep(0.5)
        marker.write_text("ja", encoding="utf-8")

    started = time.monotonic()
    forked = ForkedWork(slow, "Die Downloads")
    assert time.monotonic() - started < 0.4 and not marker.exists()  # the caller goes on meanwhile
    forked.wait()
    assert marker.read_text(encoding="utf-8") == "ja"


def test_stopped_work_writes_nothing_afterwards(tmp_path: Path) -> None:
    """A failed build stops the child: nothing appears later in a folder the next build uses."""
    marker = tmp_path / "spaet"

    def late() -> None:
        time.sleep(0.5)
        marker.write_text("zu spät", encoding="utf-8")

    forked = ForkedWork(late, "Die Downloads")
    forked.stop()
    time.sleep(0.8)
    assert not marker.exists()
    forked.wait()  # nothing left to wait for, nothing raised


def test_a_download_that_cannot_be_written_fails_the_build_with_the_systems_words(
    data_folder: DataFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write_bytes = Path.write_bytes

    def full_disk(path: Path, data: bytes) -> int:
        if path.suffix == ".xlsx":
            raise OSError(28, "No space left on device")
        return real_write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError, match=r"No space left on device") as caught:
        build_site(data_folder.root, data_folder.root / "site")
    assert "zielvereinbarungen.xlsx" not in str(caught.value)  # as the system said it, nothing added
    assert "full_disk" in "\n".join(caught.value.__notes__)  # where it happened, in the child


def test_a_killed_download_process_fails_the_build_in_german(
    data_folder: DataFolder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def killed(self: Site, site_dir: Path) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(Site, "write_downloads", killed)
    with pytest.raises(BaseException):  # noqa: B017 – MkDocs ends a failed build with its own Abort
        build_site(data_folder.root, data_folder.root / "site")
    assert "Die Downloads konnten nicht geschrieben werden: ihr Prozess endete durch das Signal 9." in caplog.text


def test_a_build_that_fails_on_a_page_leaves_no_download_written_later(
    data_folder: DataFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = data_folder.root / "site"
    real_write = Site.write_downloads

    def slow(self: Site, site_dir: Path) -> None:
        time.sleep(1.5)
        real_write(self, site_dir)

    def broken(self: Site, src_uri: str) -> Any:
        raise RuntimeError("Seite kaputt")

    monkeypatch.setattr(Site, "write_downloads", slow)
    monkeypatch.setattr(Site, "data_for", broken)
    with pytest.raises(RuntimeError, match="Seite kaputt"):
        build_site(data_folder.root, site)
    time.sleep(2)
    assert not (site / "daten").exists()
