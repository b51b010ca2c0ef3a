//! Reading `config.toml`: the shape of the file (every table with `deny_unknown_fields`) and
//! the checks of its values, each error at its line and column.

use std::ops::Range;

use chrono::{NaiveTime, Weekday};
use serde::Deserialize;
use toml::Spanned;

use super::keys::Keymap;
use super::palette::{Colour, Palette};
use super::{
    ALL_DAYS, BreakConfig, Config, Cues, PlanEntry, WEEKDAYS, default_breaks, default_plan,
};
use crate::diagnostic::Diagnostic;
use crate::flags::Profile;
use crate::vocabulary::ProfileConditions;

/// The earliest birth year accepted.
pub const FIRST_BIRTH_YEAR: i64 = 1900;

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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    birth_year: Option<Spanned<i64>>,
    #[serde(default)]
    conditions: Vec<Spanned<String>>,
}

impl Config {
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
        // Before 1900 is refused here; a year after this one needs the date, and is refused by
        // [`Config::check_birth_year`] where the config is loaded (the parser has no clock).
        let birth_year = match &raw.profile.birth_year {
            Some(y) if !(FIRST_BIRTH_YEAR..=9999).contains(y.get_ref()) => {
                return Err(at(
                    y.span(),
                    format!(
                        "`birth_year` must be a year from {FIRST_BIRTH_YEAR} to this year, like \
                         1968 (got {})",
                        y.get_ref()
                    ),
                ));
            }
            y => y.as_ref().map(|y| *y.get_ref() as i32),
        };
        let birth_year_span = raw.profile.birth_year.as_ref().map(Spanned::span);
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
                *slot = Colour::parse(v.get_ref().trim()).ok_or_else(|| {
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
            birth_year_span,
            cues,
            breaks,
            plan,
            source: Some((file.to_owned(), text.to_owned())),
        })
    }
}
