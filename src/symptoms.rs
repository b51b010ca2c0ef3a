//! The symptom log: entries, their validation against the vocabulary, and how the append-only
//! `symptoms.jsonl` folds into the current set (an edit is a later line with the same id, a
//! delete a tombstone line `{"id": …, "deleted": true}`; the last line for an id wins).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::store::{Cursor, JsonlStore, LoadNotes, Loaded, RejectedLine, StoreError, Tail};
use crate::vocabulary::{Areas, Reliefs, Symptoms, Triggers, UnknownId};

/// The log's file name in the data folder.
pub const FILE: &str = "symptoms.jsonl";

/// How the pain began.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Onset {
    /// All at once.
    Sudden,
    /// Built up over hours or days.
    Gradual,
}

impl Onset {
    /// The accepted values, for messages.
    pub const ACCEPTED: &'static str = "sudden, gradual";

    /// The stored id.
    pub fn id(self) -> &'static str {
        match self {
            Onset::Sudden => "sudden",
            Onset::Gradual => "gradual",
        }
    }
}

/// One symptom entry (DESIGN §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SymptomEntry {
    /// Unique, time-ordered id.
    pub id: String,
    /// When the symptoms were felt.
    pub at: DateTime<FixedOffset>,
    /// 0–10 numeric rating scale.
    pub pain: u8,
    /// Sudden or gradual, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onset: Option<Onset>,
    /// Body areas (vocabulary ids).
    #[serde(default)]
    pub areas: Areas,
    /// Symptoms felt.
    #[serde(default)]
    pub symptoms: Symptoms,
    /// Screening questions answered "no".
    #[serde(default)]
    pub denied: Symptoms,
    /// What set it off.
    #[serde(default)]
    pub triggers: Triggers,
    /// What helped.
    #[serde(default)]
    pub relief: Reliefs,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When an edit changed what the red-flag rules read ([`Reads`]: anything but the note and
    /// what helped); the id says when the entry was first written. An acknowledgement given before
    /// this time does not cover the edited entry, so a symptom added later raises its flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<DateTime<FixedOffset>>,
}

/// The longest note an entry may be given (in characters): enough for a page of words, and a
/// bound on what every screen and report has to lay out.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// What is wrong with an entry; nothing is written when there is any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// Pain outside 0–10.
    #[error("pain must be a whole number from 0 to 10 (got {0})")]
    Pain(u8),
    /// An id outside the vocabulary.
    #[error("{0}")]
    Unknown(#[from] UnknownId),
    /// A note over [`MAX_NOTE_CHARS`].
    #[error("the note is {0} characters long; at most 10,000")]
    NoteTooLong(usize),
    /// A symptom both reported and denied.
    #[error("`{0}` is both logged as a symptom and denied; keep one")]
    Contradiction(String),
}

impl SymptomEntry {
    /// This entry as an edit of `seen` (same id), written at `now`: marked edited then when it
    /// changes anything the red-flag rules read (its [`Reads`]: all but the note and what
    /// helped), so that an acknowledgement given before does not cover what was added; else
    /// `seen`'s mark stays.
    pub fn edit_of(mut self, seen: &SymptomEntry, now: DateTime<FixedOffset>) -> SymptomEntry {
        self.edited = if self.reads() == seen.reads() {
            seen.edited
        } else {
            Some(now)
        };
        self
    }

    /// Checks the pain rating and that nothing is both logged and denied (the ids are known by
    /// construction: the sets only hold vocabulary ids).
    pub fn validate(&self) -> Result<(), EntryError> {
        if self.pain > 10 {
            return Err(EntryError::Pain(self.pain));
        }
        let note_chars = self.note.chars().count();
        if note_chars > MAX_NOTE_CHARS {
            return Err(EntryError::NoteTooLong(note_chars));
        }
        if let Some(both) = self.denied.iter().find(|d| self.symptoms.contains(d)) {
            return Err(EntryError::Contradiction(both.to_owned()));
        }
        Ok(())
    }
}

/// A line of `symptoms.jsonl`: an entry, or a tombstone. Read as one flat struct (not an
/// untagged enum) so loading 100,000 lines stays fast.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Line {
    id: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "rfc3339"
    )]
    at: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pain: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    onset: Option<Onset>,
    #[serde(default, skip_serializing_if = "Areas::is_empty")]
    areas: Areas,
    #[serde(default, skip_serializing_if = "Symptoms::is_empty")]
    symptoms: Symptoms,
    #[serde(default, skip_serializing_if = "Symptoms::is_empty")]
    denied: Symptoms,
    #[serde(default, skip_serializing_if = "Triggers::is_empty")]
    triggers: Triggers,
    #[serde(default, skip_serializing_if = "Reliefs::is_empty")]
    relief: Reliefs,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "rfc3339"
    )]
    edited: Option<DateTime<FixedOffset>>,
}

/// Reads an RFC 3339 time with chrono's dedicated parser, several times quicker than the
/// general one `DateTime`'s own `Deserialize` goes through; what it accepts is the same for the
/// times knotless writes.
fn rfc3339<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = Option<DateTime<FixedOffset>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "an RFC 3339 time such as 2026-11-24T08:30:00+01:00")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            DateTime::parse_from_rfc3339(text)
                .map(Some)
                .map_err(|e| E::custom(format!("`{text}` is not an RFC 3339 time: {e}")))
        }
    }
    deserializer.deserialize_str(V)
}

/// Why an edit or a delete was refused: the entry is not what was shown any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Changed elsewhere: this is the entry now.
    Changed(Box<SymptomEntry>),
    /// Deleted elsewhere.
    Deleted,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Conflict::Changed(_) => f.write_str(
                "this entry was changed elsewhere (another window or the command line) since it \
                 was shown; nothing was overwritten",
            ),
            Conflict::Deleted => f.write_str(
                "this entry was deleted elsewhere (another window or the command line) since it \
                 was shown; nothing was brought back",
            ),
        }
    }
}

/// Whether the last line for `seen`'s id is still `seen`.
fn unchanged(lines: &[Line], seen: &SymptomEntry) -> Result<(), Conflict> {
    match lines.iter().rev().find(|l| l.id == seen.id) {
        Some(line) if line.deleted => Err(Conflict::Deleted),
        Some(line) => match line.clone().into_entry() {
            Some(now) if now == *seen => Ok(()),
            Some(now) => Err(Conflict::Changed(Box::new(now))),
            None => Err(Conflict::Deleted),
        },
        None => Err(Conflict::Deleted),
    }
}

impl Line {
    fn tombstone(id: &str) -> Line {
        Line {
            id: id.to_owned(),
            deleted: true,
            ..Line::default()
        }
    }

    /// The entry this line holds (`None` for a tombstone or an incomplete line).
    fn into_entry(self) -> Option<SymptomEntry> {
        if self.deleted {
            return None;
        }
        Some(SymptomEntry {
            edited: self.edited,
            id: self.id,
            at: self.at?,
            pain: self.pain?,
            onset: self.onset,
            areas: self.areas,
            symptoms: self.symptoms,
            denied: self.denied,
            triggers: self.triggers,
            relief: self.relief,
            note: self.note,
        })
    }
}

/// The symptom log in a data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymptomLog {
    store: JsonlStore,
}

/// The current entries (edits applied, deletes removed), in time order, and any lines set aside.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LogContents {
    /// Entries sorted by `at`, then id.
    pub entries: Vec<SymptomEntry>,
    /// Lines that could not be read.
    pub rejected: Vec<RejectedLine>,
    /// What else the load has to say (a failed copy aside, tightened permissions).
    pub notes: LoadNotes,
}

impl SymptomLog {
    /// The log in `data_dir`.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            store: JsonlStore::new(data_dir, FILE),
        }
    }

    /// The underlying store (for its paths).
    pub fn store(&self) -> &JsonlStore {
        &self.store
    }

    /// Appends a new entry or an edit of an existing one (same id).
    pub fn save(&self, entry: &SymptomEntry) -> Result<(), StoreError> {
        self.store.append(entry)
    }

    /// Appends a tombstone for `id`.
    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.store.append(&Line::tombstone(id))
    }

    /// Appends an edit of `seen` (same id) — only if the log still holds exactly `seen`: an
    /// entry changed or deleted elsewhere since it was shown is not overwritten, and the
    /// conflict says what the log holds now. The look and the write happen under one lock.
    pub fn save_edit(
        &self,
        entry: &SymptomEntry,
        seen: &SymptomEntry,
    ) -> Result<Result<(), Conflict>, StoreError> {
        self.store.append_if(entry, |loaded: Loaded<Line>| {
            unchanged(&loaded.records, seen)
        })
    }

    /// Deletes `seen` — only if the log still holds exactly it (see [`SymptomLog::save_edit`]).
    pub fn delete_seen(&self, seen: &SymptomEntry) -> Result<Result<(), Conflict>, StoreError> {
        self.store
            .append_if(&Line::tombstone(&seen.id), |loaded: Loaded<Line>| {
                unchanged(&loaded.records, seen)
            })
    }

    /// Puts `entry` back after it was deleted (undo) — only if the log holds no entry with its
    /// id: one written again elsewhere since the delete is not overwritten, and the conflict
    /// says what the log holds. The look and the write happen under one lock.
    pub fn restore(&self, entry: &SymptomEntry) -> Result<Result<(), Conflict>, StoreError> {
        self.store.append_if(entry, |loaded: Loaded<Line>| {
            match loaded.records.iter().rev().find(|l| l.id == entry.id) {
                Some(line) => match line.clone().into_entry() {
                    Some(now) => Err(Conflict::Changed(Box::new(now))),
                    None => Ok(()),
                },
                None => Ok(()),
            }
        })
    }

    /// Loads and folds the log.
    pub fn load(&self) -> Result<LogContents, StoreError> {
        Ok(fold(self.store.load_checked(check_line)?))
    }

    /// Loads and folds the log as [`load`](Self::load) does, from the snapshot in `snapshot`
    /// and the lines after it when it still describes the log (see [`snapshot`]), and leaves
    /// a new snapshot when one is worth writing. The cursor says where the read ended, to
    /// follow the log from there. What it gives is what a whole load gives.
    pub fn load_cached(&self, snapshot: &Path) -> Result<(LogContents, Cursor), StoreError> {
        let path = self.store.path();
        let saved = snapshot::read(snapshot, path);
        let from = saved.as_ref().map(|s| s.cursor.offset());
        let mut cursor = saved.as_ref().map(|s| s.cursor).unwrap_or_default();
        let contents = match self.store.load_on_checked(&mut cursor, check_line)? {
            Tail::Whole(loaded) => fold(loaded),
            Tail::Appended(Loaded {
                records,
                rejected,
                notes,
            }) => {
                let mut entries = saved.map(|s| s.entries).unwrap_or_default();
                apply_all(&mut entries, records);
                LogContents {
                    entries,
                    rejected,
                    notes,
                }
            }
        };
        let read_on = from.map(|from| cursor.offset().saturating_sub(from));
        let worth = cursor.offset() >= snapshot::MIN_LOG_BYTES
            && read_on.is_none_or(|n| n >= snapshot::STALE_TAIL_BYTES)
            && contents.rejected.is_empty()
            && contents.notes == LoadNotes::default();
        if worth {
            // A cache: one that cannot be written only makes the next load slower.
            let _ = snapshot::write(snapshot, path, cursor, &contents.entries);
        }
        Ok((contents, cursor))
    }

    /// Reads what was appended to the log since `cursor` (see [`JsonlStore::follow`]): the
    /// changes in file order, or the whole log folded when the file was replaced or shrank.
    pub fn follow(&self, cursor: &mut Cursor) -> Result<LogChange, StoreError> {
        Ok(match self.store.follow_checked(cursor, check_line)? {
            Tail::Whole(loaded) => LogChange::Whole(fold(loaded)),
            Tail::Appended(Loaded {
                records,
                rejected,
                notes,
            }) => LogChange::Appended {
                changes: records
                    .into_iter()
                    .map(|line| {
                        let id = line.id.clone();
                        line.into_entry().map_or(Change::Removed(id), Change::Put)
                    })
                    .collect(),
                rejected,
                notes,
            },
        })
    }
}

mod reads;
mod stream;

pub use stream::EntryStream;

/// What a line of the log must hold: a good id, and `at` and a `pain` from 0 to 10 unless it
/// is a tombstone.
fn check_line(line: &Line) -> Option<String> {
    let complete = line.deleted || (line.at.is_some() && line.pain.is_some_and(|p| p <= 10));
    crate::id::check(&line.id)
        .or_else(|| (!complete).then(|| "an entry needs `at` and a `pain` from 0 to 10".to_owned()))
}

/// The lines of the log folded into its entries: the last line for each id wins; a tombstone
/// removes it; in time order.
fn fold(loaded: Loaded<Line>) -> LogContents {
    let Loaded {
        records,
        rejected,
        notes,
    } = loaded;
    let mut last: HashMap<&str, usize, BuildHasherDefault<crate::id::IdHasher>> =
        HashMap::with_capacity_and_hasher(records.len(), BuildHasherDefault::default());
    for (i, line) in records.iter().enumerate() {
        last.insert(line.id.as_str(), i);
    }
    let mut wins = vec![false; records.len()];
    for i in last.into_values() {
        wins[i] = !records[i].deleted;
    }
    // In file order, which is nearly time order, so the (adaptive, stable) sort is quick.
    // Sort indices, not entries: moving whole entries around is what costs.
    let mut winners: Vec<usize> = (0..records.len()).filter(|&i| wins[i]).collect();
    winners.sort_by(|&a, &b| {
        let (a, b) = (&records[a], &records[b]);
        (a.at, &a.id).cmp(&(b.at, &b.id))
    });
    let mut records = records;
    let entries: Vec<SymptomEntry> = winners
        .into_iter()
        .filter_map(|i| std::mem::take(&mut records[i]).into_entry())
        .collect();
    LogContents {
        entries,
        rejected,
        notes,
    }
}

/// One appended line of the log, read while following it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// An entry, new or an edit of one with the same id (it replaces it).
    Put(SymptomEntry),
    /// A tombstone: the entry with this id is deleted.
    Removed(String),
}

/// What following the log read.
#[derive(Debug, Clone, PartialEq)]
pub enum LogChange {
    /// The lines appended since the last read.
    Appended {
        /// In file order.
        changes: Vec<Change>,
        /// Appended lines that could not be read.
        rejected: Vec<RejectedLine>,
        /// What else the read has to say.
        notes: LoadNotes,
    },
    /// The file was new to the follower, replaced or shrunk: the whole log.
    Whole(LogContents),
}

/// Applies `changes` to `entries` (in time order, then id): an entry replaces the one with its
/// id (or is added), a tombstone removes it; the order is kept. Whether anything changed (a
/// line the caller had written itself, read back, changes nothing).
pub fn apply(entries: &mut Vec<SymptomEntry>, changes: Vec<Change>) -> bool {
    let mut changed = false;
    for change in changes {
        let id = match &change {
            Change::Put(e) => e.id.as_str(),
            Change::Removed(id) => id.as_str(),
        };
        // Appended lines are mostly the newest: look from the end.
        let found = entries.iter().rposition(|e| e.id == id);
        match (change, found) {
            (Change::Put(entry), Some(at)) if entries[at] == entry => {}
            (Change::Put(entry), found) => {
                if let Some(at) = found {
                    entries.remove(at);
                }
                let at = entries.partition_point(|e| (e.at, &e.id) <= (entry.at, &entry.id));
                entries.insert(at, entry);
                changed = true;
            }
            (Change::Removed(_), Some(at)) => {
                entries.remove(at);
                changed = true;
            }
            (Change::Removed(_), None) => {}
        }
    }
    changed
}

/// Applies the lines read after a snapshot to its entries: per id the last line wins, a
/// tombstone removes it, in time order — what [`fold`] gives for the whole file.
fn apply_all(entries: &mut Vec<SymptomEntry>, lines: Vec<Line>) {
    if lines.is_empty() {
        return;
    }
    let mut last: HashMap<String, Option<SymptomEntry>> = HashMap::with_capacity(lines.len());
    for line in lines {
        let id = line.id.clone();
        last.insert(id, line.into_entry());
    }
    entries.retain(|e| !last.contains_key(&e.id));
    entries.extend(last.into_values().flatten());
    // Nearly in order already: the stable sort finds the runs.
    entries.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
}

pub mod draft;
pub mod snapshot;
pub mod trends;

pub use reads::{Field, Reads};

#[cfg(test)]
mod tests;
