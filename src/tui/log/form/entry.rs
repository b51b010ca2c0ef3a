//! From the form to an entry: what is missing before it can be saved, and saving.

use chrono::{DateTime, FixedOffset};

use super::{FormEffect, LogForm, Section};
use crate::symptoms::SymptomEntry;
use crate::vocabulary::{IdSet, Vocabulary};

impl LogForm {
    /// The entry as it stands, or why it cannot be saved yet.
    pub fn entry(
        &self,
        new_id: impl FnOnce() -> String,
    ) -> Result<SymptomEntry, (Section, String)> {
        self.entry_with(new_id, true)
    }

    /// The entry; with `answers_required` false, unanswered screening questions are left
    /// unanswered instead of refusing.
    pub(super) fn entry_with(
        &self,
        new_id: impl FnOnce() -> String,
        answers_required: bool,
    ) -> Result<SymptomEntry, (Section, String)> {
        let vocabulary = Vocabulary::bundled();
        let Some(pain) = self.pain.value else {
            return Err((
                Section::Pain,
                "Rate your pain from 0 to 10 first (type a number).".to_owned(),
            ));
        };
        let symptoms = self.symptoms.chosen.clone();
        let mut denied = Vec::new();
        if self.needs_screening() {
            let answers: Vec<Option<bool>> = (0..vocabulary.screening.len())
                .map(|i| self.answer(i))
                .collect();
            if answers_required && answers.iter().any(Option::is_none) {
                return Err((
                    Section::Screening,
                    "Please answer each screening question with y or n: they matter with leg, foot, buttock or nerve symptoms.".to_owned(),
                ));
            }
            for (q, answer) in vocabulary.screening.iter().zip(answers) {
                if answer == Some(false) {
                    denied.push(q.symptom.clone());
                }
            }
        }
        // After the screening questions (the emergencies first): where a nerve symptom is, or
        // "not sure where".
        if answers_required && self.needs_place() && !self.place_unsure {
            let what = match crate::flags::notice::where_hint(&self.symptoms.chosen, &self.areas) {
                Some(hint) => hint.for_form(),
                None => String::new(),
            };
            return Err((Section::Areas, what));
        }
        // The form only offers vocabulary ids, so these cannot fail; if they did, say so.
        let unknown = |e: crate::vocabulary::UnknownId| (Section::Pain, e.to_string());
        let entry = SymptomEntry {
            edited: None,
            id: self.editing.clone().unwrap_or_else(new_id),
            at: self.at,
            pain,
            onset: self.onset,
            areas: IdSet::parse(&self.areas).map_err(unknown)?,
            symptoms: IdSet::parse(&symptoms).map_err(unknown)?,
            denied: IdSet::parse(&denied).map_err(unknown)?,
            triggers: IdSet::parse(&self.triggers.chosen).map_err(unknown)?,
            relief: IdSet::parse(&self.relief.chosen).map_err(unknown)?,
            note: self.note.lines().join("\n").trim().to_owned(),
        };
        entry
            .validate()
            .map_err(|e| (Section::Pain, e.to_string()))?;
        Ok(entry)
    }

    pub(super) fn save(&mut self, now: DateTime<FixedOffset>) -> FormEffect {
        // The id carries the time the entry is written, not the time it is for: the red flags
        // compare it with acknowledgements.
        match self.entry(|| crate::id::new_id(now.timestamp_millis())) {
            Ok(entry) => FormEffect::Save(entry),
            Err((section, message)) => {
                self.focus = section;
                if section == Section::Screening {
                    self.screening_cursor = self.next_unanswered(0).unwrap_or(0);
                }
                if section == Section::Areas {
                    // Straight to "not sure where", under the places.
                    self.area_cursor = (super::BODY.len(), 0);
                }
                self.error = Some(message);
                FormEffect::None
            }
        }
    }
}
