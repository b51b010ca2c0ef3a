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
