//! Following the files while the app runs (DESIGN §7): what another process writes — the
//! command line, a second window, a sync tool — shows at once. The event loop calls
//! [`App::follow_files`] with the paths the watcher reported; only those files are read:
//!
//! - the log, the history, the check-ins and the programme's records by their tails (what was
//!   appended since the last read, applied by id: an edit replaces, a tombstone removes; a
//!   shrunk or replaced file is read whole). The app's own writes come back this way too and
//!   change nothing, as they are in memory already;
//! - the acknowledgements (a small file, with withdrawals to fold) whole;
//! - the config, the red-flag rules, the routines and the programmes only when one of theirs
//!   changed.
//!
//! The flags are then evaluated once if what they read changed, and the gate before a routine again. Nothing on screen is
//! disturbed beyond what changed (the highlighted entry stays highlighted, a form being typed
//! stays open, a running session runs on). Writes stay safe by themselves: an edit only replaces
//! the version it was opened on (see [`crate::symptoms::SymptomLog::save_edit`]).

use std::path::PathBuf;

use super::app::following::{Source, rules_problem, settings_kept};
use super::app::{App, Screen};
use super::programme::ProgrammeView;
use super::runner::{Gate, Stage};
use crate::clock::Now;
use crate::config::Config;
use crate::flags::RuleSet;
use crate::history::HistoryChange;
use crate::paths::Paths;
use crate::routine::Library;
use crate::store::LoadNotes;
use crate::symptoms::LogChange;

/// Which files a batch of changes touched.
#[derive(Debug, Clone, Copy, Default)]
struct Touched {
    log: bool,
    history: bool,
    acks: bool,
    checkins: bool,
    programme: bool,
    settings: bool,
}

impl Touched {
    /// From the changed paths; none means the watcher could not say, and everything is read.
    fn of(changed: &[PathBuf]) -> Touched {
        if changed.is_empty() {
            return Touched {
                log: true,
                history: true,
                acks: true,
                checkins: true,
                programme: true,
                settings: true,
            };
        }
        let mut t = Touched::default();
        for path in changed {
            match path.file_name().and_then(|n| n.to_str()).unwrap_or("") {
                "symptoms.jsonl" => t.log = true,
                "history.jsonl" => t.history = true,
                "acks.jsonl" => t.acks = true,
                name if name == "checkins.jsonl" || name == super::appointment::NOT_NOW => {
                    t.checkins = true;
                }
                "programme.jsonl" => t.programme = true,
                name if name.ends_with(".rejected") || name == super::app::WELCOME_SEEN => {}
                // The config, the rules, a routine or a programme file (or a folder of them).
                _ => t.settings = true,
            }
        }
        t
    }
}

impl App {
    /// Reads what changed in the files at `changed` (all of them when empty; see the module
    /// docs), then evaluates the flags once.
    pub fn follow_files(&mut self, paths: &Paths, changed: &[PathBuf], now: Now) {
        self.now = now;
        let touched = Touched::of(changed);
        // Whether what the flags read changed: the log, the acknowledgements, the profile or
        // the rules. Our own lines read back (a session's steps, an entry just saved) do not.
        let mut flags_read = false;
        if touched.log {
            flags_read |= self.follow_log(now);
        }
        if touched.history {
            self.follow_history();
        }
        if touched.checkins {
            let problems = self.following.problems_of(Source::Checkins);
            problems.clear();
            self.appointment.follow(problems, now.wall);
        }
        if touched.acks {
            flags_read |= self.follow_acks();
        }
        if touched.settings {
            flags_read = true;
            self.follow_settings(paths, now);
        } else if touched.programme {
            // The records alone (what was appended): the programmes and routines are as they were.
            let mut problems: Vec<String> = self
                .programme
                .programmes
                .broken
                .iter()
                .map(|b| format!("{} is broken: {}", b.origin.label(), b.errors[0].headline()))
                .collect();
            if self.programme.follow_records(&mut problems) {
                let today = now.wall.date_naive();
                self.library = self.programme.dosed(today);
                self.routines.clamp(&self.library);
            }
            *self.following.problems_of(Source::Programme) = problems;
        }
        self.load_problems = self.following.gathered();
        if flags_read {
            self.refresh_flags();
        }
        self.gate_again(now);
    }

    /// The log's new lines; whether an entry changed.
    fn follow_log(&mut self, now: Now) -> bool {
        let today = now.wall.date_naive();
        let (words, changed) = match self.symptom_log.follow(&mut self.following.log) {
            Ok(LogChange::Whole(c)) => {
                self.log.replace(c.entries, c.rejected, today);
                let store = self.symptom_log.store();
                (store.warnings(&self.log.rejected, &c.notes), true)
            }
            Ok(LogChange::Appended {
                changes,
                rejected,
                notes,
            }) => {
                let changed = self.log.apply(changes, rejected, today);
                let store = self.symptom_log.store();
                (store.warnings(&self.log.rejected, &notes), changed)
            }
            Err(e) => (vec![e.to_string()], false),
        };
        *self.following.problems_of(Source::Log) = words;
        changed
    }

    fn follow_history(&mut self) {
        let notes: LoadNotes;
        match crate::history::follow(&self.history_file, &mut self.following.history) {
            Ok(HistoryChange::Whole(h)) => {
                // A session running here is in the file as it goes; the file agrees with us.
                self.sessions = h.sessions;
                let mut breaks = h.breaks;
                breaks.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
                // A file new to us (the first answer created it) or replaced: answers later
                // than any known are new, recorded by another reminder.
                let latest = self.breaks.done.last().map(|b| b.at);
                let fresh: Vec<crate::history::BreakRecord> = breaks
                    .iter()
                    .filter(|b| latest.is_none_or(|at| b.at > at))
                    .filter(|b| !self.breaks.done.iter().any(|d| d.id == b.id))
                    .cloned()
                    .collect();
                self.breaks.done = breaks;
                self.breaks
                    .follow(&fresh, self.now, self.config.cues.snooze);
                self.following.history_rejected = h.rejected;
                notes = h.notes;
            }
            Ok(HistoryChange::Appended(mut h)) => {
                self.following
                    .history_rejected
                    .append(&mut std::mem::take(&mut h.rejected));
                notes = std::mem::take(&mut h.notes);
                // Answers recorded elsewhere (ours are known already, by id).
                let fresh: Vec<crate::history::BreakRecord> = h
                    .breaks
                    .iter()
                    .filter(|b| !self.breaks.done.iter().rev().any(|d| d.id == b.id))
                    .cloned()
                    .collect();
                crate::history::apply(&mut self.sessions, &mut self.breaks.done, h);
                self.breaks
                    .follow(&fresh, self.now, self.config.cues.snooze);
            }
            Err(e) => {
                *self.following.problems_of(Source::History) = vec![e.to_string()];
                return;
            }
        }
        *self.following.problems_of(Source::History) = self
            .history_file
            .warnings(&self.following.history_rejected, &notes);
    }

    /// The acknowledgements read again; whether they changed.
    fn follow_acks(&mut self) -> bool {
        let (words, changed) = match self.ack_log.load() {
            Ok(a) => {
                let changed = self.acks != a.records;
                self.acks = a.records;
                (
                    self.ack_log.store().warnings(&a.rejected, &a.notes),
                    changed,
                )
            }
            Err(e) => (vec![e.to_string()], false),
        };
        *self.following.problems_of(Source::Acks) = words;
        changed
    }

    /// The config, the rules, the routines and the programmes read again.
    fn follow_settings(&mut self, paths: &Paths, now: Now) {
        let mut problems = Vec::new();
        let library = Library::load(&paths.routine_dirs());
        match Config::load(&paths.config_file, now.wall.date_naive())
            .and_then(|c| c.check_routines(&library).map(|()| c))
        {
            Ok(config) => {
                if config.breaks != self.config.breaks {
                    self.breaks.scheduler =
                        crate::breaks::Scheduler::new(config.break_plans(&library), &now);
                }
                self.theme = self.theme.with_palette(config.theme);
                self.config = super::untrusted::config(config);
            }
            Err(e) => problems.push(settings_kept(&e)),
        }
        let rules = RuleSet::load(&paths.red_flags_file());
        problems.extend(rules.problems.iter().map(rules_problem));
        self.rules = super::untrusted::rules(rules);
        *self.following.problems_of(Source::Settings) = problems;
        self.follow_programme(super::untrusted::library(library), paths, now);
    }

    /// The programmes and their records read again, the routines (`library`, as written) dosed
    /// by them; a question already waiting for the person stays.
    fn follow_programme(&mut self, library: Library, paths: &Paths, now: Now) {
        let today = now.wall.date_naive();
        let prompts = std::mem::take(&mut self.programme.prompts);
        self.programme = ProgrammeView::load(&library, &paths.data_dir, paths.config_file.parent());
        self.programme.limits =
            crate::programme::DoseLimits::for_profile(&self.config.profile, today);
        self.programme.prompts = prompts;
        *self.following.problems_of(Source::Programme) =
            std::mem::take(&mut self.programme.problems);
        self.library = self.programme.dosed(today);
        self.routines.clamp(&self.library);
    }

    /// A routine not yet running is checked again against the flags, the log and the history
    /// as they are now: an emergency logged elsewhere puts the gate in front of it at once.
    fn gate_again(&mut self, now: Now) {
        let Screen::Runner(runner) = &self.screen else {
            return;
        };
        if !matches!(
            runner.stage,
            Stage::Gate(_) | Stage::Briefing { .. } | Stage::PainBefore(_)
        ) {
            return;
        }
        let gate = Gate::for_routine(
            &runner.routine,
            &self.flags,
            &self.log.entries,
            &self.sessions,
            now.wall,
        );
        let routine = runner.written.clone();
        match (&runner.stage, gate.is_empty()) {
            // Nothing holds it back (any more): a gate that was showing stays until the person
            // moves on; a checklist being ticked is not disturbed.
            (_, true) => {}
            _ => self.start(routine, now),
        }
    }

    /// Pasted text: into the note being typed, or nowhere. Whether to redraw.
    pub fn paste(&mut self, text: &str) -> bool {
        matches!(self.screen, Screen::Log) && self.log.paste(text, &self.symptom_log, self.now.wall)
    }
}
