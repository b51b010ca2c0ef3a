//! How knotless opens files: the checks every file it reads or writes needs, in one place
//! (issue 19, items 7, 10 and 11). It knows nothing of what the files hold.
//!
//! - **Reading** ([`open_regular`], [`read_to_string`]): a file is opened with `O_NONBLOCK`
//!   (opening a FIFO for reading would otherwise wait for ever for a writer), `fstat`ed, and
//!   refused unless it is a regular file — a FIFO, a folder, a socket or a device gets an error
//!   saying what it is ([`NotRegular`]) — and only then read, blocking again.
//! - **Appending to a data file** ([`open_append`]): the same check, the file created `0600`.
//!   A data file that is a link is written through (people keep data in synced folders).
//! - **Side files** ([`open_side_file`], `<file>.rejected`): created with
//!   `O_EXCL | O_NOFOLLOW` (`0600`), or appended to only when what is there is a regular file
//!   and not a link: a link planted there cannot make knotless write into another file.
//! - **Outputs** ([`replace_private`], `report -o`, `export -o`): written to a temporary file in
//!   the same folder (`O_EXCL | O_NOFOLLOW`, `0600`), flushed to disk, renamed over the target,
//!   and the folder flushed. On any error the old file is as it was and the temporary file is
//!   gone; a replaced file ends `0600`, whatever its mode was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Something that is not a regular file where one was expected: what it is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("it is {0}, not a regular file")]
pub struct NotRegular(pub &'static str);

impl NotRegular {
    /// What `meta` is, in words, when it is not a regular file.
    fn of(file_type: fs::FileType) -> Option<NotRegular> {
        let what = if file_type.is_file() {
            return None;
        } else if file_type.is_fifo() {
            "a FIFO (a named pipe)"
        } else if file_type.is_dir() {
            "a folder"
        } else if file_type.is_socket() {
            "a socket"
        } else if file_type.is_char_device() || file_type.is_block_device() {
            "a device"
        } else if file_type.is_symlink() {
            "a symbolic link"
        } else {
            "not a plain file"
        };
        Some(NotRegular(what))
    }
}

/// Whether `e` says the path was not a regular file (see [`NotRegular`]).
pub fn is_not_regular(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<NotRegular>())
}

fn not_regular(what: NotRegular) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what)
}

/// Refuses `file` unless it is a regular file, then makes its reads and writes block again.
fn checked(file: File) -> io::Result<File> {
    if let Some(what) = NotRegular::of(file.metadata()?.file_type()) {
        return Err(not_regular(what));
    }
    let fd = file.as_raw_fd();
    // SAFETY: F_GETFL and F_SETFL on a descriptor this function owns through `file`.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 || libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(file)
}

/// An error from opening `path` explained: a FIFO without a reader refuses a non-blocking open
/// for writing (`ENXIO`), which is a FIFO all the same.
fn explain_open_error(path: &Path, e: io::Error) -> io::Error {
    if e.raw_os_error() == Some(libc::ENXIO)
        && let Ok(meta) = fs::metadata(path)
        && let Some(what) = NotRegular::of(meta.file_type())
    {
        return not_regular(what);
    }
    e
}

/// Opens `path` for reading if it is a regular file, without ever blocking on a FIFO; a link is
/// followed. A missing file is `NotFound`; anything else there is [`NotRegular`].
pub fn open_regular(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| explain_open_error(path, e))?;
    checked(file)
}

/// The whole of the regular file `path` as UTF-8 text (see [`open_regular`]).
pub fn read_to_string(path: &Path) -> io::Result<String> {
    use std::io::Read;
    let mut text = String::new();
    open_regular(path)?.read_to_string(&mut text)?;
    Ok(text)
}

/// At most `limit` bytes of the regular file `path`, as UTF-8 text (see [`open_regular`]).
pub fn read_to_string_at_most(path: &Path, limit: u64) -> io::Result<String> {
    use std::io::Read;
    let mut text = String::new();
    open_regular(path)?.take(limit).read_to_string(&mut text)?;
    Ok(text)
}

/// Opens the data file `path` for reading and appending, creating it `0600`; a link is
/// followed, and anything but a regular file is refused before a byte is written.
pub fn open_append(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| explain_open_error(path, e))?;
    checked(file)
}

/// Opens the side file `path` (`<file>.rejected`) for appending: a new one is created `0600`
/// with `O_EXCL | O_NOFOLLOW`; an existing one is appended to only when it is a regular file
/// and not a symbolic link.
pub fn open_side_file(path: &Path) -> io::Result<File> {
    let created = OpenOptions::new()
        .append(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path);
    let file = match created {
        Ok(file) => file,
        // A dangling link is "already there" too: `O_EXCL` never follows one.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => OpenOptions::new()
            .append(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(path)
            .map_err(|e| link_refused(path, e))?,
        Err(e) => return Err(e),
    };
    checked(file)
}

/// `ELOOP` from an `O_NOFOLLOW` open: the path is a symbolic link, refused as such.
fn link_refused(path: &Path, e: io::Error) -> io::Error {
    if e.raw_os_error() == Some(libc::ELOOP) {
        return not_regular(NotRegular("a symbolic link"));
    }
    explain_open_error(path, e)
}

/// Writes `path` as a whole, atomically and private to the user: `write` fills a temporary
/// file in the same folder (created `0600` with `O_EXCL | O_NOFOLLOW`), which is flushed to
/// disk and renamed over `path`, and the folder is flushed. If `write` or any step fails, the
/// temporary file is removed and `path` is as it was. A link at `path` is followed and the
/// file it names replaced (the link stays); a terminal, a pipe or a device (`/dev/stdout`) is
/// written to directly, having no old contents to keep.
pub fn replace_private(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    let target = match fs::canonicalize(path) {
        Ok(real) => real,
        Err(e) if e.kind() == io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    if let Ok(meta) = fs::metadata(&target)
        && !meta.is_file()
    {
        if meta.is_dir() {
            return Err(not_regular(NotRegular("a folder")));
        }
        let mut out = BufWriter::new(OpenOptions::new().write(true).open(&target)?);
        write(&mut out)?;
        return out.flush();
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (file, temp) = create_temp(&folder, &target)?;
    let mut temp = Temp(Some(temp));
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()?;
    drop(file);
    let from = temp.0.take().unwrap_or_default();
    if let Err(e) = fs::rename(&from, &target) {
        temp.0 = Some(from);
        return Err(e);
    }
    // The rename is in place; flushing the folder makes it survive a power cut. A file system
    // that cannot flush a folder has still renamed it.
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A temporary file removed when dropped, unless taken.
struct Temp(Option<PathBuf>);

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = fs::remove_file(path);
        }
    }
}

/// A new temporary file `.<name>.<pid>-<n>.tmp` in `folder`, `0600`, `O_EXCL | O_NOFOLLOW`.
fn create_temp(folder: &Path, target: &Path) -> io::Result<(File, PathBuf)> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tries = 0;
    loop {
        tries += 1;
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&temp)
        {
            Ok(file) => return Ok((file, temp)),
            // Left by a process with our id before; another name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests;
