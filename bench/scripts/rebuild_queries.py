#!/usr/bin/env python3
"""Rebuilds every read model of an existing data directory twice and times queries meanwhile.

Starts the platform jar on DATA_DIR with deploy/jvm.options (and a collector log), waits until every
processor has caught up, sends 400 warm-up queries, then twice: asks for a replay of everything
(POST /api/v1/admin/projections/replay) and, until every processor says `replaying: false` at the head,
sends the harness's five rebuild.http queries one at a time over one keep-alive connection, 50 ms apart,
polling GET /api/v1/projections in between. Prints each round's rate, the platform's CPU per event (from
/proc/<pid>/stat), query percentiles overall and per endpoint, peak RSS, and the collector's pauses.

A data directory of 100,000 games is what `ante-bench --mode full --only rebuild.http --rebuild-games 100000
--keep --work-dir W` leaves in W/platform-data (its API keys are the harness's).

    python3 bench/scripts/rebuild_queries.py /tmp/w/platform-data --label shipped \\
        [--jvm-arg=-X...] [--app-arg=--ante....] [--lowest-priority REGEX] [--jfr]

--lowest-priority sets the threads whose names match REGEX (as Linux shows them, 15 characters) to nice 19
every half second during the rounds, as the platform's own priorities would; --jfr records the first
round with the profile settings into /tmp/rebuild-queries-<label>.jfr.
"""
import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import time

QUERIES = ["/api/v1/synergies?size=pair&limit=50", "/api/v1/games?limit=100",
           "/api/v1/strategies/leaderboard?limit=50", "/api/v1/strategies/winning-builds?limit=50",
           "/api/v1/stats/antes"]
ADMIN = {"Authorization": "Bearer bench-admin-key"}


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("data_dir")
    args.add_argument("--label", default="run")
    args.add_argument("--jar", default="query-api/target/ante.jar")
    args.add_argument("--port", type=int, default=18555)
    args.add_argument("--jvm-arg", action="append", default=[])
    args.add_argument("--app-arg", action="append", default=[])
    args.add_argument("--lowest-priority", default=None)
    args.add_argument("--jfr", action="store_true")
    a = args.parse_args()

    gc_log = f"/tmp/rebuild-queries-{a.label}-gc.log"
    command = (["java", "@deploy/jvm.options", f"-Xlog:gc:file={gc_log}:uptime"] + a.jvm_arg
               + ["-jar", a.jar, f"--server.port={a.port}", f"--ante.data-dir={a.data_dir}",
                  "--ante.security.agent-keys=bench-agent-key", "--ante.security.admin-keys=bench-admin-key",
                  "--ante.questdb.http-port=0", "--ante.questdb.pg-port=0"] + a.app_arg)
    platform = subprocess.Popen(command, stdout=open(f"/tmp/rebuild-queries-{a.label}.log", "w"),
                                stderr=subprocess.STDOUT)
    try:
        run(a, platform)
    finally:
        platform.terminate()
        platform.wait()
    young, full = [], []
    for line in open(gc_log):
        m = re.search(r"Pause (Young|Full).* (\d+\.\d+)ms", line)
        if m:
            (young if m.group(1) == "Young" else full).append(float(m.group(2)))
    if young:
        print(f"{a.label} collector over the whole run: {len(young)} young pauses, median "
              f"{statistics.median(young):.1f} ms, p90 {pct(young, .9):.1f} ms, {sum(young) / 1000:.1f} s; "
              f"{len(full)} full, {sum(full) / 1000:.1f} s")


def run(a, platform):
    def request(method, path, connection=None):
        c = connection or http.client.HTTPConnection("127.0.0.1", a.port, timeout=60)
        c.request(method, path, headers=ADMIN)
        r = c.getresponse()
        body = r.read()
        if connection is None:
            c.close()
        return r.status, body

    for _ in range(600):
        try:
            if request("GET", "/actuator/health")[0] == 200:
                break
        except OSError:
            pass
        time.sleep(1)

    def projections():
        return json.loads(request("GET", "/api/v1/projections")[1])["items"]

    def settled(head):
        return all(not p["replaying"] and p["position"] >= head for p in projections())

    while not settled(max(p["head"] for p in projections())):
        time.sleep(1)
    queries = http.client.HTTPConnection("127.0.0.1", a.port, timeout=60)

    def query(path):
        started = time.perf_counter()
        status, _ = request("GET", path, queries)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        return (time.perf_counter() - started) * 1000

    warm = [query(QUERIES[i % len(QUERIES)]) for i in range(400)]
    print(f"{a.label} before the rounds: p50 {pct(warm, .5):.1f} ms, p99 {pct(warm, .99):.1f} ms", flush=True)

    def cpu_seconds():
        stat = open(f"/proc/{platform.pid}/stat").read()
        fields = stat[stat.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    for round_no in (1, 2):
        head = max(p["head"] for p in projections())
        if a.jfr and round_no == 1:
            subprocess.run(["jcmd", str(platform.pid), "JFR.start", "name=rounds", "settings=profile",
                            f"filename=/tmp/rebuild-queries-{a.label}.jfr"], capture_output=True, check=True)
        cpu_before, started = cpu_seconds(), time.time()
        status, body = request("POST", "/api/v1/admin/projections/replay")
        if status != 202:
            raise RuntimeError(f"replay answered {status}: {body!r}")
        times, by_query, n, rss, lowered = [], {q: [] for q in QUERIES}, 0, 0, 0.0
        while True:
            if a.lowest_priority and time.time() - lowered > 0.5:
                lowered = time.time()
                for tid in os.listdir(f"/proc/{platform.pid}/task"):
                    try:
                        name = open(f"/proc/{platform.pid}/task/{tid}/comm").read().strip()
                        if re.search(a.lowest_priority, name):
                            os.setpriority(os.PRIO_PROCESS, int(tid), 19)
                    except OSError:
                        pass
            path = QUERIES[n % len(QUERIES)]
            ms = query(path)
            times.append(ms)
            by_query[path].append(ms)
            n += 1
            status_file = open(f"/proc/{platform.pid}/status").read()
            rss = max(rss, int(re.search(r"VmRSS:\s+(\d+)", status_file).group(1)) // 1024)
            if settled(head):
                break
            time.sleep(0.05)
        seconds, cpu = time.time() - started, cpu_seconds() - cpu_before
        if a.jfr and round_no == 1:
            subprocess.run(["jcmd", str(platform.pid), "JFR.stop", "name=rounds"], capture_output=True)
        events = head + 1
        print(f"{a.label} round {round_no}: {events:,} events in {seconds:.1f} s = {events / seconds:,.0f} events/s, "
              f"{1e6 * cpu / events:.2f} us of CPU per event; {len(times)} queries p50 {pct(times, .5):.1f}, "
              f"p90 {pct(times, .9):.1f}, p99 {pct(times, .99):.1f}, max {max(times):.1f} ms; peak RSS {rss} MB",
              flush=True)
        for path, values in by_query.items():
            print(f"    {path:45s} p50 {pct(values, .5):5.1f}  p99 {pct(values, .99):6.1f}  max {max(values):6.1f} ms")


if __name__ == "__main__":
    main()
