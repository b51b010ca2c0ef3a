//! Report tests: snapshots of the Markdown and JSON of a fixed log and history (an empty period,
//! one entry, several time zones, a note with markup, commas, quotes and newlines, an
//! acknowledged emergency), the HTML's escaping and self-containment, and the figures.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use super::*;
use crate::checkins::Checkin;
use crate::config::Config;
use crate::flags::{Ack, RuleSet};
use crate::history::{BreakOutcome, BreakRecord, SessionOutcome, SessionRecord};
use crate::routine::Kind;
use crate::symptoms::{Onset, SymptomEntry};
use crate::vocabulary::IdSet;

fn at(s: &str) -> DateTime<FixedOffset> {
    s.parse().unwrap()
}

fn now() -> DateTime<FixedOffset> {
    at("2026-11-25T12:00:00+00:00")
}

fn entry(
    n: u32,
    when: &str,
    pain: u8,
    areas: &[&str],
    symptoms: &[&str],
    note: &str,
) -> SymptomEntry {
    let at = at(when);
    SymptomEntry {
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

fn session(
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
struct Fixture {
    entries: Vec<SymptomEntry>,
    sessions: Vec<SessionRecord>,
    breaks: Vec<BreakRecord>,
    checkins: Vec<Checkin>,
    acks: Vec<Ack>,
    rules: RuleSet,
    config: Config,
    names: HashMap<String, String>,
    programme: Vec<crate::programme::state::ProgrammeRecord>,
}

fn fixture() -> Fixture {
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
    fn inputs(&self) -> Inputs<'_> {
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
        }
    }

    fn report(&self, since: &str, until: &str) -> Report {
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

fn november(f: &Fixture) -> Report {
    f.report("2026-11-01T00:00:00+00:00", "2026-11-23T00:00:00+00:00")
}

#[test]
fn markdown_of_three_weeks_in_three_time_zones() {
    let f = fixture();
    insta::assert_snapshot!(markdown::render(&november(&f)));
}

#[test]
fn json_of_three_weeks_in_three_time_zones() {
    let f = fixture();
    insta::assert_snapshot!(serde_json::to_string_pretty(&november(&f)).unwrap());
}

#[test]
fn an_empty_period_says_so() {
    let f = fixture();
    let r = f.report("2026-06-01T00:00:00+00:00", "2026-06-08T00:00:00+00:00");
    assert_eq!(r.pain.entries, 0);
    assert!(r.flags.in_period.is_empty());
    insta::assert_snapshot!("empty_md", markdown::render(&r));
    insta::assert_snapshot!("empty_json", serde_json::to_string_pretty(&r).unwrap());
}

#[test]
fn one_entry() {
    let f = fixture();
    let r = f.report("2026-11-18T00:00:00+00:00", "2026-11-19T00:00:00+00:00");
    assert_eq!(r.pain.entries, 1);
    insta::assert_snapshot!("one_entry_md", markdown::render(&r));
}

#[test]
fn the_acknowledged_emergency_is_in_the_period_with_when_it_was_checked() {
    let r = november(&fixture());
    let emergency = r
        .flags
        .in_period
        .iter()
        .find(|f| f.level == "emergency")
        .expect("the bladder emergency");
    assert_eq!(emergency.id, "bladder-bowel");
    assert_eq!(
        emergency.acknowledged,
        Some(at("2026-11-06T17:00:00+01:00"))
    );
    assert!(r.flags.active_now.iter().all(|f| f.id != "bladder-bowel"));
    assert_eq!(
        emergency.evidence[0].matched,
        "New trouble peeing or controlling the bladder"
    );
}

#[test]
fn times_keep_their_zone_and_days_are_the_local_days() {
    let r = november(&fixture());
    assert_eq!(r.offsets, ["+00:00", "+01:00", "-05:00"]);
    // 23:30 in Toronto is night on the 12th there (04:30 on the 13th in UTC).
    let night = r.time_of_day.iter().find(|t| t.id == "night").unwrap();
    assert_eq!(night.entries, 1);
    assert!(
        r.pain
            .days
            .iter()
            .any(|d| d.date.to_string() == "2026-11-12")
    );
    let md = markdown::render(&r);
    assert!(md.contains("Thu 12 Nov 2026 23:30 -05:00"), "{md}");
}

#[test]
fn routines_with_fewer_than_five_rated_sessions_are_too_few_to_tell() {
    let r = november(&fixture());
    let release = r
        .routines
        .effects
        .iter()
        .find(|e| e.routine == "lower-back-release")
        .unwrap();
    assert_eq!((release.sessions, release.rated), (6, 6));
    assert!(release.change.is_some());
    let heat = r
        .routines
        .effects
        .iter()
        .find(|e| e.routine == "heat-pack")
        .unwrap();
    assert_eq!(heat.change, None);
    assert!(
        heat.verdict.starts_with("too few to tell"),
        "{}",
        heat.verdict
    );
}

#[test]
fn the_peg_change_is_measured_against_the_30_percent_line() {
    let r = november(&fixture());
    // 6.67 → 4.0 is −40%.
    assert_eq!(r.checkins.change_percent, Some(-40.0));
    assert_eq!(r.checkins.meaningful_improvement, Some(true));
}

#[test]
fn no_profile_leaves_age_and_conditions_out() {
    let f = fixture();
    let mut inputs = f.inputs();
    inputs.show_profile = false;
    let period = Period {
        since: at("2026-11-01T00:00:00+00:00"),
        until: at("2026-11-23T00:00:00+00:00"),
    };
    let r = compute(&inputs, period, now());
    assert!(r.profile.is_none());
    let md = markdown::render(&r);
    assert!(!md.contains("Diabetes") && !md.contains("age 47"), "{md}");
}

#[test]
fn html_escapes_every_note_and_name_and_loads_nothing_from_outside() {
    let f = fixture();
    let html = html::render(&november(&f)).unwrap();
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the note is text"
    );
    assert!(!html.to_lowercase().contains("<script"), "no script at all");
    for outside in [
        "src=", "href=", "url(", "@import", "<link", "<img", "<iframe",
    ] {
        assert!(!html.contains(outside), "{outside}");
    }
    assert!(html.contains("My | own *routine*"), "names as written");
    assert!(html.contains("<svg"), "the figures are inline");
    assert!(html.contains("@page"), "print rules");
}

#[test]
fn markdown_escapes_what_would_break_a_table() {
    assert_eq!(markdown::escape("a | b"), "a \\| b");
    assert_eq!(markdown::escape("one\ntwo"), "one<br>two");
    assert_eq!(markdown::escape("<b>*x*</b>"), "\\<b\\>\\*x\\*\\</b\\>");
    let md = markdown::render(&november(&fixture()));
    let row = md.lines().find(|l| l.contains("alert(1)")).unwrap();
    // Nine columns: ten unescaped pipes.
    let pipes = row.len() - row.replace('|', "").len() - row.matches("\\|").count();
    assert_eq!(pipes, 10, "{row}");
}

#[test]
fn control_characters_in_a_note_are_made_visible_in_text_formats() {
    let mut f = fixture();
    f.entries[0].note = "x\u{1b}[2Jy\u{202e}z".into();
    let md = markdown::render(&november(&f));
    assert!(md.contains("x\\\\x1b\\[2Jy\\\\u{202e}z"), "{md}");
    assert!(!md.contains('\u{1b}'));
}

#[test]
fn the_body_figure_marks_every_area_with_its_count_and_mean() {
    let r = november(&fixture());
    let svg = chart::body(&r.areas);
    assert!(svg.contains("FRONT") && svg.contains("BACK"));
    for a in &r.areas {
        assert!(
            svg.contains(&format!("{}: {} entries", a.label, a.entries)),
            "{}",
            a.label
        );
    }
}

#[test]
fn the_pain_chart_has_a_dot_per_distinct_entry_and_two_lines() {
    let r = november(&fixture());
    let svg = chart::pain(&r);
    assert_eq!(svg.matches("<polyline").count(), 2);
    // Seven entries, all on different days: seven dots plus one in the legend.
    assert_eq!(svg.matches("<circle").count(), 8);
}

#[test]
fn entries_out_of_order_give_the_same_report() {
    let f = fixture();
    let sorted = serde_json::to_string(&november(&f)).unwrap();
    let mut shuffled = fixture();
    shuffled.entries.reverse();
    assert_eq!(serde_json::to_string(&november(&shuffled)).unwrap(), sorted);
}
