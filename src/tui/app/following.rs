//! Where the app read each data file up to, to follow it from there, and what was wrong with
//! each file, kept per file so that reading one again replaces only its own problems.

use crate::diagnostic::Diagnostic;
use crate::store::{Cursor, RejectedLine};
use crate::workspace::{Problem, Workspace};

/// Where the problems shown come from, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `symptoms.jsonl`.
    Log,
    /// `history.jsonl`.
    History,
    /// `acks.jsonl`.
    Acks,
    /// `checkins.jsonl`.
    Checkins,
    /// The config and the red-flag rules.
    Settings,
    /// The programmes and `programme.jsonl`.
    Programme,
}

const SOURCES: usize = 6;

/// Where the log and the history were read up to, and the problems of each file.
#[derive(Debug, Clone, Default)]
pub struct Following {
    /// Where the log was read up to.
    pub log: Cursor,
    /// Where the history was read up to.
    pub history: Cursor,
    /// The history's lines that could not be read (the log keeps its own).
    pub history_rejected: Vec<RejectedLine>,
    problems: [Vec<String>; SOURCES],
}

impl Following {
    /// Following on from the workspace's first read, with its problems in the app's words.
    pub fn new(ws: &Workspace) -> Following {
        let mut following = Following {
            log: ws.log_cursor,
            history: ws.history_cursor,
            ..Following::default()
        };
        let source_of = |file: &std::path::Path| match file.file_name().and_then(|n| n.to_str()) {
            Some("symptoms.jsonl") => Source::Log,
            Some("history.jsonl") => Source::History,
            Some("acks.jsonl") => Source::Acks,
            Some("checkins.jsonl") => Source::Checkins,
            _ => Source::Programme,
        };
        for problem in &ws.problems {
            let (source, words) = match problem {
                Problem::Data { file, warning } => (source_of(file), warning.clone()),
                Problem::Unreadable { file, error } => (source_of(file), error.to_string()),
                Problem::Config(d) => (Source::Settings, settings_kept(d)),
                Problem::Rules(d) => (Source::Settings, rules_problem(d)),
                Problem::Programme { label, headline } => {
                    (Source::Programme, format!("{label} is broken: {headline}"))
                }
            };
            following.problems[source as usize].push(words);
        }
        following
    }

    /// The problems of `source`, to replace or add to.
    pub fn problems_of(&mut self, source: Source) -> &mut Vec<String> {
        &mut self.problems[source as usize]
    }

    /// Every problem, in the order shown.
    pub fn gathered(&self) -> Vec<String> {
        self.problems.concat()
    }
}

/// A broken red-flag file of one's own, in the app's words.
pub fn rules_problem(d: &Diagnostic) -> String {
    format!(
        "{} (your red-flag rules were not loaded; the bundled ones apply)",
        d.headline()
    )
}

/// A broken config edited while the app runs, in the app's words.
pub fn settings_kept(d: &Diagnostic) -> String {
    format!(
        "{} (the settings from before stay in force until it is fixed)",
        d.headline()
    )
}
