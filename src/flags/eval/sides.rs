//! Sides across entries: the left and right areas of a rule's paired parts, and which entries
//! have the other side named near them in time.

use chrono::{DateTime, Duration, FixedOffset};

use super::Moment;
use crate::symptoms::{Reads, SymptomEntry};
use crate::vocabulary::{Areas, BodySide, Vocabulary};

/// The left and the right areas of some paired parts, each side's areas together.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Sides {
    left: Areas,
    right: Areas,
}

impl Sides {
    pub(super) fn of(parts: &[Areas]) -> Sides {
        let all = parts.iter().fold(Areas::new(), |all, p| all.union(p));
        let mut sides = Sides::default();
        for area in &Vocabulary::bundled().areas {
            if !all.contains(&area.id) {
                continue;
            }
            let side = match area.side {
                Some(BodySide::Left) => &mut sides.left,
                Some(BodySide::Right) => &mut sides.right,
                None => continue,
            };
            // The id is in the vocabulary: it came from a set of vocabulary ids.
            let _ = side.insert(&area.id);
        }
        sides
    }

    /// Which sides an entry names: (left, right).
    pub(super) fn named(&self, e: &Reads) -> (bool, bool) {
        (
            e.areas.intersects(&self.left),
            e.areas.intersects(&self.right),
        )
    }
}

/// Of `entries` (oldest first), the ones that name a side of `sides` and whether each has an
/// entry naming the other side (or itself both) no further than `within` away.
pub(super) fn pair_sides<'a>(
    entries: &[&'a SymptomEntry],
    sides: &Sides,
    within: Duration,
    moment: &Moment,
) -> Vec<(&'a SymptomEntry, bool)> {
    let sided: Vec<(&SymptomEntry, (bool, bool))> = entries
        .iter()
        .map(|e| (*e, sides.named(&e.reads())))
        .filter(|(_, (l, r))| *l || *r)
        .collect();
    let mut paired: Vec<bool> = sided.iter().map(|(_, (l, r))| *l && *r).collect();
    let near = |a: DateTime<FixedOffset>, b: DateTime<FixedOffset>| {
        (moment.effective(a) - moment.effective(b)).abs() <= within
    };
    // Forward: the latest earlier left and right; backward: the earliest later ones.
    for order in [true, false] {
        let (mut left, mut right): (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>) =
            (None, None);
        let indices: Box<dyn Iterator<Item = usize>> = if order {
            Box::new(0..sided.len())
        } else {
            Box::new((0..sided.len()).rev())
        };
        for i in indices {
            let (e, (l, r)) = sided[i];
            if (l && right.is_some_and(|t| near(t, e.at)))
                || (r && left.is_some_and(|t| near(t, e.at)))
            {
                paired[i] = true;
            }
            if l {
                left = Some(e.at);
            }
            if r {
                right = Some(e.at);
            }
        }
    }
    sided
        .into_iter()
        .zip(paired)
        .map(|((e, _), p)| (e, p))
        .collect()
}

/// The nerve symptoms: a place on one side or both matters for each (CLINICAL.md).
pub const NERVE_SYMPTOMS: &[&str] = &[
    "shooting-pain",
    "spreading-pain",
    "numbness",
    "tingling",
    "weakness",
];

/// Signs that are never long-standing foot numbness: weakness, pain that shoots or spreads, and
/// the cauda equina signs.
const NOT_FEET_SIGNS: &[&str] = &[
    "weakness",
    "shooting-pain",
    "spreading-pain",
    "saddle-numbness",
    "bladder-change",
    "bowel-change",
    "sexual-change",
];

/// Areas where numbness or tingling is more than the feet.
const NOT_FEET_AREAS: &[&str] = &[
    "leg-left",
    "leg-right",
    "hip-left",
    "hip-right",
    "buttock-left",
    "buttock-right",
    "groin-saddle",
];

/// Whether the signs in `entries` are numbness or tingling in the feet alone: no weakness, no
/// shooting or spreading pain, no saddle, bladder, bowel or sexual sign, and numbness or
/// tingling only ever in a place named and never in a leg, a buttock or the saddle area. With a
/// known neuropathy, that is a "soon" question (is this new or different?), not an emergency.
pub fn feet_alone<'a>(entries: impl IntoIterator<Item = &'a SymptomEntry>) -> bool {
    entries.into_iter().map(SymptomEntry::reads).all(|e| {
        let other = NOT_FEET_SIGNS.iter().any(|s| e.symptoms.contains(s));
        let numb = ["numbness", "tingling"]
            .iter()
            .any(|s| e.symptoms.contains(s));
        let beyond =
            numb && (e.areas.is_empty() || NOT_FEET_AREAS.iter().any(|a| e.areas.contains(a)));
        !other && !beyond
    })
}
