//! The report's model: [`Report`] and the structs it is made of, each section's figures as the
//! writers read them. Serialised as is for `--format json`, so these structs are the JSON schema
//! (see the README).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

/// The schema name and version written in the JSON.
pub const SCHEMA: &str = "knotless-report/1";

/// The whole report. Serialised as is for `--format json` (see the README for the schema).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// When the report was made.
    pub generated: DateTime<FixedOffset>,
    /// What it covers.
    pub period: PeriodOut,
    /// The UTC offsets entries and sessions in the period were recorded in.
    pub offsets: Vec<String>,
    /// Age and conditions, unless left out.
    pub profile: Option<ProfileOut>,
    /// Red flags.
    pub flags: FlagsOut,
    /// Pain from the log.
    pub pain: PainOut,
    /// Where it hurts.
    pub areas: Vec<CountOut>,
    /// What sets it off.
    pub triggers: Vec<CountOut>,
    /// What helps.
    pub relief: Vec<CountOut>,
    /// Pain by time of day.
    pub time_of_day: Vec<CountOut>,
    /// Routines done.
    pub routines: RoutinesOut,
    /// Posture breaks.
    pub breaks: BreaksOut,
    /// The weekly PEG check-ins.
    pub checkins: CheckinsOut,
    /// Appendix: every entry in the period, in time order.
    pub entries: Vec<EntryOut>,
    /// Appendix: every session in the period, in time order.
    pub sessions: Vec<SessionOut>,
}

/// The period in the JSON.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodOut {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// First moment.
    pub since: DateTime<FixedOffset>,
    /// First moment after.
    pub until: DateTime<FixedOffset>,
    /// Days covered.
    pub days: i64,
}

/// Age and conditions.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileOut {
    /// Age this year, from the birth year.
    pub age: Option<i32>,
    /// Conditions, as labels.
    pub conditions: Vec<String>,
}

/// Red flags now and in the period.
#[derive(Debug, Clone, Serialize)]
pub struct FlagsOut {
    /// Active at the time of the report, most severe first.
    pub active_now: Vec<FlagOut>,
    /// Raised at some point in the period (active or since acknowledged), most severe first.
    pub in_period: Vec<FlagOut>,
}

/// One flag.
#[derive(Debug, Clone, Serialize)]
pub struct FlagOut {
    /// Rule id.
    pub id: String,
    /// `emergency`, `urgent` or `soon`.
    pub level: &'static str,
    /// What was logged, as a headline.
    pub title: String,
    /// What to do.
    pub action: String,
    /// When it was acknowledged ("I have had this checked"), if it was.
    pub acknowledged: Option<DateTime<FixedOffset>>,
    /// When it lapsed with its window without being marked as checked, if it did in the
    /// period and is not raised since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lapsed: Option<DateTime<FixedOffset>>,
    /// The entries behind it, newest first.
    pub evidence: Vec<EvidenceOut>,
}

/// One entry behind a flag.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceOut {
    /// Entry id.
    pub id: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// What in it the rule looked at, in labels.
    pub matched: String,
}

/// Pain over the period.
#[derive(Debug, Clone, Serialize)]
pub struct PainOut {
    /// Entries.
    pub entries: usize,
    /// Days with at least one entry.
    pub days_logged: usize,
    /// Mean of every rating.
    pub mean: Option<f64>,
    /// Worst rating.
    pub worst: Option<u8>,
    /// Per week (Monday first), weeks with entries only.
    pub weeks: Vec<WeekPain>,
    /// Per day with entries.
    pub days: Vec<DayPainOut>,
}

/// Pain in one week.
#[derive(Debug, Clone, Serialize)]
pub struct WeekPain {
    /// The Monday.
    pub week: NaiveDate,
    /// Entries.
    pub entries: usize,
    /// Mean rating.
    pub mean: f64,
    /// Worst rating.
    pub worst: u8,
}

/// Pain on one day.
#[derive(Debug, Clone, Serialize)]
pub struct DayPainOut {
    /// The day.
    pub date: NaiveDate,
    /// Entries.
    pub entries: usize,
    /// Mean rating.
    pub mean: f64,
    /// Worst rating.
    pub worst: u8,
}

/// A "how often, how bad" row.
#[derive(Debug, Clone, Serialize)]
pub struct CountOut {
    /// Vocabulary id (or `morning` … `night`).
    pub id: String,
    /// What a person reads.
    pub label: String,
    /// Entries naming it.
    pub entries: usize,
    /// Their mean pain.
    pub mean_pain: Option<f64>,
}

/// Routines in the period.
#[derive(Debug, Clone, Serialize)]
pub struct RoutinesOut {
    /// Sessions in the period.
    pub sessions: usize,
    /// Per week (Monday first), weeks with sessions only.
    pub weeks: Vec<WeekRoutines>,
    /// Days with a plan in the period (up to today), and on how many all of it was done.
    pub plan: PlanOut,
    /// Per routine, pain before → after.
    pub effects: Vec<EffectOut>,
    /// Dose changes of a programme (up, stayed, stepped back) and the flare plan switched on or
    /// off, each with its reason, oldest first.
    pub changes: Vec<ChangeOut>,
}

/// A change the programme made or the person chose, and why.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeOut {
    /// When.
    pub at: DateTime<FixedOffset>,
    /// The routine's name, for a dose change.
    pub routine: Option<String>,
    /// What changed, e.g. "level 2 → 3 (up)" or "flare plan on".
    pub change: String,
    /// Why, in the words the person was shown.
    pub reason: String,
}

/// Sessions and minutes in one week.
#[derive(Debug, Clone, Serialize)]
pub struct WeekRoutines {
    /// The Monday.
    pub week: NaiveDate,
    /// Sessions.
    pub sessions: usize,
    /// Minutes of stretching.
    pub stretch_minutes: u64,
    /// Minutes of heat.
    pub heat_minutes: u64,
    /// Minutes of posture breaks.
    pub posture_break_minutes: u64,
}

/// Plan adherence.
#[derive(Debug, Clone, Serialize)]
pub struct PlanOut {
    /// Days something was planned.
    pub days_planned: usize,
    /// Days every planned routine was completed.
    pub days_done: usize,
}

/// How one routine went.
#[derive(Debug, Clone, Serialize)]
pub struct EffectOut {
    /// Routine id.
    pub routine: String,
    /// Its name.
    pub name: String,
    /// Sessions.
    pub sessions: usize,
    /// Sessions rated before and after.
    pub rated: usize,
    /// Mean pain before (rated sessions).
    pub before: Option<f64>,
    /// Mean pain after.
    pub after: Option<f64>,
    /// Mean change after − before; `None` when too few to tell.
    pub change: Option<f64>,
    /// In words: "too few to tell", "eased by 2 or more (a clear drop)", …
    pub verdict: String,
}

/// Posture breaks.
#[derive(Debug, Clone, Serialize)]
pub struct BreaksOut {
    /// Taken.
    pub taken: usize,
    /// Started but not done.
    pub not_done: usize,
    /// Snoozed.
    pub snoozed: usize,
    /// Skipped.
    pub skipped: usize,
}

/// The PEG check-ins.
#[derive(Debug, Clone, Serialize)]
pub struct CheckinsOut {
    /// Each in the period.
    pub items: Vec<CheckinOut>,
    /// Change of the score from the first to the last, in whole percent as printed (negative:
    /// better); `null` with fewer than two check-ins or a first score of 0.
    pub change_percent: Option<f64>,
    /// Change of the score from the first to the last, in points of the 0–10 score as printed
    /// (negative: better); given even when the first score was 0.
    pub change_points: Option<f64>,
    /// `better`, `no change` or `worse` (any rise is worse).
    pub direction: Option<&'static str>,
    /// Whether the printed percentage is a fall of 30% or more.
    pub meaningful_improvement: Option<bool>,
}

/// One check-in.
#[derive(Debug, Clone, Serialize)]
pub struct CheckinOut {
    /// When.
    pub at: DateTime<FixedOffset>,
    /// P.
    pub pain: u8,
    /// E.
    pub enjoyment: u8,
    /// G.
    pub activity: u8,
    /// Mean of the three.
    pub score: f64,
}

/// An appendix entry.
#[derive(Debug, Clone, Serialize)]
pub struct EntryOut {
    /// Id.
    pub id: String,
    /// When, with its offset.
    pub at: DateTime<FixedOffset>,
    /// 0–10.
    pub pain: u8,
    /// `sudden`, `gradual` or none.
    pub onset: Option<&'static str>,
    /// Area labels.
    pub areas: Labels,
    /// Symptom labels.
    pub symptoms: Labels,
    /// Screening questions answered "no", as symptom labels.
    pub denied: Labels,
    /// Trigger labels.
    pub triggers: Labels,
    /// Relief labels.
    pub relief: Labels,
    /// The note, exactly as written.
    pub note: String,
    /// When the entry was first written (from its id), in the offset of `at`.
    pub written: Option<DateTime<FixedOffset>>,
    /// Whether it was written more than a day after `at`: the report then says when.
    pub written_late: bool,
    /// When an edit last changed what the red-flag rules read, if one did.
    pub edited: Option<DateTime<FixedOffset>>,
}

/// An appendix session.
#[derive(Debug, Clone, Serialize)]
pub struct SessionOut {
    /// Id.
    pub id: String,
    /// Routine id.
    pub routine: String,
    /// Routine name.
    pub name: String,
    /// `stretch`, `heat`, `posture-break`.
    pub kind: &'static str,
    /// Started, with its offset.
    pub started: DateTime<FixedOffset>,
    /// Active minutes (pauses left out), rounded.
    pub minutes: u64,
    /// As recorded: completed, partial, stopped, interrupted …
    pub outcome: &'static str,
    /// Pain before.
    pub pain_before: Option<u8>,
    /// Pain after.
    pub pain_after: Option<u8>,
}

/// The labels of a set of vocabulary ids (an entry's areas, symptoms, triggers or reliefs), in
/// vocabulary order; written to JSON as a list of strings. It keeps the set rather than a list,
/// so ten years of appendix rows cost no allocation for their labels.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    /// Every label of the category, by the id's position in the vocabulary.
    by_index: &'static [&'static str],
    /// Bit `i` set: `by_index[i]` is in.
    bits: u64,
}

impl Labels {
    /// The labels of the ids at `indices` of `by_index`.
    pub(super) fn new(
        by_index: &'static [&'static str],
        indices: impl Iterator<Item = usize>,
    ) -> Labels {
        Labels {
            by_index,
            bits: indices.fold(0, |bits, i| bits | 1 << i),
        }
    }

    /// The labels, in vocabulary order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + use<> {
        let (by_index, mut bits) = (self.by_index, self.bits);
        std::iter::from_fn(move || {
            let i = bits.trailing_zeros() as usize;
            bits &= bits.checked_sub(1)?;
            Some(by_index.get(i).copied().unwrap_or(""))
        })
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }
}

impl std::fmt::Debug for Labels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Labels {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}
