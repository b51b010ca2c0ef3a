//! The config file (`config.toml`, DESIGN §3). Every section is optional and unknown keys are
//! errors reported with file, line and column: a broken config stops knotless with that error
//! rather than silently using defaults. `knotless config` prints the effective configuration.
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

use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use chrono::{NaiveTime, Weekday};
use serde::Deserialize;
use toml::Spanned;

use ratatui::style::Color;

use crate::breaks::BreakPlan;
use crate::diagnostic::Diagnostic;
use crate::duration::Compact;
use crate::flags::Profile;
use crate::routine::{Kind, Library};
use crate::vocabulary::ProfileConditions;
use keys::Keymap;
use palette::Palette;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    emergency_number: Option<Spanned<String>>,
    #[serde(default)]
    profile: ProfileFile,
    #[serde(default)]
    cues: CuesFile,
    breaks: Option<Vec<BreakFile>>,
    plan: Option<Vec<PlanFile>>,
    #[serde(default)]
    theme: ThemeFile,
    #[serde(default)]
    keys: std::collections::BTreeMap<String, Spanned<KeysValue>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum KeysValue {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    title: Option<Spanned<String>>,
    selected: Option<Spanned<String>>,
    key: Option<Spanned<String>>,
    good: Option<Spanned<String>>,
    caution: Option<Spanned<String>>,
    error: Option<Spanned<String>>,
    muted: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CuesFile {
    bell: Option<bool>,
    notify: Option<bool>,
    halfway: Option<bool>,
    countdown: Option<bool>,
    snooze: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BreakFile {
    routine: Spanned<String>,
    every: Option<Spanned<String>>,
    days: Option<Vec<Spanned<String>>>,
    from: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    routine: Spanned<String>,
    days: Option<Vec<Spanned<String>>>,
    time: Option<Spanned<String>>,
}

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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    birth_year: Option<Spanned<i64>>,
    #[serde(default)]
    conditions: Vec<Spanned<String>>,
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
        }
    }
}

impl Config {
    /// Reads `path`; a missing file is the defaults.
    pub fn load(path: &Path) -> Result<Config, Diagnostic> {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&name, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Diagnostic::whole_file(
                &name,
                format!("cannot read it: {e}"),
            )),
        }
    }

    /// Parses the text of a config file called `file`.
    pub fn parse(file: &str, text: &str) -> Result<Config, Diagnostic> {
        let at = |span, message: String| Diagnostic::at(file, text, Some(span), message);
        let raw: ConfigFile =
            toml::from_str(text).map_err(|e| Diagnostic::from_toml(file, text, &e))?;
        let emergency_number = match raw.emergency_number {
            Some(n) if n.get_ref().trim().is_empty() => {
                return Err(at(n.span(), "`emergency_number` is empty".into())
                    .with_help("for example \"999\" (UK), \"911\" (US, Canada), \"112\" (EU)"));
            }
            n => n.map(|n| n.into_inner().trim().to_owned()),
        };
        let birth_year = match raw.profile.birth_year {
            Some(y) if !(1900..=2100).contains(y.get_ref()) => {
                return Err(at(
                    y.span(),
                    format!(
                        "`birth_year` must be a year like 1968 (got {})",
                        y.get_ref()
                    ),
                ));
            }
            y => y.map(|y| *y.get_ref() as i32),
        };
        let mut conditions = ProfileConditions::new();
        for c in &raw.profile.conditions {
            conditions
                .insert(c.get_ref())
                .map_err(|e| at(c.span(), e.to_string()))?;
        }
        let duration = |v: &Spanned<String>, what: &str| {
            crate::duration::parse(v.get_ref()).map_err(|e| at(v.span(), format!("`{what}`: {e}")))
        };
        let days = |list: &Option<Vec<Spanned<String>>>, default: &[Weekday]| {
            let Some(list) = list else {
                return Ok(default.to_vec());
            };
            let mut out = Vec::new();
            for d in list {
                let add: Vec<Weekday> = match d.get_ref().to_ascii_lowercase().as_str() {
                    "weekdays" => WEEKDAYS.to_vec(),
                    "weekend" => vec![Weekday::Sat, Weekday::Sun],
                    "daily" => ALL_DAYS.to_vec(),
                    other => match other.parse::<Weekday>() {
                        Ok(day) => vec![day],
                        Err(_) => {
                            return Err(at(d.span(), format!("unknown day `{}`", d.get_ref()))
                                .with_help(
                                    "mon, tue, wed, thu, fri, sat, sun, weekdays, weekend, daily",
                                ));
                        }
                    },
                };
                for day in add {
                    if !out.contains(&day) {
                        out.push(day);
                    }
                }
            }
            Ok(out)
        };
        let time = |v: &Spanned<String>, what: &str| {
            NaiveTime::parse_from_str(v.get_ref().trim(), "%H:%M").map_err(|_| {
                at(
                    v.span(),
                    format!("`{what}`: `{}` is not a time", v.get_ref()),
                )
                .with_help("write 24-hour time as HH:MM, like \"09:00\" or \"17:30\"")
            })
        };
        let c = &raw.cues;
        let defaults = Cues::default();
        let cues = Cues {
            bell: c.bell.unwrap_or(defaults.bell),
            notify: c.notify.unwrap_or(defaults.notify),
            halfway: c.halfway.unwrap_or(defaults.halfway),
            countdown: c.countdown.unwrap_or(defaults.countdown),
            snooze: match &c.snooze {
                Some(v) => duration(v, "snooze")?,
                None => defaults.snooze,
            },
        };
        let breaks = match &raw.breaks {
            None => default_breaks(),
            Some(list) => {
                let mut out = Vec::new();
                for b in list {
                    let hours = default_breaks().remove(0);
                    out.push(BreakConfig {
                        routine: b.routine.get_ref().clone(),
                        every: b.every.as_ref().map(|v| duration(v, "every")).transpose()?,
                        days: days(&b.days, &WEEKDAYS)?,
                        from: b
                            .from
                            .as_ref()
                            .map(|v| time(v, "from"))
                            .transpose()?
                            .unwrap_or(hours.from),
                        to: b
                            .to
                            .as_ref()
                            .map(|v| time(v, "to"))
                            .transpose()?
                            .unwrap_or(hours.to),
                        span: Some(b.routine.span()),
                    });
                }
                out
            }
        };
        let plan = match &raw.plan {
            None => default_plan(),
            Some(list) => {
                let mut out = Vec::new();
                for p in list {
                    out.push(PlanEntry {
                        routine: p.routine.get_ref().clone(),
                        days: days(&p.days, &ALL_DAYS)?,
                        time: p.time.as_ref().map(|v| time(v, "time")).transpose()?,
                        span: Some(p.routine.span()),
                    });
                }
                out
            }
        };
        let mut theme = Palette::default();
        let t = &raw.theme;
        for (value, slot) in [
            (&t.title, &mut theme.title),
            (&t.selected, &mut theme.selected),
            (&t.key, &mut theme.key),
            (&t.good, &mut theme.good),
            (&t.caution, &mut theme.caution),
            (&t.error, &mut theme.error),
            (&t.muted, &mut theme.muted),
        ] {
            if let Some(v) = value {
                *slot = v.get_ref().trim().parse::<Color>().map_err(|_| {
                    at(v.span(), format!("`{}` is not a colour", v.get_ref())).with_help(
                        "a name (red, light-blue, dark-gray…), a hex colour \"#ff8800\" or a \
                         256-colour index \"214\"",
                    )
                })?;
            }
        }
        let overrides: Vec<(String, Vec<String>)> = raw
            .keys
            .iter()
            .map(|(action, v)| {
                let keys = match v.get_ref() {
                    KeysValue::One(k) => vec![k.clone()],
                    KeysValue::Many(ks) => ks.clone(),
                };
                (action.clone(), keys)
            })
            .collect();
        let spans: Vec<Range<usize>> = raw.keys.values().map(|v| v.span()).collect();
        let keys = Keymap::with_overrides(&overrides).map_err(|(n, e)| {
            let span = spans.get(n).cloned().unwrap_or(0..0);
            at(span, e.to_string())
        })?;
        Ok(Config {
            keys,
            theme,
            emergency_number,
            profile: Profile {
                birth_year,
                conditions,
            },
            cues,
            breaks,
            plan,
            source: Some((file.to_owned(), text.to_owned())),
        })
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

    /// The effective configuration as TOML, defaults included.
    /// Strings are written as TOML basic strings with every control, bidirectional and
    /// zero-width character escaped (`\u001B`), so what it prints parses back the same and
    /// cannot act on the terminal it is printed to.
    pub fn to_toml(&self, library: &Library) -> String {
        let mut out = String::new();
        let q = |s: &str| toml_string(s);
        let days = |d: &[Weekday]| {
            let names: Vec<String> = d.iter().map(|d| q(&d.to_string().to_lowercase())).collect();
            format!("[{}]", names.join(", "))
        };
        match &self.emergency_number {
            Some(n) => out.push_str(&format!("emergency_number = {}\n", q(n))),
            None => out.push_str(
                "# emergency_number = \"999\"  (not set: \"your local emergency number\")\n",
            ),
        }
        out.push_str("\n[profile]\n");
        match self.profile.birth_year {
            Some(y) => out.push_str(&format!("birth_year = {y}\n")),
            None => out.push_str("# birth_year = 1968  (not set: age rules never match)\n"),
        }
        let conditions: Vec<String> = self.profile.conditions.iter().map(q).collect();
        out.push_str(&format!("conditions = [{}]\n", conditions.join(", ")));
        let c = &self.cues;
        out.push_str(&format!(
            "\n[cues]\nbell = {}\nnotify = {}{}\nhalfway = {}\ncountdown = {}\nsnooze = {}\n",
            c.bell,
            c.notify,
            if cfg!(feature = "notify") {
                ""
            } else {
                "  # this build has no desktop notifications: cargo build --features notify"
            },
            c.halfway,
            c.countdown,
            q(&Compact(c.snooze).to_string())
        ));
        for b in &self.breaks {
            let every = b
                .every
                .or_else(|| library.get(&b.routine).and_then(|r| r.every))
                .map_or("?".to_owned(), |e| Compact(e).to_string());
            out.push_str(&format!(
                "\n[[breaks]]\nroutine = {}\nevery = {}\ndays = {}\nfrom = {}\nto = {}\n",
                q(&b.routine),
                q(&every),
                days(&b.days),
                q(&b.from.format("%H:%M").to_string()),
                q(&b.to.format("%H:%M").to_string())
            ));
        }
        let t = &self.theme;
        out.push_str("\n[theme]   # NO_COLOR, when set, turns all colour off\n");
        for (name, colour) in [
            ("title", t.title),
            ("selected", t.selected),
            ("key", t.key),
            ("good", t.good),
            ("caution", t.caution),
            ("error", t.error),
            ("muted", t.muted),
        ] {
            out.push_str(&format!("{name} = {}\n", q(&colour_name(colour))));
        }
        out.push_str("\n[keys]   # action = key or [keys]; these replace the action's defaults\n");
        for (action, keys) in self.keys.describe() {
            let keys: Vec<String> = keys.iter().map(|k| q(k)).collect();
            out.push_str(&format!("{action} = [{}]\n", keys.join(", ")));
        }
        for p in &self.plan {
            out.push_str(&format!(
                "\n[[plan]]\nroutine = {}\ndays = {}\n",
                q(&p.routine),
                days(&p.days)
            ));
            if let Some(t) = p.time {
                out.push_str(&format!("time = {}\n", q(&t.format("%H:%M").to_string())));
            }
        }
        out
    }
}

/// A colour as the README writes it: `dark-gray`, `light-blue`, `#336699`, `214`.
fn colour_name(colour: Color) -> String {
    let shown = colour.to_string();
    if !shown.starts_with(|c: char| c.is_ascii_uppercase()) {
        return shown; // "#336699" or "214"
    }
    let mut name = String::new();
    for (i, c) in shown.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            name.push('-');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// `text` as a TOML basic string: quotes and backslashes escaped, and every character that must
/// not reach a terminal as it is (see [`crate::text::is_unsafe`]) as a `\uXXXX` escape.
fn toml_string(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if crate::text::is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;
