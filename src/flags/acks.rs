//! Acknowledgements: "I have had this checked". Each is appended to `acks.jsonl` through the
//! durable store. An acknowledged flag is shown muted until an entry matching it is logged at a
//! time after the acknowledgement.

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

    /// Every acknowledgement (bad lines kept aside and reported).
    pub fn load(&self) -> Result<Loaded<Ack>, StoreError> {
        self.store.load()
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
