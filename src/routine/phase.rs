//! Phases: where a routine belongs in the course of a bad back, read from its tags. The Routines
//! screen groups by kind, then by phase; `knotless routines --tag` filters on the same tags.

use super::{Kind, Routine};

/// Where a routine belongs, in the order the library lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// The first days of a bad episode (tag `flare`).
    Flare,
    /// Daily mobility: morning, evening (tag `mobility`).
    Mobility,
    /// Core endurance (tag `core`).
    Core,
    /// Hips and glutes (tag `hips`).
    Hips,
    /// For leg symptoms: knee bent, no slump (tag `nerve-friendly`).
    NerveFriendly,
    /// At the desk (tag `desk`).
    Desk,
    /// Self-massage (tag `massage`).
    Massage,
    /// Heat (tag `heat`).
    Heat,
    /// Anything else.
    Other,
}

impl Phase {
    /// Every phase, in library order, with the tag that marks it.
    pub const TAGS: [(Phase, &'static str); 8] = [
        (Phase::Flare, "flare"),
        (Phase::Mobility, "mobility"),
        (Phase::Core, "core"),
        (Phase::Hips, "hips"),
        (Phase::NerveFriendly, "nerve-friendly"),
        (Phase::Desk, "desk"),
        (Phase::Massage, "massage"),
        (Phase::Heat, "heat"),
    ];

    /// The phase of a routine: its first tag that names one (so the author decides), else Other.
    pub fn of(routine: &Routine) -> Phase {
        routine
            .tags
            .iter()
            .find_map(|t| Self::TAGS.iter().find(|(_, tag)| tag == t).map(|(p, _)| *p))
            .unwrap_or(Phase::Other)
    }

    /// A heading for the group.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Flare => "Flare",
            Phase::Mobility => "Daily mobility",
            Phase::Core => "Core endurance",
            Phase::Hips => "Hips and glutes",
            Phase::NerveFriendly => "Nerve-friendly",
            Phase::Desk => "Desk",
            Phase::Massage => "Self-massage",
            Phase::Heat => "Heat",
            Phase::Other => "More",
        }
    }

    /// The heading of a group of routines of `kind` in this phase ("Stretches · Flare").
    pub fn heading(self, kind: Kind) -> String {
        match (kind, self) {
            (Kind::Heat, _) | (_, Phase::Other) => kind.plural_label().to_owned(),
            _ => format!("{} · {}", kind.plural_label(), self.label()),
        }
    }
}
