//! The keys of a rules file, each named once: the file's structs and the tables
//! ([`RULE_KEYS`], [`CONDITIONS`]) are made from one list by `keyed!`, so the keys the parser
//! accepts (and names when one is misspelt) are the keys of the tables. Each condition says
//! what it reads: fields of an entry's projection ([`crate::symptoms::Reads`]), the profile or
//! the episode. [`super::Conditions::set`] ties the compiled conditions to the table, and the
//! README test in `flags::keys_tests` ties the documentation to it.

use serde::Deserialize;
use toml::Spanned;

use crate::flags::Level;
use crate::routine::Kind;
use crate::symptoms::{Field, Onset};

/// A list of vocabulary ids, each with where it was written.
pub(super) type Ids = Option<Vec<Spanned<String>>>;

/// One of `pain_on_days`: `{ at_least = 8, days = 2, within = "7d" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PainDaysFile {
    pub(super) at_least: Spanned<i64>,
    pub(super) days: Spanned<i64>,
    pub(super) within: Option<Spanned<String>>,
}

/// What a condition is about, which decides how the evaluation reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// An entry condition: which entries are the rule's evidence.
    Entry,
    /// Who the person is (`[profile]`).
    Profile,
    /// The current episode (from the entries' time and pain).
    Episode,
    /// A check over every entry in the rule's window (numbness in the feet alone).
    Window,
}

/// One condition of `[rules.when]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// Its key in the file.
    pub name: &'static str,
    /// What it is about.
    pub group: Group,
    /// The fields of an entry it reads (none for the profile alone).
    pub reads: &'static [Field],
    /// Whether it reads the profile too.
    pub profile: bool,
}

/// Whether a condition is written with something in it: a list with an entry, a number, a
/// value, `true`.
trait Written {
    fn written(&self) -> bool;
}

impl Written for bool {
    fn written(&self) -> bool {
        *self
    }
}

impl<T> Written for Option<Vec<T>> {
    fn written(&self) -> bool {
        self.as_ref().is_some_and(|list| !list.is_empty())
    }
}

impl Written for Option<Spanned<i64>> {
    fn written(&self) -> bool {
        self.is_some()
    }
}

impl Written for Option<Onset> {
    fn written(&self) -> bool {
        self.is_some()
    }
}

/// Makes a file struct and the table of its keys from one list, so they cannot differ: each
/// field's name is a key, in the order given.
macro_rules! keyed {
    (
        $(#[$meta:meta])* struct $file:ident;
        $(#[$table_meta:meta])* const $table:ident: [$item:ident];
        { $( $(#[$attr:meta])* $name:ident: $ty:ty => { $($init:tt)* } )* }
    ) => {
        $(#[$meta])*
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct $file { $( $(#[$attr])* pub(super) $name: $ty, )* }

        $(#[$table_meta])*
        pub const $table: &[$item] = &[ $( $item { name: stringify!($name), $($init)* }, )* ];

        impl $file {
            /// The keys written with something in them, in the table's order.
            pub(super) fn written(&self) -> Vec<&'static $item> {
                let written = [ $( Written::written(&self.$name), )* ];
                $table.iter().zip(written).filter_map(|(k, w)| w.then_some(k)).collect()
            }
        }
    };
    (
        $(#[$meta:meta])* struct $file:ident;
        $(#[$table_meta:meta])* const $table:ident: [&str];
        { $( $(#[$attr:meta])* $name:ident: $ty:ty, )* }
    ) => {
        $(#[$meta])*
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct $file { $( $(#[$attr])* pub(super) $name: $ty, )* }

        $(#[$table_meta])*
        pub const $table: &[&str] = &[ $( stringify!($name), )* ];
    };
}

keyed! {
    /// One `[[rules]]` table as written.
    struct RuleFile;
    /// The keys of a rule, `when` holding its [`CONDITIONS`].
    const RULE_KEYS: [&str];
    {
        id: Spanned<String>,
        level: Level,
        title: Spanned<String>,
        action: Spanned<String>,
        #[serde(default)]
        why: String,
        #[serde(default)]
        sources: Vec<String>,
        within: Option<Spanned<String>>,
        #[serde(default)]
        blocks: Vec<Kind>,
        #[serde(default)]
        once_per_episode: bool,
        #[serde(default)]
        until_checked: bool,
        when: Spanned<WhenFile>,
    }
}

use Field::{Areas, At, Onset as OnsetField, Pain, Symptoms, Triggers};

keyed! {
    /// `[rules.when]` as written.
    struct WhenFile;
    /// The conditions of `[rules.when]`, in the order the parser lists them, each with what it
    /// reads. A rule's conditions can read only fields of an entry's projection
    /// ([`crate::symptoms::Reads`]), the one an edit is compared by.
    const CONDITIONS: [Condition];
    {
        symptoms_any: Ids => { group: Group::Entry, reads: &[Symptoms], profile: false }
        symptoms_all: Ids => { group: Group::Entry, reads: &[Symptoms], profile: false }
        areas_any: Ids => { group: Group::Entry, reads: &[Areas], profile: false }
        both_sides_of: Ids => { group: Group::Entry, reads: &[Areas, At], profile: false }
        one_side_of: Ids => { group: Group::Entry, reads: &[Areas, At], profile: false }
        pain_at_least: Option<Spanned<i64>> => {
            group: Group::Entry, reads: &[Pain], profile: false
        }
        pain_on_days: Option<Vec<Spanned<PainDaysFile>>> => {
            group: Group::Entry, reads: &[Pain, At], profile: false
        }
        onset: Option<Onset> => { group: Group::Entry, reads: &[OnsetField], profile: false }
        triggers_any: Ids => { group: Group::Entry, reads: &[Triggers], profile: false }
        profile_any: Ids => { group: Group::Profile, reads: &[], profile: true }
        age_at_least: Option<Spanned<i64>> => {
            group: Group::Profile, reads: &[], profile: true
        }
        age_below: Option<Spanned<i64>> => { group: Group::Profile, reads: &[], profile: true }
        episode_days_at_least: Option<Spanned<i64>> => {
            group: Group::Episode, reads: &[Pain, At], profile: false
        }
        #[serde(default)]
        not_improving: bool => { group: Group::Episode, reads: &[Pain, At], profile: false }
        not_feet_alone_with: Ids => {
            group: Group::Window, reads: &[Symptoms, Areas, At], profile: true
        }
        #[serde(default)]
        feet_alone: bool => { group: Group::Window, reads: &[Symptoms, Areas, At], profile: false }
    }
}
