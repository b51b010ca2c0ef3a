//! The app's side of programmes: the programme files and records, the dosed library, Today
//! under a programme, and the questions asked after a session or a log entry — "go up or stay?",
//! "the dose stepped back, here is why", "switch to the flare plan?". Owns its state, its keys
//! and its drawing; the app routes messages here while a question is open.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};

mod view;

pub use view::PromptOverlay;

use crate::flags::Flags;
use crate::history::SessionRecord;
use crate::id::new_id;
use crate::plan::Today;
use crate::programme::dose::DoseLimits;
use crate::programme::file::ProgrammeLibrary;
use crate::programme::flare::{self, Advice, Trigger};
use crate::programme::hold;
use crate::programme::offer::{self, RoutineDecision};
use crate::programme::state::{self, Direction, FlareChange, ProgrammeRecord, ProgrammeState};
use crate::programme::{Decision, schedule};
use crate::routine::{Kind, Library};
use crate::store::JsonlStore;
use crate::tui::msg::{Action, Msg};
use crate::workspace::FlareStep;

/// A question or notice waiting for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// The next level is offered: go up or stay.
    Offer(RoutineDecision),
    /// The dose stepped back (already recorded): say why.
    SteppedBack {
        /// The routine's name.
        name: String,
        /// The new level.
        to: u8,
        /// Why.
        reason: String,
    },
    /// Offer the flare plan.
    Flare {
        /// The rating it would start from.
        from_pain: u8,
        /// Why.
        reason: String,
        /// Said beside it when the pain is severe on its own: see a doctor.
        see_a_doctor: Option<&'static str>,
    },
    /// The flare plan ended (already recorded).
    FlareOver {
        /// Why.
        reason: String,
    },
}

/// Programme state in the app.
#[derive(Debug, Clone)]
pub struct ProgrammeView {
    /// Every programme.
    pub programmes: ProgrammeLibrary,
    /// The routines as written, before any dose level.
    pub written: Library,
    /// Every record, in file order.
    pub records: Vec<ProgrammeRecord>,
    /// The state folded from them.
    pub state: ProgrammeState,
    /// Who the dose is for.
    pub limits: DoseLimits,
    /// Questions waiting, first shown first.
    pub prompts: Vec<Prompt>,
    /// Problems loading or saving, in words.
    pub problems: Vec<String>,
    store: JsonlStore,
    /// Where `programme.jsonl` was read up to.
    read: crate::store::Cursor,
}

impl ProgrammeView {
    /// Loads the bundled programmes and those in `config_dir/programmes`, and the records in
    /// `data_dir`.
    pub fn load(written: &Library, data_dir: &Path, config_dir: Option<&Path>) -> ProgrammeView {
        let dirs: Vec<_> = config_dir
            .map(|d| d.join("programmes"))
            .into_iter()
            .collect();
        // Names, summaries and cautions are drawn: made safe once, here (see `untrusted`).
        let programmes = crate::tui::untrusted::programmes(ProgrammeLibrary::load(&dirs, written));
        let store = state::store(data_dir);
        let mut problems: Vec<String> = programmes
            .broken
            .iter()
            .map(|b| format!("{} is broken: {}", b.origin.label(), b.errors[0].headline()))
            .collect();
        let mut read = crate::store::Cursor::default();
        let records = match store.follow::<ProgrammeRecord>(&mut read) {
            Ok(crate::store::Tail::Whole(loaded) | crate::store::Tail::Appended(loaded)) => {
                problems.extend(store.warnings(&loaded.rejected, &loaded.notes));
                loaded.records
            }
            Err(e) => {
                problems.push(e.to_string());
                Vec::new()
            }
        };
        ProgrammeView {
            programmes,
            written: written.clone(),
            state: ProgrammeState::fold(&records, None),
            records,
            limits: DoseLimits::default(),
            prompts: Vec::new(),
            problems,
            store,
            read,
        }
    }

    /// The records appended to `programme.jsonl` since the last read (all of them when it was
    /// replaced), the state folded again; our own records read back are not added twice.
    /// Problems are added to `problems`. Whether the state changed.
    pub fn follow_records(&mut self, problems: &mut Vec<String>) -> bool {
        let before = self.state.clone();
        match self.store.follow::<ProgrammeRecord>(&mut self.read) {
            Ok(crate::store::Tail::Whole(loaded)) => {
                problems.extend(self.store.warnings(&loaded.rejected, &loaded.notes));
                self.records = loaded.records;
            }
            Ok(crate::store::Tail::Appended(loaded)) => {
                problems.extend(self.store.warnings(&loaded.rejected, &loaded.notes));
                for record in loaded.records {
                    if !self.records.contains(&record) {
                        self.records.push(record);
                    }
                }
            }
            Err(e) => problems.push(e.to_string()),
        }
        self.state = ProgrammeState::fold(&self.records, None);
        self.state != before
    }

    /// The library with each routine at its level for `today`.
    pub fn dosed(&self, today: NaiveDate) -> Library {
        let mut library = self.written.clone();
        schedule::apply_levels(
            &mut library,
            &self.programmes,
            &self.state,
            today,
            self.limits,
        );
        library
    }

    /// What the running programme or flare plan asks of `day`.
    pub fn day(&self, day: NaiveDate) -> Option<schedule::Day> {
        schedule::day(&self.programmes, &self.state, day)
    }

    /// Today under the programme or flare plan; `None` when neither is on.
    pub fn today(&self, sessions: &[SessionRecord], day: NaiveDate) -> Option<Today> {
        schedule::today(&self.programmes, &self.state, sessions, day)
    }

    fn append(&mut self, record: ProgrammeRecord) -> bool {
        match self.write(record) {
            Ok(()) => true,
            Err(e) => {
                self.problems.push(e);
                false
            }
        }
    }

    /// Writes a record to `programme.jsonl` (as the command line does: `state::record`) and
    /// folds the state again; `Err` says why it was not saved.
    fn write(&mut self, record: ProgrammeRecord) -> Result<(), String> {
        state::record(&self.store, &record).map_err(|e| format!("not saved: {e}"))?;
        self.records.push(record);
        self.state = ProgrammeState::fold(&self.records, None);
        Ok(())
    }

    /// Starts programme `id` with week 1 today (the picker): the record `knotless programme
    /// start ID` writes, ending any running programme. What to say: "Started …", and which
    /// programme it stopped.
    pub fn start(&mut self, id: &str, now: DateTime<FixedOffset>) -> Result<String, String> {
        let Some(p) = self.programmes.get(id) else {
            return Err(format!("unknown programme `{}`", crate::text::visible(id)));
        };
        let started = format!("Started {} ({} weeks).", p.name, p.weeks.len());
        let stopped = self.state.active.as_ref().map(|a| {
            let name = self
                .programmes
                .get(&a.programme)
                .map_or(crate::text::visible(&a.programme).into_owned(), |r| {
                    r.name.clone()
                });
            format!("Stopped {name}. ")
        });
        self.write(ProgrammeRecord::start(id, now.date_naive(), now))?;
        Ok(format!("{}{started}", stopped.unwrap_or_default()))
    }

    /// Stops the running programme (the picker): the record `knotless programme stop` writes.
    pub fn stop(&mut self, now: DateTime<FixedOffset>) -> Result<String, String> {
        let Some(active) = &self.state.active else {
            return Err("no programme is running".to_owned());
        };
        let name = self
            .programmes
            .get(&active.programme)
            .map_or(crate::text::visible(&active.programme).into_owned(), |p| {
                p.name.clone()
            });
        self.write(ProgrammeRecord::stop(now))?;
        Ok(format!("Stopped {name}. Today follows your plan again."))
    }

    /// After a session is saved: the dose decision for its routine (a step back is recorded at
    /// once, an offer waits for the answer) and, on a rise of 2 or more, the flare plan.
    /// `ratings` are the symptom log's (when, pain). Returns whether the levels changed.
    pub fn after_session(
        &mut self,
        record: &SessionRecord,
        sessions: &[SessionRecord],
        ratings: &[(DateTime<FixedOffset>, u8)],
        flags: &Flags,
        now: DateTime<FixedOffset>,
    ) -> bool {
        let mut changed = false;
        if record.kind == Kind::Stretch {
            let decision = offer::decide(
                offer::Inputs {
                    programmes: &self.programmes,
                    routines: &self.written,
                    state: &self.state,
                    sessions,
                    today: now.date_naive(),
                    limits: self.limits,
                    flags: hold::flag_hold(flags),
                    logged: ratings,
                },
                &record.routine,
            );
            match decision {
                Some(
                    d @ RoutineDecision {
                        decision: Decision::Offer { .. },
                        ..
                    },
                ) => self.prompts.push(Prompt::Offer(d)),
                Some(
                    d @ RoutineDecision {
                        decision: Decision::StepBack { .. },
                        ..
                    },
                ) => {
                    if let Some(change) =
                        offer::record_for(&d, Direction::Down, new_id(now.timestamp_millis()), now)
                    {
                        let prompt = Prompt::SteppedBack {
                            name: d.name.clone(),
                            to: change.to,
                            reason: change.reason.clone(),
                        };
                        if self.append(ProgrammeRecord::Dose(change)) {
                            self.prompts.push(prompt);
                            changed = true;
                        }
                    }
                }
                _ => {}
            }
        }
        if let (Some(before), Some(after)) = (record.pain_before, record.pain_after) {
            self.flare_question(Trigger::Session { before, after }, flags, now);
        }
        changed
    }

    /// After a pain rating is logged: offers the flare plan, or ends it once the pain has settled
    /// on two days (see [`flare`]). Returns whether the levels changed.
    pub fn after_log(
        &mut self,
        pain: u8,
        ratings: &[(DateTime<FixedOffset>, u8)],
        flags: &Flags,
        now: DateTime<FixedOffset>,
    ) -> bool {
        let step = crate::workspace::flare_after_rating(
            self.state.flare.as_ref(),
            pain,
            ratings,
            flags,
            new_id(now.timestamp_millis()),
            now,
        );
        match step {
            FlareStep::Ends { record, reason } => {
                let ok = self.append(record);
                if ok {
                    self.prompts.push(Prompt::FlareOver { reason });
                }
                ok
            }
            // The app says nothing of one settled day; the command line does.
            FlareStep::Nothing | FlareStep::Progress(_) => false,
            FlareStep::Offer {
                reason,
                from_pain,
                see_a_doctor,
            } => {
                let waiting = self
                    .prompts
                    .iter()
                    .any(|p| matches!(p, Prompt::Flare { .. }));
                if !waiting {
                    self.prompts.push(Prompt::Flare {
                        from_pain,
                        reason,
                        see_a_doctor,
                    });
                }
                false
            }
        }
    }

    fn flare_question(&mut self, trigger: Trigger, flags: &Flags, _now: DateTime<FixedOffset>) {
        if self
            .prompts
            .iter()
            .any(|p| matches!(p, Prompt::Flare { .. }))
        {
            return;
        }
        if let Advice::Offer { from_pain, reason } = flare::offer(
            trigger,
            flare::serious_flag(flags),
            self.state.flare.as_ref(),
        ) {
            self.prompts.push(Prompt::Flare {
                from_pain,
                reason,
                see_a_doctor: flare::see_a_doctor(flags, Some(from_pain)),
            });
        }
    }

    /// Answers the first question: `confirm` or `yes` says yes (go up / start the flare plan),
    /// `cancel` says no (stay / not now); a notice closes on either. The keys are the keymap's
    /// (the box names them: `help::prompt_hints`). `None` when the message is not an
    /// answer; `Some(levels_changed)` when it was.
    pub fn answer(&mut self, msg: Msg, now: DateTime<FixedOffset>) -> Option<bool> {
        let yes = match Action::try_from(msg).ok()? {
            Action::Confirm | Action::Yes => true,
            Action::Cancel => false,
            // Not an answer: the box stays until one of the keys it names.
            Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::First
            | Action::Last
            | Action::ScrollUp
            | Action::ScrollDown
            | Action::Pause
            | Action::Next
            | Action::Back
            | Action::Skip
            | Action::Help
            | Action::Quit
            | Action::Add
            | Action::Edit
            | Action::Delete
            | Action::Filter
            | Action::Find
            | Action::Review
            | Action::Flags
            | Action::Checked
            | Action::Undo
            | Action::Snooze
            | Action::Report
            | Action::ReportOpen
            | Action::NextTab
            | Action::PreviousTab
            | Action::Save
            | Action::ForceQuit
            | Action::Programmes
            | Action::StopProgramme => return None,
        };
        if self.prompts.is_empty() {
            return None;
        }
        let prompt = self.prompts.remove(0);
        let id = new_id(now.timestamp_millis());
        Some(match prompt {
            Prompt::Offer(d) => {
                let direction = if yes { Direction::Up } else { Direction::Stay };
                offer::record_for(&d, direction, id, now)
                    .is_some_and(|change| self.append(ProgrammeRecord::Dose(change)))
            }
            Prompt::Flare {
                from_pain, reason, ..
            } if yes => self.append(ProgrammeRecord::Flare(FlareChange {
                id,
                at: now,
                on: true,
                from_pain: Some(from_pain),
                reason,
            })),
            _ => false,
        })
    }

    /// Said beside the flare plan while it is on and the pain is severe on its own: see a doctor.
    pub fn flare_note(&self, flags: &Flags) -> Option<&'static str> {
        let f = self.state.flare?;
        flare::see_a_doctor(flags, f.from_pain)
    }

    /// The level of `routine` today under the running programme, if one runs.
    pub fn level(&self, routine: &str, day: NaiveDate) -> Option<u8> {
        if self.state.flare.is_some() {
            return None;
        }
        let p = schedule::running(&self.programmes, &self.state)?;
        Some(schedule::level(p, &self.state, routine, day))
    }
}
