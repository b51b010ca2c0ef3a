//! The words of the symptom log (`assets/vocabulary.toml`, compiled in): body areas with their
//! sides, symptoms, triggers, reliefs, profile conditions and the screening questions. Entries
//! store ids; anything outside the vocabulary is rejected with the list of valid ids.

use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

pub mod id_set;

pub use id_set::{Areas, IdSet, ProfileConditions, Reliefs, Symptoms, Triggers};

const BUNDLED: &str = include_str!("../assets/vocabulary.toml");

/// Which side of the body a paired area is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BodySide {
    /// The person's left.
    Left,
    /// The person's right.
    Right,
}

/// Whether an area is drawn on the front or the back body picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    /// Seen from the front.
    Front,
    /// Seen from the back.
    Back,
}

/// A body area.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Stored id, e.g. `leg-left`.
    pub id: String,
    /// Shown label.
    pub label: String,
    /// For a sided area, the part it is a side of (`leg`).
    pub part: Option<String>,
    /// For a sided area, which side.
    pub side: Option<BodySide>,
    /// Front or back picture.
    pub view: View,
    /// Choosing it asks the screening questions.
    #[serde(default)]
    pub screening: bool,
}

/// A symptom, trigger, relief or condition.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stored id.
    pub id: String,
    /// Shown label.
    pub label: String,
    /// Choosing it asks the screening questions (symptoms only).
    #[serde(default)]
    pub screening: bool,
}

/// A yes/no screening question about one symptom.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// The symptom a "yes" adds and a "no" denies.
    pub symptom: String,
    /// The question, in plain words.
    pub question: String,
}

/// The whole vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Body areas.
    pub areas: Vec<Area>,
    /// Symptoms.
    pub symptoms: Vec<Term>,
    /// What set the pain off.
    pub triggers: Vec<Term>,
    /// What helped.
    pub relief: Vec<Term>,
    /// Profile conditions (config `[profile] conditions`).
    pub conditions: Vec<Term>,
    /// Questions asked when legs, feet, buttocks or nerve symptoms are involved.
    pub screening: Vec<Screening>,
}

/// The kinds of id an entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// `areas`.
    Area,
    /// `symptoms` (and `denied`).
    Symptom,
    /// `triggers`.
    Trigger,
    /// `relief`.
    Relief,
    /// profile `conditions`.
    Condition,
}

impl Category {
    /// The plural noun used in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Category::Area => "area",
            Category::Symptom => "symptom",
            Category::Trigger => "trigger",
            Category::Relief => "relief",
            Category::Condition => "condition",
        }
    }
}

/// An id that is not in the vocabulary; the message lists every valid one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    /// What kind of id.
    pub category: Category,
    /// The id given.
    pub id: String,
    /// The valid ids.
    pub valid: Vec<String>,
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}`; valid: {}",
            self.category.noun(),
            self.id,
            self.valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownId {}

impl Vocabulary {
    /// The bundled vocabulary (checked by a test, so it always parses).
    pub fn bundled() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| {
            toml::from_str(BUNDLED).expect("the bundled vocabulary parses (tested)")
        })
    }

    fn ids(&self, category: Category) -> Vec<(&str, &str)> {
        match category {
            Category::Area => self
                .areas
                .iter()
                .map(|a| (a.id.as_str(), a.label.as_str()))
                .collect(),
            Category::Symptom => pairs(&self.symptoms),
            Category::Trigger => pairs(&self.triggers),
            Category::Relief => pairs(&self.relief),
            Category::Condition => pairs(&self.conditions),
        }
    }

    /// Ok if `id` is a known id of `category`.
    pub fn check(&self, category: Category, id: &str) -> Result<(), UnknownId> {
        let ids = self.ids(category);
        if ids.iter().any(|(known, _)| *known == id) {
            Ok(())
        } else {
            Err(UnknownId {
                category,
                id: id.to_owned(),
                valid: ids.iter().map(|(id, _)| (*id).to_owned()).collect(),
            })
        }
    }

    /// The label for an id, or the id itself if unknown.
    pub fn label<'a>(&'a self, category: Category, id: &'a str) -> &'a str {
        self.ids(category)
            .into_iter()
            .find(|(known, _)| *known == id)
            .map_or(id, |(_, label)| label)
    }

    /// The area with this id.
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// Whether these areas and symptoms call for the screening questions (legs, feet or buttocks
    /// involved, or nerve symptoms such as shooting or spreading pain, numbness, tingling or
    /// weakness).
    pub fn needs_screening(&self, areas: &[String], symptoms: &[String]) -> bool {
        areas
            .iter()
            .any(|id| self.area(id).is_some_and(|a| a.screening))
            || symptoms
                .iter()
                .any(|id| self.symptoms.iter().any(|s| s.id == *id && s.screening))
    }
}

fn pairs(terms: &[Term]) -> Vec<(&str, &str)> {
    terms
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_vocabulary_holds_every_id_the_design_lists() {
        let v = Vocabulary::bundled();
        let expect = |category, ids: &str| {
            for id in ids.split_whitespace() {
                v.check(category, id).unwrap();
            }
        };
        expect(
            Category::Area,
            "lower-back lower-back-left lower-back-right upper-back neck buttock-left buttock-right hip-left hip-right leg-left leg-right foot-left foot-right groin-saddle",
        );
        expect(
            Category::Symptom,
            "knot stiffness tenderness spasm aching shooting-pain numbness tingling weakness saddle-numbness bladder-change bowel-change sexual-change fever weight-loss night-pain chest-pain lump pain-on-cough difficulty-standing difficulty-bending",
        );
        expect(
            Category::Trigger,
            "sitting standing lifting exercise sleep-position stress fall accident",
        );
        expect(
            Category::Relief,
            "heat stretching massage rest walking medication",
        );
        expect(
            Category::Condition,
            "cancer-history osteoporosis long-term-steroids immunosuppressed iv-drug-use diabetes",
        );
    }

    #[test]
    fn sided_areas_come_in_pairs_and_screening_questions_name_symptoms() {
        let v = Vocabulary::bundled();
        for a in v.areas.iter().filter(|a| a.part.is_some()) {
            let part = a.part.as_deref().unwrap();
            assert!(a.side.is_some(), "{} has a side", a.id);
            for side in ["left", "right"] {
                assert!(v.area(&format!("{part}-{side}")).is_some(), "{part}-{side}");
            }
        }
        let asked: Vec<&str> = v.screening.iter().map(|s| s.symptom.as_str()).collect();
        assert_eq!(
            asked,
            [
                "saddle-numbness",
                "bladder-change",
                "bowel-change",
                "sexual-change"
            ]
        );
        for s in &v.screening {
            v.check(Category::Symptom, &s.symptom).unwrap();
        }
    }

    #[test]
    fn unknown_ids_list_the_valid_ones() {
        let e = Vocabulary::bundled()
            .check(Category::Relief, "yoga")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "unknown relief `yoga`; valid: heat, stretching, massage, rest, walking, medication"
        );
    }

    #[test]
    fn legs_feet_buttocks_and_nerve_symptoms_ask_the_screening_questions() {
        let v = Vocabulary::bundled();
        let s = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(v.needs_screening(&s(&["leg-left"]), &[]));
        assert!(v.needs_screening(&s(&["foot-right"]), &[]));
        assert!(v.needs_screening(&s(&["buttock-left"]), &[]));
        assert!(v.needs_screening(&[], &s(&["tingling"])));
        assert!(
            !v.needs_screening(&s(&["hip-left"]), &s(&["aching"])),
            "the nearest miss"
        );
        assert!(!v.needs_screening(&s(&["lower-back"]), &s(&["knot", "stiffness"])));
    }
}
