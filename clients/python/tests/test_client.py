"""The client's own logic: envelopes, retries and backoff, 409s, NDJSON batching, the event-stream parser."""
from __future__ import annotations

import io
import json
import socket
import unittest
import uuid

from ante_client import (AnteClient, AnteHTTPError, AnteUnavailableError, EventIdConflictError, GameRecorder,
                         WrongExpectedRevisionError, envelope, iso_instant)
from ante_client.client import _server_sent_events

from .stub import Stub

APPENDED = {"stream": "game-g1", "firstRevision": 0, "lastRevision": 1, "position": 7, "appended": 2,
            "duplicates": 0, "duplicateIndexes": []}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sleeps:
    def __init__(self) -> None:
        self.calls = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


class EnvelopeTest(unittest.TestCase):

    def test_fresh_uuid_and_microsecond_utc_instant(self) -> None:
        a = envelope("GameStarted", {"agentId": "a"})
        b = envelope("GameStarted", {"agentId": "a"})
        self.assertNotEqual(a["eventId"], b["eventId"])
        self.assertEqual(str(uuid.UUID(a["eventId"])), a["eventId"])
        self.assertRegex(a["occurredAt"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
        self.assertEqual(a["data"], {"agentId": "a"})

    def test_naive_times_are_utc(self) -> None:
        from datetime import datetime, timedelta, timezone
        moment = datetime(2026, 11, 23, 10, 15, 30, 123456)
        self.assertEqual(iso_instant(moment), "2026-11-23T10:15:30.123456Z")
        plus_one = datetime(2026, 11, 23, 11, 15, 30, 123456, tzinfo=timezone(timedelta(hours=1)))
        self.assertEqual(iso_instant(plus_one), "2026-11-23T10:15:30.123456Z")


class RetryTest(unittest.TestCase):

    def test_5xx_is_retried_with_growing_backoff_then_succeeds_with_the_same_body(self) -> None:
        sleeps = Sleeps()
        with Stub([(503, {}, {}), (502, {}, {}), (200, {}, APPENDED)]) as stub:
            client = AnteClient(stub.url, "k", sleep=sleeps, backoff=0.1)
            result = client.append_game_events("g1", [envelope("GameStarted", {}), envelope("BlindSelected", {})])
        self.assertEqual(result.last_revision, 1)
        self.assertEqual(len(stub.requests), 3)
        self.assertEqual(stub.body(0), stub.body(2), "a retry resends the same envelopes, ids included")
        self.assertEqual(len(sleeps.calls), 2)
        self.assertTrue(0.05 <= sleeps.calls[0] <= 0.1 and 0.1 <= sleeps.calls[1] <= 0.2, sleeps.calls)
        self.assertEqual(stub.requests[0]["headers"]["Authorization"], "Bearer k")

    def test_retry_after_is_honoured(self) -> None:
        sleeps = Sleeps()
        with Stub([(503, {"Retry-After": "2"}, {}), (200, {}, {"items": []})]) as stub:
            AnteClient(stub.url, "k", sleep=sleeps).get("/api/v1/projections")
        self.assertGreaterEqual(sleeps.calls[0], 2.0)

    def test_gives_up_after_max_retries_with_the_last_answer(self) -> None:
        sleeps = Sleeps()
        with Stub([(500, {}, {"title": "boom", "status": 500})] * 3) as stub:
            client = AnteClient(stub.url, "k", sleep=sleeps, max_retries=2)
            with self.assertRaises(AnteHTTPError) as raised:
                client.get("/api/v1/games")
        self.assertEqual(raised.exception.status, 500)
        self.assertEqual(len(stub.requests), 3)

    def test_connection_errors_are_retried_then_reported(self) -> None:
        sleeps = Sleeps()
        client = AnteClient(f"http://127.0.0.1:{closed_port()}", "k", sleep=sleeps, max_retries=3, timeout=2)
        with self.assertRaises(AnteUnavailableError):
            client.get("/api/v1/games")
        self.assertEqual(len(sleeps.calls), 3)

    def test_4xx_is_not_retried_and_carries_the_problem(self) -> None:
        problem = {"status": 400, "title": "Invalid events", "detail": "[0].data.ante: must be ≥ 1, was 0",
                   "errors": [{"index": 0, "field": "data.ante", "message": "must be ≥ 1, was 0"}]}
        with Stub([(400, {}, problem)]) as stub:
            with self.assertRaises(AnteHTTPError) as raised:
                AnteClient(stub.url, "k", sleep=Sleeps()).append_game_events("g1", [envelope("X", {})])
        self.assertEqual(len(stub.requests), 1)
        self.assertEqual(raised.exception.errors[0]["field"], "data.ante")
        self.assertIn("must be", str(raised.exception))

    def test_409s_are_told_apart(self) -> None:
        with Stub([(409, {}, {"status": 409, "actualRevision": 4}),
                   (409, {}, {"status": 409, "recordedRevision": 2})]) as stub:
            client = AnteClient(stub.url, "k", sleep=Sleeps())
            with self.assertRaises(WrongExpectedRevisionError) as wrong:
                client.append_game_events("g1", [envelope("X", {})], expected_revision=1)
            with self.assertRaises(EventIdConflictError) as reused:
                client.append_game_events("g1", [envelope("X", {})])
        self.assertEqual(wrong.exception.actual_revision, 4)
        self.assertEqual(reused.exception.recorded_revision, 2)
        self.assertIn("expectedRevision=1", stub.requests[0]["path"])

    def test_backfill_is_asked_for_only_when_wanted(self) -> None:
        with Stub([(200, {}, APPENDED), (200, {}, APPENDED), (200, {}, {"results": [], "conflicts": []}),
                   (200, {}, {"results": [], "conflicts": []})]) as stub:
            client = AnteClient(stub.url, "k")
            client.append_game_events("g1", [envelope("X", {})], backfill=True)
            client.append_game_events("g1", [envelope("X", {})], expected_revision=1)
            client.post_ndjson([dict(envelope("X", {}), gameId="g1")], backfill=True)
            client.bulk({"g1": [envelope("X", {})]}, backfill=True)
        self.assertEqual(stub.requests[0]["path"], "/api/v1/games/g1/events?backfill=true")
        self.assertEqual(stub.requests[1]["path"], "/api/v1/games/g1/events?expectedRevision=1")
        self.assertEqual(stub.requests[2]["path"], "/api/v1/events?backfill=true")
        self.assertEqual(stub.requests[3]["path"], "/api/v1/events?backfill=true")

    def test_ids_are_encoded_in_paths(self) -> None:
        with Stub([(200, {}, {"revision": 0})]) as stub:
            AnteClient(stub.url, "k").game_state("a b/c")
        self.assertEqual(stub.requests[0]["path"], "/api/v1/games/a%20b%2Fc/state")


class RecorderTest(unittest.TestCase):

    def test_a_409_reads_where_the_stream_is_and_sends_the_batch_again_from_there(self) -> None:
        replies = [(404, {}, {"status": 404}),                                   # the game is new: revision -1
                   (409, {}, {"status": 409, "actualRevision": 2}),              # someone else wrote 3 events
                   (200, {}, dict(APPENDED, firstRevision=3, lastRevision=4))]
        with Stub(replies) as stub:
            sleeps = Sleeps()
            recorder = GameRecorder(AnteClient(stub.url, "k", sleep=sleeps), "g1", batch_size=2)
            recorder.record("GameStarted", {})
            recorder.record("BlindSelected", {})
        self.assertIn("expectedRevision=-1", stub.requests[1]["path"])
        self.assertIn("expectedRevision=2", stub.requests[2]["path"])
        self.assertEqual(stub.body(1), stub.body(2))
        self.assertEqual(recorder.revision, 4)
        self.assertEqual(len(sleeps.calls), 1, "one pause before sending again")

    def test_batches_of_batch_size_and_the_rest_on_exit(self) -> None:
        replies = [(200, {}, dict(APPENDED, firstRevision=0, lastRevision=2)),
                   (200, {}, dict(APPENDED, firstRevision=3, lastRevision=3))]
        with Stub(replies) as stub:
            with GameRecorder(AnteClient(stub.url, "k"), "g1", batch_size=3, expected_revision=-1) as recorder:
                for _ in range(4):
                    recorder.record("HandPlayed", {})
        self.assertEqual([len(stub.body(i)) for i in range(2)], [3, 1])
        self.assertIn("expectedRevision=2", stub.requests[1]["path"])


class BulkTest(unittest.TestCase):

    def test_streams_are_packed_into_requests_within_the_line_limit_each_stream_whole(self) -> None:
        answer = {"results": [{"stream": "x"}], "conflicts": []}
        games = {f"g{i}": [envelope("HandPlayed", {"n": j}) for j in range(4)] for i in range(5)}
        with Stub([(200, {}, answer)] * 5) as stub:
            out = AnteClient(stub.url, "k").bulk(games, max_lines=10)
        bodies = [r["body"].decode("utf-8").splitlines() for r in stub.requests]
        self.assertEqual([len(b) for b in bodies], [8, 8, 4])
        self.assertEqual(stub.requests[0]["headers"]["Content-Type"], "application/x-ndjson")
        first = [json.loads(line) for line in bodies[0]]
        self.assertEqual([line["gameId"] for line in first], ["g0"] * 4 + ["g1"] * 4)
        self.assertEqual(len(out["results"]), 3)


class ServerSentEventsTest(unittest.TestCase):

    def test_messages_comments_and_multiline_data(self) -> None:
        text = (": ping\n\nid: 4711\nevent: HandPlayed\ndata: {\"a\":1}\n\n"
                "event: overflow\ndata: {\"resumeAfter\":4711,\ndata: \"maxBuffered\":10}\n\n")
        messages = list(_server_sent_events(io.BytesIO(text.encode("utf-8"))))
        self.assertEqual([(m.id, m.event) for m in messages], [("4711", "HandPlayed"), (None, "overflow")])
        self.assertEqual(json.loads(messages[0].data), {"a": 1})
        self.assertEqual(json.loads(messages[1].data), {"resumeAfter": 4711, "maxBuffered": 10})


if __name__ == "__main__":
    unittest.main()
