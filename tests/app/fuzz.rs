//! The fuzz harness (issue 19, item 14): every file a person can hand knotless — a routine, the
//! config, red-flag rules, a programme and a line of the symptom log — is taken from a valid
//! seed and mutated (text inserted, cut, repeated or replaced, with names of 65,536 characters
//! and more, huge numbers, TOML punctuation and terminal escapes among what goes in), then fed
//! in-process through the loaders (`Workspace::load_parts`, the one layer both front ends use)
//! and through what the commands and the app write: the load problems, `check`'s diagnostics,
//! the `routines`, `log list` and `flags` text, `config`, the programme's day and dose, the
//! report in Markdown, HTML and JSON, and the Routines and Log screens at 80×24.
//!
//! Each case must not panic, must print nothing to a terminal that is a control or bidi
//! character, and must write output bounded by its input.
//!
//! `cargo test` runs a short budget (64 cases, `KNOTLESS_FUZZ_CASES` to change it). The long run
//! is ignored by default and runs for `KNOTLESS_FUZZ_SECONDS` (default 600):
//!
//! ```sh
//! cargo test --release --test app fuzz::long -- --ignored --nocapture
//! ```

use crate::common;

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use common::Harness;
use knotless::cli::text_out;
use knotless::flags::Moment;
use knotless::paths::Paths;
use knotless::programme::schedule;
use knotless::report::{ReportFormat, render};
use knotless::routine::Library;
use knotless::tui::Msg;
use knotless::workspace::{Parts, Workspace, period};

/// The files of one case.
#[derive(Debug, Clone)]
struct Files {
    routine: String,
    config: String,
    rules: String,
    programme: String,
    log_line: String,
}

/// One change to a file's text, at a place given as a fraction of its length.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(prop::sample::Index, String),
    Delete(prop::sample::Index, usize),
    Replace(prop::sample::Index, usize, String),
    /// The text at the place, `usize` characters of it, written `u16` more times.
    Repeat(prop::sample::Index, usize, u16),
    /// The contents of one quoted value (`= "…"`, `: "…"`, or in a list) replaced: a name, a
    /// duration, an id, a note.
    Value(prop::sample::Index, String),
}

/// What goes into a file: short random text, the pieces that matter to TOML, JSON and
/// terminals, and long runs around the widths that have broken before.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        4 => prop::sample::select(vec![
            "\"", "'", "=", "\n", "\r\n", "[", "]", "{", "}", ",", "#", ".", ":",
            "[[steps]]\nname = \"s\"\nhold = \"1s\"\n", "[[weeks]]\n", "[[rules]]\n",
            "[rules.when]\n", "[[plan]]\n", "[[breaks]]\n", "\"\"\"", "'''", "\\u001B",
            "\\u202E", "\\u009B", "\\uD800", "\u{1b}]0;T\u{7}", "\u{1b}]52;c;eA==\u{7}",
            "\u{1b}[2J", "\u{9b}31m", "\u{202e}", "\u{2066}", "\u{200b}", "\0",
            "99999999999999999999", "-1", "0", "1e999", "nan", "-inf", "65535", "65536",
            "4294967296", "18446744073709551616", "1h", "25h", "0s", "999999999h", "2026-02-30",
            "0000-01-01T00:00:00+00:00", "9999-12-31T23:59:59+14:00", "true", "null", "[]", "{}",
            "\"pain\":11", "\"pain\":255", "\"deleted\":true", "😀", "é", "\u{fffd}",
        ])
        .prop_map(str::to_owned),
        2 => (0usize..4).prop_map(|k| "n".repeat([255, 65_535, 65_536, 70_000][k])),
        1 => (0usize..3).prop_map(|k| "\u{202e}\u{1b}".repeat([128, 20_000, 40_000][k])),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        3 => (index(), token()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        1 => (index(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        3 => (index(), 0usize..16, token()).prop_map(|(i, n, t)| Mutation::Replace(i, n, t)),
        1 => (index(), 1usize..40, 1u16..2_000).prop_map(|(i, n, k)| Mutation::Repeat(i, n, k)),
        4 => (index(), token()).prop_map(|(i, t)| Mutation::Value(i, t)),
    ]
}

/// `text` with `mutations` applied in turn, each at a character boundary.
fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for m in mutations {
        let at = |text: &str, i: &prop::sample::Index| {
            let mut at = i.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let end = |text: &str, from: usize, chars: usize| {
            text[from..]
                .char_indices()
                .nth(chars)
                .map_or(text.len(), |(i, _)| from + i)
        };
        match m {
            Mutation::Insert(i, t) => {
                let a = at(&text, i);
                text.insert_str(a, t);
            }
            Mutation::Delete(i, n) => {
                let a = at(&text, i);
                let b = end(&text, a, *n);
                text.replace_range(a..b, "");
            }
            Mutation::Replace(i, n, t) => {
                let a = at(&text, i);
                let b = end(&text, a, *n);
                text.replace_range(a..b, t);
            }
            Mutation::Value(i, t) => {
                // The opening quotes of values: a `"` after `=`, `:`, `[` or `,` and spaces.
                let opens: Vec<usize> = text
                    .match_indices('"')
                    .map(|(q, _)| q)
                    .filter(|&q| {
                        text[..q]
                            .trim_end_matches(' ')
                            .ends_with(['=', ':', '[', ','])
                    })
                    .collect();
                if opens.is_empty() {
                    continue;
                }
                let from = opens[i.index(opens.len())] + 1;
                let to = text[from..].find('"').map_or(text.len(), |e| from + e);
                text.replace_range(from..to, t);
            }
            Mutation::Repeat(i, n, k) => {
                let a = at(&text, i);
                let b = end(&text, a, *n);
                let piece = text[a..b].repeat(usize::from(*k));
                text.insert_str(b, &piece);
            }
        }
    }
    text
}

/// The seeds: valid files of each kind.
fn seeds() -> &'static Files {
    static SEEDS: std::sync::OnceLock<Files> = std::sync::OnceLock::new();
    SEEDS.get_or_init(make_seeds)
}

fn make_seeds() -> Files {
    let config = knotless::config::Config::default().to_toml(&Library::load(&[]));
    Files {
        routine: knotless::routine::bundled_source("lower-back-release")
            .expect("a bundled routine")
            .to_owned(),
        config: format!(
            "emergency_number = \"112\"\n[[plan]]\nroutine = \"mine\"\ndays = [\"mon\", \"tue\"]\ntime = \"08:00\"\n{}",
            config.replacen("# emergency_number", "# was emergency_number", 1)
        ),
        rules: "[[rules]]\nid = \"mine\"\nlevel = \"urgent\"\ntitle = \"Pain with numbness\"\naction = \"Call {emergency}.\"\nwhy = \"Because.\"\nsources = [\"NICE NG59\"]\n[rules.when]\npain_at_least = 3\nsymptoms_any = [\"numbness\"]\n".to_owned(),
        programme: knotless::programme::file::bundled_files()
            .next()
            .expect("a bundled programme")
            .1
            .replacen("\"morning-mobility\"", "\"mine\"", 1),
        log_line: r#"{"id":"01KFUZZ0000000000000000A1","at":"2026-11-23T09:30:00+01:00","pain":4,"onset":"gradual","areas":["lower-back-left","leg-left"],"symptoms":["numbness"],"denied":["bladder-change"],"triggers":["sitting"],"note":"stiff after\nsitting"}"#.to_owned(),
    }
}

fn files() -> impl Strategy<Value = Files> {
    let changes = || prop::collection::vec(mutation(), 0..5);
    (changes(), changes(), changes(), changes(), changes()).prop_map(|(r, c, f, p, l)| {
        let seed = seeds();
        Files {
            routine: mutate(&seed.routine, &r),
            config: mutate(&seed.config, &c),
            rules: mutate(&seed.rules, &f),
            programme: mutate(&seed.programme, &p),
            log_line: mutate(&seed.log_line, &l),
        }
    })
}

/// The most a case may write for `input` bytes of files: a fixed allowance (the report's page
/// and figures), and 16 bytes a byte of input (an escape is at most 8 characters for one).
fn bound(input: usize) -> usize {
    (2 << 20) + 16 * input
}

/// Loads `files` and writes everything the commands and the app show from them.
fn exercise(files: &Files) -> Result<(), TestCaseError> {
    let now: DateTime<FixedOffset> = "2026-11-24T10:00:00+01:00".parse().unwrap();
    let home = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    let write = |path: std::path::PathBuf, text: &str| {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        private(&path);
    };
    write(config.clone(), &files.config);
    write(home.path().join("red-flags.toml"), &files.rules);
    write(home.path().join("routines/mine.toml"), &files.routine);
    write(home.path().join("programmes/mine.toml"), &files.programme);
    write(
        data.path().join("symptoms.jsonl"),
        &format!("{}\n{}\n", seeds().log_line, files.log_line),
    );
    write(
        data.path().join("programme.jsonl"),
        "{\"type\":\"start\",\"id\":\"01KFUZZ0000000000000000B1\",\"at\":\"2026-11-16T09:00:00+01:00\",\"programme\":\"mine\",\"start_date\":\"2026-11-16\"}\n",
    );
    let input = [
        &files.routine,
        &files.config,
        &files.rules,
        &files.programme,
        &files.log_line,
    ]
    .iter()
    .map(|f| f.len())
    .sum::<usize>();

    let paths = Paths::resolve(Some(data.path().to_path_buf()), Some(config), vec![]).unwrap();
    let ws = Workspace::load_parts(&paths, now.date_naive(), Parts::ALL);

    // What reaches a terminal.
    let mut term: Vec<u8> = Vec::new();
    for problem in &ws.problems {
        writeln!(term, "{}", text_out::problem(problem)).unwrap();
    }
    for broken in &ws.library.broken {
        for e in &broken.errors {
            writeln!(term, "{e}\n{}", e.headline()).unwrap();
        }
    }
    text_out::routines(&mut term, &ws.library).unwrap();
    if let Err(e) = ws.config.check_routines(&ws.library) {
        writeln!(term, "{e}").unwrap();
    }
    term.extend_from_slice(ws.config.to_toml(&ws.library).as_bytes());
    text_out::flags(&mut term, &ws, Moment::live(now)).unwrap();
    let entries: Vec<_> = ws.entries.iter().collect();
    text_out::log_list(&mut term, &entries).unwrap();
    let term = String::from_utf8(term).unwrap();
    let unsafe_char = |c: char| c != '\n' && knotless::text::is_unsafe(c);
    if let Some(c) = term.chars().find(|&c| unsafe_char(c)) {
        return Err(TestCaseError::fail(format!(
            "{c:?} reached the terminal in:\n{}",
            knotless::text::preview(&term, 2_000)
        )));
    }
    prop_assert!(
        term.len() <= bound(input),
        "{} bytes for {input}",
        term.len()
    );

    // The programme's day and dose, as `programme status` works them out.
    let state = ws.programme_state();
    let mut other = String::new();
    let _ = write!(
        other,
        "{:?}{:?}",
        schedule::day(&ws.programmes, &state, now.date_naive()),
        ws.decisions(&state, now)
    );

    // The report in each format.
    let names = ws.routine_names();
    let period = period(None, None, Some(90), now).unwrap();
    for format in [ReportFormat::Md, ReportFormat::Html, ReportFormat::Json] {
        let text = render(&ws.report_inputs(true, &names), period, now, format)
            .map_err(TestCaseError::fail)?;
        prop_assert!(
            text.len() <= bound(input),
            "{format:?}: {} bytes",
            text.len()
        );
        if format == ReportFormat::Html {
            let overrides = '\u{202a}'..='\u{202e}';
            prop_assert!(
                !text.chars().any(|c| overrides.contains(&c)),
                "a bidi override"
            );
        }
    }

    // The app: the Routines screen on the routine from the file, and the Log tab.
    let library = Library::load(&paths.routine_dirs());
    let mut h = Harness::in_dir(library, None, data);
    let screens = [h.screen(80, 24), h.send(&[Msg::Tab]).screen(80, 24)];
    for screen in screens {
        prop_assert!(!screen.chars().any(unsafe_char), "{screen}");
    }
    drop(home);
    Ok(())
}

/// Data files as knotless writes them (0600), so no case is told it tightened one.
fn private(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).unwrap();
}

fn run(cases: u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    if let Err(e) = runner.run(&files(), |f| exercise(&f)) {
        panic!("{e}");
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn short() {
    run(env_number("KNOTLESS_FUZZ_CASES", 64) as u32);
}

#[test]
fn the_seeds_load_whole() {
    // Cases start from files that load: what fails in a case is the mutation's doing.
    let seed = seeds();
    let home = tempfile::tempdir().unwrap();
    fs::create_dir(home.path().join("routines")).unwrap();
    fs::write(home.path().join("routines/mine.toml"), &seed.routine).unwrap();
    fs::write(home.path().join("config.toml"), &seed.config).unwrap();
    fs::write(home.path().join("red-flags.toml"), &seed.rules).unwrap();
    fs::create_dir(home.path().join("programmes")).unwrap();
    fs::write(home.path().join("programmes/mine.toml"), &seed.programme).unwrap();
    fs::create_dir(home.path().join("data")).unwrap();
    fs::write(
        home.path().join("data/symptoms.jsonl"),
        format!("{}\n", seed.log_line),
    )
    .unwrap();
    private(&home.path().join("data/symptoms.jsonl"));
    let paths = Paths::resolve(
        Some(home.path().join("data")),
        Some(home.path().join("config.toml")),
        vec![],
    )
    .unwrap();
    let today = "2026-11-24".parse().unwrap();
    let ws = Workspace::load_parts(&paths, today, Parts::ALL);
    let problems: Vec<String> = ws.problems.iter().map(text_out::problem).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(ws.library.broken.is_empty());
    assert!(ws.library.get("mine").is_some());
    assert!(ws.programmes.get("mine").is_some());
    assert_eq!(ws.entries.len(), 1);
    assert!(ws.rules.get("mine").is_some());
    assert_eq!(ws.config.emergency_number.as_deref(), Some("112"));
}

/// The long run: mutated files for `KNOTLESS_FUZZ_SECONDS` (default 600), in batches of 1,000
/// cases, each batch from a new random seed; stops at the first failure, with the smallest
/// files that still fail.
#[test]
#[ignore = "ten minutes: cargo test --release --test app fuzz::long -- --ignored --nocapture"]
fn long() {
    let budget = Duration::from_secs(env_number("KNOTLESS_FUZZ_SECONDS", 600));
    let start = Instant::now();
    let mut cases = 0u64;
    while start.elapsed() < budget {
        run(1_000);
        cases += 1_000;
        eprintln!("fuzz: {cases} cases in {:.0?}, no failure", start.elapsed());
    }
}
