"""The one error type the domain raises.

Services and selectors raise :class:`UserError` with a message a person can act on. Each
interface turns it into its own shape: a CLI message and exit code, a form error, or an HTTP 4xx.
"""


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why and what to do."""

    exit_code = 1

    def __init__(self, message: str, *, field: str | None = None, web: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        # The same advice in the web's words, where ``message`` names a command to run.
        self.web_message = web or message


class NotFound(UserError):
    """The named object does not exist for this user (or belongs to someone else)."""


class Ambiguous(UserError):
    """A name matched several objects; ``candidates`` lists them so the user can choose."""

    def __init__(self, message: str, *, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates
