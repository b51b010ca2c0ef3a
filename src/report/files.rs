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

/// Opens `path` with the desktop's default program, without waiting for it.
pub fn open_in_browser(path: &std::path::Path) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}
