"""Errors a user can cause. They carry a message for people; tracebacks are for bugs only.

An error holds a catalogue key and its arguments (a ``studio.i18n.Message``), never translated
text: ``str(error)`` renders it in the language of the moment, so the CLI, the GUI and a language
switch all read the same catalogue.
"""

from __future__ import annotations

from studio.i18n import Message


class StudioError(Exception):
    """Base of every error the user can cause; ``str()`` is the message to show.

    ``StudioError("Unknown user {user}.", user=name)`` or ``StudioError(Message(...))``.
    """

    def __init__(self, message: str | Message, /, **params: object) -> None:
        if isinstance(message, Message):  # passed on, perhaps with more arguments
            self.message = Message(message.key, **message.params, **params) if params else message
        else:
            self.message = Message(message, **params)
        super().__init__(self.message.key)

    @property
    def key(self) -> str:
        return self.message.key

    @property
    def params(self) -> dict[str, object]:
        return self.message.params

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        return self.message.render(lang)

    def __str__(self) -> str:
        return self.message.render()

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt without calling __init__ (whose signature differs between subclasses), with the
        # message and every attribute the error holds (``prop``, ``code``...).
        return (_rebuild, (type(self),), self.__dict__)


def _rebuild(cls: type[StudioError]) -> StudioError:
    return cls.__new__(cls)


class WorkspaceError(StudioError):
    """The workspace cannot be opened, created or migrated."""


class WorkspaceDamaged(WorkspaceError):
    """The workspace fails its integrity check on open: it can only be opened read-only
    (``open_workspace(..., damaged_read_only=True)``), and the message says what to restore."""


class BundleError(StudioError):
    """A bundle file is unreadable or invalid."""


class ConflictError(StudioError):
    """Someone else changed the draft since it was read."""


class EditError(StudioError):
    """A designer edit that cannot be made; ``prop`` names the input it is about."""

    def __init__(self, prop: str, message: str | Message, /, **params: object) -> None:
        self.prop = prop
        super().__init__(message, **params)
