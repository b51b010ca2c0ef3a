//! The report's figures as SVG, built with the `svg` crate (which escapes text and attributes):
//! pain per day (average solid, worst dashed, every entry a dot), the body front and back with
//! left and right, and the PEG trend against the 30% line. Black-and-white safe: lines differ by
//! dash, areas by grey level and printed numbers. Only numbers and the vocabulary's own labels
//! go in; nothing a person typed.

use std::collections::HashSet;

use chrono::NaiveDate;
use svg::Document;
use svg::node::element::{Circle, Group, Line, Polyline, Rectangle, Text, Title};

use super::{CountOut, Report};

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
    points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pain per day over the period: daily average (solid), daily worst (dashed), each entry a dot.
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
    let mut seen = HashSet::new();
    let mut dots = Group::new()
        .set("fill", "none")
        .set("stroke", "#555")
        .set("stroke-width", 0.7);
    for e in &report.entries {
        if seen.insert(((x(e.at.date_naive()) * 2.0).round() as i64, e.pain)) {
            dots = dots.add(
                Circle::new()
                    .set("cx", format!("{:.1}", x(e.at.date_naive())))
                    .set("cy", format!("{:.1}", y(f64::from(e.pain))))
                    .set("r", 1.8),
            );
        }
    }
    doc = doc.add(dots);
    let worst: Vec<(f64, f64)> = report
        .pain
        .days
        .iter()
        .map(|d| (x(d.date), y(f64::from(d.worst))))
        .collect();
    let mean: Vec<(f64, f64)> = report
        .pain
        .days
        .iter()
        .map(|d| (x(d.date), y(d.mean)))
        .collect();
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

/// Where an area is drawn: (x, y, width, height) in its figure, and whether on the back figure.
fn area_box(id: &str) -> Option<(bool, f64, f64, f64, f64)> {
    // Each figure is 150 wide with its middle at 75. Front: the person's left is on the
    // viewer's right; back: on the viewer's left.
    Some(match id {
        "hip-right" => (false, 42.0, 112.0, 32.0, 22.0),
        "hip-left" => (false, 76.0, 112.0, 32.0, 22.0),
        "groin-saddle" => (false, 62.0, 134.0, 26.0, 16.0),
        "leg-right" => (false, 47.0, 152.0, 26.0, 98.0),
        "leg-left" => (false, 77.0, 152.0, 26.0, 98.0),
        "foot-right" => (false, 38.0, 252.0, 35.0, 14.0),
        "foot-left" => (false, 77.0, 252.0, 35.0, 14.0),
        "neck" => (true, 66.0, 34.0, 18.0, 12.0),
        "upper-back" => (true, 42.0, 46.0, 66.0, 46.0),
        "lower-back-left" => (true, 42.0, 92.0, 22.0, 32.0),
        "lower-back" => (true, 64.0, 92.0, 22.0, 32.0),
        "lower-back-right" => (true, 86.0, 92.0, 22.0, 32.0),
        "buttock-left" => (true, 42.0, 124.0, 32.0, 28.0),
        "buttock-right" => (true, 76.0, 124.0, 32.0, 28.0),
        _ => return None,
    })
}

fn outline(dx: f64, back: bool) -> Group {
    let shape = |x: f64, y: f64, w: f64, h: f64| {
        Rectangle::new()
            .set("x", dx + x)
            .set("y", y)
            .set("width", w)
            .set("height", h)
            .set("rx", 3)
    };
    let mut g = Group::new()
        .set("fill", "#fff")
        .set("stroke", "#777")
        .set("stroke-width", 0.8)
        .add(
            Circle::new()
                .set("cx", dx + 75.0)
                .set("cy", 20.0)
                .set("r", 13),
        )
        .add(shape(66.0, 33.0, 18.0, 13.0))
        .add(shape(42.0, 46.0, 66.0, 106.0))
        .add(shape(24.0, 50.0, 16.0, 80.0))
        .add(shape(110.0, 50.0, 16.0, 80.0))
        .add(shape(47.0, 152.0, 26.0, 98.0))
        .add(shape(77.0, 152.0, 26.0, 98.0));
    g = if back {
        g.add(shape(45.0, 252.0, 28.0, 12.0))
            .add(shape(77.0, 252.0, 28.0, 12.0))
    } else {
        g.add(shape(38.0, 252.0, 35.0, 14.0))
            .add(shape(77.0, 252.0, 35.0, 14.0))
    };
    g
}

/// The body front and back, each area shaded by its average pain and labelled with its number
/// of entries and average.
pub fn body(areas: &[CountOut]) -> String {
    let (w, h) = (320.0, 305.0);
    let mut doc = Document::new()
        .set("viewBox", (0, 0, w, h))
        .set("class", "body")
        .set("role", "img")
        .set("font-family", "sans-serif")
        .add(Title::new(
            "Where it hurts: front and back, entries and average pain per area",
        ));
    for (back, dx) in [(false, 0.0), (true, 165.0)] {
        doc = doc.add(outline(dx, back));
        let (left_x, right_x) = if back { (10.0, 140.0) } else { (140.0, 10.0) };
        doc = doc
            .add(
                text(
                    dx + 75.0,
                    290.0,
                    11.0,
                    "middle",
                    if back { "BACK" } else { "FRONT" },
                )
                .set("font-weight", "bold"),
            )
            .add(text(dx + left_x, 40.0, 10.0, "middle", "L").set("font-weight", "bold"))
            .add(text(dx + right_x, 40.0, 10.0, "middle", "R").set("font-weight", "bold"));
    }
    let mut shaded = Group::new();
    let mut labels = Group::new();
    for c in areas {
        let Some((back, x, y, bw, bh)) = area_box(&c.id) else {
            continue;
        };
        let dx = if back { 165.0 } else { 0.0 };
        let pain = c.mean_pain.unwrap_or(0.0);
        // Light grey for mild, near black for severe; the printed numbers carry the values.
        let grey = (235.0 - pain * 17.0).clamp(60.0, 235.0) as u8;
        let fill = format!("#{grey:02x}{grey:02x}{grey:02x}");
        let ink = if grey < 140 { "#fff" } else { INK };
        shaded = shaded.add(
            Rectangle::new()
                .set("x", dx + x)
                .set("y", y)
                .set("width", bw)
                .set("height", bh)
                .set("rx", 3)
                .set("fill", fill)
                .set("stroke", INK)
                .set("stroke-width", 1.0)
                .add(Title::new(format!(
                    "{}: {} entries, average pain {:.1}",
                    c.label, c.entries, pain
                ))),
        );
        let (cx, cy) = (dx + x + bw / 2.0, y + bh / 2.0);
        if bh < 20.0 {
            // Too small for two lines: the numbers go beside the area.
            labels = labels.add(text(
                dx + x + bw + 3.0,
                cy + 3.0,
                9.0,
                "start",
                format!("{} · {pain:.1}", c.entries),
            ));
        } else {
            labels = labels
                .add(text(cx, cy - 1.0, 11.0, "middle", c.entries.to_string()).set("fill", ink))
                .add(
                    text(cx, cy + 10.0, 9.0, "middle", format!("{pain:.1}"))
                        .set("fill", ink)
                        .set("font-style", "italic"),
                );
        }
    }
    doc.add(shaded)
        .add(labels)
        .add(text(
            160.0,
            h - 1.0,
            8.0,
            "middle",
            "in each area: entries, then average pain (italic)",
        ))
        .to_string()
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
