"""Processes a build starts end with it: on Linux each asks the system to kill it when
the process that started it dies (prctl PR_SET_PDEATHSIG), so that a build killed
outright (SIGKILL, a closed terminal) leaves no worker, nor any LibreOffice, running on
(a worker blocked sending its result to a parent that had gone waited for good, and held
the build's output open)."""

from __future__ import annotations

import ctypes
import signal
import sys
from collections.abc import Callable

PR_SET_PDEATHSIG = 1
"""prctl's option: the signal to receive when the parent process dies."""


def ending_with_parent() -> Callable[[], None]:
    """A function that, called in a child process before it runs anything else, has it
    killed when its parent dies (Linux; elsewhere it does nothing). The C function is
    looked up here, in the parent: a child forked from a process with threads should call
    nothing that may take a lock."""
    prctl = None
    if sys.platform.startswith("linux"):
        try:
            prctl = ctypes.CDLL(None, use_errno=True).prctl
        except (OSError, AttributeError):
            prctl = None

    def ask() -> None:
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

    return ask


def end_with_parent() -> None:
    """Be killed when the parent process dies. (One that died before the request is seen
    by the worker waiting on it: `workers._receive`. Its parent's id tells nothing: a build
    that is a container's first process has id 1.)"""
    ending_with_parent()()
