//! What to tell a person the moment an entry is written, wherever it was written (CLINICAL.md
//! "At the edges"): the emergency and urgent flags the entry is evidence for ([`told`]), and
//! hints ([`hints`]) — a nerve symptom logged with no place (where is it?), and a note that
//! names a warning sign the entry does not log (the flags never read notes, so the hint names
//! what to log instead; a note is never a flag, "no numbness" included).
//!
//! Pure: the flags, an entry in; what to say out. The command line and the app's form word the
//! hints for their own way of logging ([`Hint::for_command_line`], [`Hint::for_form`]).

use super::eval::NERVE_SYMPTOMS;
use super::{Flag, Flags, Level, Rule};
use crate::symptoms::SymptomEntry;
use crate::vocabulary::{Category, Vocabulary};

/// The flags to tell at once after entry `id` was written, most severe first: every emergency
/// it is evidence for — whatever an acknowledgement says, as nothing suppresses an emergency —
/// and every active urgent flag it is evidence for. (An urgent flag from who the person is,
/// acknowledged this episode, stays quiet: it is raised once per episode.)
pub fn told<'a>(flags: &'a Flags, id: &str) -> Vec<&'a Flag> {
    told_since(None, flags, id)
}

/// [`told`], knowing the flags `before` the entry was written: an urgent flag raised by who
/// the person is plus ordinary pain (a past cancer, a weak immune system), active before, is
/// not told again with every entry of the episode — alarm fatigue defeats the purpose. Every
/// other flag is told as [`told`] tells it.
pub fn told_since<'a>(before: Option<&Flags>, flags: &'a Flags, id: &str) -> Vec<&'a Flag> {
    let known = |f: &Flag| {
        told_since_asks(&f.rule)
            && before.is_some_and(|b| b.active.iter().any(|x| x.rule.id == f.rule.id))
    };
    let mut told = told_all(flags, id);
    told.retain(|f| !known(f));
    told
}

/// Whether [`told_since`] reads the flags before the entry for this rule's flag: only the
/// flags it may keep quiet read them, so `before` need hold no others.
pub fn told_since_asks(rule: &Rule) -> bool {
    rule.level != Level::Emergency && rule.once_per_episode()
}

fn told_all<'a>(flags: &'a Flags, id: &str) -> Vec<&'a Flag> {
    let is_evidence = |f: &&Flag| f.evidence.iter().any(|e| e.id == id);
    let mut told: Vec<&Flag> = flags
        .active
        .iter()
        .filter(|f| f.rule.level >= Level::Urgent)
        .chain(
            flags
                .acknowledged
                .iter()
                .filter(|f| f.rule.level == Level::Emergency),
        )
        .filter(is_evidence)
        .collect();
    told.sort_by_key(|f| std::cmp::Reverse(f.rule.level));
    told
}

/// What a note's word points to: a symptom or a trigger to log, or both sides of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// A symptom id of the vocabulary.
    Symptom(&'static str),
    /// A trigger id of the vocabulary.
    Trigger(&'static str),
    /// Both sides (legs, feet, buttocks): log each side's area.
    BothSides,
}

/// Something to log that the flags would read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// The note names a warning sign (`word`, from [`NOTE_WORDS`], never the note's own text)
    /// that the entry does not log.
    Note {
        /// The word as listed in [`NOTE_WORDS`].
        word: &'static str,
        /// What to log.
        sign: Sign,
    },
    /// Nerve symptoms logged with no place: they count as one side until the place is given.
    Where {
        /// The nerve symptoms logged, ids of the vocabulary.
        symptoms: Vec<&'static str>,
    },
}

/// Words in a note that point to a warning sign, and the sign. A word ending in `*` matches any
/// word it starts ("numb*": numb, numbness); others match whole words or phrases. Matching is
/// by the start of a word, case-insensitive, so "pee" is not found in "speed".
pub const NOTE_WORDS: &[(&str, Sign)] = &[
    ("bladder*", Sign::Symptom("bladder-change")),
    ("pee", Sign::Symptom("bladder-change")),
    ("peeing", Sign::Symptom("bladder-change")),
    ("urin*", Sign::Symptom("bladder-change")),
    ("incontinen*", Sign::Symptom("bladder-change")),
    ("wet myself", Sign::Symptom("bladder-change")),
    ("wee", Sign::Symptom("bladder-change")),
    ("weeing", Sign::Symptom("bladder-change")),
    ("leaking", Sign::Symptom("bladder-change")),
    ("bowel*", Sign::Symptom("bowel-change")),
    ("poo", Sign::Symptom("bowel-change")),
    ("stool*", Sign::Symptom("bowel-change")),
    ("saddle*", Sign::Symptom("saddle-numbness")),
    ("genital*", Sign::Symptom("saddle-numbness")),
    ("groin*", Sign::Symptom("saddle-numbness")),
    ("inner thigh*", Sign::Symptom("saddle-numbness")),
    ("wiping", Sign::Symptom("saddle-numbness")),
    ("erection*", Sign::Symptom("sexual-change")),
    ("ejaculat*", Sign::Symptom("sexual-change")),
    ("numb*", Sign::Symptom("numbness")),
    ("tingl*", Sign::Symptom("tingling")),
    ("pins and needles", Sign::Symptom("tingling")),
    ("weak*", Sign::Symptom("weakness")),
    ("foot drop", Sign::Symptom("weakness")),
    ("gave way", Sign::Symptom("weakness")),
    ("giving way", Sign::Symptom("weakness")),
    ("both legs", Sign::BothSides),
    ("both feet", Sign::BothSides),
    ("both buttocks", Sign::BothSides),
    ("chest*", Sign::Symptom("chest-pain")),
    ("fever*", Sign::Symptom("fever")),
    ("temperature", Sign::Symptom("fever")),
    ("chills", Sign::Symptom("fever")),
    ("lost weight", Sign::Symptom("weight-loss")),
    ("losing weight", Sign::Symptom("weight-loss")),
    ("weight loss", Sign::Symptom("weight-loss")),
    ("lump*", Sign::Symptom("lump")),
    ("cough*", Sign::Symptom("pain-on-cough")),
    ("sneez*", Sign::Symptom("pain-on-cough")),
    ("belly", Sign::Symptom("belly-pain")),
    ("tummy", Sign::Symptom("belly-pain")),
    ("stomach", Sign::Symptom("belly-pain")),
    ("abdomen*", Sign::Symptom("belly-pain")),
    ("abdominal", Sign::Symptom("belly-pain")),
    ("pulsing", Sign::Symptom("belly-pain")),
    ("night sweat*", Sign::Symptom("unwell")),
    ("wakes me", Sign::Symptom("night-pain")),
    ("woke me", Sign::Symptom("night-pain")),
    ("fell", Sign::Trigger("fall")),
    ("fall", Sign::Trigger("fall")),
    ("fallen", Sign::Trigger("fall")),
    ("crash*", Sign::Trigger("accident")),
    ("accident*", Sign::Trigger("accident")),
];

/// The places that say which side a nerve symptom is on, as `--area` ids.
pub const SIDED_PLACES: &[&str] = &[
    "leg-left",
    "leg-right",
    "foot-left",
    "foot-right",
    "buttock-left",
    "buttock-right",
];

/// The hints for `entry`: where a nerve symptom is, when no place is logged; then each warning
/// sign its note names that it does not log (one hint a sign, in the order of [`NOTE_WORDS`]).
pub fn hints(entry: &SymptomEntry) -> Vec<Hint> {
    let mut hints = Vec::new();
    if let Some(hint) = where_hint(&entry.symptoms.to_vec(), &entry.areas.to_vec()) {
        hints.push(hint);
    }
    for (word, sign) in note_signs(&entry.note) {
        let logged = match sign {
            Sign::Symptom(id) => entry.symptoms.contains(id) || entry.denied.contains(id),
            Sign::Trigger(id) => entry.triggers.contains(id),
            Sign::BothSides => ["leg", "foot", "buttock"].iter().any(|part| {
                entry.areas.contains(&format!("{part}-left"))
                    && entry.areas.contains(&format!("{part}-right"))
            }),
        };
        if !logged {
            hints.push(Hint::Note { word, sign });
        }
    }
    hints
}

/// The "where?" hint for nerve symptoms logged with no place at all.
pub fn where_hint(symptoms: &[String], areas: &[String]) -> Option<Hint> {
    let nerve: Vec<&'static str> = NERVE_SYMPTOMS
        .iter()
        .copied()
        .filter(|s| symptoms.iter().any(|x| x == s))
        .collect();
    // Pain spreading down a leg, logged where it starts (the lower back), names no leg either.
    let spreading = symptoms.iter().any(|s| s == "spreading-pain")
        && !areas.iter().any(|a| SIDED_PLACES.contains(&a.as_str()));
    ((areas.is_empty() && !nerve.is_empty()) || spreading).then_some(Hint::Where {
        symptoms: if areas.is_empty() {
            nerve
        } else {
            vec!["spreading-pain"]
        },
    })
}

/// The signs `note` names, each once, with the first word that named it.
pub fn note_signs(note: &str) -> Vec<(&'static str, Sign)> {
    let text = note.to_lowercase().replace(['’', '`'], "'");
    let mut found: Vec<(&'static str, Sign)> = Vec::new();
    for &(word, sign) in NOTE_WORDS {
        if found.iter().any(|(_, s)| *s == sign) {
            continue;
        }
        if mentions(&text, word) {
            found.push((word, sign));
        }
    }
    found
}

/// Whether `text` (lower case) has `word` at the start of a word; a word without a final `*`
/// must also end there.
fn mentions(text: &str, word: &str) -> bool {
    let (stem, prefix) = match word.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (word, false),
    };
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(stem).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + stem.len()..].chars().next();
        !letter(before) && (prefix || !letter(after))
    })
}

fn label(category: Category, id: &str) -> String {
    let label = Vocabulary::bundled().label(category, id);
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn symptom_words(symptoms: &[&'static str]) -> String {
    let words: Vec<String> = symptoms
        .iter()
        .map(|s| label(Category::Symptom, s))
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Hint {
    /// For [`Hint::Where`], the question ("Where do you feel the numbness?"); else `None`.
    pub fn question(&self) -> Option<String> {
        match self {
            Hint::Where { symptoms } => Some(format!(
                "Where do you feel the {}?",
                symptom_words(symptoms)
            )),
            Hint::Note { .. } => None,
        }
    }

    /// The hint for the command line: what to log, as `log add` options.
    pub fn for_command_line(&self) -> String {
        match self {
            Hint::Where { symptoms } => format!(
                "Where do you feel the {}? Logged with no place, it counts as one side. Log \
                 where: --area {} (or {}).",
                symptom_words(symptoms),
                SIDED_PLACES[0],
                SIDED_PLACES[1..].join(", ")
            ),
            Hint::Note { word, sign } => {
                let what = match sign {
                    Sign::Symptom(id) => format!(
                        "if you have it ({}), log it: --symptom {id}",
                        label(Category::Symptom, id)
                    ),
                    Sign::Trigger(id) => format!(
                        "if it began with {}, log it: --trigger {id}",
                        label(Category::Trigger, id)
                    ),
                    Sign::BothSides => "if you feel it on both sides, log each side, for \
                                        example: --area leg-left --area leg-right"
                        .to_owned(),
                };
                format!(
                    "Your note mentions \"{}\", and the red flags do not read notes: {what}.",
                    word.trim_end_matches('*')
                )
            }
        }
    }

    /// The hint for the app's entry form: what to tick.
    pub fn for_form(&self) -> String {
        match self {
            Hint::Where { symptoms } => format!(
                "Where do you feel the {}? Tick it under Where, or choose \"not sure where\" \
                 there (it then counts as one side).",
                symptom_words(symptoms)
            ),
            Hint::Note { word, sign } => {
                let what = match sign {
                    Sign::Symptom(id) => format!(
                        "if you have it, tick \"{}\"",
                        Vocabulary::bundled().label(Category::Symptom, id)
                    ),
                    Sign::Trigger(id) => format!(
                        "if it began with it, tick \"{}\"",
                        Vocabulary::bundled().label(Category::Trigger, id)
                    ),
                    Sign::BothSides => {
                        "if you feel it on both sides, tick each side under Where".to_owned()
                    }
                };
                format!(
                    "Your note mentions \"{}\"; the red flags do not read notes: {what}.",
                    word.trim_end_matches('*')
                )
            }
        }
    }
}
