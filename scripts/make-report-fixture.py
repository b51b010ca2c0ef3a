#!/usr/bin/env python3
"""Writes tests/fixtures/report/: a fixed 13-week log, history and check-ins (deterministic).

The report's snapshot tests and scripts/check-report.sh read it. Run again only to change it.
"""
import json, random, os
from datetime import datetime, timedelta, timezone

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "report")
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
rnd = random.Random(11)

def ulid(at, n):
    ms = int(at.timestamp() * 1000)
    value = (ms << 80) | (n & ((1 << 80) - 1))
    return "".join(ALPHABET[(value >> (i * 5)) & 31] for i in range(25, -1, -1))

def zone(day):
    if datetime(2026, 10, 12) <= day < datetime(2026, 10, 19):
        return timezone(timedelta(hours=-5))  # a trip to Toronto
    if day >= datetime(2026, 10, 25):
        return timezone.utc                   # UK winter time
    return timezone(timedelta(hours=1))

start = datetime(2026, 8, 24)
entries, history, checkins, acks = [], [], [], []
counter = 0
noted = 0
notes = [
    "worse after the long drive",
    'sat in a "bad" chair, all day, again',
    "<script>alert('x')</script> | pipes | and *stars*",
    "two lines:\nfirst the hip, then the back",
    "",
]
for d in range(91):
    day = start + timedelta(days=d)
    tz = zone(day)
    base = 7 - 4 * d / 90
    for k in range(rnd.choice([1, 1, 2, 2, 3]) if d % 9 != 4 else 0):
        hour = rnd.choice([7, 8, 13, 18, 20, 23])
        at = day.replace(hour=hour, minute=rnd.choice([0, 15, 30, 45]), tzinfo=tz)
        pain = max(0, min(10, round(base + rnd.uniform(-1.5, 1.5) + (1 if hour >= 18 else 0))))
        areas = rnd.choice([["lower-back-left"], ["lower-back"], ["lower-back-left", "buttock-left"], ["lower-back-right"], ["hip-right"], ["upper-back", "neck"]])
        e = {"id": None, "at": at.isoformat(), "pain": pain, "areas": areas,
             "symptoms": rnd.choice([["knot"], ["stiffness"], ["aching", "stiffness"], ["spasm"]]),
             "triggers": rnd.choice([[], ["sitting"], ["lifting"], ["sleep-position"], ["sitting", "stress"]]),
             "relief": rnd.choice([[], ["heat"], ["stretching"], ["walking"], ["medication"], ["heat", "stretching"]])}
        if rnd.random() < 0.12:
            e["note"] = notes[noted % len(notes)]
            noted += 1
        if d % 17 == 3 and k == 0:
            e["onset"] = "sudden"
        counter += 1
        e["id"] = ulid(at, counter)
        entries.append(e)
    # Sessions: morning mobility most days, the lower back release on most evenings.
    for routine, kind, hour, secs, rate in [("morning-mobility", "stretch", 7, 281, False),
                                            ("lower-back-release", "stretch", 19, 605, True),
                                            ("heat-pack", "heat", 21, 930, True)]:
        if routine == "heat-pack" and d % 3:
            continue
        if rnd.random() < 0.2:
            continue
        started = day.replace(hour=hour, minute=5, tzinfo=tz)
        stopped = rnd.random() < 0.1
        before = max(0, min(10, round(base + rnd.uniform(-1, 1))))
        after = max(0, before - rnd.choice([0, 1, 2, 2, 3]))
        counter += 1
        history.append({"type": "session", "id": ulid(started, counter), "routine": routine, "kind": kind,
                        "started": started.isoformat(), "ended": (started + timedelta(seconds=secs + 20)).isoformat(),
                        "active_seconds": secs // 2 if stopped else secs, "outcome": "stopped" if stopped else "completed",
                        "steps_done": 3 if stopped else 7, "steps_total": 7,
                        "pain_before": before if rate else None, "pain_after": after if rate and not stopped else None})
    if day.weekday() < 5:
        for hour in (10, 11, 14, 15, 16):
            at = day.replace(hour=hour, minute=30, tzinfo=tz)
            outcome = rnd.choice(["taken", "taken", "taken", "skipped", "snoozed", "not-done"])
            counter += 1
            b = {"type": "break", "id": ulid(at, counter), "routine": "posture-check", "at": at.isoformat(), "outcome": outcome}
            if outcome == "skipped" and rnd.random() < 0.5:
                b["reason"] = "in a meeting"
            history.append(b)
    if day.weekday() == 0:
        at = day.replace(hour=9, tzinfo=tz)
        p = max(0, round(6.5 - 3 * d / 90 + rnd.uniform(-0.5, 0.5)))
        counter += 1
        checkins.append({"id": ulid(at, counter), "at": at.isoformat(), "pain": p,
                         "enjoyment": max(0, p + rnd.choice([0, 1])), "activity": max(0, p - rnd.choice([0, 1]))})

# An emergency, acknowledged the next day after a doctor's visit.
at = datetime(2026, 9, 14, 8, 10, tzinfo=timezone(timedelta(hours=1)))
counter += 1
entries.append({"id": ulid(at, counter), "at": at.isoformat(), "pain": 7, "areas": ["lower-back"],
                "symptoms": ["aching", "bladder-change"], "note": "trouble peeing since last night"})
ack_at = datetime(2026, 9, 15, 17, 0, tzinfo=timezone(timedelta(hours=1)))
acks.append({"id": ulid(ack_at, 1), "flag": "bladder-bowel", "at": ack_at.isoformat()})
# Shooting pain down the left leg in the last week: a "soon" flag active at the end.
at = datetime(2026, 11, 20, 18, 40, tzinfo=timezone.utc)
counter += 1
entries.append({"id": ulid(at, counter), "at": at.isoformat(), "pain": 6, "areas": ["lower-back-left", "leg-left"],
                "symptoms": ["shooting-pain"], "denied": ["saddle-numbness", "bladder-change", "bowel-change", "sexual-change"],
                "triggers": ["sitting"], "relief": ["walking"], "note": "down to the knee, left only"})

entries.sort(key=lambda e: e["id"])
os.makedirs(OUT, exist_ok=True)
for name, rows in [("symptoms.jsonl", entries), ("history.jsonl", history), ("checkins.jsonl", checkins), ("acks.jsonl", acks)]:
    with open(os.path.join(OUT, name), "w") as f:
        for r in rows:
            f.write(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False) + "\n")
with open(os.path.join(OUT, "config.toml"), "w") as f:
    f.write('emergency_number = "999"\n\n[profile]\nbirth_year = 1979\nconditions = ["diabetes"]\n')
print(len(entries), "entries,", len(history), "history lines,", len(checkins), "check-ins")
