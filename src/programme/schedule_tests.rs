//! Schedule, flare plan and programme file tests: weeks, days and chosen levels, when the flare
//! plan is offered and ends, and every bundled programme loading.

use chrono::NaiveDate;

use super::flare::{self, Advice, Trigger};
use super::schedule;
use super::state::{Direction, DoseChange, Flare, ProgrammeRecord, ProgrammeState};
use super::tests::at;
use super::{Programme, ProgrammeLibrary};
use crate::routine::{Library, Origin};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn programme(weeks: usize) -> Programme {
    let mut text = String::from("name = \"P\"\nflare = [\"flare-first-days\"]\n");
    for w in 0..weeks {
        text.push_str(&format!(
            "[[weeks]]\nlevel = {}\nmax_level = 4\nmon = [\"core-starter\"]\nwed = [\"core-starter\", \"morning-mobility\"]\n",
            w + 1
        ));
    }
    let lib = Library::load(&[]);
    super::file::parse("p", "p.toml", &text, Origin::Bundled, &|id| {
        lib.get(id).map(|r| r.kind)
    })
    .unwrap()
}

fn started(start: &str) -> Vec<ProgrammeRecord> {
    vec![ProgrammeRecord::Start {
        id: "1".into(),
        at: at(start),
        programme: "p".into(),
        start_date: day(start),
    }]
}

fn change(when: &str, from: u8, to: u8, direction: Direction) -> ProgrammeRecord {
    ProgrammeRecord::Dose(DoseChange {
        id: when.into(),
        at: at(when),
        programme: "p".into(),
        routine: "core-starter".into(),
        from,
        to,
        direction,
        reason: "test".into(),
    })
}

#[test]
fn the_schedule_follows_weeks_days_and_chosen_levels() {
    let p = programme(2);
    let lib = ProgrammeLibrary {
        programmes: vec![p.clone()],
        broken: vec![],
    };
    // 2026-11-02 is a Monday.
    let mut records = started("2026-11-02");
    let state = ProgrammeState::fold(&records, None);
    let d = schedule::day(&lib, &state, day("2026-11-04")).unwrap();
    assert_eq!(d.position.unwrap().week, 1);
    assert_eq!(
        d.due.iter().map(|d| d.routine.as_str()).collect::<Vec<_>>(),
        ["core-starter", "morning-mobility"]
    );
    assert!(
        schedule::day(&lib, &state, day("2026-11-03"))
            .unwrap()
            .due
            .is_empty()
    );
    // Week 2 starts at level 2.
    assert_eq!(
        schedule::level(&p, &state, "core-starter", day("2026-11-09")),
        2
    );
    // A step up in week 1 carries on; a step back in week 2 stands in week 2.
    records.push(change("2026-11-05", 1, 2, Direction::Up));
    records.push(change("2026-11-06", 2, 3, Direction::Up));
    let state = ProgrammeState::fold(&records, None);
    assert_eq!(
        schedule::level(&p, &state, "core-starter", day("2026-11-09")),
        3
    );
    records.push(change("2026-11-10", 3, 1, Direction::Down));
    let state = ProgrammeState::fold(&records, None);
    assert_eq!(
        schedule::level(&p, &state, "core-starter", day("2026-11-11")),
        1
    );
    // Past the last week it repeats, and says so.
    let late = schedule::position(&p, day("2026-11-02"), day("2026-11-30"));
    assert!(late.finished && late.week == 2);
    // History reads the week and level a session ran at.
    assert_eq!(
        schedule::session_context(&lib, &records, "core-starter", at("2026-11-05")),
        Some((1, 2))
    );
    assert_eq!(
        schedule::session_context(&lib, &records, "core-starter", at("2026-11-01")),
        None
    );
    // The flare plan replaces the day.
    records.push(ProgrammeRecord::Flare(super::state::FlareChange {
        id: "f".into(),
        at: at("2026-11-11"),
        on: true,
        from_pain: Some(8),
        reason: "pain 8".into(),
    }));
    let state = ProgrammeState::fold(&records, None);
    let d = schedule::day(&lib, &state, day("2026-11-12")).unwrap();
    assert!(d.flare);
    assert_eq!(d.due[0].routine, "flare-first-days");
    // Stopping ends it.
    records.push(ProgrammeRecord::Stop {
        id: "s".into(),
        at: at("2026-11-13"),
    });
    let state = ProgrammeState::fold(&records, None);
    assert!(state.active.is_none());
}

#[test]
fn the_flare_plan_is_offered_on_high_pain_or_a_rise_but_never_over_a_serious_flag() {
    let on = Flare {
        since: at("2026-11-02"),
        from_pain: Some(8),
    };
    #[rustfmt::skip]
    let table: Vec<(Trigger, bool, Option<&Flare>, &str)> = vec![
        (Trigger::Logged(7), false, None, "offer"),
        (Trigger::Logged(6), false, None, "nothing"),
        (Trigger::Logged(9), true, None, "flag"),
        (Trigger::Session { before: 3, after: 5 }, false, None, "offer"),
        (Trigger::Session { before: 3, after: 4 }, false, None, "nothing"),
        (Trigger::Session { before: 3, after: 6 }, true, None, "flag"),
        (Trigger::Logged(8), false, Some(&on), "nothing"),
    ];
    for (trigger, serious, flare, want) in table {
        let got = flare::offer(trigger, serious, flare);
        let kind = match got {
            Advice::Offer { .. } => "offer",
            Advice::FlagFirst => "flag",
            Advice::Nothing => "nothing",
        };
        assert_eq!(kind, want, "{trigger:?} serious={serious}");
    }
}

/// A pain rating: when, and how much.
type Rating = (chrono::DateTime<chrono::FixedOffset>, u8);

#[test]
fn the_flare_plan_ends_only_when_pain_has_settled_on_two_days_a_day_apart() {
    use super::flare::Settling;
    let on = Flare {
        since: at("2026-11-02"),
        from_pain: Some(8),
    };
    let r = |d: &str, p| (at(d), p);
    let r_at = |d: &str, p| (d.parse().unwrap(), p);
    let kind = |s: Settling| match s {
        Settling::NotYet => "not yet",
        Settling::OneDay(_) => "one day",
        Settling::Ends(_) => "ends",
    };
    #[rustfmt::skip]
    let table: Vec<(&str, Flare, Vec<Rating>, &str)> = vec![
        ("nothing logged since", on, vec![], "not yet"),
        ("ratings before it started do not count", on, vec![r("2026-10-30", 2), r("2026-11-01", 2)], "not yet"),
        ("still flare pain", on, vec![r("2026-11-03", 8)], "not yet"),
        ("eased for one day only: does not end", on, vec![r("2026-11-03", 4)], "one day"),
        ("eased twice on one day: does not end", on, vec![r_at("2026-11-03T08:00:00+00:00", 4), r_at("2026-11-03T20:00:00+00:00", 3)], "one day"),
        ("eased on two days, 23 hours apart: not yet", on, vec![r_at("2026-11-03T08:00:00+00:00", 4), r_at("2026-11-04T07:00:00+00:00", 4)], "one day"),
        ("eased on two days a day apart: ends", on, vec![r("2026-11-03", 4), r("2026-11-04", 4)], "ends"),
        ("5 is not below 5", on, vec![r("2026-11-03", 5), r("2026-11-04", 5)], "not yet"),
        ("4 then 5: the latest has not settled", on, vec![r("2026-11-03", 4), r("2026-11-04", 5)], "not yet"),
        ("a bad day between starts the count again", on, vec![r("2026-11-03", 4), r("2026-11-04", 7), r("2026-11-05", 4)], "one day"),
        ("then another settled day: ends", on, vec![r("2026-11-03", 4), r("2026-11-04", 7), r("2026-11-05", 4), r("2026-11-06", 3)], "ends"),
        ("any order", on, vec![r("2026-11-04", 3), r("2026-11-03", 4)], "ends"),
        ("from 5: 4 is not 2 below the start", Flare { from_pain: Some(5), ..on }, vec![r("2026-11-03", 4), r("2026-11-04", 4)], "not yet"),
        ("from 5: 3 is", Flare { from_pain: Some(5), ..on }, vec![r("2026-11-03", 3), r("2026-11-04", 3)], "ends"),
        ("from an unknown rating, 7 is assumed", Flare { from_pain: None, ..on }, vec![r("2026-11-03", 4), r("2026-11-04", 4)], "ends"),
    ];
    for (name, flare, ratings, want) in table {
        assert_eq!(kind(flare::settling(&flare, &ratings)), want, "{name}");
        assert_eq!(
            flare::resumes(&flare, &ratings).is_some(),
            want == "ends",
            "{name}"
        );
    }
    let from_five = Flare {
        from_pain: Some(5),
        ..on
    };
    assert_eq!(
        flare::settling(&from_five, &[r("2026-11-03", 2)]),
        Settling::OneDay(
            "pain is down to 2 from 5; the plan ends once it is 3 or lower again a day or more later"
                .into()
        )
    );
    let Settling::Ends(reason) = flare::settling(&on, &[r("2026-11-03", 4), r("2026-11-04", 3)])
    else {
        panic!("ends")
    };
    assert!(
        reason.contains("4 on Tue 3 Nov, 3 on Wed 4 Nov; it started at 8"),
        "{reason}"
    );
}

#[test]
fn severe_pain_beside_the_flare_plan_says_see_a_doctor() {
    let rules = crate::flags::RuleSet::bundled();
    // The `severe-pain` rule may come from another change: a copy of any rule under its id
    // stands in for it here.
    let mut severe = rules.rules[0].clone();
    severe.id = flare::SEVERE_PAIN_FLAG.into();
    let flag = crate::flags::Flag {
        rule: severe,
        evidence: vec![],
        acknowledged: None,
    };
    let none = crate::flags::Flags::default();
    let mut active = crate::flags::Flags::default();
    active.active.push(flag.clone());
    let mut checked = crate::flags::Flags::default();
    checked.acknowledged.push(flag);
    #[rustfmt::skip]
    let table: Vec<(&str, &crate::flags::Flags, Option<u8>, bool)> = vec![
        ("pain 8, no flag", &none, Some(8), false),
        ("pain 9, no flag", &none, Some(9), true),
        ("pain 10", &none, Some(10), true),
        ("pain 7 with the severe-pain flag active", &active, Some(7), true),
        ("pain 7 with it marked as checked", &checked, Some(7), false),
        ("switched on by hand, nothing logged", &none, None, false),
    ];
    for (name, flags, from, want) in table {
        let note = flare::see_a_doctor(flags, from);
        assert_eq!(note.is_some(), want, "{name}");
        if let Some(note) = note {
            assert!(note.starts_with("Book a doctor's appointment"), "{note}");
        }
    }
}

#[test]
fn every_bundled_programme_loads_and_names_real_routines() {
    let routines = Library::load(&[]);
    let lib = ProgrammeLibrary::load(&[], &routines);
    assert!(lib.broken.is_empty(), "{:#?}", lib.broken);
    assert!(lib.programmes.len() >= 3);
    for p in &lib.programmes {
        assert!(!p.source.is_empty(), "{}", p.id);
        assert!(
            p.cautions
                .iter()
                .any(|c| c.contains("see a doctor") && c.contains("leg")),
            "{}",
            p.id
        );
        for id in p
            .weeks
            .iter()
            .flat_map(|w| w.days.iter().flatten())
            .chain(&p.flare)
        {
            assert!(routines.get(id).is_some(), "{}: {id}", p.id);
        }
        for id in &p.flare {
            assert!(
                routines.get(id).unwrap().tags.iter().any(|t| t == "flare"),
                "{id}"
            );
        }
        // What a caution says of the dose is true of the rule: it names the pain limit or says
        // when the dose stays, and never that pain which lasts steps it back (it holds it).
        for c in p.cautions.iter().filter(|c| c.contains("dose")) {
            let limit = format!("{} out of 10", super::progression::MOST_PAIN);
            assert!(
                c.contains(&limit) || c.contains("dose stays"),
                "{}: {c}",
                p.id
            );
            assert!(
                !c.contains("lasts means the dose steps back"),
                "{}: {c}",
                p.id
            );
        }
    }
}

#[test]
fn programme_file_errors_are_located() {
    let routines = Library::load(&[]);
    let known = |id: &str| routines.get(id).map(|r| r.kind);
    let bad = "name = \"x\"\n[[weeks]]\nlevel = 9\nmon = [\"no-such-routine\"]\ntuesday = []\n";
    let errors = super::file::parse("x", "x.toml", bad, Origin::Bundled, &known).unwrap_err();
    assert_eq!(errors[0].line, 5, "{errors:?}");
    assert!(errors[0].message.contains("unknown field"), "{errors:?}");
    let bad = "name = \"x\"\n[[weeks]]\nlevel = 9\nmon = [\"no-such-routine\"]\n";
    let errors = super::file::parse("x", "x.toml", bad, Origin::Bundled, &known).unwrap_err();
    let lines: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(lines, [(3, 9), (4, 8)], "{errors:#?}");
    assert!(
        errors[1]
            .message
            .contains("unknown routine `no-such-routine`")
    );
    let empty =
        super::file::parse("x", "x.toml", "name = \"x\"\n", Origin::Bundled, &known).unwrap_err();
    assert!(empty[0].message.contains("no weeks"));
}
