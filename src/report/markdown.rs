//! The report as Markdown (GitHub-flavoured tables), for a patient portal or an email. Text is
//! escaped so that nothing a person wrote can break a table or turn into markup: pipes,
//! backslashes and markup characters get a backslash, line breaks become `<br>`.

use std::fmt::Write;

use super::Report;
use super::view::{FlagView, Section, Table, View};
use super::view_summary::build;

/// Escapes `text` for a Markdown paragraph or table cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], written at the end of `out`.
fn escape_into(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br>");
                }
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
}

/// A table row, `| a | b |`, and its line break.
fn row<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    out.push('|');
    for c in cells {
        out.push(' ');
        escape_into(out, c);
        out.push_str(" |");
    }
    out.push('\n');
}

fn table(out: &mut String, t: &Table) {
    if t.is_empty() {
        if !t.empty.is_empty() {
            let _ = writeln!(out, "{}\n", escape(&t.empty));
        }
        return;
    }
    row(out, t.headers.iter().map(String::as_str));
    let _ = writeln!(
        out,
        "|{}|",
        t.headers
            .iter()
            .map(|_| "---")
            .collect::<Vec<_>>()
            .join("|")
    );
    for r in t.rows() {
        row(out, r);
    }
    out.push('\n');
}

fn section(out: &mut String, level: &str, s: &Section) {
    let _ = writeln!(out, "{level} {}\n", escape(&s.title));
    for line in &s.lines {
        let _ = writeln!(out, "{}\n", escape(line));
    }
    for t in &s.tables {
        table(out, t);
    }
}

fn flags(out: &mut String, heading: &str, flags: &[FlagView], none: &str) {
    let _ = writeln!(out, "### {heading}\n");
    if flags.is_empty() {
        let _ = writeln!(out, "{none}\n");
        return;
    }
    for f in flags {
        let _ = writeln!(out, "- **{}**: {}", f.label, escape(&f.title));
        if !f.action.is_empty() {
            let _ = writeln!(out, "  - What to do: {}", escape(&f.action));
        }
        for e in &f.evidence {
            let _ = writeln!(out, "  - {}", escape(e));
        }
        if let Some(a) = &f.acknowledged {
            let _ = writeln!(out, "  - {}", escape(a));
        }
        if let Some(l) = &f.lapsed {
            let _ = writeln!(out, "  - {}", escape(l));
        }
    }
    out.push('\n');
}

/// The whole report as Markdown.
pub fn render(report: &Report) -> String {
    let v: View = build(report);
    let mut out = String::with_capacity(v.tables_size_hint() + 16 * 1024);
    let _ = writeln!(out, "# {}\n", escape(&v.title));
    for line in &v.header {
        let _ = writeln!(out, "{}\n", escape(line));
    }
    out.push_str("## Red flags\n\n");
    flags(&mut out, "Active now", &v.flags_now, "None active now.");
    flags(
        &mut out,
        "Also raised in this period (no longer active)",
        &v.flags_period,
        "No others raised in this period.",
    );
    out.push_str("## Pain\n\n");
    let _ = writeln!(out, "{}\n", escape(&v.pain_line));
    for s in [&v.where_, &v.triggers, &v.times, &v.routines, &v.checkins] {
        section(&mut out, "##", s);
    }
    out.push_str("## Details\n\n");
    for s in &v.details {
        section(&mut out, "###", s);
    }
    for s in &v.appendix {
        section(&mut out, "##", s);
    }
    out
}
