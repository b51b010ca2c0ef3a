//! Durable appends: the exclusive lock, one whole-line write, `sync_data`, and a torn last line
//! closed first.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::follow::Cursor;
use super::{JsonlStore, Loaded, StoreError, create_private_dir};

impl JsonlStore {
    /// Appends one record durably (lock, one whole-line write, `sync_data`).
    pub fn append<T: Serialize>(&self, record: &T) -> Result<(), StoreError> {
        let mut line = serde_json::to_vec(record)?;
        line.push(b'\n');
        self.append_line(line)
    }

    /// Appends one record like [`append`](Self::append), and when `cursor` had read the file up
    /// to its end just before, moves it past the new line: a follower does not read back its own
    /// write. Otherwise (another process wrote in between) the cursor stays, and the next
    /// follow reads everything since, this line included.
    pub fn append_followed<T: Serialize>(
        &self,
        record: &T,
        cursor: &mut Cursor,
    ) -> Result<(), StoreError> {
        use std::os::unix::fs::MetadataExt;
        let mut line = serde_json::to_vec(record)?;
        line.push(b'\n');
        let mut file = self.open_for_append()?;
        let io_err = |action| self.io_error(action);
        let before = file.metadata().map_err(io_err("read"))?;
        self.write_locked(&mut file, line)?;
        let after = file.metadata().map_err(io_err("read"))?.len();
        cursor.skip_own((before.dev(), before.ino()), before.len(), after);
        Ok(())
    }

    fn append_line(&self, line: Vec<u8>) -> Result<(), StoreError> {
        let mut file = self.open_for_append()?;
        self.write_locked(&mut file, line)
    }

    /// Opens the file for reading and appending (creating it `0600`, and the folder), and takes
    /// the exclusive lock.
    fn open_for_append(&self) -> Result<File, StoreError> {
        if let Some(dir) = self.path.parent() {
            create_private_dir(dir)?;
        }
        let file = crate::disk::open_append(&self.path).map_err(|e| self.open_error(e))?;
        file.lock().map_err(self.io_error("lock"))?;
        Ok(file)
    }

    /// Writes one whole line to the locked file and makes it durable; a torn last line is
    /// first closed so the new record starts on its own line.
    fn write_locked(&self, file: &mut File, mut line: Vec<u8>) -> Result<(), StoreError> {
        let io_err = |action| self.io_error(action);
        if ends_in_torn_line(file).map_err(io_err("read"))? {
            line.insert(0, b'\n');
        }
        file.write_all(&line).map_err(io_err("write to"))?;
        file.sync_data().map_err(io_err("write to"))?;
        Ok(())
    }

    /// Appends `record` only if `check`, given the file's current records (read under the same
    /// exclusive lock the append takes), allows it: so no other process can write in between
    /// the look and the write. `Ok(Err(why))` is a refusal; nothing was written.
    pub fn append_if<T, R, E>(
        &self,
        record: &R,
        check: impl FnOnce(Loaded<T>) -> Result<(), E>,
    ) -> Result<Result<(), E>, StoreError>
    where
        T: DeserializeOwned + Send,
        R: Serialize,
    {
        let mut line = serde_json::to_vec(record)?;
        line.push(b'\n');
        let mut file = self.open_for_append()?;
        let loaded = self.read_locked(&mut file, &|_: &T| None)?;
        if let Err(why) = check(loaded) {
            return Ok(Err(why));
        }
        self.write_locked(&mut file, line)?;
        Ok(Ok(()))
    }
}

impl JsonlStore {
    /// Appends what `decide` makes of the file's current records (read under the same
    /// exclusive lock the append takes), all in one write: several records land together or
    /// not at all, and no other process writes between the look and the write. `Ok(Err(why))`
    /// is a refusal and none is written; an empty list writes nothing.
    pub fn append_decided<T, R, E>(
        &self,
        decide: impl FnOnce(Loaded<T>) -> Result<Vec<R>, E>,
    ) -> Result<Result<Vec<R>, E>, StoreError>
    where
        T: DeserializeOwned + Send,
        R: Serialize,
    {
        let mut file = self.open_for_append()?;
        let loaded = self.read_locked(&mut file, &|_: &T| None)?;
        let records = match decide(loaded) {
            Ok(records) => records,
            Err(why) => return Ok(Err(why)),
        };
        if records.is_empty() {
            return Ok(Ok(records));
        }
        let mut lines = Vec::new();
        for record in &records {
            serde_json::to_writer(&mut lines, record)?;
            lines.push(b'\n');
        }
        self.write_locked(&mut file, lines)?;
        Ok(Ok(records))
    }
}

fn ends_in_torn_line(file: &mut File) -> io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}
