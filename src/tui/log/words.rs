//! The Log's short words for what an entry holds, shared by the list, the form and the detail
//! line: an area's short name where room is short, and the vocabulary's labels of a list.

use crate::vocabulary::{Category, Vocabulary};

/// A short name for an area where room is short (the list rows, the body picture, the area
/// filter): `lower-back-left` → `low back L`. The detail pane has the full labels.
pub fn short_area(id: &str) -> String {
    id.replace("lower-back", "low back")
        .replace("-left", " L")
        .replace("-right", " R")
        .replace("groin-saddle", "groin/saddle")
        .replace('-', " ")
}

/// The vocabulary's labels of `ids`, joined with "; " (a label may hold a comma).
pub fn labels(category: Category, ids: impl Iterator<Item = &'static str>) -> String {
    let vocabulary = Vocabulary::bundled();
    ids.map(|id| vocabulary.label(category, id))
        .collect::<Vec<_>>()
        .join("; ")
}
