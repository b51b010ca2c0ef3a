//! `knotless new routine NAME` and `knotless new art NAME`: write a commented template into the
//! config dir (`routines/ID.toml`, or `routines/art/ID.txt`) and open it in `$VISUAL` or
//! `$EDITOR`. An existing file is never overwritten.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use super::usage_error;
use crate::paths::Paths;
use crate::text::visible;

/// What to create.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A routine file: routines/ID.toml in the config dir
    Routine {
        /// Its name, e.g. "Morning hips" (the file name is made from it: morning-hips.toml)
        name: String,
    },
    /// A pose drawing: routines/art/ID.txt in the config dir (at most 28 columns × 8 lines)
    Art {
        /// Its name, e.g. "wall-slide"; a routine step refers to it with art = "wall-slide"
        name: String,
    },
}

/// The routine template. `{name}` is replaced.
pub const ROUTINE_TEMPLATE: &str = r#"# A knotless routine. Lines starting with # are comments. Check it with `knotless check --watch`
# while you edit: every save is checked and errors point at the line.
name = "{name}"
kind = "stretch"                 # stretch | heat | posture-break
summary = "One line on what it is for."
tags = ["mobility"]              # a phase tag groups it: flare, mobility, core, hips,
                                 # nerve-friendly, desk, massage, heat
source = "Who prescribed it, or where it comes from"
prepare = "10s"                  # get-ready time before the first step
rest = "10s"                     # rest between steps
# every = "45m"                  # posture-break only: how often the break timer offers it
cautions = [
  "Move only as far as is comfortable: mild tension, never sharp pain.",
  "Stop, and see a doctor, if pain spreads into a leg or gets worse or severe.",
]

[[steps]]
name = "Knee to chest"
hold = "30s"                     # a timed hold (10-30 s; 30-60 s from 65) - or reps below
sides = "left-right"             # once per side; leave out for "none"
cue = "How to do it, in plain words."
art = "knee-to-chest"            # a bundled drawing, or art/NAME.txt beside this file

[[steps]]
name = "Pelvic tilt"
reps = 10                        # a counted step
tempo = "4s"                     # optional: makes it timed (reps x tempo)
# sets = 2                       # optional: repeat the step
cue = "On your back, knees bent: press the small of your back into the floor, then let go."
art = "pelvic-tilt"
"#;

/// The drawing template.
pub const ART_TEMPLATE: &str = "      o
     /|\\
      |
     / \\
  at most 28 columns and
  8 lines; say the key
  point in words below it
";

/// The file name for a display name: lower case, words joined by `-`, only `a-z`, `0-9`, `-`.
/// Latin letters with accents keep their letter ("Évening ünwind" is `evening-unwind`); other
/// letters outside ASCII count as a word break.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.trim().chars().flat_map(char::to_lowercase) {
        let plain = if ch.is_ascii_alphanumeric() {
            Some(ch.encode_utf8(&mut [0; 4]).to_owned())
        } else {
            latin(ch).map(str::to_owned)
        };
        match plain {
            Some(letters) => out.push_str(&letters),
            None if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            None => {}
        }
    }
    out.trim_end_matches('-').chars().take(64).collect()
}

/// A lower-case Latin letter with a diacritic (or a ligature) in plain ASCII letters.
fn latin(ch: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("æ", "ae"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("œ", "oe"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ß", "ss"),
        ("ţťŧ", "t"),
        ("þ", "th"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
    ];
    TABLE
        .iter()
        .find(|(from, _)| from.contains(ch))
        .map(|(_, to)| *to)
}

/// Runs `new`.
pub fn run(paths: &Paths, what: NewCommand) -> ExitCode {
    let Some(config_dir) = paths.config_file.parent() else {
        return usage_error("the config file has no folder; pass --config DIR/config.toml");
    };
    let (name, dir, ext, text) = match &what {
        NewCommand::Routine { name } => (
            name,
            config_dir.join("routines"),
            "toml",
            ROUTINE_TEMPLATE.replace("{name}", &name.replace(['"', '\\'], "")),
        ),
        NewCommand::Art { name } => (
            name,
            config_dir.join("routines").join("art"),
            "txt",
            ART_TEMPLATE.to_owned(),
        ),
    };
    let id = slug(name);
    if id.is_empty() {
        return usage_error(&format!(
            "`{name}` has no letters or digits to make a file name from; accepted: a name such as \"Morning hips\""
        ));
    }
    let path = dir.join(format!("{id}.{ext}"));
    if let Err(e) = write_new(&dir, &path, &text) {
        return usage_error(&e);
    }
    println!("wrote {}", visible(&path.display().to_string()));
    // `check --watch` follows the routine files; a drawing is checked by its path.
    let watch = matches!(what, NewCommand::Routine { .. });
    open_in_editor(&path, watch)
}

fn write_new(dir: &Path, path: &PathBuf, text: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                format!(
                    "{} already exists; edit it, or choose another name",
                    path.display()
                )
            } else {
                format!("cannot create {}: {e}", path.display())
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Opens `path` in `$VISUAL` or `$EDITOR` (which may carry arguments, e.g. `code --wait`); without
/// either, says where the file is.
fn open_in_editor(path: &Path, watch: bool) -> ExitCode {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        });
    let Some(editor) = editor else {
        if watch {
            println!(
                "set $EDITOR to open it straight away; check it with `knotless check --watch`"
            );
        } else {
            println!(
                "set $EDITOR to open it straight away; check it with: knotless check {}",
                visible(&path.display().to_string())
            );
        }
        return ExitCode::SUCCESS;
    };
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("knotless-editor")
        .arg(path)
        .status();
    match status {
        Ok(s) if s.success() => {
            println!(
                "check it with: knotless check {}",
                visible(&path.display().to_string())
            );
            ExitCode::SUCCESS
        }
        Ok(s) => usage_error(&format!("the editor `{editor}` exited with {s}")),
        Err(e) => usage_error(&format!("cannot start the editor `{editor}`: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn a_slug_keeps_accented_letters_as_their_plain_letter() {
        assert_eq!(slug("Évening ünwind"), "evening-unwind");
        assert_eq!(slug("Straße & Œuvre: Łódź"), "strasse-oeuvre-lodz");
        assert_eq!(slug("  Morning hips  "), "morning-hips");
        assert_eq!(slug("腰 stretch"), "stretch");
        assert_eq!(slug("!!!"), "");
    }
}
