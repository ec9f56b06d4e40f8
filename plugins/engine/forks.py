"""Work done in forks of the build's process, which have the whole site as it is in
memory (nothing to send them): the render processes, the search index's update."""

import contextlib
import ctypes
import ctypes.util
import os
import sys
import traceback


def forked(work):
    """Calls work() in a fork of this process and returns the fork's process id. The fork
    leaves as soon as work() returns (exit code 0) or fails (its error printed, code 1),
    without running this process's exit handlers; what this process had still to print
    is printed first, once."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            work()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return pid


def reaped(pid):
    """The exit code of a child, once it has ended."""
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def give_back_memory():
    """Returns to the system the memory the C allocator keeps free (glibc's malloc_trim):
    a build frees much of what it allocated, and a fork's memory counts whatever is kept
    (the dev server's render processes at N = 20,000: 60 MB). Elsewhere, nothing."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
