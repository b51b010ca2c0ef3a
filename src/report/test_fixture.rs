//! The fixed log and history the report tests read: three weeks in three time zones, with
//! sessions, breaks, check-ins and an acknowledged emergency; and helpers to make entries,
//! sessions and times.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset};

use super::{Inputs, Period, Report, compute};
use crate::checkins::Checkin;
use crate::config::Config;
use crate::flags::{Ack, RuleSet};
use crate::history::{BreakOutcome, BreakRecord, SessionOutcome, SessionRecord};
use crate::routine::Kind;
use crate::symptoms::{Onset, SymptomEntry};
use crate::vocabulary::IdSet;

pub(super) fn at(s: &str) -> DateTime<FixedOffset> {
    s.parse().unwrap()
}

pub(super) fn now() -> DateTime<FixedOffset> {
    at("2026-11-25T12:00:00+00:00")
}

pub(super) fn entry(
    n: u32,
    when: &str,
    pain: u8,
    areas: &[&str],
    symptoms: &[&str],
    note: &str,
) -> SymptomEntry {
    let at = at(when);
    SymptomEntry {
        edited: None,
        id: crate::id::encode(at.timestamp_millis() as u64, u128::from(n)),
        at,
        pain,
        onset: None,
        areas: IdSet::of(areas),
        symptoms: IdSet::of(symptoms),
        denied: IdSet::new(),
        triggers: IdSet::new(),
        relief: IdSet::new(),
        note: note.to_owned(),
    }
}

pub(super) fn session(
    routine: &str,
    when: &str,
    outcome: SessionOutcome,
    pain: Option<(u8, u8)>,
) -> SessionRecord {
    let started = at(when);
    SessionRecord {
        id: crate::id::encode(started.timestamp_millis() as u64, 7),
        routine: routine.into(),
        kind: if routine == "heat-pack" {
            Kind::Heat
        } else {
            Kind::Stretch
        },
        started,
        ended: started + Duration::minutes(10),
        active_seconds: 600,
        outcome,
        steps_done: 7,
        steps_total: 7,
        pain_before: pain.map(|p| p.0),
        pain_after: pain.map(|p| p.1),
    }
}

/// A fixed log: three weeks, three time zones, a note that tries markup, an emergency that was
/// acknowledged the day after, sessions of two routines (one with enough ratings to tell), breaks
/// and three check-ins.
pub(super) struct Fixture {
    pub(super) entries: Vec<SymptomEntry>,
    pub(super) sessions: Vec<SessionRecord>,
    pub(super) breaks: Vec<BreakRecord>,
    pub(super) checkins: Vec<Checkin>,
    pub(super) acks: Vec<Ack>,
    pub(super) rules: RuleSet,
    pub(super) config: Config,
    pub(super) names: HashMap<String, String>,
    pub(super) programme: Vec<crate::programme::state::ProgrammeRecord>,
    pub(super) programmes: crate::programme::ProgrammeLibrary,
}

pub(super) fn fixture() -> Fixture {
    let mut entries = vec![
        entry(
            1,
            "2026-11-02T08:30:00+01:00",
            7,
            &["lower-back-left"],
            &["knot"],
            "worse after the long drive",
        ),
        entry(
            2,
            "2026-11-03T21:15:00+01:00",
            6,
            &["lower-back-left", "buttock-left"],
            &["stiffness"],
            "",
        ),
        entry(
            3,
            "2026-11-05T08:10:00+01:00",
            7,
            &["lower-back"],
            &["aching", "bladder-change"],
            "trouble peeing since last night",
        ),
        entry(
            4,
            "2026-11-10T13:45:00-05:00",
            5,
            &["lower-back-right", "hip-right"],
            &["aching"],
            "<script>alert(1)</script> | a pipe, \"quotes\", commas\nand a *second* line",
        ),
        entry(
            5,
            "2026-11-12T23:30:00-05:00",
            4,
            &["upper-back", "neck"],
            &["tenderness"],
            "",
        ),
        entry(
            6,
            "2026-11-18T07:00:00+00:00",
            3,
            &["lower-back-left"],
            &["stiffness"],
            "",
        ),
        entry(
            7,
            "2026-11-20T18:40:00+00:00",
            3,
            &["lower-back-left"],
            &["knot"],
            "",
        ),
    ];
    entries[0].triggers = IdSet::of(&["sitting"]);
    entries[0].relief = IdSet::of(&["heat"]);
    entries[1].triggers = IdSet::of(&["sitting", "stress"]);
    entries[3].triggers = IdSet::of(&["lifting"]);
    entries[3].relief = IdSet::of(&["stretching", "heat"]);
    entries[3].onset = Some(Onset::Sudden);
    entries[5].relief = IdSet::of(&["walking"]);
    let mut sessions = Vec::new();
    for (i, day) in ["02", "03", "04", "06", "09", "11"].iter().enumerate() {
        let pain = Some((6 - (i as u8) / 2, 4 - (i as u8) / 3));
        sessions.push(session(
            "lower-back-release",
            &format!("2026-11-{day}T19:00:00+01:00"),
            SessionOutcome::Completed,
            pain,
        ));
    }
    sessions.push(session(
        "heat-pack",
        "2026-11-03T21:00:00+01:00",
        SessionOutcome::Stopped,
        Some((6, 5)),
    ));
    sessions.push(session(
        "my-own",
        "2026-11-19T07:30:00+00:00",
        SessionOutcome::Completed,
        None,
    ));
    let breaks = vec![
        BreakRecord {
            id: "01KBREAK0000000000000000A1".into(),
            routine: "posture-check".into(),
            at: at("2026-11-10T10:30:00-05:00"),
            outcome: BreakOutcome::Taken,
            reason: None,
        },
        BreakRecord {
            id: "01KBREAK0000000000000000A2".into(),
            routine: "posture-check".into(),
            at: at("2026-11-10T11:30:00-05:00"),
            outcome: BreakOutcome::Skipped,
            reason: Some("in a meeting".into()),
        },
    ];
    let checkin = |day: &str, p, e, g| {
        let at = at(&format!("2026-11-{day}T09:00:00+00:00"));
        Checkin {
            id: crate::id::encode(at.timestamp_millis() as u64, 3),
            at,
            pain: p,
            enjoyment: e,
            activity: g,
        }
    };
    let checkins = vec![
        checkin("02", 7, 7, 6),
        checkin("09", 6, 5, 5),
        checkin("16", 4, 4, 4),
    ];
    let ack_at = at("2026-11-06T17:00:00+01:00");
    let acks = vec![Ack {
        id: crate::id::encode(ack_at.timestamp_millis() as u64, 1),
        flag: "bladder-bowel".into(),
        at: ack_at,
    }];
    let mut config = Config::default();
    config.emergency_number = Some("999".into());
    config.profile.birth_year = Some(1979);
    config.profile.conditions = IdSet::of(&["diabetes"]);
    let names = [
        ("lower-back-release", "Lower back release"),
        ("heat-pack", "Heat pack"),
        ("my-own", "My | own *routine*"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    use crate::programme::state::{Direction, DoseChange, FlareChange, ProgrammeRecord};
    let programme = vec![
        ProgrammeRecord::Dose(DoseChange {
            id: "01KDOSE0000000000000000001".into(),
            at: at("2026-11-12T08:30:00+01:00"),
            programme: "steady-back".into(),
            routine: "lower-back-release".into(),
            from: 1,
            to: 2,
            direction: Direction::Up,
            reason: "Three sessions with pain no higher after than before, every step done.".into(),
        }),
        ProgrammeRecord::Flare(FlareChange {
            id: "01KFLARE000000000000000001".into(),
            at: at("2026-11-16T19:00:00+01:00"),
            on: true,
            from_pain: Some(7),
            reason: "You logged pain of 7.".into(),
        }),
    ];
    Fixture {
        programme,
        programmes: crate::programme::ProgrammeLibrary::load(
            &[],
            &crate::routine::Library::load(&[]),
        ),
        entries,
        sessions,
        breaks,
        checkins,
        acks,
        rules: RuleSet::bundled(),
        config,
        names,
    }
}

impl Fixture {
    pub(super) fn inputs(&self) -> Inputs<'_> {
        Inputs {
            entries: &self.entries,
            sessions: &self.sessions,
            breaks: &self.breaks,
            checkins: &self.checkins,
            acks: &self.acks,
            rules: &self.rules.rules,
            profile: &self.config.profile,
            show_profile: true,
            plan: &self.config.plan,
            routine_names: &self.names,
            emergency_number: self.config.emergency_number.as_deref(),
            programme: &self.programme,
            programmes: &self.programmes,
        }
    }

    pub(super) fn report(&self, since: &str, until: &str) -> Report {
        compute(
            &self.inputs(),
            Period {
                since: at(since),
                until: at(until),
            },
            now(),
        )
    }
}

pub(super) fn november(f: &Fixture) -> Report {
    f.report("2026-11-01T00:00:00+00:00", "2026-11-23T00:00:00+00:00")
}
