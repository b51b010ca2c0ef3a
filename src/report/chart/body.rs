//! The body front and back: each area shaded by its average pain, with its number of entries
//! and average printed in it or beside it.

use svg::Document;
use svg::node::element::{Circle, Group, Rectangle, Title};

use super::{INK, text};
use crate::report::CountOut;

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
