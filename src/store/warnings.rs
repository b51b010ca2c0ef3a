//! The warnings a load gives, in words, for the command line and the app.

use super::{JsonlStore, LoadNotes, NAMED_REJECTS, RejectedLine};

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
        out
    }
}
