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
        let withdrawn: std::collections::HashSet<&str> = records
            .iter()
            .filter(|l| l.deleted)
            .map(|l| l.id.as_str())
            .collect();
        let acks = records
            .iter()
            .filter(|l| !l.deleted && !withdrawn.contains(l.id.as_str()))
            .filter_map(|l| {
                Some(Ack {
                    id: l.id.clone(),
                    flag: l.flag.clone()?,
                    at: l.at?,
                })
            })
            .collect();
        Ok(Loaded {
            records: acks,
            rejected,
            notes,
        })
    }

    /// Takes back the acknowledgement with this id.
    pub fn withdraw(&self, ack_id: &str) -> Result<(), StoreError> {
        self.store.append(&Line {
            id: ack_id.to_owned(),
            deleted: true,
            flag: None,
            at: None,
        })
    }

    /// Records that `flag` was acknowledged at `at`.
    pub fn acknowledge(&self, flag: &str, at: DateTime<FixedOffset>) -> Result<Ack, StoreError> {
        let ack = Ack {
            id: crate::id::new_id(at.timestamp_millis()),
            flag: flag.to_owned(),
            at,
        };
        self.store.append(&ack)?;
        Ok(ack)
    }

    /// The store, for its paths.
    pub fn store(&self) -> &JsonlStore {
        &self.store
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

    #[test]
    fn a_withdrawn_acknowledgement_is_gone_and_the_earlier_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        let log = AckLog::new(dir.path());
        let t = |h: i64| {
            "2026-11-20T08:00:00+01:00"
                .parse::<DateTime<FixedOffset>>()
                .unwrap()
                + chrono::Duration::hours(h)
        };
        let first = log.acknowledge("fever", t(0)).unwrap();
        let second = log.acknowledge("fever", t(5)).unwrap();
        log.acknowledge("lump", t(6)).unwrap();
        let acks = log.load().unwrap().records;
        assert_eq!(in_force(&acks, "fever", t(10)), Some(&second));
        assert_eq!(in_force(&acks, "fever", t(1)), Some(&first), "as of then");
        log.withdraw(&second.id).unwrap();
        let loaded = log.load().unwrap();
        assert!(loaded.rejected.is_empty());
        assert_eq!(in_force(&loaded.records, "fever", t(10)), Some(&first));
        assert_eq!(loaded.records.len(), 2);
        let text = std::fs::read_to_string(log.store().path()).unwrap();
        assert!(
            text.ends_with(&format!("{{\"id\":\"{}\",\"deleted\":true}}\n", second.id)),
            "{text}"
        );
    }
}
