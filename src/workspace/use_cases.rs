//! The use cases both front ends call: the flags and what lapsed, the programme's decisions,
//! what follows a log entry (the flags it raises, the flare-plan step after its pain rating),
//! the report's inputs and its period.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use super::Workspace;
use crate::flags::lapsed::{Lapsed, recently_lapsed};
use crate::flags::notice::told_since_asks;
use crate::flags::{Flags, Moment, Rule, evaluate_at};
use crate::programme::dose::DoseLimits;
use crate::programme::flare::{self, Advice, Settling, Trigger};
use crate::programme::hold;
use crate::programme::offer::{self, RoutineDecision};
use crate::programme::state::{Flare, FlareChange, ProgrammeRecord, ProgrammeState};
use crate::report::{Inputs, Period};
use crate::symptoms::SymptomEntry;
use crate::when::When;

/// How many days the report covers when `--since` is not given.
pub const REPORT_DAYS: i64 = 90;

/// What follows an entry just written: the flags without it and with it (what it raised is
/// [`crate::flags::notice::told_since`] of the two), and the flare-plan step for its rating.
#[derive(Debug)]
pub struct AfterEntry {
    /// The flags as they were without the entry, of the rules whose telling depends on them
    /// (those [`crate::flags::notice::told_since`] keeps quiet when they were active before);
    /// the others are not evaluated twice.
    pub before: Flags,
    /// The flags with it.
    pub flags: Flags,
    /// What the flare plan does after its pain rating.
    pub flare: FlareStep,
}

/// What the flare plan does after a pain rating is logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlareStep {
    /// Nothing to say.
    Nothing,
    /// The plan was on and the pain has settled on two days: it ends with this record (to be
    /// appended) for this reason.
    Ends {
        /// The record that switches it off.
        record: ProgrammeRecord,
        /// Why, in words.
        reason: String,
    },
    /// The plan is on and the pain settled on one day so far: how far it has come.
    Progress(String),
    /// Offer the plan (never over an emergency or urgent flag).
    Offer {
        /// Why, in words.
        reason: String,
        /// The rating it would start from.
        from_pain: u8,
        /// The note to see a doctor when the pain is severe on its own.
        see_a_doctor: Option<&'static str>,
    },
}

/// The flare-plan step after a pain rating of `pain`: while the plan is on (`flare`), its end
/// once the `ratings` (when, pain) have settled on two days, or how far they have come; while it
/// is off, the offer when the rating calls for it and no emergency or urgent flag is active.
/// `id` names the record that would end it.
pub fn flare_after_rating(
    flare: Option<&Flare>,
    pain: u8,
    ratings: &[(DateTime<FixedOffset>, u8)],
    flags: &Flags,
    id: String,
    now: DateTime<FixedOffset>,
) -> FlareStep {
    if let Some(f) = flare {
        return match flare::settling(f, ratings) {
            Settling::Ends(reason) => FlareStep::Ends {
                record: ProgrammeRecord::Flare(FlareChange {
                    id,
                    at: now,
                    on: false,
                    from_pain: None,
                    reason: reason.clone(),
                }),
                reason,
            },
            Settling::OneDay(progress) => FlareStep::Progress(progress),
            Settling::NotYet => FlareStep::Nothing,
        };
    }
    match flare::offer(Trigger::Logged(pain), flare::serious_flag(flags), None) {
        Advice::Offer { reason, from_pain } => FlareStep::Offer {
            reason,
            from_pain,
            see_a_doctor: flare::see_a_doctor(flags, Some(from_pain)),
        },
        _ => FlareStep::Nothing,
    }
}

impl Workspace {
    /// The flags at `moment`.
    pub fn evaluate(&self, moment: Moment) -> Flags {
        evaluate_at(
            &self.entries,
            &self.config.profile,
            &self.rules.rules,
            &self.acks,
            moment,
        )
    }

    /// The urgent and soon flags that lapsed unchecked in the 30 days up to `now`.
    pub fn lapsed(&self, now: DateTime<FixedOffset>) -> Vec<Lapsed> {
        recently_lapsed(
            &self.entries,
            &self.config.profile,
            &self.rules.rules,
            &self.acks,
            now,
        )
    }

    /// The symptom log's pain ratings: (when, pain).
    pub fn ratings(&self) -> Vec<(DateTime<FixedOffset>, u8)> {
        self.entries.iter().map(|e| (e.at, e.pain)).collect()
    }

    /// What the programme's records say now.
    pub fn programme_state(&self) -> ProgrammeState {
        ProgrammeState::fold(&self.programme, None)
    }

    /// Who the dose is for, from the config's birth year and conditions.
    pub fn limits(&self, today: NaiveDate) -> DoseLimits {
        DoseLimits::for_profile(&self.config.profile, today)
    }

    /// The dose decision for every routine of the running programme.
    pub fn decisions(
        &self,
        state: &ProgrammeState,
        now: DateTime<FixedOffset>,
    ) -> Vec<RoutineDecision> {
        let flags = self.evaluate(Moment::live(now));
        let logged = self.ratings();
        offer::decide_all(offer::Inputs {
            programmes: &self.programmes,
            routines: &self.library,
            state,
            sessions: &self.sessions,
            today: now.date_naive(),
            limits: self.limits(now.date_naive()),
            flags: hold::flag_hold(&flags),
            logged: &logged,
        })
    }

    /// After `entry` was written (it is added to the log here if the load did not see it):
    /// the flags without it and with it, and the flare-plan step after its pain rating. The
    /// caller appends [`FlareStep::Ends`]'s record (see [`Workspace::append_programme`]).
    pub fn after_log_entry(
        &mut self,
        entry: &SymptomEntry,
        record_id: String,
        now: DateTime<FixedOffset>,
    ) -> AfterEntry {
        if !self.entries.iter().any(|e| e.id == entry.id) {
            let at = self
                .entries
                .partition_point(|e| (e.at, &e.id) <= (entry.at, &entry.id));
            self.entries.insert(at, entry.clone());
        }
        let flags = self.evaluate(Moment::live(now));
        // Each rule is evaluated on its own, so the rules `told_since` asks about give the
        // same flags evaluated alone; the log without the entry is read only for them.
        let asked: Vec<Rule> = self
            .rules
            .rules
            .iter()
            .filter(|r| told_since_asks(r) && flags.get(&r.id).is_some())
            .cloned()
            .collect();
        let before = if asked.is_empty() {
            Flags::default()
        } else {
            let others: Vec<SymptomEntry> = self
                .entries
                .iter()
                .filter(|e| e.id != entry.id)
                .cloned()
                .collect();
            evaluate_at(
                &others,
                &self.config.profile,
                &asked,
                &self.acks,
                Moment::live(now),
            )
        };
        let flare = flare_after_rating(
            self.programme_state().flare.as_ref(),
            entry.pain,
            &self.ratings(),
            &flags,
            record_id,
            now,
        );
        AfterEntry {
            before,
            flags,
            flare,
        }
    }

    /// Appends a programme record and keeps it.
    pub fn append_programme(
        &mut self,
        record: ProgrammeRecord,
    ) -> Result<(), crate::store::StoreError> {
        crate::programme::state::record(&self.programme_store(), &record)?;
        self.programme.push(record);
        Ok(())
    }

    /// Routine names by id, for the report.
    pub fn routine_names(&self) -> HashMap<String, String> {
        self.library
            .ids()
            .into_iter()
            .filter_map(|id| {
                self.library
                    .get(id)
                    .map(|r| (id.to_owned(), r.name.clone()))
            })
            .collect()
    }

    /// What the report is computed from; `names` from [`Workspace::routine_names`].
    pub fn report_inputs<'a>(
        &'a self,
        show_profile: bool,
        names: &'a HashMap<String, String>,
    ) -> Inputs<'a> {
        Inputs {
            entries: &self.entries,
            sessions: &self.sessions,
            breaks: &self.breaks,
            checkins: &self.checkins,
            acks: &self.acks,
            rules: &self.rules.rules,
            profile: &self.config.profile,
            show_profile,
            plan: &self.config.plan,
            routine_names: names,
            emergency_number: self.config.emergency_number.as_deref(),
            programme: &self.programme,
            programmes: &self.programmes,
        }
    }
}

/// The report's period when none is given: the [`REPORT_DAYS`] days ending today.
pub fn default_period(now: DateTime<FixedOffset>) -> Result<Period, String> {
    period(None, None, Some(REPORT_DAYS), now)
}

/// The period from `--since` and `--until`: a day given to `--until` includes the whole day, a
/// moment includes that moment. Without `--since`, `default_days` days ending today (or from
/// the beginning of time when `None`); without `--until`, the end of today.
pub fn period(
    since: Option<When>,
    until: Option<When>,
    default_days: Option<i64>,
    now: DateTime<FixedOffset>,
) -> Result<Period, String> {
    let today = When::Day(now.date_naive());
    let until_at = match until {
        Some(When::At(at)) => at + Duration::nanoseconds(1),
        Some(day) => day.end().map_err(|e| format!("--until: {e}"))?,
        None => today.end().map_err(|e| e.to_string())?,
    };
    let since_at = match (since, default_days) {
        (Some(s), _) => s.start().map_err(|e| format!("--since: {e}"))?,
        (None, Some(days)) => {
            let last = (until_at - Duration::seconds(1)).date_naive();
            When::Day(last - Duration::days(days - 1))
                .start()
                .map_err(|e| e.to_string())?
        }
        (None, None) => DateTime::<FixedOffset>::MIN_UTC.fixed_offset(),
    };
    if since_at >= until_at {
        return Err(format!(
            "--since {} is after --until {}; accepted: a --since before the --until (a day given \
             to --until includes the whole day)",
            since_at.format("%Y-%m-%d %H:%M %:z"),
            (until_at - Duration::nanoseconds(1)).format("%Y-%m-%d %H:%M %:z"),
        ));
    }
    Ok(Period {
        since: since_at,
        until: until_at,
    })
}
