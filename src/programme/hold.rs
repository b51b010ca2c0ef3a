//! What the red flags say about the dose: a flag at the emergency or urgent level holds it (the
//! flag and its advice come first), and so does any nerve flag — symptoms such as tingling,
//! numbness, weakness or pain running down a leg, on one side or both (CLINICAL.md, "At the
//! edges": no level-up while any nerve flag is active).
//!
//! A nerve flag is one whose rule reads the sides of the body (`one_side_of`, `both_sides_of`)
//! or names a nerve symptom — a symptom the vocabulary asks the screening questions for — so a
//! rule added later for nerve symptoms holds the dose without a change here. A nerve flag holds
//! the dose whether or not it was marked as checked, for as long as its evidence is inside its
//! window: marking it checked says a doctor was seen, not that the nerve has settled. An urgent
//! or emergency flag holds it while it is active (not marked as checked), as before.

use crate::flags::{Flags, Level, Rule};
use crate::vocabulary::Vocabulary;

/// What the flags ask of the dose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FlagHold {
    /// Nothing: the sessions decide.
    #[default]
    Clear,
    /// A nerve flag is in its window: no level-up until it has settled.
    Nerve,
    /// An emergency or urgent flag is active: it comes first.
    Serious,
}

/// Whether an emergency or urgent flag is active.
pub fn serious_flag(flags: &Flags) -> bool {
    flags.active.iter().any(|f| f.rule.level >= Level::Urgent)
}

/// Whether a rule is about nerve symptoms (see the module docs).
pub fn is_nerve_rule(rule: &Rule) -> bool {
    let when = &rule.when;
    !when.one_side_of.is_empty()
        || !when.both_sides_of.is_empty()
        || Vocabulary::bundled()
            .symptoms
            .iter()
            .filter(|s| s.screening)
            .any(|s| when.symptoms_any.contains(&s.id) || when.symptoms_all.contains(&s.id))
}

/// What the flags ask of the dose: a serious flag first, then a nerve flag.
pub fn flag_hold(flags: &Flags) -> FlagHold {
    if serious_flag(flags) {
        FlagHold::Serious
    } else if flags
        .active
        .iter()
        .chain(&flags.acknowledged)
        .any(|f| is_nerve_rule(&f.rule))
    {
        FlagHold::Nerve
    } else {
        FlagHold::Clear
    }
}
