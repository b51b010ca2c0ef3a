//! The Log list's one-line parts, each fitted to the width it is given: the filter row and an
//! entry's row. Both take shorter words first, then drop whole parts, and cut words only when
//! nothing shorter would fit.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::symptoms::SymptomEntry;
use crate::tui::log::{Filter, FilterField, Range};
use crate::tui::theme::Theme;
use crate::tui::widgets::detail::shorten;
use crate::vocabulary::{Category, Vocabulary};

use super::words::{labels, short_area};

/// One filter as the row shows it.
struct Part {
    /// Which filter it is.
    field: FilterField,
    /// Its words.
    full: String,
    /// Shorter words ("7 days" for "last 7 days"), or none where the other parts say it.
    short: String,
    /// Whether it is the filter's empty setting ("any area"), which says nothing when dropped.
    unset: bool,
}

/// How much of the filter row is shown: each step down the ladder shows less.
#[derive(Clone, Copy)]
struct Fit {
    /// The count of entries: 2 "· 3 of 9 entries", 1 "· 3 of 9", 0 none.
    count: u8,
    /// Each filter in shorter words.
    short: bool,
    /// The unset filters not being changed ("any area").
    unset: bool,
    /// The word "Showing".
    label: bool,
    /// The other filters: 2 all, 1 the dates only, 0 none (the dates when none has focus).
    rest: u8,
}

const FILTER_LADDER: [Fit; 8] = [
    Fit {
        count: 2,
        short: false,
        unset: true,
        label: true,
        rest: 2,
    },
    Fit {
        count: 1,
        short: false,
        unset: true,
        label: true,
        rest: 2,
    },
    Fit {
        count: 1,
        short: true,
        unset: true,
        label: true,
        rest: 2,
    },
    Fit {
        count: 0,
        short: true,
        unset: true,
        label: true,
        rest: 2,
    },
    Fit {
        count: 0,
        short: true,
        unset: false,
        label: true,
        rest: 2,
    },
    Fit {
        count: 0,
        short: true,
        unset: false,
        label: false,
        rest: 2,
    },
    Fit {
        count: 0,
        short: true,
        unset: false,
        label: false,
        rest: 1,
    },
    Fit {
        count: 0,
        short: true,
        unset: false,
        label: false,
        rest: 0,
    },
];

/// The filters and how many entries they let through, in what fits in `width`. The filter being
/// changed (while the filter bar has focus) is the last part dropped: it stays, in shorter words
/// or cut after a whole word, at any width.
pub fn filter_line(f: &Filter, shown: usize, total: usize, t: &Theme, width: u16) -> Line<'static> {
    let parts = filter_parts(f);
    let line = |fit: Fit, room: Option<usize>| {
        let mut spans = Vec::new();
        if fit.label {
            spans.push(Span::styled("Showing", t.muted()));
        }
        for part in &parts {
            let focused = f.focus == Some(part.field);
            let dates = matches!(
                part.field,
                FilterField::Range | FilterField::From | FilterField::To
            );
            let kept = focused
                || (fit.unset || !part.unset)
                    && match fit.rest {
                        2 => true,
                        1 => dates,
                        _ => dates && f.focus.is_none(),
                    };
            if !kept {
                continue;
            }
            // An empty short form says nothing the other parts do not ("dates" beside them).
            let text = match (fit.short, part.short.is_empty()) {
                (true, false) => &part.short,
                (true, true) if !focused => continue,
                _ => &part.full,
            };
            let text = match room {
                Some(room) if focused => shorten(text, room.saturating_sub(2)),
                _ => text.clone(),
            };
            let style = if focused { t.selected() } else { t.muted() };
            spans.push(Span::styled(format!(" {text} "), style));
        }
        match fit.count {
            2 => spans.push(Span::styled(
                format!("· {shown} of {total} entries"),
                t.muted(),
            )),
            1 => spans.push(Span::styled(format!("· {shown} of {total}"), t.muted())),
            _ => {}
        }
        Line::from(spans)
    };
    let width = usize::from(width);
    FILTER_LADDER
        .iter()
        .map(|&fit| line(fit, None))
        .find(|l| l.width() <= width)
        .unwrap_or_else(|| line(FILTER_LADDER[FILTER_LADDER.len() - 1], Some(width)))
}

/// Each filter's part of the row, in full and in shorter words.
fn filter_parts(f: &Filter) -> Vec<Part> {
    let part = |field, full: String, short: String, unset| Part {
        field,
        full,
        short,
        unset,
    };
    let range_short = match f.range {
        Range::Week => "7 days",
        Range::Month => "30 days",
        Range::Quarter => "90 days",
        Range::Custom(..) => "",
        Range::All => "all time",
    };
    let mut parts = vec![part(
        FilterField::Range,
        f.range.label().to_owned(),
        range_short.to_owned(),
        false,
    )];
    if let Range::Custom(from, to) = f.range {
        parts.push(part(
            FilterField::From,
            from.format("from %-d %b").to_string(),
            from.format("%-d %b").to_string(),
            false,
        ));
        parts.push(part(
            FilterField::To,
            to.format("to %-d %b").to_string(),
            to.format("to %-d %b").to_string(),
            false,
        ));
    }
    parts.push(match f.area.as_deref() {
        None => part(
            FilterField::Area,
            "any area".into(),
            "any area".into(),
            true,
        ),
        Some(id) => part(FilterField::Area, short_area(id), short_area(id), false),
    });
    parts.push(match f.symptom.as_deref() {
        None => part(
            FilterField::Symptom,
            "any symptom".into(),
            "any symptom".into(),
            true,
        ),
        Some(id) => {
            let label = Vocabulary::bundled()
                .label(Category::Symptom, id)
                .to_owned();
            // The id is a short name of its own: "shooting pain" for "Sharp or shooting pain".
            // Short forms are lower case, like the rest of the row.
            let words = id.replace('-', " ");
            let mut lower = label.chars();
            let lower: String = lower
                .next()
                .map(|c| c.to_lowercase().chain(lower).collect())
                .unwrap_or_default();
            let short = if words.len() <= lower.len() {
                words
            } else {
                lower
            };
            part(FilterField::Symptom, label, short, false)
        }
    });
    parts
}

/// How an entry's row is laid out where it is narrower than 60 columns.
#[derive(Clone, Copy)]
pub struct RowFit {
    /// The date's format: with the weekday and time, with the time, or the day alone.
    date: &'static str,
    /// The pain bar beside the number.
    bar: bool,
}

/// Narrow rows drop the pain bar (the number says the same), then the weekday, then the time.
const ROW_LADDER: [RowFit; 4] = [
    RowFit {
        date: "%a %d %b %H:%M",
        bar: true,
    },
    RowFit {
        date: "%a %d %b %H:%M",
        bar: false,
    },
    RowFit {
        date: "%d %b %H:%M",
        bar: false,
    },
    RowFit {
        date: "%d %b",
        bar: false,
    },
];

/// The areas of an entry in the fewest words that still name them: every area, or the first
/// and how many more ("low back L +2").
fn areas_text(e: &SymptomEntry, least: bool) -> String {
    let areas: Vec<String> = e.areas.iter().map(short_area).collect();
    match (least, areas.split_first()) {
        (true, Some((first, rest))) if !rest.is_empty() => format!("{first} +{}", rest.len()),
        _ => areas.join(", "),
    }
}

/// The layout for narrow rows in `width`: the fullest one in which every entry's areas fit
/// whole (as the first area and how many more, at least).
pub fn row_fit(entries: &[&SymptomEntry], t: &Theme, width: u16) -> RowFit {
    ROW_LADDER
        .into_iter()
        .find(|&fit| {
            entries.iter().all(|e| {
                let areas = areas_text(e, true);
                narrow_row(e, fit, &areas, t).width() <= usize::from(width)
            })
        })
        .unwrap_or(ROW_LADDER[ROW_LADDER.len() - 1])
}

fn narrow_row<'a>(e: &SymptomEntry, fit: RowFit, areas: &str, t: &Theme) -> Line<'a> {
    let mut spans = vec![
        Span::raw(format!(" {} ", e.at.format(fit.date))),
        Span::styled(
            format!("{:>2} ", e.pain),
            t.pain(e.pain).add_modifier(Modifier::BOLD),
        ),
    ];
    if fit.bar {
        spans.push(Span::styled(
            format!("{:<10} ", "█".repeat(usize::from(e.pain))),
            t.pain(e.pain),
        ));
    }
    spans.push(Span::raw(areas.to_owned()));
    Line::from(spans)
}

/// An entry's row in `width`, laid out as `fit` says below 60 columns.
pub fn entry_line<'a>(e: &SymptomEntry, t: &Theme, width: u16, fit: RowFit) -> Line<'a> {
    if width < 60 {
        // Every area if they fit, else the first and how many more, else cut after a word.
        let all = areas_text(e, false);
        let used = narrow_row(e, fit, "", t).width();
        let room = usize::from(width).saturating_sub(used);
        let areas = if Line::raw(all.as_str()).width() <= room {
            all
        } else {
            shorten(&areas_text(e, true), room)
        };
        return narrow_row(e, fit, &areas, t);
    }
    let areas: Vec<String> = e.areas.iter().map(short_area).collect();
    let mut spans = vec![
        Span::raw(format!(" {} ", e.at.format("%a %d %b %H:%M"))),
        Span::styled(
            format!("{:>2} ", e.pain),
            t.pain(e.pain).add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!("{:<10}", "█".repeat(usize::from(e.pain))),
            t.pain(e.pain),
        ),
    ];
    spans.push(Span::raw(format!(
        " {:<26}",
        crate::text::clip(&areas.join(", "), 26)
    )));
    if width >= 120 {
        // Wide terminals have a note column: the first line of the note, after the
        // symptoms (clipped to 30 columns so notes line up); the row's edge cuts the rest.
        spans.push(Span::styled(
            format!(
                " {:<30}",
                crate::text::clip(&labels(Category::Symptom, e.symptoms.iter()), 30)
            ),
            t.muted(),
        ));
        let first = e.note.lines().next().unwrap_or("");
        let more = if e.note.lines().nth(1).is_some() {
            " …"
        } else {
            ""
        };
        spans.push(Span::raw(format!(
            " {}{more}",
            crate::tui::untrusted::single_width(&crate::text::visible(first))
        )));
    } else {
        spans.push(Span::styled(
            labels(Category::Symptom, e.symptoms.iter()),
            t.muted(),
        ));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(areas: &[&str]) -> SymptomEntry {
        serde_json::from_value(serde_json::json!({
            "id": "01KA0000000000000000000001", "at": "2026-11-24T09:00:00+01:00",
            "pain": 5, "areas": areas, "note": "",
        }))
        .unwrap()
    }

    fn row(e: &SymptomEntry, width: u16) -> String {
        let t = Theme::new(false);
        let fit = row_fit(&[e], &t, width);
        entry_line(e, &t, width, fit).to_string()
    }

    #[test]
    fn a_narrow_row_names_the_first_area_and_counts_the_rest() {
        let e = entry(&["lower-back-left", "lower-back-right", "hip-left"]);
        assert_eq!(row(&e, 59), " Tue 24 Nov 09:00  5 █████      low back L +2");
        assert_eq!(row(&e, 40), " Tue 24 Nov 09:00  5 low back L +2");
        assert_eq!(row(&e, 24), " 24 Nov  5 low back L +2");
        // Too narrow even for that: cut after a whole word.
        assert_eq!(row(&e, 20), " 24 Nov  5 low back…");
    }
}
