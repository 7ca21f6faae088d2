"""The HTTP client: writes with retries, the read models, the time series and the live stream."""
from __future__ import annotations

import json
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

from .envelopes import Envelope
from .errors import (AnteError, AnteHTTPError, AnteUnavailableError, EventIdConflictError,
                     WrongExpectedRevisionError)

NDJSON_MAX_LINES = 10_000
NDJSON_MAX_BYTES = 16 * 1024 * 1024
BATCH_MAX_EVENTS = 1_000


@dataclass(frozen=True)
class AppendResult:
    """What the platform answered for one stream's batch."""

    stream: str
    first_revision: Optional[int]
    last_revision: Optional[int]
    position: int
    appended: int
    duplicates: int
    duplicate_indexes: List[int] = field(default_factory=list)

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> "AppendResult":
        return cls(stream=body["stream"], first_revision=body.get("firstRevision"),
                   last_revision=body.get("lastRevision"), position=int(body["position"]),
                   appended=int(body["appended"]), duplicates=int(body["duplicates"]),
                   duplicate_indexes=list(body.get("duplicateIndexes") or []))


@dataclass(frozen=True)
class StreamEvent:
    """One event from the live stream: ``position`` is its ``id``, ``body`` the event as the API shows it."""

    position: int
    type: str
    body: Dict[str, Any]


class AnteClient:
    """A client of one Ante platform with one API key.

    Every request is retried on connection errors, timeouts, 5xx answers and 429/503 with ``Retry-After``,
    with exponential backoff and jitter: writes are safe to retry because the platform skips an event whose
    ``eventId`` it already holds with the same content. Other 4xx answers raise :class:`AnteHTTPError`
    (409s as :class:`WrongExpectedRevisionError` or :class:`EventIdConflictError`) at once.
    """

    def __init__(self, base_url: str, api_key: str, *, timeout: float = 30.0, max_retries: int = 5,
                 backoff: float = 0.2, max_backoff: float = 5.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError("base_url must start with http:// or https://")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._sleep = sleep

    # ---- transport ---------------------------------------------------------------------------

    def request(self, method: str, path: str, *, query: Optional[Mapping[str, Any]] = None,
                body: Optional[bytes] = None, content_type: Optional[str] = None) -> Any:
        """One request, retried as the class says; the parsed JSON answer (None when empty)."""
        url = self._url(path, query)
        attempt = 0
        while True:
            attempt += 1
            try:
                status, headers, text = self._send(method, url, body, content_type)
            except (urllib.error.URLError, socket.timeout, ConnectionError, TimeoutError) as e:
                if attempt > self.max_retries:
                    raise AnteUnavailableError(f"{method} {url}: {e}") from e
                self._pause(attempt, None)
                continue
            if 200 <= status < 300:
                return json.loads(text) if text.strip() else None
            retryable = status >= 500 or status == 429
            if retryable and attempt <= self.max_retries:
                self._pause(attempt, headers.get("Retry-After"))
                continue
            raise _http_error(status, text)

    def _send(self, method: str, url: str, body: Optional[bytes],
              content_type: Optional[str]) -> Tuple[int, Mapping[str, str], str]:
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Authorization", f"Bearer {self.api_key}")
        request.add_header("Accept", "application/json")
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.headers, response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            with e:
                return e.code, e.headers, e.read().decode("utf-8", errors="replace")

    def pause(self, attempt: int) -> None:
        """Sleeps the backoff of the ``attempt``-th retry (exponential, with jitter)."""
        self._pause(attempt, None)

    def _pause(self, attempt: int, retry_after: Optional[str]) -> None:
        delay = min(self.max_backoff, self.backoff * (2 ** (attempt - 1)))
        delay = delay / 2 + random.uniform(0, delay / 2)
        if retry_after:
            try:
                delay = max(delay, min(self.max_backoff * 4, float(retry_after)))
            except ValueError:
                pass
        self._sleep(delay)

    def _url(self, path: str, query: Optional[Mapping[str, Any]]) -> str:
        url = self.base_url + path
        if query:
            pairs = [(k, _param(v)) for k, v in query.items() if v is not None]
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs)
        return url

    def get(self, path: str, **query: Any) -> Any:
        """``GET path?query`` (None values left out)."""
        return self.request("GET", path, query=query)

    def post_json(self, path: str, payload: Any, *, query: Optional[Mapping[str, Any]] = None) -> Any:
        """``POST path`` with a JSON body."""
        return self.request("POST", path, query=query, body=json.dumps(payload).encode("utf-8"),
                            content_type="application/json")

    # ---- writes ------------------------------------------------------------------------------

    # Every write takes ``backfill=True`` for events older than the platform's max event age (24 h by default)
    # or dated ahead of its clock: importing history. Without it such events are refused (400).

    def append_game_events(self, game_id: str, events: Sequence[Envelope],
                           expected_revision: Optional[int] = None, *, backfill: bool = False) -> AppendResult:
        """Appends 1..1000 envelopes to ``game-<game_id>``, all or nothing.

        ``expected_revision``: the stream's last revision must be this (-1: the game must not exist yet).
        """
        return self._append(f"/api/v1/games/{_segment(game_id)}/events", events, expected_revision, backfill)

    def append_strategy_events(self, strategy_id: str, events: Sequence[Envelope],
                               expected_revision: Optional[int] = None, *, backfill: bool = False) -> AppendResult:
        """Appends envelopes of the strategy catalog to ``strategy-<strategy_id>``."""
        return self._append(f"/api/v1/strategies/{_segment(strategy_id)}/events", events, expected_revision,
                            backfill)

    def record_metrics(self, run_id: str, events: Sequence[Envelope], *, backfill: bool = False) -> AppendResult:
        """Appends ``MetricRecorded`` envelopes to ``learning-<run_id>``."""
        return self._append(f"/api/v1/learning/{_segment(run_id)}/metrics", events, None, backfill)

    def _append(self, path: str, events: Sequence[Envelope], expected_revision: Optional[int],
                backfill: bool) -> AppendResult:
        if not 1 <= len(events) <= BATCH_MAX_EVENTS:
            raise ValueError(f"a batch holds 1..{BATCH_MAX_EVENTS} events, not {len(events)}")
        body = self.post_json(path, list(events), query={"expectedRevision": expected_revision,
                                                         "backfill": True if backfill else None})
        return AppendResult.from_json(body)

    def post_ndjson(self, lines: Sequence[Mapping[str, Any]], *, backfill: bool = False) -> Dict[str, Any]:
        """One ``POST /api/v1/events``: envelopes each naming one of ``gameId``, ``strategyId``, ``runId``.

        Answers ``{"results": [...], "conflicts": [...]}``; a stream in ``conflicts`` changed nothing.
        """
        body = "".join(json.dumps(line, separators=(",", ":")) + "\n" for line in lines).encode("utf-8")
        return self.request("POST", "/api/v1/events", query={"backfill": True if backfill else None}, body=body,
                            content_type="application/x-ndjson")

    def bulk(self, streams: Mapping[str, Sequence[Envelope]], *, key: str = "gameId",
             max_lines: int = NDJSON_MAX_LINES, max_bytes: int = NDJSON_MAX_BYTES,
             backfill: bool = False) -> Dict[str, Any]:
        """Many games (or strategies: ``key="strategyId"``, runs: ``key="runId"``) in as few NDJSON requests
        as the limits allow. A stream's events stay in one request, in order, unless it alone is over a
        request's limits. Answers every request's ``results`` and ``conflicts`` together.
        """
        if key not in ("gameId", "strategyId", "runId"):
            raise ValueError("key must be gameId, strategyId or runId")
        results: List[Any] = []
        conflicts: List[Any] = []
        pending: List[str] = []
        size = 0

        def send() -> None:
            nonlocal pending, size
            if pending:
                body = "".join(pending).encode("utf-8")
                answer = self.request("POST", "/api/v1/events", query={"backfill": True if backfill else None},
                                      body=body, content_type="application/x-ndjson")
                results.extend(answer.get("results", []))
                conflicts.extend(answer.get("conflicts", []))
                pending, size = [], 0

        for stream_id, events in streams.items():
            lines = [json.dumps(dict(event, **{key: stream_id}), separators=(",", ":")) + "\n"
                     for event in events]
            stream_bytes = sum(len(line.encode("utf-8")) for line in lines)
            if pending and (len(pending) + len(lines) > max_lines or size + stream_bytes > max_bytes):
                send()
            for line in lines:
                line_bytes = len(line.encode("utf-8"))
                if pending and (len(pending) >= max_lines or size + line_bytes > max_bytes):
                    send()
                pending.append(line)
                size += line_bytes
        send()
        return {"results": results, "conflicts": conflicts}

    # ---- reads -------------------------------------------------------------------------------

    def game_state(self, game_id: str, at_revision: Optional[int] = None,
                   min_position: Optional[int] = None) -> Dict[str, Any]:
        """A game's state folded up to ``at_revision`` (default: the latest)."""
        return self.get(f"/api/v1/games/{_segment(game_id)}/state", atRevision=at_revision,
                        minPosition=min_position)

    def game_revision(self, game_id: str) -> int:
        """The game stream's last revision, -1 when it does not exist."""
        try:
            return int(self.game_state(game_id)["revision"])
        except AnteHTTPError as e:
            if e.status == 404:
                return -1
            raise

    def game_events(self, game_id: str, from_revision: int = 0) -> Iterator[Dict[str, Any]]:
        """Every stored event of a game from ``from_revision``, a page of 1,000 at a time."""
        next_revision: Optional[int] = from_revision
        while next_revision is not None:
            page = self.get(f"/api/v1/games/{_segment(game_id)}/events", fromRevision=next_revision, limit=1000)
            yield from page["items"]
            next_revision = page.get("nextRevision")

    def games(self, *, status: Optional[str] = None, strategy_id: Optional[str] = None,
              agent_id: Optional[str] = None, page_size: int = 100,
              min_position: Optional[int] = None) -> Iterator[Dict[str, Any]]:
        """Game summaries in game-id order, following ``nextCursor`` page after page."""
        cursor: Optional[str] = None
        while True:
            page = self.get("/api/v1/games", status=status, strategyId=strategy_id, agentId=agent_id,
                            limit=page_size, cursor=cursor, minPosition=min_position)
            yield from page["items"]
            cursor = page.get("nextCursor")
            if not cursor:
                return

    def synergies(self, *, size: str = "pair", min_games: int = 1, sort: str = "wilson", limit: int = 50,
                  min_position: Optional[int] = None) -> List[Dict[str, Any]]:
        """Joker synergies (``size``: single, pair or set), best first by ``sort``."""
        return self.get("/api/v1/synergies", size=size, minGames=min_games, sort=sort, limit=limit,
                        minPosition=min_position)["items"]

    def jokers(self, *, min_games: int = 1, sort: str = "wilson", limit: int = 50,
               min_position: Optional[int] = None) -> List[Dict[str, Any]]:
        """The joker tier list: pick rate against win rate."""
        return self.get("/api/v1/jokers", minGames=min_games, sort=sort, limit=limit,
                        minPosition=min_position)["items"]

    def leaderboard(self, *, min_games: int = 1, sort: str = "wilson", limit: int = 50,
                    min_position: Optional[int] = None) -> List[Dict[str, Any]]:
        """Strategies ranked by results."""
        return self.get("/api/v1/strategies/leaderboard", minGames=min_games, sort=sort, limit=limit,
                        minPosition=min_position)["items"]

    def compare_strategies(self, a: str, b: str, *, paired_by_seed: bool = False) -> Dict[str, Any]:
        """Win-rate difference of ``a`` and ``b`` with its 95% interval and p-value."""
        return self.get("/api/v1/strategies/compare", a=a, b=b, pairedBySeed=paired_by_seed)

    def learning_curve(self, run_id: str, *, name: Optional[str] = None, from_step: Optional[int] = None,
                       to_step: Optional[int] = None, buckets: Optional[int] = None) -> Dict[str, Any]:
        """A learning run's metrics per bucket of steps, from the time series."""
        return self.get(f"/api/v1/learning/{_segment(run_id)}/metrics", name=name, fromStep=from_step,
                        toStep=to_step, buckets=buckets)

    def sql(self, query: str, limit: Optional[int] = None) -> Dict[str, Any]:
        """One read-only QuestDB query: ``{"columns", "rows", "truncated"}``."""
        payload: Dict[str, Any] = {"query": query}
        if limit is not None:
            payload["limit"] = limit
        return self.post_json("/api/v1/sql", payload)

    def projections(self) -> List[Dict[str, Any]]:
        """Where each projection stands: position, head, lag, replaying, progress."""
        return self.get("/api/v1/projections")["items"]

    def wait_for(self, position: int, timeout: float = 30.0) -> None:
        """Waits until every projection has processed ``position`` (an append's ``position``)."""
        deadline = time.monotonic() + timeout
        while True:
            if all(int(item["position"]) >= position for item in self.projections()):
                return
            if time.monotonic() > deadline:
                raise AnteError(f"projections did not reach position {position} within {timeout} s")
            self._sleep(0.05)

    # ---- live stream -------------------------------------------------------------------------

    def stream(self, *, after: Optional[int] = None, category: Optional[str] = None,
               game_id: Optional[str] = None, strategy_id: Optional[str] = None, agent_id: Optional[str] = None,
               types: Optional[Iterable[str]] = None, reconnect: bool = True,
               read_timeout: float = 60.0) -> Iterator[StreamEvent]:
        """Events as they are recorded (``GET /api/v1/stream``), from after ``after`` when given.

        With ``reconnect`` the stream resumes from the last event received after a dropped connection or an
        ``overflow`` (each event once, in order). Stop by breaking out of the loop.
        """
        last = after
        query: Dict[str, Any] = {"category": category, "gameId": game_id, "strategyId": strategy_id,
                                 "agentId": agent_id, "types": ",".join(types) if types else None}
        failures = 0
        while True:
            url = self._url("/api/v1/stream", dict(query, after=last))
            request = urllib.request.Request(url, method="GET")
            request.add_header("Authorization", f"Bearer {self.api_key}")
            request.add_header("Accept", "text/event-stream")
            try:
                with urllib.request.urlopen(request, timeout=read_timeout) as response:
                    failures = 0
                    for message in _server_sent_events(response):
                        if message.event == "overflow":
                            last = int(json.loads(message.data)["resumeAfter"])
                            break
                        if message.id is None:
                            continue
                        last = int(message.id)
                        yield StreamEvent(position=last, type=message.event, body=json.loads(message.data))
            except urllib.error.HTTPError as e:
                with e:
                    text = e.read().decode("utf-8", errors="replace")
                if e.code not in (429, 503) and e.code < 500:
                    raise _http_error(e.code, text) from None
                failures += 1
            except (urllib.error.URLError, socket.timeout, ConnectionError, TimeoutError) as e:
                failures += 1
                if not reconnect or failures > self.max_retries:
                    raise AnteUnavailableError(f"stream: {e}") from e
            if not reconnect:
                return
            if failures:
                if failures > self.max_retries:
                    raise AnteUnavailableError("stream: the platform kept refusing the stream")
                self._pause(failures, None)


@dataclass
class _Message:
    id: Optional[str] = None
    event: str = "message"
    data: str = ""


def _server_sent_events(response: Any) -> Iterator[_Message]:
    """Parses ``text/event-stream``: fields up to a blank line make one message; comments are skipped."""
    message = _Message()
    data: List[str] = []
    for raw in response:
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data or message.id is not None:
                message.data = "\n".join(data)
                yield message
            message, data = _Message(), []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "id":
            message.id = value
        elif name == "event":
            message.event = value
        elif name == "data":
            data.append(value)


def _http_error(status: int, text: str) -> AnteHTTPError:
    try:
        problem = json.loads(text) if text.strip() else None
    except ValueError:
        problem = None
    if not isinstance(problem, dict):
        problem = None
    if status == 409 and problem is not None:
        if "recordedRevision" in problem:
            return EventIdConflictError(status, problem, text)
        return WrongExpectedRevisionError(status, problem, text)
    return AnteHTTPError(status, problem, text)


def _segment(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
