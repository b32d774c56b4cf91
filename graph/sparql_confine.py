"""Confinement of the SPARQL engine and its query children: no sockets, bounded memory and CPU.

``block_sockets`` installs a seccomp filter (classic BPF, through ``prctl``) under which
``socket()`` fails with EPERM; it applies to the calling thread and to every thread and child
started after it, so the engine installs it before it loads anything. ``limit_memory`` caps a
worker's address space (``RLIMIT_AS``) and turns core files off; ``limit_cpu``, before each
query, lets the kernel stop the worker past the query's CPU time even if nobody else can.

Example:
    >>> block_sockets()                                                   # doctest: +SKIP
    True
    >>> socket.socket()                                                   # doctest: +SKIP
    PermissionError: [Errno 1] Operation not permitted
"""

from __future__ import annotations

import ctypes
import errno
import math
import os
import platform
import resource

#: The socket() syscall per machine: (seccomp's AUDIT_ARCH value, its numbers); on x86_64 also
#: the x32 ABI's number, which carries the same architecture value.
SOCKET_SYSCALLS = {"x86_64": (0xC000003E, (41, 0x40000000 | 41)), "aarch64": (0xC00000B7, (198,))}
# Classic BPF and seccomp constants (linux/filter.h, linux/seccomp.h, linux/prctl.h).
_BPF_LD_ABS, _BPF_JEQ, _BPF_RET = 0x20, 0x15, 0x06
_SECCOMP_NR_OFFSET, _SECCOMP_ARCH_OFFSET = 0, 4
_SECCOMP_RET_ALLOW, _SECCOMP_RET_ERRNO = 0x7FFF0000, 0x00050000
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
#: CPU seconds a child may use beyond its time limit before the kernel stops it.
CPU_GRACE_S = 5


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte),
                ("k", ctypes.c_uint)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def block_sockets() -> bool:
    """Make ``socket()`` fail with EPERM in this process and the threads and children it starts
    from now on (a seccomp filter); False on a machine whose syscall numbers are not known.

    The filter: load the architecture, allow everything on another one; load the syscall
    number, answer EPERM for socket(), allow the rest.

    Raises:
        OSError: the kernel refused the filter.
    """
    known = SOCKET_SYSCALLS.get(platform.machine())
    if known is None:
        return False
    arch, numbers = known
    count = len(numbers)
    program = [_SockFilter(_BPF_LD_ABS, 0, 0, _SECCOMP_ARCH_OFFSET),
               _SockFilter(_BPF_JEQ, 0, count + 1, arch),  # another architecture: to ALLOW
               _SockFilter(_BPF_LD_ABS, 0, 0, _SECCOMP_NR_OFFSET)]
    program += [_SockFilter(_BPF_JEQ, count - i, 0, nr) for i, nr in enumerate(numbers)]  # to EPERM
    program += [_SockFilter(_BPF_RET, 0, 0, _SECCOMP_RET_ALLOW),
                _SockFilter(_BPF_RET, 0, 0, _SECCOMP_RET_ERRNO | errno.EPERM)]
    filters = (_SockFilter * len(program))(*program)
    fprog = _SockFprog(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    # no_new_privs first: it is what lets an unprivileged process install a filter.
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0 or \
            libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(fprog), 0, 0) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"seccomp refused: {os.strerror(code)}")
    return True


def limit_memory(memory_mb: int) -> None:
    """In a worker: cap its address space at its size now plus ``memory_mb``; no core file."""
    page = os.sysconf("SC_PAGE_SIZE")
    with open("/proc/self/statm", encoding="ascii") as statm:
        size = int(statm.read().split()[0]) * page
    resource.setrlimit(resource.RLIMIT_AS, (size + memory_mb * 2**20, resource.RLIM_INFINITY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def limit_cpu(timeout_s: float) -> None:
    """Before a query: let the kernel stop this process once it has used the CPU it used so far
    plus ``timeout_s`` plus ``CPU_GRACE_S`` (SIGXCPU)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(used.ru_utime + used.ru_stime + timeout_s) + CPU_GRACE_S
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
