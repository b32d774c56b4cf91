"""The one exceptions module: every error the project raises on purpose derives from PolicyKGError.

Driver errors (redis, neo4j), OS errors and validation errors are converted into these at the
boundaries (graph backends, readers, the API, the CLI). Each message is one line that names the
file, setting or field at fault and the fix, because it is what a user sees:

    >>> str(StoreConfigError("POLICYKG_HOME /etc/x is not writable; set POLICYKG_HOME to a writable directory"))
    'POLICYKG_HOME /etc/x is not writable; set POLICYKG_HOME to a writable directory'

The CLI prints ``error: <message>`` and exits non-zero; the API maps each class to an HTTP status
(see ``http_status``) and answers with RFC 9457 problem details. No traceback reaches a user.
"""

from __future__ import annotations


class PolicyKGError(Exception):
    """Root of every error policykg raises on purpose. The message is one user-facing line."""

    #: HTTP status the API answers with for this class of error.
    http_status: int = 500
    #: Exit code of the CLI for this class of error.
    exit_code: int = 1

    def __init__(self, message: str) -> None:
        # One line, always: a message that spans lines reads as a traceback to a user.
        super().__init__(" ".join(str(message).split()))

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self)


class SettingsError(PolicyKGError):
    """A setting (environment variable or option) is invalid."""

    exit_code = 2


class StoreError(PolicyKGError):
    """The graph store failed a request."""

    http_status = 503


class StoreConfigError(StoreError):
    """The store cannot start or connect because of its configuration (path, socket, credentials)."""

    exit_code = 2


class StoreUnavailable(StoreError):
    """The store is not running or went away (server killed, host unreachable)."""


class QueryError(StoreError):
    """The store rejected a query (syntax, constraint violation, time limit)."""

    http_status = 400


class ReadOnlyViolation(QueryError):
    """A write was attempted through a read-only path."""

    http_status = 403


class QueryTimeout(QueryError):
    """A query ran past its time limit and the store stopped it.

    504 (Gateway Timeout), not 408: the request arrived in time; it is the store behind the API
    that did not answer within the limit, and clients do not retry a 504 on their own as
    browsers do a 408.
    """

    http_status = 504


class InputError(PolicyKGError):
    """A user's input (file, record, request field) is invalid."""

    http_status = 422


class DocumentError(InputError):
    """A document cannot be read or parsed; the message names the file and the reason."""


class RecordError(InputError):
    """A Record does not follow the contract; the message names the record and the field."""


class ExportError(PolicyKGError):
    """The graph holds something an export cannot write faithfully, or the target path is unusable."""

    http_status = 409


class Unauthorized(PolicyKGError):
    """A write came without the API token, or with a wrong one."""

    http_status = 401


class Forbidden(PolicyKGError):
    """The request is understood and refused (write endpoints off)."""

    http_status = 403


class PayloadTooLarge(InputError):
    """A request body or an uploaded file is over its limit; the message names it and the limit."""

    http_status = 413


class NotFound(PolicyKGError):
    """An id or symbol names nothing in the graph."""

    http_status = 404


class NotAcceptable(PolicyKGError):
    """No media type the client accepts can carry the answer; the message lists those that can."""

    http_status = 406


class UnsupportedMediaType(InputError):
    """A request body comes in a media type the endpoint does not read; the message lists those it does."""

    http_status = 415
