//! Whether an entry, the profile and the current episode meet a rule's conditions.

use chrono::{DateTime, Datelike, FixedOffset};

use super::{Episode, NOTICEABLE_CHANGE, Profile};
use crate::flags::rules::Conditions;
use crate::symptoms::{Onset, Reads};

/// Whether an entry meets a rule's entry conditions. It sees the entry only through what the
/// rules read ([`Reads`]), the projection an edit is compared by: a condition reading anything
/// else would let an acknowledgement cover an edit that changed it.
pub(super) fn entry_matches(c: &Conditions, e: &Reads) -> bool {
    (c.symptoms_any.is_empty() || e.symptoms.intersects(&c.symptoms_any))
        && e.symptoms.contains_all(&c.symptoms_all)
        && (c.areas_any.is_empty() || e.areas.intersects(&c.areas_any))
        && c.pain_at_least.is_none_or(|p| e.pain >= p)
        && (c.pain_on_days.iter().map(|d| d.at_least).min()).is_none_or(|p| e.pain >= p)
        && c.onset.is_none_or(|o| onset_meets(o, e.onset))
        && (c.triggers_any.is_empty() || e.triggers.intersects(&c.triggers_any))
}

/// Whether an entry's onset meets a rule's: one not given ("not sure") reads as sudden, the more
/// serious reading, so a missing answer never lowers a level.
pub(crate) fn onset_meets(wanted: Onset, given: Option<Onset>) -> bool {
    given.unwrap_or(Onset::Sudden) == wanted
}

pub(super) fn profile_matches(
    c: &Conditions,
    profile: &Profile,
    now: DateTime<FixedOffset>,
) -> bool {
    (c.profile_any.is_empty() || profile.conditions.intersects(&c.profile_any))
        && c.age_at_least.is_none_or(|age| {
            profile
                .birth_year
                .is_some_and(|born| now.year() - born >= age as i32)
        })
        // Only the birth year is known, so the age is this year's or one less: each rule takes
        // the reading that raises it (the more serious one), from 50 on this year's age and
        // under 20 on the younger one.
        && c.age_below.is_none_or(|age| {
            profile
                .birth_year
                .is_some_and(|born| now.year() - born - 1 < age as i32)
        })
}

pub(super) fn episode_matches(c: &Conditions, episode: Option<&Episode>) -> bool {
    if !c.has_episode_conditions() {
        return true;
    }
    let Some(ep) = episode else { return false };
    ep.lingers()
        && c.episode_days_at_least
            .is_none_or(|days| ep.days >= i64::from(days))
        && (!c.not_improving || ep.latest.reads().pain + NOTICEABLE_CHANGE > ep.first.reads().pain)
}
