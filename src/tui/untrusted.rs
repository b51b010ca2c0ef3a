//! Text from files on its way into the app: the app's own copies of the routines, the red-flag
//! rules and the configured emergency number pass [`crate::text::visible`] once, when they are
//! loaded, so every screen that draws them shows control, C1, bidirectional and zero-width
//! characters as escapes (ratatui would drop C0 controls but pass the others through). Notes
//! pass the same gate where they are drawn. The command line's `--json` reads its own copies
//! and keeps every character.

use crate::config::Config;
use crate::flags::RuleSet;
use crate::routine::Library;
use crate::text::{visible, visible_lines};

fn safe(text: &mut String) {
    if let std::borrow::Cow::Owned(shown) = visible(text) {
        *text = shown;
    }
}

/// The library with every text a screen shows made safe.
pub fn library(mut library: Library) -> Library {
    for r in &mut library.routines {
        safe(&mut r.name);
        safe(&mut r.summary);
        safe(&mut r.source);
        r.tags.iter_mut().for_each(safe);
        r.cautions.iter_mut().for_each(safe);
        r.steps.iter_mut().for_each(safe_step);
    }
    library
}

/// A step's words and drawing made safe, and its alternative's.
fn safe_step(step: &mut crate::routine::Step) {
    safe(&mut step.name);
    safe(&mut step.cue);
    if let Some(art) = &mut step.art
        && let std::borrow::Cow::Owned(shown) = visible_lines(&art.text)
    {
        art.text = shown;
    }
    if let Some(alt) = &mut step.alternative {
        safe_step(alt);
    }
}

/// The rules with their words made safe (a person's own file may add rules).
pub fn rules(mut rules: RuleSet) -> RuleSet {
    for rule in &mut rules.rules {
        safe(&mut rule.title);
        safe(&mut rule.action);
        safe(&mut rule.why);
        rule.sources.iter_mut().for_each(safe);
    }
    rules
}

/// The config with the emergency number made safe (it is drawn inside every action).
pub fn config(mut config: Config) -> Config {
    if let Some(number) = &mut config.emergency_number {
        safe(number);
    }
    config
}

/// `text` with every character at a width terminals agree on, for notes drawn on a screen.
///
/// A joined emoji (🧘‍♀️: 🧘, a zero-width joiner, ♀ and the emoji variation selector U+FE0F)
/// is one grapheme of width 2 to ratatui's `unicode-width`, but many terminals draw it as two
/// glyphs (or draw ♀️ one column wide). The diffing backend then believes the cursor is where it
/// is not, and the rest of the row is misplaced until the next full redraw. So on its way to the
/// screen a joined sequence keeps its first emoji and drops what is joined to it, and the
/// variation selector goes (♀ is one column everywhere). The log keeps the note exactly; only
/// the drawing changes.
pub fn single_width(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\u{200D}', '\u{FE0F}']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            // The joiner and the character it joins on.
            '\u{200D}' => {
                chars.next();
            }
            '\u{FE0F}' => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// One line of untrusted text as a screen draws it: unsafe characters as escapes
/// ([`visible`]), then joined emoji single-width ([`single_width`]).
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    match visible(text) {
        std::borrow::Cow::Borrowed(text) => single_width(text),
        std::borrow::Cow::Owned(text) => std::borrow::Cow::Owned(single_width(&text).into_owned()),
    }
}

/// The programmes with every text a screen shows made safe (a programme file may come from
/// someone else); ids stay as written, since the records name them.
pub fn programmes(
    mut programmes: crate::programme::file::ProgrammeLibrary,
) -> crate::programme::file::ProgrammeLibrary {
    for p in &mut programmes.programmes {
        safe(&mut p.name);
        safe(&mut p.summary);
        safe(&mut p.source);
        p.cautions.iter_mut().for_each(safe);
        for week in &mut p.weeks {
            safe(&mut week.note);
        }
    }
    programmes
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    use super::single_width;

    #[test]
    fn a_joined_emoji_is_drawn_as_its_first_emoji_and_the_row_stays_in_place() {
        assert_eq!(
            single_width("yoga 🧘\u{200D}♀\u{FE0F} helped"),
            "yoga 🧘 helped"
        );
        assert_eq!(single_width("👩\u{200D}👩\u{200D}👧 x"), "👩 x");
        assert_eq!(single_width("plain"), "plain");
        // In a buffer the emoji takes two cells and the text after it is where a terminal
        // that draws the emoji two columns wide puts it.
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        Line::from(single_width("a🧘\u{200D}♀\u{FE0F}b").into_owned()).render(buf.area, &mut buf);
        assert_eq!(buf[(1, 0)].symbol(), "🧘");
        assert_eq!(buf[(3, 0)].symbol(), "b");
        assert_eq!(buf, Buffer::with_lines(["a🧘b        "]));
    }
}
