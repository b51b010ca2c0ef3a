//! The one gate for untrusted text on its way to a terminal: notes, names, config values,
//! source lines and reasons that came from a file, an argument or the log. Control characters
//! (C0, DEL, C1), the bidirectional formatting characters that can reorder text and the
//! invisible zero-width ones that can hide it are shown as visible escapes (`\x1b`, `\u{202e}`), so a note cannot retitle the terminal, clear
//! it, move the cursor over another column or reverse what follows.
//!
//! Whole outputs (a Markdown report, JSON) go through [`Gate`], a writer that does the same to
//! a stream when it is given a terminal: JSON and JSON lines stay exact in files and pipes, and
//! are shown with `\uXXXX` escapes (the same JSON value) when they reach a terminal.

use std::borrow::Cow;
use std::fmt::Write;
use std::io;

/// Whether `c` must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `text` with every unsafe character (newlines and tabs included) shown as an escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// `text` made safe but with its line breaks kept, for text shown over several lines.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' {
            out.push(c);
        } else {
            push_visible(&mut out, c);
        }
    }
    Cow::Owned(out)
}

/// At most the first `max_chars` characters of `text`, ending in "…" when cut: so a screen
/// never lays out more of a huge note than it could show.
pub fn preview(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
    }
}

/// `text` cut to `width` characters, its last one "…" when it is longer (nothing at all at width
/// 0): for a column of a list or a table.
pub fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else if width == 0 {
        String::new()
    } else {
        text.chars().take(width - 1).chain(['…']).collect()
    }
}

/// `json` (text as serde_json writes it) with every unsafe character but the line breaks
/// between values as a JSON `\uXXXX` escape: it parses to the same value, and a terminal shows
/// the escape instead of obeying it. (serde_json escapes the C0 controls in strings itself, but
/// not DEL, C1 or the bidi characters; none of them occurs outside a string.)
pub fn visible_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if c != '\n' && is_unsafe(c) {
            // Every unsafe character is in the Basic Multilingual Plane: one escape each.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `html`, a page whose values are already HTML-escaped, with every character that could act
/// on the text after it shown as an escape, as on a terminal: a bidirectional override or
/// isolate in a note cannot reverse the rest of its line, and no control character reaches the
/// browser. Line breaks and tabs stay. (The page's own markup holds none of these characters.)
pub fn visible_in_html(html: String) -> String {
    let acts = |c: char| is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r');
    if !html.chars().any(acts) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    for c in html.chars() {
        if acts(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// How [`Gate`] makes a stream safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Text over several lines, as [`visible_lines`] (a Markdown report).
    Lines,
    /// JSON or JSON lines, as [`visible_json`].
    Json,
}

/// A writer that passes what it is given through the gate on its way to `inner`, or, when not
/// `active` (the output is a file or a pipe), passes it on exactly. Characters split between two
/// writes are held until they are whole.
pub struct Gate<W: io::Write> {
    inner: W,
    style: Style,
    active: bool,
    /// The start of a character whose other bytes have not come yet (at most 3 bytes).
    pending: Vec<u8>,
}

impl<W: io::Write> Gate<W> {
    /// A gate of `style` in front of `inner`, doing its work only when `active`.
    pub fn new(inner: W, style: Style, active: bool) -> Self {
        Gate {
            inner,
            style,
            active,
            pending: Vec::new(),
        }
    }

    fn pass(&mut self, text: &str) -> io::Result<()> {
        let shown = match self.style {
            Style::Lines => visible_lines(text),
            Style::Json => visible_json(text),
        };
        self.inner.write_all(shown.as_bytes())
    }
}

impl<W: io::Write> io::Write for Gate<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.active {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.pending);
        let mut rest = &bytes[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.pass(text)?;
                    break;
                }
                Err(e) => {
                    let (good, after) = rest.split_at(e.valid_up_to());
                    // The prefix is valid UTF-8 by `valid_up_to`.
                    self.pass(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // A character cut by the end of this write: wait for the rest.
                        None => {
                            self.pending = after.to_vec();
                            break;
                        }
                        // Bytes that are no UTF-8 at all are shown as what they are.
                        Some(n) => {
                            for b in &after[..n] {
                                self.inner.write_all(format!("\\x{b:02x}").as_bytes())?;
                            }
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if !is_unsafe(c) => out.push(c),
        c if (c as u32) < 0x100 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:04x}}}", c as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn clip_keeps_what_fits_and_marks_a_cut() {
        assert_eq!(clip("lower back", 10), "lower back");
        assert_eq!(clip("lower back", 6), "lower…");
        assert_eq!(clip("lower back", 1), "…");
        assert_eq!(clip("lower back", 0), "");
    }

    #[test]
    fn escapes_controls_and_bidi_and_leaves_the_rest() {
        assert_eq!(visible("plain café 🧘"), "plain café 🧘");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(
            visible("x\u{1b}]0;T\u{7}\u{1b}[2J"),
            "x\\x1b]0;T\\x07\\x1b[2J"
        );
        assert_eq!(visible("id\rX"), "id\\rX");
        assert_eq!(visible("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(visible("no\u{200b}numbness"), "no\\u{200b}numbness");
        // A joined emoji keeps its zero-width joiner.
        assert_eq!(visible("🧘\u{200d}♀️"), "🧘\u{200d}♀️");
        assert_eq!(visible("c1\u{9b}31m"), "c1\\x9b31m");
        assert_eq!(visible("two\nlines"), "two\\nlines");
        assert_eq!(visible_lines("two\nli\u{1b}nes"), "two\nli\\x1bnes");
        assert_eq!(preview("abcdé", 5), "abcdé");
        assert_eq!(preview("abcdéf", 5), "abcdé…");
    }

    #[test]
    fn a_page_shows_bidi_and_controls_as_escapes_and_keeps_its_lines() {
        let page = "<td>abc\u{202e}def\u{2067}</td>\n\t<td>\u{1b}[2J ok</td>".to_owned();
        assert_eq!(
            visible_in_html(page),
            "<td>abc\\u{202e}def\\u{2067}</td>\n\t<td>\\x1b[2J ok</td>"
        );
        assert_eq!(visible_in_html("<p>fine</p>\n".into()), "<p>fine</p>\n");
    }

    #[test]
    fn json_keeps_its_value_and_shows_the_escapes() {
        let value =
            serde_json::json!({"note": "x\u{1b}]0;T\u{7} \u{9b}31m \u{202e}kcab\u{7f}\nnext"});
        let exact = serde_json::to_string_pretty(&value).unwrap();
        let shown = visible_json(&exact);
        assert!(!shown.chars().any(|c| c != '\n' && is_unsafe(c)), "{shown}");
        assert!(shown.contains("\\u009b31m \\u202ekcab\\u007f"), "{shown}");
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, value);
        assert!(matches!(visible_json("{\n  \"a\": 1\n}"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_gate_holds_a_character_cut_between_writes_and_passes_exactly_when_off() {
        use std::io::Write as _;
        let text = "é\u{202e}x\n\u{9b}";
        let mut on = Gate::new(Vec::new(), Style::Lines, true);
        for b in text.as_bytes() {
            on.write_all(std::slice::from_ref(b)).unwrap();
        }
        on.write_all(b"\xff!").unwrap();
        assert_eq!(
            String::from_utf8(on.inner).unwrap(),
            "é\\u{202e}x\n\\x9b\\xff!"
        );
        let mut off = Gate::new(Vec::new(), Style::Json, false);
        off.write_all(text.as_bytes()).unwrap();
        assert_eq!(off.inner, text.as_bytes());
    }

    proptest! {
        #[test]
        fn a_gate_shows_what_visible_lines_shows_however_the_text_is_cut(
            text in any::<String>(),
            cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
        ) {
            use std::io::Write as _;
            let bytes = text.as_bytes();
            let mut at: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
            at.sort_unstable();
            let mut gate = Gate::new(Vec::new(), Style::Lines, true);
            let mut from = 0;
            for cut in at.into_iter().chain([bytes.len()]) {
                gate.write_all(&bytes[from..cut]).unwrap();
                from = cut;
            }
            prop_assert_eq!(String::from_utf8(gate.inner).unwrap(), visible_lines(&text));
        }

        #[test]
        fn nothing_unsafe_gets_through(text in any::<String>()) {
            let shown = visible(&text);
            prop_assert!(!shown.chars().any(is_unsafe));
            let lines = visible_lines(&text);
            prop_assert!(!lines.chars().any(|c| c != '\n' && is_unsafe(c)));
        }
    }
}
