"""Work done by a forked copy of the build's process while the build goes on: the downloads are written on
the second core while the pages render on the first.

The child is a copy made by fork: the dataset and whatever the build (or a test) set up is there, nothing
is read again. Its error comes back through a pipe and is raised where the build waits for it, as if the
work had run there (with the child's traceback as a note); a child that ends without one (killed, out of
memory) is reported in German. Where fork does not exist, the work runs where it is waited for.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import traceback
import warnings
from collections.abc import Callable
from typing import NoReturn


class ForkedWorkError(RuntimeError):
    """The child ended without reporting (a signal, an exit of its own); the message is German."""


class ForkedWork:
    """`work` run in a forked child process from now on; `wait` returns when it is done or raises its error."""

    def __init__(self, work: Callable[[], None], what: str) -> None:
        """`what`: what the work makes, named in German in a message ("Die Downloads")."""
        self._what = what
        self._pid: int | None = None
        self._report = -1
        self._inline: Callable[[], None] | None = None
        if not hasattr(os, "fork"):
            self._inline = work
            return
        read, write = os.pipe()
        gc.freeze()  # what the parent left for the collector is never collected (nor finalized) in the child
        try:
            with warnings.catch_warnings():
                # Python 3.12 warns of fork in a process with threads (the preview's server): the child
                # runs our code only and needs no lock another thread could hold.
                warnings.filterwarnings("ignore", ".*use of fork\\(\\) may lead to deadlocks", DeprecationWarning)
                pid = os.fork()
        except BaseException:
            gc.unfreeze()
            os.close(read)
            os.close(write)
            raise
        if pid == 0:
            os.close(read)
            _run_child(work, write, what)
        gc.unfreeze()
        os.close(write)
        self._pid, self._report = pid, read

    def wait(self) -> None:
        """Return when the work is done; raise its error, or ForkedWorkError if the child ended without one."""
        if self._inline is not None:
            work, self._inline = self._inline, None
            work()
            return
        if self._pid is None:
            return
        with os.fdopen(self._report, "rb") as pipe:
            report = pipe.read()  # until the child ends: then its end of the pipe closes
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if report:
            raise _reported(report, self._what)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            ended = f"durch das Signal {-code}" if code < 0 else f"mit dem Code {code}"
            raise ForkedWorkError(f"{self._what} konnten nicht geschrieben werden: ihr Prozess endete {ended}.")

    def stop(self) -> None:
        """End the work if it still runs (a failed build): nothing of it is written afterwards."""
        self._inline = None
        if self._pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)
        os.close(self._report)
        self._pid = None


def _run_child(work: Callable[[], None], report: int, what: str) -> NoReturn:
    """Run `work` and end the child; never returns. Its error goes to the parent through `report`."""
    status = 1
    try:
        work()
        status = 0
    except BaseException as error:
        with contextlib.suppress(BaseException), os.fdopen(report, "wb") as pipe:
            pipe.write(_pickled(error, what))
    finally:
        os._exit(status)  # no exit handlers, no flushing of what the parent will flush itself


def _pickled(error: BaseException, what: str) -> bytes:
    """The error as the parent can raise it: itself with the child's traceback as a note, or a
    RuntimeError with its type and message where it cannot be sent as it is."""
    note = (
        f"{what} wurden in einem eigenen Prozess geschrieben, dort so:\n"
        + "".join(traceback.format_exception(error)).rstrip()
    )
    try:
        sent = pickle.dumps(error)
        copy = pickle.loads(sent)
        copy.add_note(note)
        return pickle.dumps(copy)
    except Exception:
        plain = RuntimeError(f"{type(error).__name__}: {error}")
        plain.add_note(note)
        return pickle.dumps(plain)


def _reported(report: bytes, what: str) -> BaseException:
    try:
        error = pickle.loads(report)
    except Exception:
        return ForkedWorkError(f"{what} konnten nicht geschrieben werden (die Fehlermeldung war nicht lesbar).")
    return error if isinstance(error, BaseException) else ForkedWorkError(f"{what}: {error!r}")
