//! `breaks.lock` in the data folder: which of the reminders running over one data folder (two
//! `knotless remind`, or `remind` and the app) asks about a due posture break. The one holding
//! the lock asks and records the answer; the others show the break and follow the answer it
//! records in `history.jsonl`, so one break is recorded once.
//!
//! An advisory `flock(2)` (`LOCK_EX | LOCK_NB`) on an empty file, held for the life of the
//! process that asks: the kernel lets it go when that process ends, however it ends (kill -9
//! included), so a stale lock never blocks the others; they try again at their next due break.
//! The file is opened with `O_NOFOLLOW` (a symlink planted in its place is refused) and must be
//! a regular file; it is created 0600 and never written.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// The lock file's name in the data folder.
pub const BREAKS_LOCK: &str = "breaks.lock";

/// The held lock: whoever has one asks about breaks. Dropping it lets go.
#[derive(Debug)]
pub struct BreaksLock {
    _file: Option<File>,
}

impl BreaksLock {
    /// Stands for a lock that cannot be taken at all (a symlink or a FIFO in its place, an
    /// unwritable folder): its holder asks anyway, as before there were locks, rather than
    /// leave breaks unasked.
    pub fn unheld() -> BreaksLock {
        BreaksLock { _file: None }
    }

    /// Takes the lock in `data_dir` if nobody holds it: `Ok(None)` while another process (or
    /// another [`BreaksLock`] of this one) holds it.
    pub fn try_take(data_dir: &Path) -> io::Result<Option<BreaksLock>> {
        let path = data_dir.join(BREAKS_LOCK);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(&path)?;
        if !file.metadata()?.file_type().is_file() {
            return Err(io::Error::other(format!(
                "{} is not a regular file",
                path.display()
            )));
        }
        // SAFETY: flock(2) on a descriptor we own.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(Some(BreaksLock { _file: Some(file) }));
        }
        let e = io::Error::last_os_error();
        if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
            Ok(None)
        } else {
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_the_next_takes_over_when_it_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = BreaksLock::try_take(dir.path()).unwrap();
        assert!(first.is_some(), "free: taken");
        assert!(
            BreaksLock::try_take(dir.path()).unwrap().is_none(),
            "held: the second follows"
        );
        drop(first);
        assert!(
            BreaksLock::try_take(dir.path()).unwrap().is_some(),
            "let go: the next takes over"
        );
    }

    #[test]
    fn a_symlink_or_a_fifo_in_its_place_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::write(&elsewhere, "").unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.path().join(BREAKS_LOCK)).unwrap();
        assert!(BreaksLock::try_take(dir.path()).is_err());
        let dir = tempfile::tempdir().unwrap();
        let fifo =
            std::ffi::CString::new(dir.path().join(BREAKS_LOCK).to_str().unwrap().as_bytes())
                .unwrap();
        // SAFETY: a valid path string.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(
            BreaksLock::try_take(dir.path()).is_err(),
            "never hangs either"
        );
    }
}
