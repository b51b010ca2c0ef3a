//! Progression and dose tests: the rule that reads the last three sessions, and what each level
//! changes within the limits. The schedule, flare plan and programme files are tested in
//! `schedule_tests`, which shares `at` from here.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;

use super::dose::{self, Dimension, DoseLimits, MAX_CORE_HOLD, MAX_LEVEL, MAX_REPS};
use super::hold::FlagHold;
use super::progression::{Context, Decision, SessionView, decide};
use crate::routine::{Kind, Origin, Routine, Work};

pub(super) fn at(s: &str) -> DateTime<FixedOffset> {
    format!("{s}T08:00:00+00:00").parse().unwrap()
}

fn routine(text: &str) -> Routine {
    crate::routine::parse("r", "r.toml", text, Origin::Bundled, &|_| None).unwrap()
}

fn s(day: &str, before: Option<u8>, after: Option<u8>, all_done: bool) -> SessionView {
    SessionView {
        started: at(day),
        pain_before: before,
        pain_after: after,
        not_done: (!all_done).then_some("a step was skipped"),
        next_day_pain: None,
    }
}

/// A good session (every step done) with pain before and after, and the pain logged the next day.
fn p(day: &str, before: u8, after: u8, next_day: Option<u8>) -> SessionView {
    SessionView {
        next_day_pain: next_day,
        ..s(day, Some(before), Some(after), true)
    }
}

const CTX: Context = Context {
    level: 2,
    max_level: 4,
    next: Some(Dimension::Reps),
    flags: FlagHold::Clear,
    flare: false,
};

#[test]
fn the_progression_rule_reads_the_last_three_sessions() {
    let good = |d| s(d, Some(4), Some(4), true);
    let flag = Context {
        flags: FlagHold::Serious,
        ..CTX
    };
    let nerve = Context {
        flags: FlagHold::Nerve,
        ..CTX
    };
    let flare = Context { flare: true, ..CTX };
    let flare_and_flag = Context {
        flare: true,
        flags: FlagHold::Serious,
        ..CTX
    };
    let top = Context { next: None, ..CTX };
    let week_cap = Context {
        max_level: 2,
        ..CTX
    };
    let level_one = Context { level: 1, ..CTX };
    #[rustfmt::skip]
    let table: Vec<(&str, Vec<SessionView>, Context, &str)> = vec![
        ("three good sessions: up", vec![good("2026-11-02"), good("2026-11-03"), good("2026-11-04")], CTX, "offer 3"),
        ("a 1-point rise is tolerated", vec![good("2026-11-02"), s("2026-11-03", Some(3), Some(4), true), good("2026-11-04")], CTX, "offer 3"),
        ("pain fell from 5: up", vec![s("2026-11-02", Some(5), Some(3), true), good("2026-11-03"), good("2026-11-04")], CTX, "offer 3"),
        ("pain fell from 6: above 5 before, stay", vec![s("2026-11-02", Some(6), Some(3), true), good("2026-11-03"), good("2026-11-04")], CTX, "stay pain was 6 before the session on Mon 2 Nov"),
        // Pain above 5 before or after holds the dose; exactly 5 does not.
        ("pain 5 before and after: up", vec![p("2026-11-02", 5, 5, None), p("2026-11-03", 5, 5, None), p("2026-11-04", 5, 5, None)], CTX, "offer 3"),
        ("pain 6 before: stay", vec![p("2026-11-02", 5, 5, None), p("2026-11-03", 5, 5, None), p("2026-11-04", 6, 5, None)], CTX, "stay pain was 6 before the session on Wed 4 Nov"),
        ("pain 6 after (a 1-point rise): stay", vec![p("2026-11-02", 5, 5, None), p("2026-11-03", 5, 6, None), p("2026-11-04", 5, 5, None)], CTX, "stay pain was 6 after the session on Tue 3 Nov"),
        ("pain 10 before and after, no rise: stay", vec![p("2026-11-02", 10, 10, None), p("2026-11-03", 10, 10, None), p("2026-11-04", 10, 10, None)], CTX, "stay pain was 10 after"),
        ("pain 6 in two sessions says so, not 'one more session'", vec![p("2026-11-02", 6, 6, None), good("2026-11-03")], CTX, "stay pain was 6 after the session on Mon 2 Nov"),
        ("pain 6 in a session no longer read: up", vec![p("2026-11-01", 6, 6, None), good("2026-11-02"), good("2026-11-03"), good("2026-11-04")], CTX, "offer 3"),
        // The baseline creeps: each later session starts higher than the first.
        ("befores 3, 4, 4 creep: stay", vec![p("2026-11-02", 3, 3, None), p("2026-11-03", 4, 4, None), p("2026-11-04", 4, 4, None)], CTX, "stay each session started with more pain than the first (3, then 4, 4)"),
        ("befores 3, 4, 3 come back: up", vec![p("2026-11-02", 3, 3, None), p("2026-11-03", 4, 4, None), p("2026-11-04", 3, 3, None)], CTX, "offer 3"),
        ("befores 4, 3, 3 fall: up", vec![p("2026-11-02", 4, 4, None), p("2026-11-03", 3, 3, None), p("2026-11-04", 3, 3, None)], CTX, "offer 3"),
        // The next day's logged pain higher than the pain before that session.
        ("next day 4 after a session that started at 3: stay", vec![p("2026-11-02", 3, 3, Some(4)), p("2026-11-03", 3, 3, None), p("2026-11-04", 3, 3, None)], CTX, "stay you logged pain of 4 the day after the session on Mon 2 Nov, which started at 3"),
        ("next day 3 after a session that started at 3: up", vec![p("2026-11-02", 3, 3, Some(3)), p("2026-11-03", 3, 3, Some(3)), p("2026-11-04", 3, 3, Some(2))], CTX, "offer 3"),
        // Flags and the flare plan.
        ("a one-side nerve flag: stay", vec![good("2026-11-02"), good("2026-11-03"), good("2026-11-04")], nerve, "stay nerve symptoms"),
        ("a nerve flag does not stop a step back", vec![good("2026-11-02"), s("2026-11-03", Some(2), Some(4), true)], nerve, "down 1"),
        ("during the flare plan: stay", vec![good("2026-11-02"), good("2026-11-03"), good("2026-11-04")], flare, "stay the flare plan is on"),
        ("the flare plan does not stop a step back", vec![good("2026-11-02"), s("2026-11-03", Some(2), Some(4), true)], flare, "down 1"),
        ("an urgent flag says so first, over the flare plan", vec![good("2026-11-02"), good("2026-11-03"), good("2026-11-04")], flare_and_flag, "stay red flag"),
        ("only the last three count", vec![s("2026-11-01", None, None, false), good("2026-11-02"), good("2026-11-03"), good("2026-11-04")], CTX, "offer 3"),
        ("two sessions: stay", vec![good("2026-11-02"), good("2026-11-03")], CTX, "stay 1 more session"),
        ("none: stay", vec![], CTX, "stay 3 more sessions"),
        ("a 2-point rise: down", vec![good("2026-11-02"), good("2026-11-03"), s("2026-11-04", Some(3), Some(5), true)], CTX, "down 1 from 3 before to 5 after"),
        ("a rise in an earlier session: down", vec![s("2026-11-02", Some(2), Some(6), true), good("2026-11-03")], CTX, "down 1 from 2 before to 6 after"),
        ("a rise at level 1: stay and say so", vec![s("2026-11-02", Some(3), Some(5), true)], level_one, "stay gentlest level"),
        ("missing rating after: stay", vec![good("2026-11-02"), s("2026-11-03", Some(3), None, true), good("2026-11-04")], CTX, "stay rate your pain"),
        ("missing rating before: stay", vec![good("2026-11-02"), s("2026-11-03", None, Some(3), true), good("2026-11-04")], CTX, "stay rate your pain"),
        ("no ratings at all: stay", vec![s("2026-11-02", None, None, true), s("2026-11-03", None, None, true), s("2026-11-04", None, None, true)], CTX, "stay rate your pain"),
        ("a skipped step: stay", vec![good("2026-11-02"), s("2026-11-03", Some(4), Some(4), false), good("2026-11-04")], CTX, "stay every step"),
        ("at the dose limits: stay", vec![good("2026-11-02"), good("2026-11-03"), good("2026-11-04")], top, "stay at the most"),
        ("the week's highest level: stay", vec![good("2026-11-02"), good("2026-11-03"), good("2026-11-04")], week_cap, "stay highest this week"),
        ("a red flag: stay", vec![good("2026-11-02"), good("2026-11-03"), good("2026-11-04")], flag, "stay red flag"),
        ("a red flag does not stop a step back", vec![good("2026-11-02"), s("2026-11-03", Some(2), Some(5), true)], flag, "down 1"),
    ];
    for (name, sessions, ctx, want) in table {
        let got = decide(&sessions, ctx);
        let (kind, level) = match &got {
            Decision::Offer { to, .. } => ("offer", Some(*to)),
            Decision::Stay { .. } => ("stay", None),
            Decision::StepBack { to, .. } => ("down", Some(*to)),
        };
        let mut words = want.split(' ');
        assert_eq!(kind, words.next().unwrap(), "{name}: {got:?}");
        let rest: Vec<&str> = words.collect();
        let (num, text) = match rest.first().and_then(|w| w.parse::<u8>().ok()) {
            Some(n) => (Some(n), rest[1..].join(" ")),
            None => (None, rest.join(" ")),
        };
        if let Some(n) = num {
            if kind != "stay" {
                assert_eq!(level, Some(n), "{name}: {got:?}");
            } else {
                assert!(got.reason().contains(&rest.join(" ")), "{name}: {got:?}");
            }
        }
        assert!(
            got.reason().contains(&text),
            "{name}: {got:?} lacks {text:?}"
        );
    }
}

fn flags_of(active: &[&str], acknowledged: &[&str]) -> crate::flags::Flags {
    let rules = crate::flags::RuleSet::bundled();
    let flag = |id: &&str| crate::flags::Flag {
        rule: rules.get(id).unwrap_or_else(|| panic!("{id}")).clone(),
        evidence: vec![],
        acknowledged: None,
    };
    // Built from the default, so a field added to `Flags` later does not break these tests.
    let mut flags = crate::flags::Flags::default();
    flags.active.extend(active.iter().map(flag));
    flags.acknowledged.extend(acknowledged.iter().map(flag));
    flags
}

#[test]
fn nerve_flags_on_one_side_or_more_and_serious_flags_hold_the_dose() {
    use super::hold::flag_hold;
    #[rustfmt::skip]
    let table: Vec<(&str, &[&str], &[&str], FlagHold)> = vec![
        ("nothing", &[], &[], FlagHold::Clear),
        ("one leg (soon)", &["one-leg"], &[], FlagHold::Nerve),
        ("one leg, marked as checked, still in its window", &[], &["one-leg"], FlagHold::Nerve),
        ("a soon flag that is not about nerves", &["age-onset"], &[], FlagHold::Clear),
        ("an urgent flag", &["fever"], &[], FlagHold::Serious),
        ("an urgent flag marked as checked", &[], &["fever"], FlagHold::Clear),
        ("leg weakness (urgent)", &["leg-weakness"], &[], FlagHold::Serious),
        ("both legs (emergency)", &["both-legs"], &[], FlagHold::Serious),
        ("serious over nerve", &["one-leg", "night-pain"], &[], FlagHold::Serious),
    ];
    for (name, active, acked, want) in table {
        assert_eq!(flag_hold(&flags_of(active, acked)), want, "{name}");
    }
    // The nerve notion is read from the rule, so every bundled rule about nerve symptoms or
    // sides counts, and none about other things.
    let rules = crate::flags::RuleSet::bundled();
    let nerve: Vec<&str> = rules
        .rules
        .iter()
        .filter(|r| super::hold::is_nerve_rule(r))
        .map(|r| r.id.as_str())
        .collect();
    for id in ["one-leg", "both-legs", "leg-weakness"] {
        assert!(nerve.contains(&id), "{id}: {nerve:?}");
    }
    for id in [
        "age-onset",
        "fever",
        "not-improving",
        "lingering",
        "night-pain",
    ] {
        assert!(!nerve.contains(&id), "{id}: {nerve:?}");
    }
}

#[test]
fn a_session_is_done_only_with_every_step_done_and_says_why_not() {
    use crate::history::SessionOutcome;
    let mut rec = crate::history::SessionRecord {
        id: "x".into(),
        routine: "r".into(),
        kind: Kind::Stretch,
        started: at("2026-11-02"),
        ended: at("2026-11-02"),
        active_seconds: 60,
        outcome: SessionOutcome::Completed,
        steps_done: 5,
        steps_total: 5,
        pain_before: Some(3),
        pain_after: Some(3),
    };
    assert!(rec.done());
    assert_eq!(SessionView::from(&rec).not_done, None);
    rec.outcome = SessionOutcome::Partial;
    rec.steps_done = 4;
    assert!(!rec.done());
    assert_eq!(SessionView::from(&rec).not_done, Some("a step was skipped"));
    rec.steps_done = 0;
    assert_eq!(
        SessionView::from(&rec).not_done,
        Some("every step was skipped")
    );
    rec.steps_done = 5;
    rec.outcome = SessionOutcome::Stopped;
    assert!(!rec.done());
    assert_eq!(
        SessionView::from(&rec).not_done,
        Some("it was stopped early")
    );
}

#[test]
fn a_session_with_every_step_skipped_does_not_count_towards_the_level_up() {
    let good = |d| s(d, Some(4), Some(4), true);
    let skipped = SessionView {
        not_done: Some("every step was skipped"),
        ..good("2026-11-04")
    };
    let got = decide(&[good("2026-11-02"), good("2026-11-03"), skipped], CTX);
    assert_eq!(
        got.reason(),
        "the session on Wed 4 Nov does not count, as every step was skipped: 3 more sessions with \
         every step done at this level before it can go up"
    );
    // Two done after it: one more.
    let got = decide(&[skipped, good("2026-11-05"), good("2026-11-06")], CTX);
    assert!(
        got.reason().contains("1 more session with every step done"),
        "{got:?}"
    );
    // Three done after it: the offer.
    let got = decide(
        &[
            skipped,
            good("2026-11-05"),
            good("2026-11-06"),
            good("2026-11-07"),
        ],
        CTX,
    );
    assert!(matches!(got, Decision::Offer { to: 3, .. }), "{got:?}");
}

const STRETCH: &str = r#"
name = "s"
kind = "stretch"
[[steps]]
name = "hold"
hold = "20s"
sides = "left-right"
[[steps]]
name = "reps"
reps = 8
tempo = "3s"
[[steps]]
name = "long hold"
hold = "1m"
"#;

#[test]
fn each_level_changes_one_thing_by_ten_to_twenty_percent_within_the_limits() {
    let written = routine(STRETCH);
    let limits = DoseLimits::default();
    let (l2, c) = dose::at_level(&written, 2, limits);
    assert_eq!(c, [Dimension::Hold]);
    assert_eq!(l2.steps[0].work, Work::Hold(Duration::from_secs(24)));
    assert_eq!(
        l2.steps[2].work,
        Work::Hold(Duration::from_secs(60)),
        "a hold written past the limit is kept, never lengthened"
    );
    let (l3, c) = dose::at_level(&written, 3, limits);
    assert_eq!(c, [Dimension::Hold, Dimension::Reps]);
    assert!(matches!(l3.steps[1].work, Work::Reps { count: 9, .. }));
    let (l4, c) = dose::at_level(&written, 4, limits);
    assert_eq!(c.last(), Some(&Dimension::Sets));
    assert_eq!(l4.steps[0].sets, 2);
    // Holds stop at 30 s, reps at 12, sets at two more than written.
    let (top, _) = dose::at_level(&written, MAX_LEVEL, limits);
    assert_eq!(top.steps[0].work, Work::Hold(Duration::from_secs(30)));
    assert!(top.steps.iter().all(|s| s.sets <= 3));
    // Older adults' holds may reach 60 s.
    let (older, _) = dose::at_level(
        &written,
        MAX_LEVEL,
        DoseLimits {
            older_adult: true,
            ..DoseLimits::default()
        },
    );
    assert_eq!(older.steps[0].work, Work::Hold(Duration::from_secs(33)));
    // Heat is never dosed.
    let heat = routine("name = \"h\"\nkind = \"heat\"\n[[steps]]\nname = \"h\"\nhold = \"10m\"\n");
    assert_eq!(dose::at_level(&heat, 5, limits).0, heat);
    assert_eq!(dose::top_level(&heat, limits), 1);
}

#[test]
fn core_holds_stop_at_ten_seconds() {
    let written = routine(
        "name = \"c\"\nkind = \"stretch\"\ntags = [\"core\"]\n[[steps]]\nname = \"curl-up\"\nhold = \"8s\"\nsets = 5\n",
    );
    let (top, changes) = dose::at_level(&written, MAX_LEVEL, DoseLimits::default());
    assert_eq!(top.steps[0].work, Work::Hold(Duration::from_secs(10)));
    assert_eq!(top.steps[0].sets, 7);
    assert_eq!(
        changes,
        [
            Dimension::Hold,
            Dimension::Sets,
            Dimension::Hold,
            Dimension::Sets
        ]
    );
    assert_eq!(dose::top_level(&written, DoseLimits::default()), 5);
    assert_eq!(
        dose::next_change(&written, 1, DoseLimits::default()),
        Some(Dimension::Hold)
    );
    assert_eq!(dose::next_change(&written, 5, DoseLimits::default()), None);
}

fn arb_routine() -> impl Strategy<Value = (Routine, bool)> {
    let step = (
        prop_oneof![
            (1u64..=3600).prop_map(|h| (Some(h), None)),
            (1u32..=200).prop_map(|r| (None, Some(r)))
        ],
        1u32..=20,
        any::<bool>(),
    );
    (
        prop::collection::vec(step, 1..8),
        any::<bool>(),
        any::<bool>(),
    )
        // Only routines a file could hold (within the loader's bounds) are dosed.
        .prop_filter_map("within the routine bounds", |(steps, core, older)| {
            let mut text = format!(
                "name = \"p\"\nkind = \"stretch\"\ntags = [{}]\n",
                if core { "\"core\"" } else { "" }
            );
            for ((hold, reps), sets, sides) in steps {
                text.push_str("[[steps]]\nname = \"x\"\n");
                if let Some(h) = hold {
                    text.push_str(&format!("hold = \"{h}s\"\n"));
                }
                if let Some(r) = reps {
                    text.push_str(&format!("reps = {r}\ntempo = \"1s\"\n"));
                }
                text.push_str(&format!("sets = {sets}\n"));
                if sides {
                    text.push_str("sides = \"left-right\"\n");
                }
            }
            crate::routine::parse("r", "r.toml", &text, Origin::Bundled, &|_| None)
                .ok()
                .map(|r| (r, older))
        })
}

proptest! {
    #[test]
    fn no_level_exceeds_the_limits((written, older) in arb_routine(), level in 1u8..=MAX_LEVEL) {
        let limits = DoseLimits { older_adult: older, ..DoseLimits::default() };
        let cap = limits.hold_cap(&written);
        let (dosed, changes) = dose::at_level(&written, level, limits);
        prop_assert!(changes.len() < usize::from(level));
        prop_assert!(dosed.total() <= dose::MAX_ROUTINE.max(written.total()));
        for (d, w) in dosed.steps.iter().zip(&written.steps) {
            prop_assert!(d.sets <= dose::MAX_SETS.max(w.sets));
            prop_assert!(d.sets <= w.sets + dose::MAX_EXTRA_SETS);
            match (d.work, w.work) {
                (Work::Hold(dh), Work::Hold(wh)) => {
                    prop_assert!(dh <= cap.max(wh), "{dh:?} > {cap:?}");
                    prop_assert!(dh <= dose::MAX_HOLD);
                    if wh < cap { prop_assert!(dh <= cap); }
                    if written.tags.iter().any(|t| t == "core") && wh <= MAX_CORE_HOLD {
                        prop_assert!(dh <= MAX_CORE_HOLD);
                    }
                }
                (Work::Reps { count: dc, .. }, Work::Reps { count: wc, .. }) => {
                    prop_assert!(dc <= MAX_REPS.max(wc));
                }
                _ => prop_assert!(false, "work kind changed"),
            }
        }
    }

    #[test]
    fn each_level_is_one_change_of_at_most_twenty_percent_or_one_set((written, older) in arb_routine(), level in 1u8..MAX_LEVEL) {
        let limits = DoseLimits { older_adult: older, ..DoseLimits::default() };
        let (a, _) = dose::at_level(&written, level, limits);
        let (b, changes) = dose::at_level(&written, level + 1, limits);
        let mut kinds = std::collections::BTreeSet::new();
        for (x, y) in a.steps.iter().zip(&b.steps) {
            if y.sets != x.sets { kinds.insert("sets"); prop_assert_eq!(y.sets, x.sets + 1); }
            match (x.work, y.work) {
                (Work::Hold(p), Work::Hold(q)) if p != q => {
                    kinds.insert("hold");
                    prop_assert!(q.as_secs() * 5 <= p.as_secs() * 6);
                }
                (Work::Reps { count: p, .. }, Work::Reps { count: q, .. }) if p != q => {
                    kinds.insert("reps");
                    prop_assert!(u64::from(q) * 5 <= u64::from(p) * 6);
                }
                _ => {}
            }
        }
        prop_assert!(kinds.len() <= 1, "{kinds:?}");
        prop_assert_eq!(kinds.is_empty(), changes.len() < usize::from(level));
    }
}
