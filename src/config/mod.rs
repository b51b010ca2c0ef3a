//! The config file (`config.toml`, DESIGN §3). Every section is optional and unknown keys are
//! errors reported with file, line and column: a broken config stops knotless with that error
//! rather than silently using defaults. `knotless config` prints the effective configuration.
//! Reading the file is in `parse`, printing it in `print`; the `[keys]` and `[theme]` settings
//! are in [`keys`] and [`palette`].
//!
//! ```toml
//! emergency_number = "999"          # shown in emergency actions; default "your local emergency number"
//!
//! [profile]
//! birth_year = 1968                 # for the age-related flags
//! conditions = ["osteoporosis"]     # cancer-history, osteoporosis, long-term-steroids,
//!                                   # immunosuppressed, iv-drug-use, diabetes
//!
//! [cues]
//! bell = true                       # terminal bell at phase changes and due breaks
//! notify = false                    # desktop notification for due breaks (`notify` feature)
//! halfway = true                    # mark the halfway point of long holds
//! countdown = true                  # 3-2-1 before each phase ends
//! snooze = "5m"                     # how long "snooze" puts a break off
//!
//! [[breaks]]                        # none given: the two defaults below
//! routine = "posture-check"         # a posture-break routine
//! every = "30m"                     # default: the routine's own `every`
//! days = ["weekdays"]               # mon … sun, weekdays, weekend, daily (default weekdays)
//! from = "09:00"                    # working hours (default 09:00–17:00)
//! to = "17:00"
//!
//! [[plan]]                          # none given: morning mobility and lower back release, daily
//! routine = "morning-mobility"
//! days = ["daily"]
//! time = "08:00"                    # optional
//! ```

pub mod keys;
pub mod palette;
mod parse;
mod print;

use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use crate::breaks::BreakPlan;
use crate::diagnostic::Diagnostic;
use crate::flags::Profile;
use crate::routine::{Kind, Library};
use keys::Keymap;
use palette::Palette;

/// Sounds and marks during sessions and breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cues {
    /// Ring the terminal bell.
    pub bell: bool,
    /// Desktop notifications for due breaks.
    pub notify: bool,
    /// Mark the halfway point of long holds.
    pub halfway: bool,
    /// Count 3-2-1 before a phase ends.
    pub countdown: bool,
    /// How long snoozing puts a break off.
    pub snooze: Duration,
}

impl Default for Cues {
    fn default() -> Self {
        Cues {
            bell: true,
            notify: false,
            halfway: true,
            countdown: true,
            snooze: Duration::from_secs(5 * 60),
        }
    }
}

/// One `[[breaks]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakConfig {
    /// The posture-break routine.
    pub routine: String,
    /// How often; `None`: the routine's own `every`.
    pub every: Option<Duration>,
    /// Days it runs.
    pub days: Vec<Weekday>,
    /// Working hours from …
    pub from: NaiveTime,
    /// … to.
    pub to: NaiveTime,
    /// Where `routine` is written, for errors (`None` for the defaults).
    span: Option<Range<usize>>,
}

/// One `[[plan]]` entry: a routine meant for certain days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEntry {
    /// The routine.
    pub routine: String,
    /// The days it is meant for.
    pub days: Vec<Weekday>,
    /// A time of day, if given.
    pub time: Option<NaiveTime>,
    /// Where `routine` is written, for errors (`None` for the defaults).
    span: Option<Range<usize>>,
}

/// Monday to Friday.
pub const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];
/// The week, Monday first.
pub const ALL_DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn default_breaks() -> Vec<BreakConfig> {
    ["posture-check", "desk-reset"]
        .iter()
        .map(|r| BreakConfig {
            routine: (*r).to_owned(),
            every: None,
            days: WEEKDAYS.to_vec(),
            from: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            to: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            span: None,
        })
        .collect()
}

fn default_plan() -> Vec<PlanEntry> {
    ["morning-mobility", "lower-back-release"]
        .iter()
        .map(|r| PlanEntry {
            routine: (*r).to_owned(),
            days: ALL_DAYS.to_vec(),
            time: None,
            span: None,
        })
        .collect()
}

/// The effective configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The number to call in an emergency (999, 911, 112…), if set.
    pub emergency_number: Option<String>,
    /// The person, for the red flags.
    pub profile: Profile,
    /// Bells and marks.
    pub cues: Cues,
    /// The posture-break timers.
    pub breaks: Vec<BreakConfig>,
    /// The daily plan.
    pub plan: Vec<PlanEntry>,
    /// Colours (`NO_COLOR` always wins).
    pub theme: Palette,
    /// Keys to actions, with `[keys]` applied.
    pub keys: Keymap,
    /// The file and its text, to point at routines that turn out not to exist.
    source: Option<(String, String)>,
    /// Where `birth_year` is in the file, to point at a year in the future.
    birth_year_span: Option<Range<usize>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            emergency_number: None,
            profile: Profile::default(),
            cues: Cues::default(),
            breaks: default_breaks(),
            plan: default_plan(),
            theme: Palette::default(),
            keys: Keymap::default(),
            source: None,
            birth_year_span: None,
        }
    }
}

impl Config {
    /// Reads `path` as of `today` (a birth year after today's year is refused at its line and
    /// column); a missing file is the defaults.
    pub fn load(path: &Path, today: NaiveDate) -> Result<Config, Diagnostic> {
        let name = path.display().to_string();
        match crate::disk::read_to_string(path) {
            Ok(text) => Config::parse_as_of(&name, &text, today),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Diagnostic::whole_file(
                &name,
                format!("cannot read it: {e}"),
            )),
        }
    }

    /// Parses the text of a config file called `file` as of `today`: [`Config::parse`] and
    /// [`Config::check_birth_year`].
    pub fn parse_as_of(file: &str, text: &str, today: NaiveDate) -> Result<Config, Diagnostic> {
        let config = Config::parse(file, text)?;
        config.check_birth_year(today)?;
        Ok(config)
    }

    /// Refuses a birth year after the year of `today`, at its line and column. (The parser
    /// refuses one before 1900; it has no clock for this check.)
    pub fn check_birth_year(&self, today: NaiveDate) -> Result<(), Diagnostic> {
        let this_year = today.year();
        match self.profile.birth_year {
            Some(year) if year > this_year => {
                let message = format!(
                    "`birth_year` {year} is in the future: it must be a year from {} to {this_year}",
                    parse::FIRST_BIRTH_YEAR
                );
                let d = match (&self.source, &self.birth_year_span) {
                    (Some((file, text)), Some(span)) => {
                        Diagnostic::at(file, text, Some(span.clone()), message)
                    }
                    _ => Diagnostic::whole_file("config.toml", message),
                };
                Err(d.with_help("write the year you were born, like 1968"))
            }
            _ => Ok(()),
        }
    }

    /// Checks that every routine named by `[[breaks]]` and `[[plan]]` exists, and that breaks
    /// name posture-break routines.
    pub fn check_routines(&self, library: &Library) -> Result<(), Diagnostic> {
        let fail = |span: &Option<Range<usize>>, message: String| {
            let d = match (&self.source, span) {
                (Some((file, text)), Some(span)) => {
                    Diagnostic::at(file, text, Some(span.clone()), message)
                }
                _ => Diagnostic::whole_file("config.toml (defaults)", message),
            };
            Err(d.with_help(format!("known routines: {}", library.ids().join(", "))))
        };
        for b in &self.breaks {
            match library.get(&b.routine) {
                None => return fail(&b.span, format!("unknown routine `{}`", b.routine)),
                Some(r) if r.kind != Kind::PostureBreak => {
                    return fail(
                        &b.span,
                        format!(
                            "`{}` is a {} routine, not a posture break",
                            b.routine,
                            r.kind.id()
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        for p in &self.plan {
            if library.get(&p.routine).is_none() {
                return fail(&p.span, format!("unknown routine `{}`", p.routine));
            }
        }
        Ok(())
    }

    /// The break timers' plans, with each routine's own `every` where none is given.
    pub fn break_plans(&self, library: &Library) -> Vec<BreakPlan> {
        self.breaks
            .iter()
            .filter_map(|b| {
                let every = b.every.or_else(|| library.get(&b.routine)?.every)?;
                Some(BreakPlan {
                    routine: b.routine.clone(),
                    every,
                    days: b.days.clone(),
                    from: b.from,
                    to: b.to,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
