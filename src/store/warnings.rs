//! The warnings a load gives, in words, for the command line and the app.

use super::{JsonlStore, LoadNotes, NAMED_REJECTS, RejectedLine};
use std::path::Path;

impl JsonlStore {
    /// The warnings a load gives, in words: each rejected line up to [`NAMED_REJECTS`], then a
    /// count; where the lines are kept; a tightened permission. One function for the command
    /// line and the app.
    pub fn warnings(&self, rejected: &[RejectedLine], notes: &LoadNotes) -> Vec<String> {
        let shown = self.path.display().to_string();
        let path = crate::text::visible(&shown);
        let aside = self.rejected_path().display().to_string();
        let aside = crate::text::visible(&aside);
        let mut out = Vec::new();
        if let Some(mode) = notes.tightened_from {
            out.push(format!(
                "{path} could be read by other users (mode {mode:03o}); it is now private (600)"
            ));
        }
        if let Some((real, mode)) = &notes.left_open {
            let real = real.display().to_string();
            let real = crate::text::visible(&real);
            out.push(format!(
                "{path} is a link to {real}, outside the data folder, which other users can read \
                 (mode {mode:03o}); knotless reads and writes it there but changes the mode of \
                 nothing outside the data folder: to make it private, chmod 600 {real}"
            ));
        }
        if rejected.is_empty() {
            return out;
        }
        for r in rejected.iter().take(NAMED_REJECTS) {
            out.push(format!(
                "{path} line {} could not be read: {}",
                r.line,
                crate::text::visible(&r.reason)
            ));
        }
        if rejected.len() > NAMED_REJECTS {
            out.push(format!(
                "{path}: {} more lines could not be read",
                rejected.len() - NAMED_REJECTS
            ));
        }
        out.push(match &notes.aside_error {
            None => format!(
                "the lines that could not be read stay in {path} and are copied to {aside}; \
                 every other line loaded"
            ),
            Some(e) => format!(
                "the lines that could not be read stay in {path}; they could not be copied to \
                 {aside} ({e}); every other line loaded"
            ),
        });
        if let (n @ 1.., Some(first)) = (notes.not_copied, notes.first_not_copied) {
            out.push(format!(
                "{n} of them {} not copied to {aside}: at most {} MiB of bad lines is copied \
                 per load; they stay in {path} only, the first at line {first}",
                if n == 1 { "was" } else { "were" },
                super::ASIDE_PER_LOAD >> 20
            ));
        }
        out
    }
}

/// Tightens the data folder `dir` to `0700` when others can read or enter it; the mode it had,
/// when it was changed (for the warning, said once: the next run finds it private). A missing
/// folder, or one knotless may not change, is left as it is.
pub fn tighten_folder(dir: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(dir).ok()?;
    let mode = meta.permissions().mode() & 0o777;
    if !meta.is_dir() || mode & 0o077 == 0 {
        return None;
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).ok()?;
    Some(mode)
}

/// The warning for a data folder tightened from `mode` (see [`tighten_folder`]).
pub fn folder_tightened(dir: &Path, mode: u32) -> String {
    let shown = dir.display().to_string();
    format!(
        "the data folder {} could be read by other users (mode {mode:03o}); it is now private (700)",
        crate::text::visible(&shown)
    )
}
