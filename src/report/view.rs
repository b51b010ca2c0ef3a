//! The report as words and tables, shared by the HTML and Markdown writers so both say the same
//! thing. Untrusted text (notes, routine names from a user's files) passes the terminal gate
//! ([`crate::text::visible_lines`]) here, since either format can end up on a terminal; each
//! writer then escapes for its own markup (askama for HTML, [`super::markdown`] for Markdown).
//!
//! This module holds the view's types and the rows its parts share; `view_summary::build`
//! makes one (the title, flags and page one there, the details and the appendix in
//! `view_details`). Both use the types here; this file uses neither of them.

use super::{CountOut, EffectOut, num};
use crate::text;

/// Rows shown on page 1 for a "how often" list; the rest are in the details.
pub const PAGE_ONE_ROWS: usize = 6;

/// Entries shown under each flag; the rest are counted (the appendix has them all).
pub const EVIDENCE_SHOWN: usize = 3;

/// A table: headers and rows of text. The cells are kept in one string, row after row, with
/// where each ends: the appendix has a row per entry and per session, and a `String` per cell
/// would cost ten years of data half a million allocations.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column headings.
    pub headers: Vec<String>,
    /// Every cell's text, one after another.
    text: String,
    /// Where each cell ends in `text`; a row is `headers.len()` of them.
    ends: Vec<usize>,
    /// Said when there are no rows.
    pub empty: String,
    /// Columns of numbers and dates, which stay on one line on the printed page; every other
    /// cell is text and wraps, so no word runs off the page.
    figures: Vec<usize>,
}

impl Table {
    pub(super) fn new(headers: &[&str], empty: &str) -> Table {
        Table {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            text: String::new(),
            ends: Vec::new(),
            empty: empty.to_owned(),
            figures: Vec::new(),
        }
    }

    /// Marks the columns that hold numbers or dates: they stay on one line when printed.
    pub(super) fn figures(mut self, columns: &[usize]) -> Table {
        self.figures = columns.to_vec();
        self
    }

    /// Whether column `index` holds numbers or dates (the HTML keeps them on one line).
    pub fn is_figure(&self, index: impl std::borrow::Borrow<usize>) -> bool {
        self.figures.contains(index.borrow())
    }

    /// Room for `rows` rows of about `bytes` bytes each.
    pub(super) fn reserve(&mut self, rows: usize, bytes: usize) {
        self.text.reserve(rows * bytes);
        self.ends.reserve(rows * self.headers.len());
    }

    /// Adds a row; it must have a cell per heading.
    pub(super) fn push_row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        for c in cells {
            self.cell(|text| text.push_str(c.as_ref()));
        }
        debug_assert_eq!(self.ends.len() % self.headers.len().max(1), 0);
    }

    /// Adds the next cell, as `write` writes it at the end of the table's text.
    pub(super) fn cell(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.text);
        self.ends.push(self.text.len());
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.ends.len() / self.headers.len().max(1)
    }

    /// About how many bytes its rows take in HTML (each cell in `<td></td>`, each row in
    /// `<tr></tr>` on its own line), so the page can be written into one allocation.
    pub fn html_size_hint(&self) -> usize {
        self.text.len() + self.ends.len() * 19 + self.len() * 10
    }

    /// The rows, each its cells in order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        let width = self.headers.len().max(1);
        self.ends
            .chunks(width)
            .enumerate()
            .map(move |(i, ends)| Row {
                text: &self.text,
                start: if i == 0 { 0 } else { self.ends[i * width - 1] },
                ends,
            })
    }

    /// The row at `index` as a list, for tests.
    #[cfg(test)]
    pub fn row(&self, index: usize) -> Vec<&str> {
        self.rows()
            .nth(index)
            .map_or_else(Vec::new, Iterator::collect)
    }
}

/// One row of a [`Table`]: its cells, in order.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    text: &'a str,
    start: usize,
    ends: &'a [usize],
}

impl<'a> Iterator for Row<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (&end, rest) = self.ends.split_first()?;
        let cell = &self.text[self.start..end];
        (self.start, self.ends) = (end, rest);
        Some(cell)
    }
}

/// One flag as a person reads it.
#[derive(Debug, Clone)]
pub struct FlagView {
    /// `emergency`, `urgent`, `soon` (for styling).
    pub level: &'static str,
    /// "EMERGENCY", …
    pub label: &'static str,
    /// The headline.
    pub title: String,
    /// What to do (empty for a flag no longer active).
    pub action: String,
    /// "Logged Tue 24 Nov 2026 09:30 +01:00 — Numbness; Leg, left", newest first, then how
    /// many more.
    pub evidence: Vec<String>,
    /// "Acknowledged (checked) Wed 25 Nov 2026 10:00 +01:00", if so.
    pub acknowledged: Option<String>,
    /// "Lapsed, not marked as checked, Wed 25 Nov 2026 10:00 +01:00", if so.
    pub lapsed: Option<String>,
}

/// A titled group of lines and tables.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Heading.
    pub title: String,
    /// Sentences, each its own paragraph.
    pub lines: Vec<String>,
    /// Tables, after the sentences.
    pub tables: Vec<Table>,
}

/// Everything both writers print.
#[derive(Debug, Clone)]
pub struct View {
    /// "Back pain report: Mon 31 Aug 2026 – Sun 29 Nov 2026".
    pub title: String,
    /// Lines under the title: generated when, zones, profile.
    pub header: Vec<String>,
    /// Flags active now.
    pub flags_now: Vec<FlagView>,
    /// Flags raised in the period and not active now.
    pub flags_period: Vec<FlagView>,
    /// Summary sentence on pain.
    pub pain_line: String,
    /// Page-1 sections after the pain chart: where, what sets it off, what helps, time of day.
    pub where_: Section,
    /// Triggers and reliefs.
    pub triggers: Section,
    /// Time of day.
    pub times: Section,
    /// Routines.
    pub routines: Section,
    /// Breaks and check-ins.
    pub checkins: Section,
    /// Page 2 on: full tables.
    pub details: Vec<Section>,
    /// The appendix: entries then sessions.
    pub appendix: Vec<Section>,
}

impl View {
    /// About how many bytes the pages after the first take in HTML (more than in Markdown).
    pub fn tables_size_hint(&self) -> usize {
        (self.details.iter().chain(&self.appendix))
            .flat_map(|s| &s.tables)
            .map(Table::html_size_hint)
            .sum()
    }
}

pub(super) fn count_table(first: &str, rows: &[CountOut], limit: usize, empty: &str) -> Table {
    let mut t = Table::new(&[first, "Entries", "Avg pain"], empty).figures(&[1, 2]);
    for c in rows.iter().take(limit) {
        t.push_row([c.label.clone(), c.entries.to_string(), num(c.mean_pain)]);
    }
    if rows.len() > limit {
        t.push_row([
            format!("… {} more on page 2", rows.len() - limit),
            String::new(),
            String::new(),
        ]);
    }
    t
}

pub(super) fn effect_row(e: &EffectOut) -> Vec<String> {
    let before_after = match (e.before, e.after) {
        (Some(b), Some(a)) => format!("{b:.1} → {a:.1}"),
        _ => "–".to_owned(),
    };
    let change = e
        .change
        .map_or_else(|| "too few to tell".to_owned(), |c| format!("{c:+.1}"));
    vec![
        text::visible(&e.name).into_owned(),
        e.sessions.to_string(),
        e.rated.to_string(),
        before_after,
        change,
    ]
}

pub(super) fn join<S: std::borrow::Borrow<str>>(items: &[S]) -> String {
    items.join("; ")
}

/// [`join`], written at the end of `out`.
pub(super) fn join_into(out: &mut String, items: &super::Labels) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(item);
    }
}
