//! The form to and from its journal ([`crate::symptoms::draft`]): what was typed, kept as it is
//! typed, and a form filled in again from it after the app stopped mid-entry.

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;

use super::LogForm;
use crate::symptoms::MAX_NOTE_CHARS;
use crate::symptoms::draft::Draft;
use crate::tui::runner::PainInput;
use crate::vocabulary::id_set::known;
use crate::vocabulary::{Category, Vocabulary};

impl LogForm {
    /// What the form holds, to journal.
    pub fn draft(&self, now: DateTime<FixedOffset>) -> Draft {
        Draft {
            written: Some(now),
            editing: self.editing.clone(),
            seen: self.seen.clone(),
            at: Some(self.at),
            pain: self.pain.value,
            onset: self.onset,
            areas: self.areas.clone(),
            place_unsure: self.place_unsure,
            symptoms: self.symptoms.chosen.clone(),
            triggers: self.triggers.chosen.clone(),
            relief: self.relief.chosen.clone(),
            screening: self.screening.clone(),
            note: self.note.lines().to_vec(),
        }
    }

    /// A form filled in again from a draft read back from the data folder. The file is not
    /// trusted: ids outside the vocabulary are left out, a rating over 10 is not chosen, the
    /// note keeps at most [`MAX_NOTE_CHARS`] characters and no control or bidi characters.
    /// Closing it unsaved asks first, as anything typed does.
    pub fn restored(draft: &Draft, now: DateTime<FixedOffset>) -> LogForm {
        let mut form = match &draft.seen {
            Some(seen) if draft.editing.as_deref() == Some(seen.id.as_str()) => LogForm::edit(seen),
            _ => LogForm::new(now),
        };
        // Opened as the entry was (or empty): what the draft adds is a change to keep.
        let known_only = |ids: &[String], category| -> Vec<String> {
            let known = known(category);
            let mut kept: Vec<String> = known
                .iter()
                .filter(|k| ids.iter().any(|id| id == *k))
                .map(|k| (*k).to_owned())
                .collect();
            kept.dedup();
            kept
        };
        form.at = draft.at.unwrap_or(now).min(now);
        form.pain = draft
            .pain
            .filter(|p| *p <= 10)
            .map(PainInput::with)
            .unwrap_or_default();
        form.onset = draft.onset;
        form.areas = known_only(&draft.areas, Category::Area);
        form.place_unsure = draft.place_unsure;
        form.symptoms.chosen = known_only(&draft.symptoms, Category::Symptom);
        form.triggers.chosen = known_only(&draft.triggers, Category::Trigger);
        form.relief.chosen = known_only(&draft.relief, Category::Relief);
        let questions = Vocabulary::bundled().screening.len();
        form.screening = draft.screening.clone();
        form.screening.resize(questions, None);
        let mut room = MAX_NOTE_CHARS;
        let note: Vec<String> = draft
            .note
            .iter()
            .map(|line| {
                let kept: String = line
                    .chars()
                    .filter(|c| !crate::text::is_unsafe(*c))
                    .take(room)
                    .collect();
                room = room.saturating_sub(kept.chars().count());
                kept
            })
            .collect();
        let mut text = TextArea::new(if note.is_empty() {
            vec![String::new()]
        } else {
            note
        });
        text.set_placeholder_text("A note in your own words (optional)");
        form.note = text;
        form
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        "2026-11-24T18:30:00+01:00".parse().unwrap()
    }

    #[test]
    fn a_form_comes_back_from_its_draft_as_it_was_typed() {
        let mut form = LogForm::new(now());
        form.pain = PainInput::with(7);
        form.areas = vec!["leg-left".into()];
        form.symptoms.chosen = vec!["tingling".into()];
        form.note = TextArea::new(vec!["stiff after".into(), "the drive".into()]);
        let back = LogForm::restored(&form.draft(now()), now());
        assert_eq!(back.draft(now()), form.draft(now()));
        assert!(back.is_changed(), "closing it unsaved asks first");
    }

    #[test]
    fn what_a_draft_file_cannot_hold_is_left_out() {
        let draft = Draft {
            pain: Some(42),
            areas: vec!["elbow".into(), "leg-left".into()],
            note: vec!["bad\u{1b}]52;c;x\u{7}\u{202e}text".into()],
            at: Some(now() + chrono::Duration::days(3)),
            screening: vec![Some(true); 99],
            ..Draft::default()
        };
        let form = LogForm::restored(&draft, now());
        assert_eq!(form.pain.value, None);
        assert_eq!(form.areas, ["leg-left"]);
        assert_eq!(form.note.lines(), ["bad]52;c;xtext"]);
        assert_eq!(form.at, now(), "not in the future");
        assert_eq!(form.screening.len(), Vocabulary::bundled().screening.len());
    }
}
