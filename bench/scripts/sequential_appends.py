#!/usr/bin/env python3
"""Single-event appends from one client, one request at a time, against a running platform.

Posts a GameStarted to each of 20 new games, 200 DecisionMade events as warm-up, then N DecisionMade
events round-robin over the games over one keep-alive connection, and reports requests per second,
latency percentiles and the platform's CPU per request (from /proc/<pid>/stat, including 3 s after the
last request so that the projections' work is counted).

    python3 bench/scripts/sequential_appends.py --port 8080 --pid <platform pid> \
        --keys data/api-keys.properties --requests 3000
"""
import argparse
import http.client
import json
import time
import uuid


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--port", type=int, default=8080)
    args.add_argument("--pid", type=int, required=True, help="the platform's process id")
    args.add_argument("--keys", required=True, help="the platform's api-keys.properties")
    args.add_argument("--requests", type=int, default=3000)
    a = args.parse_args()
    key = next(line.split("=", 1)[1].strip() for line in open(a.keys) if line.startswith("agent="))
    conn = http.client.HTTPConnection("127.0.0.1", a.port)
    headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}

    def post(game, events):
        conn.request("POST", f"/api/v1/games/{game}/events", json.dumps(events), headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{response.status}: {body[:300]!r}")

    def event(kind, data):
        return {"eventId": str(uuid.uuid4()), "type": kind, "occurredAt": "2026-12-02T01:00:00.123456Z",
                "data": data}

    def cpu_ticks():
        fields = open(f"/proc/{a.pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    games = [f"seq-{uuid.uuid4().hex[:8]}-{i}" for i in range(20)]
    for game in games:
        post(game, [event("GameStarted", {"agentId": "a1", "seed": "s", "deck": "RED", "stake": "WHITE",
                                          "startingMoney": 4})])
    decision = {"ante": 1, "phase": "PLAYING", "decisionType": "play", "optionsAvailable": ["a", "b", "c"],
                "optionSelected": "a", "usedLlm": False, "timeToDecisionMs": 3}
    for i in range(200):
        post(games[i % 20], [event("DecisionMade", decision)])
    time.sleep(3)

    ticks_before, started = cpu_ticks(), time.time()
    latencies = []
    for i in range(a.requests):
        t = time.perf_counter()
        post(games[i % 20], [event("DecisionMade", decision)])
        latencies.append(time.perf_counter() - t)
    elapsed = time.time() - started
    time.sleep(3)
    ticks = cpu_ticks() - ticks_before
    latencies.sort()
    n = a.requests
    print(f"{n} requests in {elapsed:.1f}s = {n / elapsed:.0f}/s; platform CPU {ticks * 10_000 / n:.0f} us/request;"
          f" p50 {latencies[n // 2] * 1e3:.2f} ms p99 {latencies[int(n * 0.99)] * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
