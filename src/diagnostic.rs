//! Errors that point at the text a person typed: file, line, column, the line itself and the fix.
//!
//! Shared by every loader of hand-written TOML (routines now; config and red-flag rules later), so
//! all of them read like a compiler error. The file, message, line and help pass the one gate for
//! terminals ([`crate::text::visible`]) when shown: a control character in a file cannot act on
//! the terminal that reports it.

use std::fmt;
use std::ops::Range;

use crate::text::visible;

/// One problem found in a text file, located by line and column (both 1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user knows it (a path, or `bundled:routines/x.toml`).
    pub file: String,
    /// 1-based line of the offending text.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when there is something specific to say.
    pub help: Option<String>,
    /// The offending line made visible, where the underline starts in it and how many
    /// characters it covers.
    snippet: Option<Box<Snippet>>,
}

/// The most characters of the offending line shown before the mark, of the mark, and after it.
const SNIPPET_BEFORE: usize = 60;
const SNIPPET_MARKED: usize = 80;
const SNIPPET_AFTER: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Snippet {
    text: String,
    pad: usize,
    width: usize,
}

impl Diagnostic {
    /// A diagnostic at a byte span of `text` (a `None` span points at the start of the file).
    pub fn at(
        file: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        let span = span.unwrap_or(0..0);
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        // The underline stays on this line (a `\r` before the newline is not shown).
        let shown_end = line_start + line_text.len();
        let from = start.min(shown_end);
        let to = floor_char_boundary(text, span.end.clamp(start, line_end)).clamp(from, shown_end);
        // A line of a megabyte is shown around its mark, not whole: the report stays a few
        // lines, and the underline's padding a width that formats (65,535 at most).
        let before = visible(&text[line_start..from]);
        let before = match before.chars().count().checked_sub(SNIPPET_BEFORE) {
            Some(cut) if cut > 0 => {
                format!("…{}", before.chars().skip(cut + 1).collect::<String>())
            }
            _ => before.into_owned(),
        };
        let marked = crate::text::clip(&visible(&text[from..to]), SNIPPET_MARKED);
        let after = crate::text::clip(&visible(&text[to..shown_end]), SNIPPET_AFTER);
        let snippet = Snippet {
            text: format!("{before}{marked}{after}"),
            pad: before.chars().count(),
            width: marked.chars().count().max(1),
        };
        Self {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
            help: None,
            snippet: (!line_text.is_empty()).then(|| Box::new(snippet)),
        }
    }

    /// A TOML syntax or type error in `text`, at its span; an unknown key (a typo) gets a hint.
    pub fn from_toml(file: &str, text: &str, e: &toml::de::Error) -> Self {
        let d = Self::at(file, text, e.span(), e.message().trim());
        if e.message().contains("unknown field") {
            d.with_help("check the spelling; the accepted keys are listed above")
        } else {
            d
        }
    }

    /// Reads a hand-written file of at most `max_bytes` (a bigger one is refused before it is
    /// read, so no file can make a loader allocate out of proportion).
    pub fn read_bounded(path: &std::path::Path, max_bytes: u64) -> Result<String, Self> {
        use std::io::Read;
        let label = path.display().to_string();
        let cannot =
            |e: std::io::Error| Self::whole_file(&label, format!("cannot read the file: {e}"));
        // Opened without blocking and checked to be a regular file first: a FIFO would wait
        // for a writer for ever.
        let file = crate::disk::open_regular(path).map_err(cannot)?;
        let size = file.metadata().map_err(cannot)?.len();
        if size > max_bytes {
            return Err(Self::whole_file(
                &label,
                format!("the file is {size} bytes; at most {max_bytes} (1 MiB)"),
            ));
        }
        let mut text = String::new();
        // A file that grows while it is read stops at the bound all the same.
        file.take(max_bytes.saturating_add(1))
            .read_to_string(&mut text)
            .map_err(cannot)?;
        if text.len() as u64 > max_bytes {
            return Err(Self::whole_file(
                &label,
                format!("the file grew over {max_bytes} bytes (1 MiB) while it was read"),
            ));
        }
        Ok(text)
    }

    /// A diagnostic about the file as a whole (it could not be read, for example).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line: 1,
            column: 1,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column: message`, for one-line displays such as the TUI's broken-file list.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            visible(&self.file),
            self.line,
            self.column,
            visible(&self.message)
        )
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Collects every problem in one file, so `knotless check` can list them all at once. Each
/// file format adds its own checks to it (`routine::file`, `programme::file`).
pub struct Checker<'a> {
    /// The file's name, as the diagnostics show it.
    pub file: &'a str,
    /// Its text, to place each problem at its line and column.
    pub text: &'a str,
    /// Every problem found so far.
    pub errors: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    /// A checker for `file`, whose text is `text`.
    pub fn new(file: &'a str, text: &'a str) -> Checker<'a> {
        Checker {
            file,
            text,
            errors: Vec::new(),
        }
    }

    /// A problem at `at`'s place in the file, with `help` when it is not empty.
    pub fn error<T>(&mut self, at: &toml::Spanned<T>, message: impl Into<String>, help: &str) {
        let d = Diagnostic::at(self.file, self.text, Some(at.span()), message);
        self.errors.push(if help.is_empty() {
            d
        } else {
            d.with_help(help)
        });
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", visible(&self.message))?;
        let gutter = self.line.to_string().len();
        write!(
            f,
            "{:gutter$}--> {}:{}:{}",
            "",
            visible(&self.file),
            self.line,
            self.column
        )?;
        if let Some(snippet) = &self.snippet {
            writeln!(f)?;
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{} | {}", self.line, snippet.text)?;
            write!(
                f,
                "{:gutter$} | {:pad$}{}",
                "",
                "",
                "^".repeat(snippet.width),
                pad = snippet.pad
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n{:gutter$} = help: {}", "", visible(help))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_from_a_byte_span() {
        let text = "name = \"x\"\nkind = \"strech\"\n";
        let start = text.find("\"strech\"").unwrap();
        let d = Diagnostic::at("r.toml", text, Some(start..start + 8), "unknown kind");
        assert_eq!((d.line, d.column), (2, 8));
        assert_eq!(
            d.with_help("use stretch").to_string(),
            "error: unknown kind\n --> r.toml:2:8\n  |\n2 | kind = \"strech\"\n  |        ^^^^^^^^\n  = help: use stretch"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes_and_spans_past_the_end_are_safe() {
        let text = "cue = \"héllo\" x";
        let start = text.find('x').unwrap();
        let d = Diagnostic::at("r.toml", text, Some(start..start + 50), "m");
        assert_eq!((d.line, d.column), (1, 15));
        let d = Diagnostic::at("r.toml", text, Some(999..1000), "m");
        assert_eq!(d.line, 1);
    }

    #[test]
    fn a_long_line_is_shown_around_its_mark() {
        // A mark 70,000 characters into a line: its padding would not format (the width of
        // a formatting argument is at most 65,535), and the whole line is no help.
        let text = format!("name = \"{}\" x = 1\n", "a".repeat(70_000));
        let start = text.find(" x").unwrap() + 1;
        let d = Diagnostic::at("r.toml", &text, Some(start..start + 1), "m");
        assert_eq!((d.line, d.column), (1, 70_011));
        let shown = d.to_string();
        let marked = format!("1 | …{}\" x = 1\n", "a".repeat(57));
        assert!(shown.contains(&marked), "{shown}");
        assert!(
            shown.ends_with(&format!("  | {}^", " ".repeat(60))),
            "{shown}"
        );
        let d = Diagnostic::at("r.toml", &text, Some(0..text.len()), "m");
        assert!(d.to_string().len() < 400, "{d}");
    }
}
