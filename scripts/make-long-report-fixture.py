#!/usr/bin/env python3
"""Writes tests/fixtures/report-long/: two weeks of a programme whose dose reasons and entry
notes are long (long sentences, a long word, a URL), for scripts/check-report.sh to check that
the printed report keeps every word of them on A4 and Letter."""
import json, os
from datetime import datetime, timedelta, timezone

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "report-long")
B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TZ = timezone(timedelta(hours=1))

def ulid(at, n):
    ms = int(at.timestamp() * 1000)
    head = "".join(B32[(ms >> (5 * i)) & 31] for i in reversed(range(10)))
    return head + str(n).rjust(16, "0")

def iso(at):
    return at.isoformat()

start = datetime(2026, 11, 2, 7, 0, tzinfo=TZ)
notes = [
    "Woke at four with the knot under the left shoulder blade again; a hot shower and ten minutes "
    "of the knee-to-chest stretch eased it to a dull ache by breakfast, but sitting in the car for "
    "the school run brought it straight back and it stayed until lunch.",
    "Physio (see https://example.org/back-care/lower-back-knots-and-everyday-stiffness-leaflet) "
    "suggested the side bridge from the knees instead of the full one for a fortnight.",
    "Pneumonoultramicroscopicsilicovolcanoconiosis-length words and "
    "supercalifragilisticexpialidocious ones must wrap too, not run off the edge of the page.",
    "Long day at the desk: took every posture break, walked at lunch, and the evening heat pack "
    "helped more than the stretches did; pain was worst between three and five in the afternoon.",
]
reasons = [
    "your back took the last 3 sessions well: pain at 5 or below, never more than 1 higher after "
    "than before nor higher the next day, every step done",
    "pain went from 3 before to 5 after on Wed 4 Nov: a rise of 2 or more means the dose was too "
    "much; back to level 1",
    "you chose to stay at this level when offered the next one; the offer comes back after three "
    "more sessions at this level with every step done",
    "the session on Fri 6 Nov does not count, as every step was skipped: 3 more sessions with "
    "every step done at this level before it can go up",
]
entries, sessions, programme = [], [], []
programme.append({"type": "start", "id": ulid(start, 1), "at": iso(start),
                  "programme": "steady-back", "start_date": "2026-11-02"})
for day in range(12):
    at = start + timedelta(days=day, hours=1)
    sessions.append({"type": "session", "id": ulid(at, 2), "routine": "morning-mobility",
                     "kind": "stretch", "started": iso(at), "ended": iso(at + timedelta(minutes=6)),
                     "active_seconds": 360, "outcome": "completed", "steps_done": 7,
                     "steps_total": 7, "pain_before": 3 + day % 3, "pain_after": 3 + day % 2})
    if day % 3 == 0:
        e_at = start + timedelta(days=day, hours=13)
        entries.append({"id": ulid(e_at, 3), "at": iso(e_at), "pain": 3 + day % 4,
                        "areas": ["lower-back-left"], "symptoms": ["knot"], "triggers": ["sitting"],
                        "relief": ["heat"], "note": notes[(day // 3) % len(notes)]})
for i, reason in enumerate(reasons):
    at = start + timedelta(days=2 * i + 1, hours=12)
    direction = ["up", "down", "stay", "stay"][i]
    frm, to = [(1, 2), (2, 1), (1, 1), (1, 1)][i]
    programme.append({"type": "dose", "id": ulid(at, 4), "at": iso(at), "programme": "steady-back",
                      "routine": "morning-mobility", "from": frm, "to": to,
                      "direction": direction, "reason": reason})
flare_on = start + timedelta(days=9, hours=14)
programme.append({"type": "flare", "id": ulid(flare_on, 5), "at": iso(flare_on), "on": True,
                  "from_pain": 7, "reason": "You logged pain of 7 after a long drive home from "
                  "the coast, which is 2 or more above your usual and reason enough for a few "
                  "days of short, gentle routines."})
os.makedirs(OUT, exist_ok=True)
for name, rows in [("symptoms", entries), ("history", sessions), ("programme", programme)]:
    with open(os.path.join(OUT, name + ".jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open(os.path.join(OUT, "config.toml"), "w") as f:
    f.write('emergency_number = "999"\n')
