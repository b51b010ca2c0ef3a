//! The gate for untrusted text on its way to the terminal (a note, anything read from a file or
//! an argument): control characters and the invisible bidirectional and zero-width marks, which
//! could hide or reorder what is shown, are made visible as `\u{…}` escapes.

/// `text` with control, bidirectional and zero-width characters shown as `\u{…}`.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || hidden(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that draw nothing but change what is around them.
fn hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn control_and_bidi_characters_are_shown_not_obeyed() {
        let rows = [
            (
                "plain words stay",
                "worse after the drive",
                "worse after the drive",
            ),
            ("an escape sequence", "a\u{1b}[2Jb", "a\\u{1b}[2Jb"),
            ("a right-to-left override", "x\u{202E}yz", "x\\u{202e}yz"),
            (
                "a zero-width space",
                "no\u{200B}numbness",
                "no\\u{200b}numbness",
            ),
            ("nearest miss: accents and emoji stay", "café 😀", "café 😀"),
        ];
        for (what, text, shown) in rows {
            assert_eq!(visible(text), shown, "{what}");
        }
    }
}
