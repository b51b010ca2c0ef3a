//! The one gate for untrusted text on its way to a terminal: notes, names, config values,
//! source lines and reasons that came from a file, an argument or the log. Control characters
//! (C0, DEL, C1), the bidirectional formatting characters that can reorder text and the
//! invisible zero-width ones that can hide it are shown as visible escapes (`\x1b`, `\u{202e}`), so a note cannot retitle the terminal, clear
//! it, move the cursor over another column or reverse what follows. JSON output does not pass
//! through here: it stays exact.

use std::borrow::Cow;
use std::fmt::Write;

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

    proptest! {
        #[test]
        fn nothing_unsafe_gets_through(text in any::<String>()) {
            let shown = visible(&text);
            prop_assert!(!shown.chars().any(is_unsafe));
            let lines = visible_lines(&text);
            prop_assert!(!lines.chars().any(|c| c != '\n' && is_unsafe(c)));
        }
    }
}
