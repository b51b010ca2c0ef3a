//! Acknowledgements: "I have had this checked". Each is appended to `acks.jsonl` through the
//! durable store. An acknowledged flag is shown muted until an entry matching it is written
//! after the acknowledgement. Taking one back ("unack") appends a tombstone
//! `{"id": …, "deleted": true}` for it, like a deleted log entry: the last line for an id wins.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::store::{JsonlStore, Loaded, StoreError};

/// The file's name in the data folder.
pub const FILE: &str = "acks.jsonl";

/// One acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    /// Unique, time-ordered id.
    pub id: String,
    /// The rule acknowledged.
    pub flag: String,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// A line of `acks.jsonl`: an acknowledgement, or the tombstone of one taken back.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Line {
    id: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<DateTime<FixedOffset>>,
}

/// `acks.jsonl` in the data folder.
#[derive(Debug, Clone)]
pub struct AckLog {
    store: JsonlStore,
}

impl AckLog {
    /// The acknowledgements in `data_dir`.
    pub fn new(data_dir: &Path) -> AckLog {
        AckLog {
            store: JsonlStore::new(data_dir, FILE),
        }
    }

    /// Every acknowledgement in force, oldest first: those taken back are left out (bad lines
    /// kept aside and reported).
    pub fn load(&self) -> Result<Loaded<Ack>, StoreError> {
        let Loaded {
            records,
            rejected,
            notes,
        } = self.store.load_checked(|line: &Line| {
            let complete = line.deleted || (line.flag.is_some() && line.at.is_some());
            crate::id::check(&line.id).or_else(|| {
                (!complete).then(|| "an acknowledgement needs `flag` and `at`".to_owned())
            })
        })?;
        Ok(Loaded {
            records: fold(&records),
            rejected,
            notes,
        })
    }

    /// Records that `flag` was acknowledged at `at` — unless another acknowledgement of it came
    /// in since it was shown: `seen` is the acknowledgement that was in force then (`None`:
    /// none), and one that differs under the write lock is a refusal naming it, so two quick
    /// acknowledgements of one flag write one.
    pub fn acknowledge(
        &self,
        flag: &str,
        at: DateTime<FixedOffset>,
        seen: Option<&str>,
    ) -> Result<Result<Ack, AckConflict>, StoreError> {
        let ack = Ack {
            id: crate::id::new_id(at.timestamp_millis()),
            flag: flag.to_owned(),
            at,
        };
        let written = self.store.append_decided(|loaded: Loaded<Line>| {
            let acks = fold(&loaded.records);
            match in_force(&acks, flag, at) {
                Some(now) if Some(now.id.as_str()) != seen => {
                    Err(AckConflict::Acknowledged(now.clone()))
                }
                _ => Ok(vec![ack.clone()]),
            }
        })?;
        Ok(written.map(|_| ack))
    }

    /// Takes back every acknowledgement of `flag` made up to `now` (so that none still mutes
    /// it) — only if the one in force is still `seen`, the one shown: an acknowledgement made
    /// or taken back elsewhere since is a refusal saying what is in force now. Gives those
    /// taken back.
    pub fn withdraw(
        &self,
        flag: &str,
        now: DateTime<FixedOffset>,
        seen: &str,
    ) -> Result<Result<Vec<Ack>, AckConflict>, StoreError> {
        let mut taken = Vec::new();
        let written = self.store.append_decided(|loaded: Loaded<Line>| {
            let acks = fold(&loaded.records);
            let current = in_force(&acks, flag, now);
            if current.map(|a| a.id.as_str()) != Some(seen) {
                return Err(AckConflict::Changed(current.cloned()));
            }
            taken = acks
                .into_iter()
                .filter(|a| a.flag == flag && a.at <= now)
                .collect();
            Ok(taken.iter().map(|a| Line::tombstone(&a.id)).collect())
        })?;
        Ok(written.map(|_| taken))
    }

    /// The store, for its paths.
    pub fn store(&self) -> &JsonlStore {
        &self.store
    }
}

/// Why an acknowledgement, or taking one back, was refused: it is not what was shown any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AckConflict {
    /// The flag was acknowledged elsewhere (another window, the command line) since it was
    /// shown: this acknowledgement is in force.
    Acknowledged(Ack),
    /// The acknowledgement shown was taken back or replaced elsewhere: this one is in force now,
    /// if any.
    Changed(Option<Ack>),
}

/// The lines folded: every acknowledgement not taken back, in file order.
fn fold(lines: &[Line]) -> Vec<Ack> {
    let withdrawn: std::collections::HashSet<&str> = lines
        .iter()
        .filter(|l| l.deleted)
        .map(|l| l.id.as_str())
        .collect();
    lines
        .iter()
        .filter(|l| !l.deleted && !withdrawn.contains(l.id.as_str()))
        .filter_map(|l| {
            Some(Ack {
                id: l.id.clone(),
                flag: l.flag.clone()?,
                at: l.at?,
            })
        })
        .collect()
}

impl Line {
    fn tombstone(id: &str) -> Line {
        Line {
            id: id.to_owned(),
            deleted: true,
            flag: None,
            at: None,
        }
    }
}

/// The acknowledgement that mutes `flag` now: the latest of it made at or before `now`.
pub fn in_force<'a>(acks: &'a [Ack], flag: &str, now: DateTime<FixedOffset>) -> Option<&'a Ack> {
    acks.iter()
        .filter(|a| a.flag == flag && a.at <= now)
        .max_by_key(|a| (a.at, &a.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: i64) -> DateTime<FixedOffset> {
        "2026-11-20T08:00:00+01:00"
            .parse::<DateTime<FixedOffset>>()
            .unwrap()
            + chrono::Duration::hours(h)
    }

    #[test]
    fn a_second_acknowledgement_of_what_was_shown_unacknowledged_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let log = AckLog::new(dir.path());
        // Two commands both loaded the log with nothing acknowledged.
        let first = log.acknowledge("fever", t(0), None).unwrap().unwrap();
        let second = log.acknowledge("fever", t(0), None).unwrap();
        assert_eq!(second, Err(AckConflict::Acknowledged(first.clone())));
        assert_eq!(log.load().unwrap().records, vec![first.clone()]);
        // Acknowledged again knowing the first (new evidence since): written.
        let again = log
            .acknowledge("fever", t(5), Some(&first.id))
            .unwrap()
            .unwrap();
        log.acknowledge("lump", t(6), None).unwrap().unwrap();
        let acks = log.load().unwrap().records;
        assert_eq!(in_force(&acks, "fever", t(10)), Some(&again));
        assert_eq!(in_force(&acks, "fever", t(1)), Some(&first), "as of then");
    }

    #[test]
    fn taking_back_takes_back_every_acknowledgement_that_would_still_mute_the_flag() {
        let dir = tempfile::tempdir().unwrap();
        let log = AckLog::new(dir.path());
        // Two acknowledgements of one flag, as quick double acknowledgements once wrote.
        let path = log.store().path().to_path_buf();
        std::fs::write(
            &path,
            format!(
                "{{\"id\":\"01A1\",\"flag\":\"fever\",\"at\":\"{}\"}}\n\
                 {{\"id\":\"01A2\",\"flag\":\"fever\",\"at\":\"{}\"}}\n\
                 {{\"id\":\"01A3\",\"flag\":\"lump\",\"at\":\"{}\"}}\n",
                t(0).to_rfc3339(),
                t(0).to_rfc3339(),
                t(1).to_rfc3339()
            ),
        )
        .unwrap();
        let taken = log.withdraw("fever", t(10), "01A2").unwrap().unwrap();
        assert_eq!(taken.len(), 2);
        let acks = log.load().unwrap().records;
        assert_eq!(in_force(&acks, "fever", t(10)), None, "nothing mutes it");
        assert_eq!(acks.len(), 1, "the other flag's stays: {acks:?}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.ends_with(
                "{\"id\":\"01A1\",\"deleted\":true}\n{\"id\":\"01A2\",\"deleted\":true}\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn taking_back_what_changed_elsewhere_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let log = AckLog::new(dir.path());
        let shown = log.acknowledge("fever", t(0), None).unwrap().unwrap();
        let newer = log
            .acknowledge("fever", t(2), Some(&shown.id))
            .unwrap()
            .unwrap();
        assert_eq!(
            log.withdraw("fever", t(3), &shown.id).unwrap(),
            Err(AckConflict::Changed(Some(newer.clone())))
        );
        log.withdraw("fever", t(3), &newer.id).unwrap().unwrap();
        assert_eq!(
            log.withdraw("fever", t(3), &newer.id).unwrap(),
            Err(AckConflict::Changed(None)),
            "taken back already"
        );
    }
}
