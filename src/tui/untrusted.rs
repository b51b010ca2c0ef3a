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
        for step in &mut r.steps {
            safe(&mut step.name);
            safe(&mut step.cue);
            if let Some(art) = &mut step.art
                && let std::borrow::Cow::Owned(shown) = visible_lines(&art.text)
            {
                art.text = shown;
            }
        }
    }
    library
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
