"""Errors the client raises."""
from __future__ import annotations

from typing import Any, Dict, List, Optional


class AnteError(Exception):
    """Base class of every error this client raises."""


class AnteUnavailableError(AnteError):
    """The platform could not be reached, or kept failing, after every retry."""


class AnteHTTPError(AnteError):
    """The platform refused a request: a 4xx answer (or a 5xx after every retry).

    ``problem`` is the platform's ``application/problem+json`` body when it sent one.
    """

    def __init__(self, status: int, problem: Optional[Dict[str, Any]], text: str) -> None:
        self.status = status
        self.problem = problem or {}
        self.text = text
        detail = self.problem.get("detail") or self.problem.get("title") or text[:200]
        super().__init__(f"HTTP {status}: {detail}")

    @property
    def errors(self) -> List[Dict[str, Any]]:
        """The problem's ``errors`` list: ``index``, ``field`` and ``message`` of each."""
        return list(self.problem.get("errors") or [])


class WrongExpectedRevisionError(AnteHTTPError):
    """409: the stream was not at the expected revision; ``actual_revision`` is where it was."""

    @property
    def actual_revision(self) -> Optional[int]:
        value = self.problem.get("actualRevision")
        return None if value is None else int(value)


class EventIdConflictError(AnteHTTPError):
    """409: an event id was already recorded with other content. Retrying cannot help."""

    @property
    def recorded_revision(self) -> Optional[int]:
        value = self.problem.get("recordedRevision")
        return None if value is None else int(value)
