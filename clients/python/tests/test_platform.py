"""The client against a running platform: set ANTE_URL, ANTE_AGENT_KEY and ANTE_RESEARCHER_KEY.

Without ANTE_URL these tests are skipped (and say so). The platform's test suite runs them against the
platform it starts (PythonClientIT).
"""
from __future__ import annotations

import os
import random
import threading
import time
import unittest
import uuid

from ante_client import (AnteClient, AnteHTTPError, EventIdConflictError, GameRecorder, envelope)
from ante_client.random_agent import play_game

URL = os.environ.get("ANTE_URL")


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def started(agent: str = "py-agent", strategy: str = None) -> dict:
    data = {"agentId": agent, "seed": "SEED-1", "deck": "Red Deck", "stake": "White Stake", "startingMoney": 4}
    if strategy:
        data["strategyId"] = strategy
    return data


def hand(n: int, score: int, jokers=("Blueprint", "Mime")) -> dict:
    return {"ante": 1, "blindType": "SMALL", "handNumber": n, "cards": ["AS", "AH"], "handType": "Pair",
            "jokers": list(jokers), "baseChips": 10, "baseMult": 2.0, "finalChips": 30, "finalMult": 4.0,
            "finalScore": score}


def completed(outcome: str = "WIN") -> dict:
    return {"outcome": outcome, "finalAnte": 1, "finalMoney": 10, "bestHandScore": 120, "jokers": ["Blueprint"]}


@unittest.skipUnless(URL, "no platform to test against: set ANTE_URL (and ANTE_AGENT_KEY, ANTE_RESEARCHER_KEY)")
class PlatformTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls) -> None:
        cls.agent = AnteClient(URL, os.environ.get("ANTE_AGENT_KEY", ""))
        cls.researcher = AnteClient(URL, os.environ.get("ANTE_RESEARCHER_KEY", ""))

    def test_a_recorded_game_is_stored_in_order_and_folded(self) -> None:
        game_id = unique("py-rec")
        with GameRecorder(self.agent, game_id, batch_size=3) as game:
            game.record("GameStarted", started())
            for n in range(1, 6):
                game.record("HandPlayed", hand(n, 100 * n))
            game.record("GameCompleted", completed())
        self.assertEqual(game.revision, 6)
        events = list(self.researcher.game_events(game_id))
        self.assertEqual([e["revision"] for e in events], list(range(7)))
        self.assertEqual([e["type"] for e in events], ["GameStarted"] + ["HandPlayed"] * 5 + ["GameCompleted"])
        state = self.researcher.game_state(game_id)
        self.assertEqual(state["status"], "WON")
        self.assertEqual(state["bestHandScore"], 500)

    def test_a_resent_batch_is_skipped_as_duplicates(self) -> None:
        game_id = unique("py-dup")
        batch = [envelope("GameStarted", started()), envelope("HandPlayed", hand(1, 50))]
        first = self.agent.append_game_events(game_id, batch, expected_revision=-1)
        again = self.agent.append_game_events(game_id, batch)
        self.assertEqual((first.first_revision, first.last_revision, first.appended), (0, 1, 2))
        self.assertEqual((again.first_revision, again.appended, again.duplicates), (None, 0, 2))
        self.assertEqual(self.agent.game_revision(game_id), 1)

    def test_a_reused_id_with_other_content_is_a_conflict(self) -> None:
        game_id = unique("py-reuse")
        start = envelope("GameStarted", started())
        self.agent.append_game_events(game_id, [start])
        changed = dict(start, data=started(agent="someone-else"))
        with self.assertRaises(EventIdConflictError) as raised:
            self.agent.append_game_events(game_id, [changed])
        self.assertEqual(raised.exception.recorded_revision, 0)

    def test_two_writers_on_one_game_each_land_every_event_once(self) -> None:
        game_id = unique("py-race")
        self.agent.append_game_events(game_id, [envelope("GameStarted", started())], expected_revision=-1)
        recorders = [GameRecorder(self.agent, game_id, batch_size=5) for _ in range(2)]
        ids = [[], []]
        failures = []

        def write(i: int) -> None:
            try:
                for n in range(1, 41):
                    ids[i].append(recorders[i].record("HandPlayed", hand(n, n))["eventId"])
                recorders[i].flush()
            except Exception as e:  # noqa: BLE001 - reported below, in the test's own thread
                failures.append(e)

        threads = [threading.Thread(target=write, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        stored = [e["eventId"] for e in self.researcher.game_events(game_id)][1:]
        self.assertEqual(sorted(stored), sorted(ids[0] + ids[1]))
        # Each writer's events keep their order.
        for mine in ids:
            self.assertEqual([i for i in stored if i in set(mine)], mine)

    def test_a_broken_rule_is_a_400_naming_the_field(self) -> None:
        with self.assertRaises(AnteHTTPError) as raised:
            self.agent.append_game_events(unique("py-bad"), [envelope("HandPlayed", hand(1, 1))])
        self.assertEqual(raised.exception.status, 400)

    def test_ndjson_bulk_then_the_read_models_show_the_games(self) -> None:
        agent = unique("py-bulk-agent")
        strategy = unique("py-strat")
        self.agent.append_strategy_events(strategy, [envelope("StrategyRegistered", {
            "name": "bulk", "agentId": agent, "parameters": {"temperature": 0.5}})])
        games = {}
        for i in range(12):
            games[unique("py-bulk")] = [envelope("GameStarted", started(agent, strategy)),
                                        envelope("HandPlayed", hand(1, 10 * i)),
                                        envelope("GameCompleted", completed("WIN" if i % 3 == 0 else "LOSS"))]
        answer = self.agent.bulk(games, max_lines=10)
        self.assertEqual(answer["conflicts"], [])
        self.assertEqual(len(answer["results"]), 12)
        position = max(r["position"] for r in answer["results"])
        listed = list(self.researcher.games(agent_id=agent, page_size=5, min_position=position))
        self.assertEqual(sorted(g["gameId"] for g in listed), sorted(games))
        board = {row["strategyId"]: row for row in self.researcher.leaderboard(min_games=0, limit=1000,
                                                                               min_position=position)}
        self.assertEqual((board[strategy]["games"], board[strategy]["wins"], board[strategy]["losses"]), (12, 4, 8))

    def test_the_stream_brings_a_game_posted_after_it(self) -> None:
        game_id = unique("py-stream")
        head = max(p["head"] for p in self.researcher.projections())
        result = self.agent.append_game_events(game_id, [envelope("GameStarted", started()),
                                                         envelope("HandPlayed", hand(1, 7))])
        seen = []
        for event in self.researcher.stream(after=head, game_id=game_id):
            seen.append(event)
            if event.position >= result.position:
                break
        self.assertEqual([e.type for e in seen], ["GameStarted", "HandPlayed"])
        self.assertEqual(seen[-1].body["stream"], "game-" + game_id)
        self.assertEqual(seen[-1].position, result.position)

    def test_metrics_come_back_as_a_learning_curve(self) -> None:
        run = unique("py-run")
        self.agent.record_metrics(run, [envelope("MetricRecorded", {"step": s, "name": "loss",
                                                                    "value": 1.0 / (s + 1)}) for s in range(20)])
        deadline = time.monotonic() + 30
        while True:
            try:
                curve = self.researcher.learning_curve(run, name="loss", buckets=4)
                if sum(b["count"] for b in curve["metrics"][0]["buckets"]) == 20:
                    break
            except AnteHTTPError as e:
                if e.status != 404:
                    raise
            self.assertLess(time.monotonic(), deadline, "the metrics did not reach the time series")
            time.sleep(0.2)
        self.assertEqual([b["fromStep"] for b in curve["metrics"][0]["buckets"]], [0, 5, 10, 15])
        rows = self.researcher.sql(f"SELECT count() FROM learning_metrics WHERE run_id = '{run}'")["rows"]
        self.assertEqual(rows[0][0], 20)

    def test_the_random_agent_plays_a_game_the_read_models_then_show(self) -> None:
        game_id = unique("py-random")
        agent = unique("py-random-agent")
        state = play_game(self.agent, game_id, random.Random(3), agent_id=agent)
        self.assertIn(state["status"], ("WON", "LOST"))
        listed = list(self.researcher.games(agent_id=agent, min_position=self._head()))
        self.assertEqual([g["gameId"] for g in listed], [game_id])
        self.assertEqual(listed[0]["status"], state["status"])

    def _head(self) -> int:
        return max(p["head"] for p in self.researcher.projections())


if __name__ == "__main__":
    unittest.main()
