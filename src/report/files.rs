//! The report as a file: its default name, written private to the user, and opened in the
//! desktop's browser.

use chrono::{DateTime, FixedOffset};

/// `knotless-report-YYYY-MM-DD.EXT` in the current folder.
pub fn default_name(now: DateTime<FixedOffset>, extension: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!(
        "knotless-report-{}.{extension}",
        now.format("%Y-%m-%d")
    ))
}

/// Writes `bytes` to `path` as a whole, private to the user (`0600`, an old file's mode
/// included): reports hold health data. Atomic: a crash or a full disk leaves the old file as
/// it was (see [`crate::disk::replace_private`]).
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    crate::disk::replace_private(path, |out| out.write_all(bytes))
}

/// How long the opener is given to say whether it failed.
const OPENER_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens `path` with the desktop's default program (`xdg-open`, `open` on macOS). `Ok` only
/// when the opener succeeded: it exited with status 0, or it is still running after a few
/// seconds (a browser started in the foreground); an opener that cannot be started or exits
/// with a failure (no browser, no desktop) is an error that says so.
pub fn open_in_browser(path: &std::path::Path) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                std::io::Error::new(e.kind(), format!("{opener} is not installed"))
            } else {
                std::io::Error::new(e.kind(), format!("cannot start {opener}: {e}"))
            }
        })?;
    // Waited on in a thread that keeps waiting (and reaps it) if it outlasts OPENER_WAIT, so no
    // zombie is left behind in a long-running app; no clock is read and nothing polls.
    let (tx, done) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    match done.recv_timeout(OPENER_WAIT) {
        Ok(status) => {
            let status = status?;
            if status.success() {
                Ok(())
            } else {
                Err(std::io::Error::other(format!("{opener} failed ({status})")))
            }
        }
        // Still running: a browser started in the foreground; it is opening.
        Err(_) => Ok(()),
    }
}
