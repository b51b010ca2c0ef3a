//! The symptom entry form: pain, onset, areas on a body picture, symptoms, triggers, relief, the
//! screening questions when legs, feet, buttocks or nerve symptoms are involved, and a free note.
//! Built to be filled in by keyboard in seconds: digits rate pain, Tab moves between sections,
//! arrows move within one, space ticks, `y`/`n` answer a screening question, Enter (or Ctrl-S in
//! the note) saves.
//!
//! Every symptom of the vocabulary can be ticked at any time, the warning signs that the
//! screening questions ask about included: a person with new bladder trouble and no leg symptom
//! can say so. A screening question and its symptom are one fact: answering "yes" ticks the
//! symptom, ticking the symptom answers "yes", and a question whose symptom is ticked is not
//! asked again.
//!
//! The state holds no layout: the cursors are an area of [`BODY`] and an index into each list of
//! options, whatever the width. How the chips are laid out at a width is in [`layout`]; the
//! keys are given the width the form was last drawn at with each message (see [`keys`]).

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;

mod draft;
mod entry;
mod keys;
mod layout;

pub use layout::{CHIP_INDENT, Chips};

use keys::toggle;

use crate::symptoms::{MAX_NOTE_CHARS, Onset, SymptomEntry};
use crate::tui::runner::PainInput;
use crate::vocabulary::{Category, Vocabulary};

/// The body picture, seen from behind (your left is on the left): rows of area ids placed where
/// they are on the body, the front-only groin/saddle area last.
pub const BODY: &[&[&str]] = &[
    &["neck"],
    &["upper-back"],
    &["lower-back-left", "lower-back", "lower-back-right"],
    &["hip-left", "hip-right"],
    &["buttock-left", "buttock-right"],
    &["leg-left", "leg-right"],
    &["foot-left", "foot-right"],
    &["groin-saddle"],
];

/// The sections of the form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// 0–10 rating.
    Pain,
    /// Sudden or gradual.
    Onset,
    /// The body picture.
    Areas,
    /// What it feels like.
    Symptoms,
    /// What set it off.
    Triggers,
    /// What helped.
    Relief,
    /// The yes/no screening questions (only when legs, feet, buttocks or nerve symptoms are
    /// involved).
    Screening,
    /// Free text.
    Note,
    /// When the entry is for: ←→ 15 minutes, ↑↓ a day. After the note in Tab order, so that
    /// Tab after the screening questions still reaches the note; Shift-Tab from the pain rating
    /// still goes straight to the note (the quick way to a note), passing it by.
    When,
}

/// A list of ids to tick, with a cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ticks {
    /// The ticked ids, in the order of the vocabulary.
    pub chosen: Vec<String>,
    /// Index of the highlighted option.
    pub cursor: usize,
}

/// The form's state.
#[derive(Debug, Clone)]
pub struct LogForm {
    /// The id of the entry being edited, or `None` for a new entry.
    pub editing: Option<String>,
    /// The version of that entry the form was opened on (or last shown, after a conflict):
    /// an edit only replaces the version the person has seen.
    pub seen: Option<SymptomEntry>,
    /// When the entry is for.
    pub at: DateTime<FixedOffset>,
    /// The rating, once chosen (required).
    pub pain: PainInput,
    /// Onset, if given.
    pub onset: Option<Onset>,
    /// Areas; the cursor is (row, column) on [`BODY`].
    pub areas: Vec<String>,
    /// Body picture cursor; the row after [`BODY`] is "not sure where", while it is offered
    /// ([`LogForm::offers_unsure`]).
    pub area_cursor: (usize, usize),
    /// "Not sure where" chosen for a nerve symptom: it is saved with no place (and counts as
    /// one side). Without a place or this, a nerve symptom is not saved.
    pub place_unsure: bool,
    /// Symptoms ticked, those answered "yes" to a screening question included.
    pub symptoms: Ticks,
    /// Triggers ticked.
    pub triggers: Ticks,
    /// Reliefs ticked.
    pub relief: Ticks,
    /// One answer per vocabulary screening question: `Some(true)` yes, `Some(false)` no. A
    /// question whose symptom is ticked counts as "yes" whatever is here (see
    /// [`LogForm::answer`]).
    pub screening: Vec<Option<bool>>,
    /// The highlighted screening question.
    pub screening_cursor: usize,
    /// The note editor.
    pub note: TextArea<'static>,
    /// The section with focus.
    pub focus: Section,
    /// Why the last save was refused.
    pub error: Option<String>,
    /// Esc was pressed with something typed: "discard?" waits for `y`.
    pub confirm_discard: bool,
    /// What the form held when it opened, to tell whether anything would be lost.
    opened_with: Content,
}

/// What a person has put into the form, to compare.
#[derive(Debug, Clone, Default, PartialEq)]
struct Content {
    pain: Option<u8>,
    onset: Option<Onset>,
    areas: Vec<String>,
    place_unsure: bool,
    symptoms: Vec<String>,
    triggers: Vec<String>,
    relief: Vec<String>,
    screening: Vec<Option<bool>>,
    note: Vec<String>,
    at: Option<DateTime<FixedOffset>>,
}

/// What the form asks of its owner.
#[derive(Debug, Clone, PartialEq)]
pub enum FormEffect {
    /// Keep editing.
    None,
    /// Save this entry and close.
    Save(SymptomEntry),
    /// Close without saving.
    Cancel,
}

impl LogForm {
    /// An empty form for an entry at `at`.
    pub fn new(at: DateTime<FixedOffset>) -> LogForm {
        let vocabulary = Vocabulary::bundled();
        let mut note = TextArea::default();
        note.set_placeholder_text("A note in your own words (optional)");
        LogForm {
            editing: None,
            seen: None,
            at,
            pain: PainInput::default(),
            onset: None,
            areas: Vec::new(),
            area_cursor: (2, 1),
            place_unsure: false,
            symptoms: Ticks::default(),
            triggers: Ticks::default(),
            relief: Ticks::default(),
            screening: vec![None; vocabulary.screening.len()],
            screening_cursor: 0,
            note,
            focus: Section::Pain,
            error: None,
            confirm_discard: false,
            opened_with: Content::default(),
        }
        .opened()
    }

    /// The form as it opens: what it holds now is what "nothing changed" means.
    fn opened(mut self) -> LogForm {
        self.opened_with = self.content();
        self
    }

    fn content(&self) -> Content {
        let sorted = |v: &[String]| {
            let mut v = v.to_vec();
            v.sort();
            v
        };
        Content {
            pain: self.pain.value,
            onset: self.onset,
            areas: sorted(&self.areas),
            place_unsure: self.place_unsure,
            symptoms: sorted(&self.symptoms.chosen),
            triggers: sorted(&self.triggers.chosen),
            relief: sorted(&self.relief.chosen),
            screening: self.screening.clone(),
            note: self.note.lines().to_vec(),
            at: Some(self.at),
        }
    }

    /// Pasted text: into the note when the note has focus (line breaks kept, up to the cap);
    /// anywhere else it is ignored, never read as keys. Whether anything changed.
    pub fn paste(&mut self, text: &str) -> bool {
        if !self.is_typing() {
            return false;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let room = MAX_NOTE_CHARS.saturating_sub(note_chars(&self.note));
        let fits: String = text.chars().take(room).collect();
        !fits.is_empty() && self.note.insert_str(fits)
    }

    /// Whether closing now would lose something typed or chosen.
    pub fn is_changed(&self) -> bool {
        self.content() != self.opened_with
    }

    /// A form filled in from an existing entry, to edit it.
    pub fn edit(entry: &SymptomEntry) -> LogForm {
        let vocabulary = Vocabulary::bundled();
        let mut form = LogForm::new(entry.at);
        form.editing = Some(entry.id.clone());
        form.seen = Some(entry.clone());
        form.pain = PainInput::with(entry.pain);
        form.onset = entry.onset;
        form.areas = entry.areas.to_vec();
        // Saved before with no place: it was "not sure where" then.
        form.place_unsure = form.areas.is_empty() && form.needs_place();
        form.symptoms.chosen = entry.symptoms.to_vec();
        form.triggers.chosen = entry.triggers.to_vec();
        form.relief.chosen = entry.relief.to_vec();
        form.screening = vocabulary
            .screening
            .iter()
            .map(|q| {
                if entry.symptoms.contains(&q.symptom) {
                    Some(true)
                } else if entry.denied.contains(&q.symptom) {
                    Some(false)
                } else {
                    None
                }
            })
            .collect();
        form.note = TextArea::new(entry.note.lines().map(str::to_owned).collect());
        form.opened()
    }

    /// The symptom options offered as ticks: every symptom of the vocabulary.
    pub fn symptom_options() -> Vec<&'static str> {
        Vocabulary::bundled()
            .symptoms
            .iter()
            .map(|s| s.id.as_str())
            .collect()
    }

    /// The answer to screening question `i`: yes when its symptom is ticked, no when answered
    /// no, else not answered yet.
    pub fn answer(&self, i: usize) -> Option<bool> {
        let question = Vocabulary::bundled().screening.get(i)?;
        if self.symptoms.chosen.contains(&question.symptom) {
            Some(true)
        } else {
            self.screening.get(i).copied().flatten().filter(|yes| !yes)
        }
    }

    /// Answers screening question `i`: "yes" ticks its symptom, "no" unticks it.
    fn set_answer(&mut self, i: usize, yes: bool) {
        let Some(question) = Vocabulary::bundled().screening.get(i) else {
            return;
        };
        let ticked = self.symptoms.chosen.contains(&question.symptom);
        if ticked != yes {
            toggle(&mut self.symptoms.chosen, &question.symptom);
            sort_like(&mut self.symptoms.chosen, &Self::symptom_options());
        }
        if let Some(answer) = self.screening.get_mut(i) {
            *answer = Some(yes);
        }
    }

    /// The options of a tick section.
    pub fn options(section: Section) -> Vec<&'static str> {
        let vocabulary = Vocabulary::bundled();
        match section {
            Section::Symptoms => Self::symptom_options(),
            Section::Triggers => vocabulary.triggers.iter().map(|t| t.id.as_str()).collect(),
            Section::Relief => vocabulary.relief.iter().map(|t| t.id.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether a nerve symptom is ticked with no place: the form then asks where, offering
    /// "not sure where".
    pub fn needs_place(&self) -> bool {
        crate::flags::notice::where_hint(&self.symptoms.chosen, &self.areas).is_some()
    }

    /// Whether the row "not sure where" is offered under the body picture.
    pub fn offers_unsure(&self) -> bool {
        self.needs_place()
    }

    /// The hints for what is in the form now: where a nerve symptom is (unless "not sure
    /// where" is chosen), and the warning signs the note names that nothing ticked says
    /// (the same as the command line gives, worded for the form).
    pub fn hints(&self) -> Vec<crate::flags::notice::Hint> {
        let draft = SymptomEntry {
            edited: None,
            id: String::new(),
            at: self.at,
            pain: self.pain.value.unwrap_or(0),
            onset: self.onset,
            areas: crate::vocabulary::IdSet::parse(&self.areas).unwrap_or_default(),
            symptoms: crate::vocabulary::IdSet::parse(&self.symptoms.chosen).unwrap_or_default(),
            denied: crate::vocabulary::IdSet::parse(
                Vocabulary::bundled()
                    .screening
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| self.answer(*i) == Some(false))
                    .map(|(_, q)| q.symptom.as_str()),
            )
            .unwrap_or_default(),
            triggers: crate::vocabulary::IdSet::parse(&self.triggers.chosen).unwrap_or_default(),
            relief: crate::vocabulary::IdSet::new(),
            note: self.note.lines().join("\n"),
        };
        let mut hints = crate::flags::notice::hints(&draft);
        if self.place_unsure {
            hints.retain(|h| !matches!(h, crate::flags::notice::Hint::Where { .. }));
        }
        hints
    }

    /// Whether the screening questions apply to what is ticked so far.
    pub fn needs_screening(&self) -> bool {
        Vocabulary::bundled().needs_screening(&self.areas, &self.symptoms.chosen)
    }

    /// The sections in Tab order (screening only when it applies).
    pub fn sections(&self) -> Vec<Section> {
        let mut sections = vec![
            Section::Pain,
            Section::Onset,
            Section::Areas,
            Section::Symptoms,
            Section::Triggers,
            Section::Relief,
        ];
        if self.needs_screening() {
            sections.push(Section::Screening);
        }
        sections.push(Section::Note);
        sections.push(Section::When);
        sections
    }

    /// Whether keys go to the note editor.
    pub fn is_typing(&self) -> bool {
        self.focus == Section::Note && !self.confirm_discard
    }

    fn move_focus(&mut self, forward: bool) {
        if !forward && self.focus == Section::Pain {
            // Pain, then straight to the note: the quick entry people learn.
            self.focus = Section::Note;
            return;
        }
        let sections = self.sections();
        let at = sections.iter().position(|s| *s == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % sections.len()
        } else {
            (at + sections.len() - 1) % sections.len()
        };
        self.focus = sections[next];
        if self.focus == Section::Screening {
            self.screening_cursor = self.next_unanswered(0).unwrap_or(0);
        }
    }

    /// The first unanswered screening question from `from` on, wrapping round.
    fn next_unanswered(&self, from: usize) -> Option<usize> {
        let n = self.screening.len();
        (0..n)
            .map(|k| (from + k) % n.max(1))
            .find(|&i| self.answer(i).is_none())
    }

    fn ticks(&mut self, section: Section) -> Option<&mut Ticks> {
        match section {
            Section::Symptoms => Some(&mut self.symptoms),
            Section::Triggers => Some(&mut self.triggers),
            Section::Relief => Some(&mut self.relief),
            _ => None,
        }
    }

    /// The label of an id in a tick section or the body picture.
    pub fn label(section: Section, id: &'static str) -> &'static str {
        let category = match section {
            Section::Triggers => Category::Trigger,
            Section::Relief => Category::Relief,
            Section::Areas => Category::Area,
            _ => Category::Symptom,
        };
        Vocabulary::bundled().label(category, id)
    }
}

fn sort_like(list: &mut [String], order: &[&str]) {
    list.sort_by_key(|id| order.iter().position(|o| o == id).unwrap_or(usize::MAX));
}

/// Characters in the note editor, line breaks counted.
fn note_chars(note: &TextArea<'_>) -> usize {
    note.lines()
        .iter()
        .map(|l| l.chars().count() + 1)
        .sum::<usize>()
        .saturating_sub(1)
}
