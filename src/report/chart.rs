//! The report's figures as SVG, built with the `svg` crate (which escapes text and attributes):
//! pain per day (average solid, worst dashed, every entry a dot), the body front and back with
//! left and right, and the PEG trend against the 30% line. Black-and-white safe: lines differ by
//! dash, areas by grey level and printed numbers. Only numbers and the vocabulary's own labels
//! go in; nothing a person typed. The body figure is in `body`.

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::NaiveDate;
use svg::Document;
use svg::node::Blob;
use svg::node::element::{Circle, Group, Line, Polyline, Text, Title};

use super::Report;

mod body;
pub use body::body;

const INK: &str = "#000";
const GRID: &str = "#bbb";

fn text(x: f64, y: f64, size: f64, anchor: &str, content: impl Into<String>) -> Text {
    Text::new(content)
        .set("x", x)
        .set("y", y)
        .set("font-size", size)
        .set("text-anchor", anchor)
        .set("fill", INK)
}

fn line(x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) -> Line {
    Line::new()
        .set("x1", x1)
        .set("y1", y1)
        .set("x2", x2)
        .set("y2", y2)
        .set("stroke", stroke)
        .set("stroke-width", width)
}

fn points(points: &[(f64, f64)]) -> String {
    let mut out = String::with_capacity(points.len() * 12);
    for (i, (x, y)) in points.iter().enumerate() {
        let sep = if i == 0 { "" } else { " " };
        let _ = write!(out, "{sep}{x:.1},{y:.1}");
    }
    out
}

/// The logged days (in date order) in runs without a whole calendar week between two of them.
fn runs(days: &[super::DayPainOut]) -> Vec<&[super::DayPainOut]> {
    let monday = |d: NaiveDate| super::common::monday(d);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..days.len() {
        if monday(days[i].date) - monday(days[i - 1].date) >= chrono::Duration::days(14) {
            out.push(&days[start..i]);
            start = i;
        }
    }
    if start < days.len() {
        out.push(&days[start..]);
    }
    out
}

/// Pain per day over the period: daily average (solid), daily worst (dashed), each entry a dot;
/// the lines break across a week with nothing logged.
pub fn pain(report: &Report) -> String {
    let (w, h) = (720.0, 150.0);
    let (left, right, top, bottom) = (28.0, 8.0, 6.0, 32.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let first = report.period.from;
    let days = report.period.days.max(1) as f64;
    let x = |d: NaiveDate| left + ((d - first).num_days() as f64 + 0.5) / days * pw;
    let y = |p: f64| top + ph - p / 10.0 * ph;

    let mut doc = Document::new()
        .set("viewBox", (0, 0, w, h))
        .set("class", "chart")
        .set("role", "img")
        .set("font-family", "sans-serif")
        .add(Title::new(
            "Pain per day: daily average, daily worst and every entry",
        ));
    for p in (0..=10).step_by(2) {
        let py = y(f64::from(p));
        doc = doc.add(line(left, py, w - right, py, GRID, 0.5)).add(text(
            left - 4.0,
            py + 3.0,
            9.0,
            "end",
            p.to_string(),
        ));
    }
    // Axis labels: the first of each month, or each Monday in short periods.
    let mut day = first;
    let short = days <= 45.0;
    while day <= report.period.to {
        use chrono::Datelike;
        let mark = if short {
            day.weekday() == chrono::Weekday::Mon
        } else {
            day.day() == 1
        };
        if mark || day == first {
            let px = x(day);
            let label = if short {
                day.format("%-d %b").to_string()
            } else {
                day.format("%b %Y").to_string()
            };
            doc = doc
                .add(line(px, top + ph, px, top + ph + 4.0, INK, 0.8))
                .add(text(px, top + ph + 14.0, 9.0, "middle", label));
        }
        day += chrono::Duration::days(1);
    }
    doc = doc.add(line(left, top + ph, w - right, top + ph, INK, 0.8));

    // Every entry, one dot per distinct place (half a unit across, pain up): the same picture,
    // and the dots stay few however much was logged over however long.
    // Written as the text the svg crate would write for each `Circle` (attributes in name
    // order, one element a line): ten years hold thousands of dots, and an element apiece
    // costs a dozen allocations.
    let mut seen = HashSet::new();
    let mut circles = String::new();
    for e in &report.entries {
        let day = e.at.date_naive();
        if seen.insert(((x(day) * 2.0).round() as i64, e.pain)) {
            let sep = if circles.is_empty() { "" } else { "\n" };
            let (cx, cy) = (x(day), y(f64::from(e.pain)));
            let _ = write!(
                circles,
                r#"{sep}<circle cx="{cx:.1}" cy="{cy:.1}" r="1.8"/>"#
            );
        }
    }
    let mut dots = Group::new()
        .set("fill", "none")
        .set("stroke", "#555")
        .set("stroke-width", 0.7);
    if !circles.is_empty() {
        dots = dots.add(Blob::new(circles));
    }
    doc = doc.add(dots);
    // The lines break across a calendar week (Monday to Sunday) with nothing logged: a line
    // drawn through it would show pain on days nobody rated it.
    for run in runs(&report.pain.days) {
        let worst: Vec<(f64, f64)> = run
            .iter()
            .map(|d| (x(d.date), y(f64::from(d.worst))))
            .collect();
        let mean: Vec<(f64, f64)> = run.iter().map(|d| (x(d.date), y(d.mean))).collect();
        doc = doc
            .add(
                Polyline::new()
                    .set("points", points(&worst))
                    .set("fill", "none")
                    .set("stroke", INK)
                    .set("stroke-width", 1.0)
                    .set("stroke-dasharray", "4 3"),
            )
            .add(
                Polyline::new()
                    .set("points", points(&mean))
                    .set("fill", "none")
                    .set("stroke", INK)
                    .set("stroke-width", 2.0),
            );
    }
    // Legend.
    let ly = h - 6.0;
    doc = doc
        .add(line(left, ly - 3.0, left + 24.0, ly - 3.0, INK, 2.0))
        .add(text(left + 28.0, ly, 9.0, "start", "daily average"))
        .add(
            line(left + 110.0, ly - 3.0, left + 134.0, ly - 3.0, INK, 1.0)
                .set("stroke-dasharray", "4 3"),
        )
        .add(text(left + 138.0, ly, 9.0, "start", "daily worst"))
        .add(
            Circle::new()
                .set("cx", left + 212.0)
                .set("cy", ly - 3.0)
                .set("r", 1.8)
                .set("fill", "none")
                .set("stroke", "#555"),
        )
        .add(text(left + 218.0, ly, 9.0, "start", "an entry (pain 0–10)"));
    doc.to_string()
}

/// The PEG score at each check-in, with the line 30% below the first score.
pub fn peg(report: &Report) -> Option<String> {
    let items = &report.checkins.items;
    if items.len() < 2 {
        return None;
    }
    let (w, h) = (320.0, 110.0);
    let (left, right, top, bottom) = (22.0, 6.0, 6.0, 20.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let (t0, t1) = (
        items[0].at.timestamp(),
        items[items.len() - 1].at.timestamp(),
    );
    let span = (t1 - t0).max(1) as f64;
    let x = |t: i64| left + (t - t0) as f64 / span * pw;
    let y = |s: f64| top + ph - s / 10.0 * ph;
    let mut doc = Document::new()
        .set("viewBox", (0, 0, w, h))
        .set("class", "peg")
        .set("role", "img")
        .set("font-family", "sans-serif")
        .add(Title::new(
            "PEG score at each weekly check-in, with the 30% improvement line",
        ));
    for s in [0, 5, 10] {
        doc = doc
            .add(line(
                left,
                y(f64::from(s)),
                w - right,
                y(f64::from(s)),
                GRID,
                0.5,
            ))
            .add(text(
                left - 3.0,
                y(f64::from(s)) + 3.0,
                8.0,
                "end",
                s.to_string(),
            ));
    }
    // From a first score of 0 nothing can fall: no line.
    if items[0].score > 0.0 {
        let goal = items[0].score * (1.0 - f64::from(crate::checkins::MEANINGFUL_FALL));
        doc = doc
            .add(line(left, y(goal), w - right, y(goal), INK, 0.8).set("stroke-dasharray", "2 2"))
            .add(text(
                w - right,
                y(goal) - 3.0,
                8.0,
                "end",
                "30% better than the first",
            ));
    }
    let pts: Vec<(f64, f64)> = items
        .iter()
        .map(|i| (x(i.at.timestamp()), y(i.score)))
        .collect();
    doc = doc.add(
        Polyline::new()
            .set("points", points(&pts))
            .set("fill", "none")
            .set("stroke", INK)
            .set("stroke-width", 1.6),
    );
    let mut dots = Group::new().set("fill", INK);
    for (px, py) in &pts {
        dots = dots.add(
            Circle::new()
                .set("cx", format!("{px:.1}"))
                .set("cy", format!("{py:.1}"))
                .set("r", 2),
        );
    }
    doc = doc
        .add(dots)
        .add(text(
            left,
            h - 4.0,
            8.0,
            "start",
            items[0].at.format("%-d %b %Y").to_string(),
        ))
        .add(text(
            w - right,
            h - 4.0,
            8.0,
            "end",
            items[items.len() - 1].at.format("%-d %b %Y").to_string(),
        ));
    Some(doc.to_string())
}
