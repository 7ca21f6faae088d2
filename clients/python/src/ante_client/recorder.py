"""Buffering one game's events and posting them in batches, in order, exactly once."""
from __future__ import annotations

from datetime import datetime
from typing import Any, List, Mapping, Optional

from .client import BATCH_MAX_EVENTS, AnteClient, AppendResult
from .envelopes import Envelope, envelope
from .errors import WrongExpectedRevisionError


class GameRecorder:
    """Collects a game's events and posts them ``batch_size`` at a time to ``game-<game_id>``.

    Each batch is sent with the revision the recorder expects the stream to be at, so events land in the
    order they were recorded and nothing interleaves unnoticed. When the platform answers 409 because the
    stream is elsewhere (a retried batch that had in fact landed, or another writer), the recorder reads the
    stream's revision, waits a random moment (the client's backoff) and sends the batch again from there, up
    to ``max_conflicts`` times: events already recorded are skipped as
    duplicates (same ids, same content), the rest are appended. A reused event id with other content is an
    :class:`~ante_client.errors.EventIdConflictError` and is raised.

    Use it as a context manager, or call :meth:`flush` when the game is over.
    """

    def __init__(self, client: AnteClient, game_id: str, *, batch_size: int = 100,
                 expected_revision: Optional[int] = None, max_conflicts: int = 10) -> None:
        if not 1 <= batch_size <= BATCH_MAX_EVENTS:
            raise ValueError(f"batch_size must be 1..{BATCH_MAX_EVENTS}")
        self.client = client
        self.game_id = game_id
        self.batch_size = batch_size
        self.max_conflicts = max_conflicts
        self._buffer: List[Envelope] = []
        self._revision = expected_revision
        self.last_result: Optional[AppendResult] = None

    @property
    def revision(self) -> Optional[int]:
        """The stream's last revision as far as this recorder knows (None before it has asked or written)."""
        return self._revision

    @property
    def position(self) -> Optional[int]:
        """The global position of the last batch written: pass it as ``min_position`` to read your writes."""
        return None if self.last_result is None else self.last_result.position

    def record(self, event_type: str, data: Mapping[str, Any], occurred_at: Optional[datetime] = None) -> Envelope:
        """Adds an event; posts the buffer when it holds ``batch_size`` events. Returns the envelope."""
        event = envelope(event_type, data, occurred_at)
        self._buffer.append(event)
        if len(self._buffer) >= self.batch_size:
            self.flush()
        return event

    def flush(self) -> Optional[AppendResult]:
        """Posts what is buffered; None when nothing was."""
        if not self._buffer:
            return None
        batch = list(self._buffer)
        if self._revision is None:
            self._revision = self.client.game_revision(self.game_id)
        conflicts = 0
        while True:
            try:
                result = self.client.append_game_events(self.game_id, batch, expected_revision=self._revision)
                break
            except WrongExpectedRevisionError as e:
                conflicts += 1
                if conflicts > self.max_conflicts:
                    raise
                actual = e.actual_revision
                self._revision = actual if actual is not None else self.client.game_revision(self.game_id)
                # Another writer is appending too: a random pause lets one of the two go first.
                self.client.pause(conflicts)
        self._buffer.clear()
        if result.last_revision is not None:
            self._revision = result.last_revision
        else:
            # Every event was a duplicate: they were recorded before, the stream is where it was.
            self._revision = self.client.game_revision(self.game_id)
        self.last_result = result
        return result

    def __enter__(self) -> "GameRecorder":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.flush()
