"""Loopback guard for test Python processes: import this module before anything else.

Any socket connection or name resolution for a host other than 127.0.0.1 / ::1 / localhost
raises LoopbackGuardError("loopback guard: refused connection to X"). Unix-domain sockets are
allowed. The error deliberately does NOT subclass OSError, so that HTTP libraries which turn
socket errors into quiet retries or "no credentials" cannot swallow it; every refusal is also
written to stderr and kept in VIOLATIONS.
Works on any Python 3 (the pyenv one with botocore, and Debian's one that runs AWS CLI v2).
"""
import socket
import sys

ALLOWED = {'127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1'}
VIOLATIONS = []


class LoopbackGuardError(RuntimeError):
    pass


def _refuse(what):
    msg = 'loopback guard: refused connection to %s' % (what,)
    VIOLATIONS.append(msg)
    try:
        sys.stderr.write(msg + '\n')
    except Exception:
        pass
    raise LoopbackGuardError(msg)


def _allowed_host(host):
    if host is None:
        return False
    if isinstance(host, bytes):
        host = host.decode('ascii', 'replace')
    return str(host).lower().strip('[]') in ALLOWED


def _check_address(sock_family, address):
    if sock_family == getattr(socket, 'AF_UNIX', object()):
        return
    if isinstance(address, (tuple, list)) and address:
        if not _allowed_host(address[0]):
            _refuse('%s:%s' % (address[0], address[1] if len(address) > 1 else '?'))
    elif isinstance(address, (str, bytes)):
        return  # a path: unix socket
    else:
        _refuse(repr(address))


_orig_connect = socket.socket.connect
_orig_connect_ex = socket.socket.connect_ex


def _guarded_connect(self, address):
    _check_address(self.family, address)
    return _orig_connect(self, address)


def _guarded_connect_ex(self, address):
    _check_address(self.family, address)
    return _orig_connect_ex(self, address)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex

_orig_create_connection = socket.create_connection


def _guarded_create_connection(address, *args, **kwargs):
    if not _allowed_host(address[0]):
        _refuse('%s:%s' % (address[0], address[1]))
    return _orig_create_connection(address, *args, **kwargs)


socket.create_connection = _guarded_create_connection

_orig_getaddrinfo = socket.getaddrinfo


def _guarded_getaddrinfo(host, *args, **kwargs):
    # None means the local/wildcard address (used by servers); everything else must be loopback.
    if host is not None and not _allowed_host(host):
        _refuse('%s (name resolution)' % (host,))
    return _orig_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _guarded_getaddrinfo

for _name in ('gethostbyname', 'gethostbyname_ex'):
    _orig = getattr(socket, _name)

    def _make(orig, name):
        def guarded(host):
            if not _allowed_host(host):
                _refuse('%s (%s)' % (host, name))
            return orig(host)
        return guarded

    setattr(socket, _name, _make(_orig, _name))
