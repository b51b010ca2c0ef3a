use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use super::*;

/// Runs `f` on a thread and fails the test if it has not returned within five seconds: a
/// regression that blocks on a FIFO fails instead of hanging the suite.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(5))
        .expect("blocked for 5 s: a FIFO was opened as if it were a file")
}

fn fifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string and a mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_fifo_a_folder_and_a_missing_file_are_refused_for_reading_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("config.toml");
    fifo(&pipe);
    let e = within(move || read_to_string(&pipe)).unwrap_err();
    assert!(is_not_regular(&e), "{e}");
    assert_eq!(
        e.to_string(),
        "it is a FIFO (a named pipe), not a regular file"
    );
    let folder = dir.path().to_path_buf();
    let e = within(move || open_regular(&folder)).unwrap_err();
    assert_eq!(e.to_string(), "it is a folder, not a regular file");
    let e = open_regular(&dir.path().join("missing")).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::NotFound);
    assert!(!is_not_regular(&e));
}

#[test]
fn a_regular_file_reads_whole_and_blocking_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    fs::write(&path, "name = \"x\"\n").unwrap();
    assert_eq!(read_to_string(&path).unwrap(), "name = \"x\"\n");
    assert_eq!(read_to_string_at_most(&path, 4).unwrap(), "name");
    let file = open_regular(&path).unwrap();
    // SAFETY: F_GETFL on an open descriptor.
    let flags = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETFL) };
    assert_eq!(flags & libc::O_NONBLOCK, 0);
}

#[test]
fn a_fifo_is_refused_for_appending_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("symptoms.jsonl");
    fifo(&pipe);
    let e = within(move || open_append(&pipe)).unwrap_err();
    assert!(is_not_regular(&e), "{e}");
    let side = dir.path().join("symptoms.jsonl.rejected");
    fifo(&side);
    let e = within(move || open_side_file(&side)).unwrap_err();
    assert!(is_not_regular(&e), "{e}");
}

#[test]
fn a_side_file_is_created_private_appended_to_and_never_written_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let side = dir.path().join("symptoms.jsonl.rejected");
    open_side_file(&side).unwrap().write_all(b"one\n").unwrap();
    assert_eq!(mode(&side), 0o600);
    open_side_file(&side).unwrap().write_all(b"two\n").unwrap();
    assert_eq!(fs::read_to_string(&side).unwrap(), "one\ntwo\n");

    // A link planted where the side file goes, to a file elsewhere or to nothing yet.
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("bashrc");
    fs::write(&victim, "keep\n").unwrap();
    let link = dir.path().join("history.jsonl.rejected");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let e = open_side_file(&link).unwrap_err();
    assert_eq!(e.to_string(), "it is a symbolic link, not a regular file");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep\n");
    let dangling = dir.path().join("acks.jsonl.rejected");
    std::os::unix::fs::symlink(outside.path().join("new"), &dangling).unwrap();
    assert!(open_side_file(&dangling).is_err());
    assert!(!outside.path().join("new").exists());
}

#[test]
fn a_replaced_file_has_the_new_contents_and_ends_private_whatever_its_mode_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    replace_private(&path, |out| out.write_all(b"new")).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(names(dir.path()), ["report.html"]);
    // A new file too.
    let fresh = dir.path().join("export.csv");
    replace_private(&fresh, |out| out.write_all(b"a,b\n")).unwrap();
    assert_eq!(mode(&fresh), 0o600);
}

#[test]
fn a_failure_mid_write_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    fs::write(&path, "the old report").unwrap();
    // Half a report written (more than the buffer holds, so some reached the file), then an
    // error, as a full disk or a failed render would give.
    let e = replace_private(&path, |out| {
        out.write_all(&vec![b'x'; 100_000])?;
        Err(io::Error::other("the disk is full"))
    })
    .unwrap_err();
    assert_eq!(e.to_string(), "the disk is full");
    assert_eq!(fs::read_to_string(&path).unwrap(), "the old report");
    assert_eq!(names(dir.path()), ["report.html"]);
}

#[test]
fn a_link_is_followed_and_the_file_it_names_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.html");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    replace_private(&link, |out| out.write_all(b"new")).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    assert_eq!(names(dir.path()), ["link.html", "real.html"]);
}

#[test]
fn a_full_disk_leaves_the_old_file_and_no_temporary_file() {
    // SAFETY: getuid has no preconditions.
    if unsafe { libc::getuid() } != 0 {
        println!("skipped: mounting a small tmpfs to fill needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small");
    fs::create_dir(&mount).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mount)
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        println!("skipped: cannot mount a tmpfs here (a container without the right)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&mount);
    let path = mount.join("report.html");
    fs::write(&path, "the old report").unwrap();
    let e = replace_private(&path, |out| out.write_all(&vec![b'x'; 256 << 10])).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::ENOSPC), "{e}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "the old report");
    assert_eq!(names(&mount), ["report.html"]);
}
