//! Report tests: snapshots of the Markdown and JSON of a fixed log and history (an empty period,
//! one entry, several time zones, a note with markup, commas, quotes and newlines, an
//! acknowledged emergency), the HTML's escaping and self-containment, and the figures.
//! The fixed log itself is in `test_fixture`.

use super::test_fixture::{at, fixture, november, now};
use super::*;

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

#[test]
fn a_table_keeps_its_cells_row_by_row() {
    let mut t = view::Table::new(&["a", "b", "c"], "none");
    assert!(t.is_empty() && t.rows().next().is_none());
    t.push_row(["1", "", "three"]);
    t.cell(|out| out.push('x'));
    t.cell(|_| {});
    t.cell(|out| out.push_str("z; z"));
    assert_eq!(
        (t.len(), t.row(0), t.row(1)),
        (2, vec!["1", "", "three"], vec!["x", "", "z; z"])
    );
    assert_eq!(t.rows().count(), 2);
}

/// The fixture with two more entries in November, each for 08:00 on the 19th: one written 23
/// hours later, one 25 hours later; and check-ins of the answers given (a single answer each
/// day carries the sum, so a sum of 27 is 10, 10, 7).
fn with_late_entries_and_checkins(sums: &[u8]) -> Fixture {
    let mut f = fixture();
    let for_ = at("2026-11-19T08:00:00+01:00");
    for (n, hours) in [(8, 23), (9, 25)] {
        let mut e =
            super::test_fixture::entry(n, "2026-11-19T08:00:00+01:00", 4, &["neck"], &[], "");
        let written = for_ + chrono::Duration::hours(hours);
        e.id = crate::id::encode(written.timestamp_millis() as u64, u128::from(n));
        e.note = format!("written {hours} h later");
        f.entries.push(e);
    }
    f.entries.sort_by_key(|e| e.at);
    f.checkins = sums
        .iter()
        .enumerate()
        .map(|(i, &sum)| {
            let at = at(&format!("2026-11-{:02}T09:00:00+00:00", 2 + 7 * i));
            Checkin {
                id: crate::id::encode(at.timestamp_millis() as u64, 3),
                at,
                pain: sum.min(10),
                enjoyment: sum.saturating_sub(10).min(10),
                activity: sum.saturating_sub(20),
            }
        })
        .collect();
    f
}

use super::test_fixture::Fixture;
use crate::checkins::Checkin;

/// The report's line that holds `needle`, in Markdown.
fn md_line(r: &Report, needle: &str) -> String {
    let md = markdown::render(r);
    md.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{md}"))
        .to_owned()
}

#[test]
fn an_entry_written_more_than_a_day_later_says_when_it_was_written() {
    let r = november(&with_late_entries_and_checkins(&[20, 18]));
    let late = r
        .entries
        .iter()
        .find(|e| e.note.starts_with("written 25"))
        .unwrap();
    let on_time = r
        .entries
        .iter()
        .find(|e| e.note.starts_with("written 23"))
        .unwrap();
    assert!(late.written_late && !on_time.written_late);
    assert_eq!(late.written, Some(at("2026-11-20T09:00:00+01:00")));
    // 25 hours later: the appendix says when; 23 hours later (its nearest miss): nothing.
    let row = md_line(&r, "written 25 h later");
    assert!(
        row.starts_with("| Thu 19 Nov 2026 08:00 +01:00 (written 20 Nov) |"),
        "{row}"
    );
    let row = md_line(&r, "written 23 h later");
    assert!(row.starts_with("| Thu 19 Nov 2026 08:00 +01:00 |"), "{row}");
    let html = html::render(&r).unwrap();
    assert!(html.contains("<td class=\"n\">Thu 19 Nov 2026 08:00 +01:00 (written 20 Nov)</td>"));
    assert_eq!(html.matches("(written ").count(), 1, "only the late one");
    let json = serde_json::to_value(&r).unwrap();
    let late = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["note"] == "written 25 h later");
    assert_eq!(late.unwrap()["written_late"], true);
}

#[test]
fn a_late_entry_behind_a_flag_and_a_late_edit_say_when_too() {
    let mut f = fixture();
    // The bladder entry of the 5th, written on the 7th and edited on the 9th.
    let bladder = f
        .entries
        .iter_mut()
        .find(|e| e.note.starts_with("trouble peeing"))
        .unwrap();
    bladder.id = crate::id::encode(at("2026-11-07T10:00:00+01:00").timestamp_millis() as u64, 3);
    bladder.edited = Some(at("2026-11-09T10:00:00+01:00"));
    let r = november(&f);
    let md = markdown::render(&r);
    assert!(
        md.contains("Logged Thu 5 Nov 2026 08:10 +01:00 (written 7 Nov) — New trouble peeing"),
        "{md}"
    );
    assert!(
        md.contains("| Thu 5 Nov 2026 08:10 +01:00 (written 7 Nov, edited 9 Nov) |"),
        "{md}"
    );
    // Edited the same day it was for: nothing to say.
    let mut f = fixture();
    f.entries[2].edited = Some(at("2026-11-05T20:00:00+01:00"));
    assert!(!markdown::render(&november(&f)).contains("(edited"));
}

#[test]
fn a_rising_peg_says_worse() {
    // 12 → 15: +25%, worse; its nearest miss, 15 → 12, is better (and short of the line).
    let r = november(&with_late_entries_and_checkins(&[12, 15]));
    assert_eq!(r.checkins.direction, Some("worse"));
    assert_eq!(
        md_line(&r, "PEG score"),
        "PEG score (0–10) from 4.0 to 5.0: +25% (+1.0 points), worse."
    );
    let r = november(&with_late_entries_and_checkins(&[15, 12]));
    assert_eq!(
        md_line(&r, "PEG score"),
        "PEG score (0–10) from 5.0 to 4.0: -20% (-1.0 points), better, but short of the 30% fall \
         that counts as a meaningful improvement."
    );
    let r = november(&with_late_entries_and_checkins(&[12, 12]));
    assert_eq!(
        md_line(&r, "PEG score"),
        "PEG score (0–10) 4.0 at the first check-in and at the last: no change."
    );
}

#[test]
fn a_first_peg_of_0_still_shows_the_change_in_points() {
    let r = november(&with_late_entries_and_checkins(&[0, 7]));
    assert_eq!(
        (r.checkins.change_percent, r.checkins.change_points),
        (None, Some(2.3))
    );
    assert_eq!(r.checkins.meaningful_improvement, Some(false));
    assert_eq!(
        md_line(&r, "PEG score"),
        "PEG score (0–10) from 0.0 to 2.3: +2.3 points (no percentage: the first score was 0), \
         worse."
    );
    // No 30% line to draw under a first score of 0.
    assert!(!chart::peg(&r).unwrap().contains("30% better"));
    // Its nearest miss: a first score above 0 has its percentage.
    let r = november(&with_late_entries_and_checkins(&[1, 7]));
    assert_eq!(r.checkins.change_percent, Some(600.0));
}

#[test]
fn a_peg_fall_is_judged_on_the_percentage_it_prints() {
    // 27 → 19 is a fall of 29.6%: printed as 30%, and past the 30% line.
    let r = november(&with_late_entries_and_checkins(&[27, 19]));
    assert_eq!(r.checkins.change_percent, Some(-30.0));
    assert_eq!(r.checkins.meaningful_improvement, Some(true));
    assert_eq!(
        md_line(&r, "PEG score"),
        "PEG score (0–10) from 9.0 to 6.3: -30% (-2.7 points), better, past the 30% fall that \
         counts as a meaningful improvement."
    );
    // Its nearest miss: 17 → 12 is 29.4%, printed as 29%, short of it.
    let r = november(&with_late_entries_and_checkins(&[17, 12]));
    assert_eq!(r.checkins.change_percent, Some(-29.0));
    assert_eq!(r.checkins.meaningful_improvement, Some(false));
    assert!(md_line(&r, "PEG score").contains("-29% (-1.7 points), better, but short of"));
}

#[test]
fn the_app_judges_the_peg_on_the_percentage_it_prints_too() {
    let f = with_late_entries_and_checkins(&[27, 19]);
    let line = crate::tui::appointment::Appointment::trend_line(&f.checkins).unwrap();
    assert!(
        line.contains("-30% since the first, better, past the 30% line"),
        "{line}"
    );
    let f = with_late_entries_and_checkins(&[12, 15]);
    let line = crate::tui::appointment::Appointment::trend_line(&f.checkins).unwrap();
    assert!(line.contains("+25% since the first, worse"), "{line}");
    let f = with_late_entries_and_checkins(&[0, 7]);
    let line = crate::tui::appointment::Appointment::trend_line(&f.checkins).unwrap();
    assert!(
        line.contains("+2.3 points since the first, worse"),
        "{line}"
    );
}

#[test]
fn flags_no_longer_active_say_so_in_markdown_as_in_html() {
    let r = november(&fixture());
    let md = markdown::render(&r);
    let heading = md
        .find("### Also raised in this period (no longer active)")
        .expect(&md);
    let emergency = md
        .find("- **EMERGENCY**: You logged new trouble with your bladder")
        .unwrap();
    assert!(heading < emergency, "{md}");
    let html = html::render(&r).unwrap();
    assert!(html.contains("(no longer active)"));
}

#[test]
fn late_entries_and_a_worse_peg_in_markdown() {
    let r = november(&with_late_entries_and_checkins(&[12, 14, 15]));
    let md = markdown::render(&r);
    let wanted: Vec<&str> = md
        .lines()
        .filter(|l| {
            l.contains("PEG score") || l.contains("19 Nov 2026 08:00") || l.starts_with("| When")
        })
        .collect();
    insta::assert_snapshot!("late_and_worse_md", wanted.join("\n"));
}

#[test]
fn a_routine_s_pain_change_is_judged_on_the_number_it_prints() {
    // 20 rated sessions whose changes add up to `total` points: the mean is printed
    // to one decimal, and the verdict reads that printed number.
    for (total, printed, verdict) in [
        (-39, "-2.0", "eased by 2 or more: a clear drop"),
        (-41, "-2.1", "eased by 2 or more: a clear drop"),
        (-37, "-1.9", "eased a little"),
        (39, "+2.0", "worse by 2 or more"),
        (37, "+1.9", "a little worse"),
    ] {
        let mut f = fixture();
        f.sessions.clear();
        let (base, rem): (i32, i32) = (total / 20, total % 20);
        for day in 1..=20 {
            // Spread the total over the sessions: `base` each, one more for the first `rem`.
            let step = base + if day <= rem.abs() { rem.signum() } else { 0 };
            let before: i32 = if step < 0 { 5 } else { 3 };
            f.sessions.push(super::test_fixture::session(
                "lower-back-release",
                &format!("2026-11-{day:02}T19:00:00+01:00"),
                crate::history::SessionOutcome::Completed,
                Some((before as u8, (before + step) as u8)),
            ));
        }
        let r = november(&f);
        let e = &r.routines.effects[0];
        assert_eq!(e.rated, 20);
        let row = view::effect_row(e);
        assert_eq!(
            (row[4].as_str(), e.verdict.as_str()),
            (printed, verdict),
            "total {total}"
        );
    }
}

#[test]
fn a_flag_that_lapsed_unchecked_in_the_period_says_so_and_keeps_its_action() {
    // A fever on 3 Nov leaves its 14-day window on 17 Nov, unchecked.
    let mut f = fixture();
    f.entries.push(super::test_fixture::entry(
        90,
        "2026-11-03T09:00:00+00:00",
        4,
        &["lower-back"],
        &["fever"],
        "",
    ));
    f.entries.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    let r = november(&f);
    let fever = r.flags.in_period.iter().find(|x| x.id == "fever").unwrap();
    assert_eq!(fever.lapsed, Some(at("2026-11-17T09:00:01+00:00")));
    let md = markdown::render(&r);
    assert!(
        md.contains("Lapsed, not marked as checked, Tue 17 Nov 2026")
            && md.contains("What to do: Get an urgent appointment with a doctor today."),
        "{md}"
    );
    // Nearest miss: marked as checked on 10 Nov, after it was written.
    f.acks.push(crate::flags::Ack {
        id: "01KACKFEVER000000000000001".into(),
        flag: "fever".into(),
        at: at("2026-11-10T10:00:00+00:00"),
    });
    let r = november(&f);
    let fever = r.flags.in_period.iter().find(|x| x.id == "fever").unwrap();
    assert_eq!(fever.lapsed, None);
    assert!(!markdown::render(&r).contains("Lapsed, not marked as checked"));
}

#[test]
fn in_html_text_cells_wrap_and_only_numbers_and_dates_stay_on_one_line() {
    let html = html::render(&november(&fixture())).unwrap();
    assert!(!html.contains("td:not(:first-child)"), "no blanket nowrap");
    assert!(html.contains("td.n, th.n { white-space: nowrap; }"));
    // The dose changes: the date on one line, the routine, the change and the reason wrap.
    let row = html
        .lines()
        .find(|l| l.contains("Three sessions with pain no higher"))
        .expect("the dose change row");
    assert!(row.starts_with("<tr><td class=\"n\">"), "{row}");
    assert_eq!(row.matches("<td class=\"n\">").count(), 1, "{row}");
    assert_eq!(row.matches("<td>").count(), 3, "{row}");
}

#[test]
fn the_pain_lines_break_across_a_week_with_nothing_logged() {
    use super::test_fixture::entry;
    let mut f = fixture();
    let count = |f: &super::test_fixture::Fixture| {
        let r = f.report("2026-10-01T00:00:00+00:00", "2026-11-23T00:00:00+00:00");
        chart::pain(&r).matches("<polyline").count()
    };
    let joined = count(&f);
    // Two entries a week apart from each other, and the fixture's weeks after a gap of three
    // empty weeks (the week of 12 Oct to the week of 26 Oct).
    f.entries.insert(
        0,
        entry(90, "2026-10-05T09:00:00+01:00", 4, &["neck"], &[], ""),
    );
    f.entries.insert(
        1,
        entry(91, "2026-10-06T09:00:00+01:00", 5, &["neck"], &[], ""),
    );
    assert_eq!(
        count(&f),
        joined + 2,
        "one more run: a worst and a mean line more"
    );
    // One more entry in that first week, on its Sunday, makes no run of its own.
    f.entries.insert(
        2,
        entry(92, "2026-10-11T09:00:00+01:00", 5, &["neck"], &[], ""),
    );
    assert_eq!(count(&f), joined + 2);
}
