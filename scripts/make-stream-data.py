#!/usr/bin/env python3
"""Writes a data folder to check and measure the streamed commands (`history --json`, `export`).

Usage: scripts/make-stream-data.py DIR [--entries N] [--sessions N] [--checkins N] [--plain]
                                       [--seed S]

Without --plain the files hold what the streaming has to get right: edits (the same id appended
again later, sessions written a line per step), deletes (tombstones, and an id deleted then
written again), entries dated out of file order, equal times under different offsets, ids that
are not ULIDs (short, lower case), breaks sharing an id, lines that cannot be read (bad JSON, an
unknown vocabulary id, pain 11, no time, a torn last line), a byte-order mark, CRLF line ends,
and notes a spreadsheet would run as formulas (`=SUM(A1)`, `-5 after stretch`, `@cmd`, a tab).
With --plain, only appends (the shape of the benches' own data).

Deterministic for a seed. One record a line; `--entries 1000000` writes about 300 MB.
"""

import argparse
import datetime as dt
import os
import random

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
AREAS = ["lower-back", "lower-back-left", "lower-back-right", "hip-left", "leg-left", "neck"]
SYMPTOMS = ["knot", "stiffness", "tenderness", "spasm", "aching", "shooting-pain"]
DENIED = ["saddle-numbness", "bladder-change", "bowel-change"]
TRIGGERS = ["sitting", "standing", "lifting", "stress"]
RELIEF = ["heat", "stretching", "massage", "rest", "walking"]
ROUTINES = [("morning-mobility", "stretch"), ("lower-back-release", "stretch"),
            ("heat-pack", "heat"), ("desk-reset", "posture-break")]
OUTCOMES = ["completed", "partial", "stopped", "interrupted"]
BREAKS = ["taken", "not-done", "snoozed", "skipped"]
NOTES = ["worse after the long drive", "=SUM(A1:A9)", "-5 after stretch", "+1 since yesterday",
         "@cmd", "\tindented", "said \"ouch\", twice", "two\nlines", "'=quoted already",
         "Évening ünwind ✓", ""]
OFFSETS = ["+01:00", "+00:00", "-05:00", "+05:30", "Z"]
START = dt.datetime(2016, 1, 1, tzinfo=dt.timezone.utc)


def ulid(ms, rnd):
    value = (ms << 80) | rnd
    return "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(26)))


def stamp(moment, offset):
    """RFC 3339 in the given offset (as the app writes it, seconds precision)."""
    if offset == "Z":
        return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    sign = 1 if offset[0] == "+" else -1
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    return moment.astimezone(zone).isoformat()


def jstr(s):
    import json
    return json.dumps(s, ensure_ascii=False)


class Ids:
    def __init__(self, rng, plain):
        self.rng, self.plain, self.n = rng, plain, 0

    def new(self, moment):
        self.n += 1
        ms = int(moment.timestamp() * 1000)
        if not self.plain and self.rng.random() < 0.002:
            return self.rng.choice([f"e{self.n}", ulid(ms, self.n).lower(), f"hand-{self.n}"])
        return ulid(ms, self.rng.getrandbits(80))


def entry_line(rng, eid, moment, plain, i):
    offset = "+01:00" if plain else rng.choice(OFFSETS)
    fields = [f'"id":{jstr(eid)}', f'"at":"{stamp(moment, offset)}"', f'"pain":{i % 11}']
    if i % 3 == 0:
        fields.append('"onset":"gradual"')
    fields.append('"areas":' + jstr(sorted(rng.sample(AREAS, 2), key=AREAS.index)))
    fields.append('"symptoms":' + jstr(sorted(rng.sample(SYMPTOMS, 2), key=SYMPTOMS.index)))
    if i % 4 == 0:
        fields.append('"denied":' + jstr(DENIED[:2]))
    fields.append('"triggers":["sitting"]')
    fields.append('"relief":' + jstr(sorted(rng.sample(RELIEF, 2), key=RELIEF.index)))
    note = NOTES[0] if plain else rng.choice(NOTES)
    if note:
        fields.append(f'"note":{jstr(note)}')
    return "{" + ",".join(fields) + "}"


BAD_ENTRY_LINES = [
    '{"id":"01KBAD0000000000000000000A","at":"2026-01-01T08:00:00+01:00","pain":11}',
    '{"id":"01KBAD0000000000000000000B","pain":3}',
    '{"id":"01KBAD0000000000000000000C","at":"2026-01-01T08:00:00+01:00","pain":3,"areas":["elbow"]}',
    'not json at all',
    '{"id":"","at":"2026-01-01T08:00:00+01:00","pain":3}',
]


def symptoms(path, n, rng, plain):
    ids = Ids(rng, plain)
    live = []
    out = ["\ufeff"] if not plain else []
    for i in range(n):
        moment = START + dt.timedelta(minutes=36 * i)
        if not plain and rng.random() < 0.03:
            moment -= dt.timedelta(days=rng.randint(1, 60))  # logged late, out of file order
        if not plain and rng.random() < 0.01 and live:
            moment = live[-1][1]  # the same moment as another entry
        eid = ids.new(moment)
        out.append(entry_line(rng, eid, moment, plain, i) + "\n")
        live.append((eid, moment))
        if plain:
            continue
        r = rng.random()
        if r < 0.05 and live:  # an edit of an earlier entry, perhaps moved in time
            eid, m = rng.choice(live[-500:])
            if rng.random() < 0.3:
                m += dt.timedelta(hours=rng.randint(-48, 48))
            out.append(entry_line(rng, eid, m, plain, i + 1) + "\n")
        elif r < 0.07 and live:  # a delete
            eid, _ = live.pop(rng.randrange(max(0, len(live) - 500), len(live)))
            out.append(f'{{"id":{jstr(eid)},"deleted":true}}\n')
            if rng.random() < 0.2:  # and written again
                out.append(entry_line(rng, eid, moment, plain, i + 2) + "\n")
                live.append((eid, moment))
        elif r < 0.072:
            out.append(rng.choice(BAD_ENTRY_LINES) + "\n")
        elif r < 0.073:
            out.append(entry_line(rng, eid, moment, plain, i).rstrip("}") + ',"extra":1}\r\n')
    if not plain:
        out.append('{"id":"01KTORN000000000000000000A","at":"2026-')  # torn by a crash
    write(path, out)


def session_line(sid, routine, kind, started, outcome, done, total, before, after, offset):
    ended = started + dt.timedelta(seconds=60 * done + 30)
    fields = [f'"type":"session"', f'"id":{jstr(sid)}', f'"routine":"{routine}"',
              f'"kind":"{kind}"', f'"started":"{stamp(started, offset)}"',
              f'"ended":"{stamp(ended, offset)}"', f'"active_seconds":{60 * done}',
              f'"outcome":"{outcome}"', f'"steps_done":{done}', f'"steps_total":{total}',
              f'"pain_before":{before}', f'"pain_after":{after}']
    return "{" + ",".join(fields) + "}\n"


def history(path, n, rng, plain):
    ids = Ids(rng, plain)
    out = []
    open_sessions = []
    for i in range(n):
        started = START + dt.timedelta(minutes=60 * i)
        if not plain and rng.random() < 0.02:
            started -= dt.timedelta(days=rng.randint(1, 30))
        routine, kind = ROUTINES[i % 4]
        offset = "+01:00" if plain else rng.choice(OFFSETS)
        sid = ids.new(started)
        total = 6
        before = i % 8
        after = "null" if i % 9 == 0 else str(max(0, before - 1))
        if plain:
            out.append(session_line(sid, routine, kind, started, "completed", total, total,
                                    before, after, offset))
        else:
            # Recorded as it runs: a start line, then a line per step, perhaps interleaved.
            out.append(session_line(sid, routine, kind, started, "interrupted", 0, total,
                                    before, "null", offset))
            open_sessions.append([sid, routine, kind, started, 0, total, before, after, offset])
            while open_sessions and (len(open_sessions) > 3 or rng.random() < 0.6):
                s = rng.choice(open_sessions)
                s[4] += rng.randint(1, 3)
                if s[4] >= s[5] or rng.random() < 0.2:
                    done = min(s[4], s[5])
                    outcome = "completed" if done == s[5] else rng.choice(OUTCOMES[1:])
                    out.append(session_line(s[0], s[1], s[2], s[3], outcome, done, s[5], s[6],
                                            s[7], s[8]))
                    open_sessions.remove(s)
                else:
                    out.append(session_line(s[0], s[1], s[2], s[3], "interrupted", s[4], s[5],
                                            s[6], "null", s[8]))
        if i % 3 == 0:
            at = started + dt.timedelta(minutes=30)
            bid = ids.new(at)
            outcome = BREAKS[i % 4]
            reason = ',"reason":"in a meeting"' if outcome == "skipped" else ""
            line = (f'{{"type":"break","id":{jstr(bid)},"routine":"desk-reset",'
                    f'"at":"{stamp(at, offset)}","outcome":"{outcome}"{reason}}}\n')
            out.append(line)
            if not plain and rng.random() < 0.05:  # the same break twice
                out.append(line)
        if not plain and rng.random() < 0.002:
            out.append(rng.choice(['{"id":"01KX00000000000000000000AB","deleted":true}',
                                   '{"type":"session","id":"x"}', '{{{']) + "\n")
    write(path, out)


def checkins(path, n, rng, plain):
    ids = Ids(rng, plain)
    out = []
    live = []
    for i in range(n):
        at = START + dt.timedelta(days=7 * i, hours=9)
        if not plain and rng.random() < 0.05:
            at -= dt.timedelta(days=rng.randint(1, 20))
        cid = ids.new(at)
        offset = "+00:00" if plain else rng.choice(OFFSETS)
        line = (f'{{"id":{jstr(cid)},"at":"{stamp(at, offset)}","pain":{i % 11},'
                f'"enjoyment":{(i * 3) % 11},"activity":{(i * 7) % 11}}}\n')
        out.append(line)
        live.append(cid)
        if plain:
            continue
        r = rng.random()
        if r < 0.05:
            out.append(line.replace(f'"pain":{i % 11}', f'"pain":{(i + 1) % 11}'))
        elif r < 0.08:
            out.append(f'{{"id":{jstr(live.pop())},"deleted":true}}\n')
        elif r < 0.09:
            out.append('{"id":"01KC0000000000000000000000","at":"2026-01-01T09:00:00Z","pain":3}\n')
    write(path, out)


def write(path, parts):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.writelines(parts)
    os.chmod(path, 0o600)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dir")
    p.add_argument("--entries", type=int, default=10_000)
    p.add_argument("--sessions", type=int, default=10_000)
    p.add_argument("--checkins", type=int, default=500)
    p.add_argument("--plain", action="store_true")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    os.makedirs(a.dir, mode=0o700, exist_ok=True)
    rng = random.Random(a.seed)
    symptoms(os.path.join(a.dir, "symptoms.jsonl"), a.entries, rng, a.plain)
    history(os.path.join(a.dir, "history.jsonl"), a.sessions, rng, a.plain)
    checkins(os.path.join(a.dir, "checkins.jsonl"), a.checkins, rng, a.plain)


if __name__ == "__main__":
    main()
