//! Gathering the period's data: [`compute`] picks the entries and sessions of the period, notes
//! the UTC offsets they were recorded in, and asks each section for its figures; and the
//! appendix rows, one per entry and per session.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, FixedOffset};

use super::common::{label_list, labels, name_of};
use super::pain::{by_time_of_day, counts, pain};
use super::peg::checkins_out;
use super::red_flags::flags;
use super::routines::{breaks, routines};
use super::{EntryOut, Inputs, Period, PeriodOut, ProfileOut, Report, SCHEMA, SessionOut};
use crate::history::SessionRecord;
use crate::symptoms::SymptomEntry;
use crate::vocabulary::Category;

/// Computes the report over `period` as of `now`.
pub fn compute(inputs: &Inputs<'_>, period: Period, now: DateTime<FixedOffset>) -> Report {
    // The log is kept in time order; should a caller's copy not be, sort one rather than read
    // it wrong (the periods and flag windows below are found by binary search).
    let sorted;
    let inputs = if inputs.entries.is_sorted_by_key(|e| e.at) {
        inputs
    } else {
        let mut entries = inputs.entries.to_vec();
        entries.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        sorted = entries;
        &Inputs {
            entries: &sorted,
            ..*inputs
        }
    };
    let start = inputs.entries.partition_point(|e| e.at < period.since);
    let end = inputs.entries.partition_point(|e| e.at < period.until);
    let entries = &inputs.entries[start..end.max(start)];
    let mut sessions: Vec<&SessionRecord> = inputs
        .sessions
        .iter()
        .filter(|s| period.contains(s.started))
        .collect();
    sessions.sort_by(|a, b| (a.started, &a.id).cmp(&(b.started, &b.id)));

    // Offsets as seconds first: formatting each record's offset would cost an allocation each.
    let seconds: Vec<i32> = entries
        .iter()
        .map(|e| e.at.offset().local_minus_utc())
        .chain(
            sessions
                .iter()
                .map(|s| s.started.offset().local_minus_utc()),
        )
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut offsets: Vec<String> = seconds
        .into_iter()
        .filter_map(FixedOffset::east_opt)
        .map(|o| o.to_string())
        .collect();
    offsets.sort();

    let profile = inputs.show_profile.then(|| ProfileOut {
        age: inputs.profile.birth_year.map(|y| now.year() - y),
        conditions: labels(inputs.profile.conditions, Category::Condition),
    });

    Report {
        schema: SCHEMA,
        generated: now,
        period: PeriodOut {
            from: period.first_day(),
            to: period.last_day(),
            since: period.since,
            until: period.until,
            days: (period.last_day() - period.first_day()).num_days() + 1,
        },
        offsets,
        profile,
        flags: flags(inputs, period, now),
        pain: pain(entries),
        areas: counts(entries, |e| e.areas, Category::Area),
        triggers: counts(entries, |e| e.triggers, Category::Trigger),
        relief: counts(entries, |e| e.relief, Category::Relief),
        time_of_day: by_time_of_day(entries),
        routines: routines(inputs, &sessions, period, now),
        breaks: breaks(inputs.breaks, period),
        checkins: checkins_out(inputs.checkins, period),
        entries: entries.iter().map(entry_out).collect(),
        sessions: sessions
            .iter()
            .map(|s| session_out(s, inputs.routine_names))
            .collect(),
    }
}

/// One appendix row for an entry.
pub fn entry_out(e: &SymptomEntry) -> EntryOut {
    let written = written_at(&e.id, *e.at.offset());
    EntryOut {
        id: e.id.clone(),
        at: e.at,
        pain: e.pain,
        onset: e.onset.map(|o| o.id()),
        areas: label_list(e.areas, Category::Area),
        symptoms: label_list(e.symptoms, Category::Symptom),
        denied: label_list(e.denied, Category::Symptom),
        triggers: label_list(e.triggers, Category::Trigger),
        relief: label_list(e.relief, Category::Relief),
        note: e.note.clone(),
        written,
        written_late: written.is_some_and(|w| w - e.at > Duration::hours(LATE_HOURS)),
        edited: e.edited,
    }
}

/// An entry written more than this many hours after the time it is for says when it was
/// written: a day later is still "yesterday's" entry; more is a memory.
pub const LATE_HOURS: i64 = 24;

/// When the record with `id` was written, in `offset` (the id holds the moment; the offset is
/// the entry's own, as nothing else is known).
pub(super) fn written_at(id: &str, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let ms = crate::id::timestamp_ms(id)?;
    Some(DateTime::from_timestamp_millis(ms)?.with_timezone(&offset))
}

/// One appendix row for a session.
pub fn session_out(s: &SessionRecord, names: &HashMap<String, String>) -> SessionOut {
    SessionOut {
        id: s.id.clone(),
        routine: s.routine.clone(),
        name: name_of(names, &s.routine),
        kind: s.kind.id(),
        started: s.started,
        minutes: (s.active_seconds + 30) / 60,
        outcome: s.outcome.id(),
        pain_before: s.pain_before,
        pain_after: s.pain_after,
    }
}
