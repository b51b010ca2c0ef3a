//! The config file (`config.toml`, DESIGN §3). Every section is optional and unknown keys are
//! errors reported with file, line and column: a broken config stops knotless with that error
//! rather than silently using defaults. This part holds what the red flags need; the break timer,
//! cues, theme and keys come with their own features.
//!
//! ```toml
//! emergency_number = "999"          # shown in emergency actions; default "your local emergency number"
//!
//! [profile]
//! birth_year = 1968                 # for the age-related flags
//! conditions = ["osteoporosis"]     # cancer-history, osteoporosis, long-term-steroids,
//!                                   # immunosuppressed, iv-drug-use, diabetes
//! ```

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::flags::Profile;
use crate::vocabulary::ProfileConditions;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    emergency_number: Option<Spanned<String>>,
    #[serde(default)]
    profile: ProfileFile,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    birth_year: Option<Spanned<i64>>,
    #[serde(default)]
    conditions: Vec<Spanned<String>>,
}

/// The effective configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The number to call in an emergency (999, 911, 112…), if set.
    pub emergency_number: Option<String>,
    /// The person, for the red flags.
    pub profile: Profile,
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
        let raw: ConfigFile = toml::from_str(text).map_err(|e| {
            let d = Diagnostic::at(file, text, e.span(), e.message().trim());
            if e.message().contains("unknown field") {
                d.with_help("check the spelling; the accepted keys are listed above")
            } else {
                d
            }
        })?;
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
        Ok(Config {
            emergency_number,
            profile: Profile {
                birth_year,
                conditions,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_or_missing_file_is_the_defaults() {
        assert_eq!(Config::parse("c.toml", "").unwrap(), Config::default());
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Config::load(&dir.path().join("none.toml")).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn the_documented_example_parses() {
        let c = Config::parse(
            "c.toml",
            "emergency_number = \"999\"\n[profile]\nbirth_year = 1968\nconditions = [\"osteoporosis\"]\n",
        )
        .unwrap();
        assert_eq!(c.emergency_number.as_deref(), Some("999"));
        assert_eq!(c.profile.birth_year, Some(1968));
        assert!(c.profile.conditions.contains("osteoporosis"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = Config::parse("c.toml", "[profile]\nbirth_yaer = 1968\n").unwrap_err();
        assert!(
            e.headline()
                .starts_with("c.toml:2:1: unknown field `birth_yaer`"),
            "{e}"
        );
        let e = Config::parse("c.toml", "[profile]\nconditions = [\"asthma\"]\n").unwrap_err();
        assert!(
            e.headline()
                .starts_with("c.toml:2:15: unknown condition `asthma`; valid: cancer-history"),
            "{e}"
        );
        let e = Config::parse("c.toml", "[profile]\nbirth_year = 68\n").unwrap_err();
        assert!(e.headline().starts_with("c.toml:2:14: `birth_year`"), "{e}");
        let e = Config::parse("c.toml", "emergency_number = \" \"\n").unwrap_err();
        assert!(e.headline().starts_with("c.toml:1:20:"), "{e}");
    }
}
