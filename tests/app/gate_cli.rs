//! Every path from an untrusted string to a terminal passes the one gate (issue 19, item 13):
//! a programme file handed over by someone else, a red-flag rules file, the config's
//! `emergency_number` and bad values on the command line carry an OSC retitle, an OSC 52
//! clipboard write, a clear screen, a C1 CSI and a right-to-left override. Text commands show
//! them escaped on stdout and stderr; JSON, JSON lines and the Markdown report stay exact in a
//! pipe and are shown escaped on a terminal (a pseudo-terminal here); the HTML report shows
//! bidi overrides escaped, so a note cannot reverse what follows it.

use crate::common;

use std::fs;
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Stdio;

use common::cli::Home;

/// OSC 0 (retitle), OSC 52 (write the clipboard), CSI 2J (clear), C1 CSI, a carriage return
/// and a right-to-left override.
const HOSTILE: &str =
    "x\u{1b}]0;pwned\u{7}\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[2J\u{9b}31m\rID\u{202e}kcab";
/// The same, as a TOML basic string's contents.
const HOSTILE_TOML: &str =
    "x\\u001B]0;pwned\\u0007\\u001B]52;c;cm0gLXJmIH4=\\u0007\\u001B[2J\\u009B31m\\rID\\u202Ekcab";

/// The characters none of which may reach a terminal as they are.
const RAW: [char; 5] = ['\u{1b}', '\u{7}', '\u{9b}', '\r', '\u{202e}'];

/// Fails when `bytes` hold any character of [`RAW`] (or any other control or bidi character
/// but a line break).
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for bad in RAW {
        assert!(!text.contains(bad), "{what} printed {bad:?} raw:\n{text}");
    }
    let unsafe_char = |c: char| c != '\n' && knotless::text::is_unsafe(c);
    assert!(!text.chars().any(unsafe_char), "{what}:\n{text}");
}

/// A home whose programme file, rules file, config and log all carry [`HOSTILE`].
fn hostile_home() -> Home {
    let home = Home::new();
    fs::write(
        home.config(),
        format!("emergency_number = \"{HOSTILE_TOML}\"\n"),
    )
    .unwrap();
    fs::write(
        home.dir.path().join("red-flags.toml"),
        format!(
            "[[rules]]\nid = \"mine\"\nlevel = \"urgent\"\ntitle = \"{HOSTILE_TOML}\"\naction = \"Call {{emergency_number}}. {HOSTILE_TOML}\"\nwhy = \"{HOSTILE_TOML}\"\nsources = [\"{HOSTILE_TOML}\"]\n[rules.when]\npain_at_least = 1\n"
        ),
    )
    .unwrap();
    let programmes = home.dir.path().join("programmes");
    fs::create_dir(&programmes).unwrap();
    let programme = format!(
        "name = \"{HOSTILE_TOML}\"\nsummary = \"{HOSTILE_TOML}\"\nsource = \"{HOSTILE_TOML}\"\ncautions = [\"{HOSTILE_TOML}\"]\n[[weeks]]\nlevel = 1\nnote = \"{HOSTILE_TOML}\"\nmon = [\"morning-mobility\"]\ntue = [\"morning-mobility\"]\nwed = [\"morning-mobility\"]\nthu = [\"morning-mobility\"]\nfri = [\"morning-mobility\"]\nsat = [\"morning-mobility\"]\nsun = [\"morning-mobility\"]\n"
    );
    // Its id is its file name, which may hold anything but a slash.
    fs::write(programmes.join(format!("{HOSTILE}.toml")), programme).unwrap();
    home.add(&["--pain", "3", "--note", HOSTILE]);
    home
}

fn run(home: &Home, args: &[&str]) -> std::process::Output {
    home.cmd().args(args).output().unwrap()
}

#[test]
fn programme_commands_show_a_hostile_programme_escaped() {
    let home = hostile_home();
    let listed = run(&home, &["programme", "list"]);
    assert!(listed.status.success(), "{listed:?}");
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(text.contains("x\\x1b]0;pwned\\x07\\x1b]52;c;"), "{text}");
    for args in [
        &["programme", "list"][..],
        &["programme", "start", HOSTILE][..],
        &["programme", "status"][..],
        &["programme"][..],
        &["programme", "up", HOSTILE][..],
        &["programme", "stop"][..],
        &["programme", "start", &format!("{HOSTILE}nope")][..],
    ] {
        let out = run(&home, args);
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    let started = run(&home, &["programme", "start", HOSTILE]);
    let text = String::from_utf8_lossy(&started.stdout);
    assert!(text.contains("  • x\\x1b]0;pwned"), "{text}");
}

#[test]
fn a_bad_value_on_the_command_line_is_echoed_escaped_with_exit_2() {
    let home = Home::new();
    for args in [
        &["report", "--format", HOSTILE][..],
        &["export", "--what", HOSTILE, "--format", "csv"][..],
        &["export", "--what", "entries", "--format", HOSTILE][..],
        &[HOSTILE][..],
        &["completions", HOSTILE][..],
        &["log", "list", "--since", HOSTILE][..],
        &["log", "add", "--pain", HOSTILE][..],
        &["routines", HOSTILE][..],
    ] {
        let out = run(&home, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    // What the bad value held is shown, not dropped: the C1 CSI and the override.
    let out = run(&home, &["report", "--format", HOSTILE]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\\x9b31m") && err.contains("\\u{202e}kcab"),
        "{err}"
    );
    assert!(err.contains("[possible values: html, md, json]"), "{err}");
    // Help and version are clap's own, on stdout, exit 0.
    let help = run(&home, &["report", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("--format <FORMAT>"));
}

#[test]
fn json_and_markdown_stay_exact_in_a_pipe_and_are_escaped_on_a_terminal() {
    let home = hostile_home();
    for (args, json) in [
        (&["log", "list", "--json"][..], true),
        (&["flags", "--json"][..], true),
        (&["report", "--format", "json", "-o", "-"][..], true),
        (
            &["export", "--what", "entries", "--format", "jsonl"][..],
            true,
        ),
        (&["report", "--format", "md", "-o", "-"][..], false),
        (&["flags"][..], false),
        (&["log", "list"][..], false),
    ] {
        let piped = run(&home, args);
        assert!(piped.status.success(), "{args:?}: {piped:?}");
        let (shown, code) = on_terminal(&home, args);
        assert_eq!(code, Some(0), "{args:?}");
        assert_clean(&format!("{args:?} on a terminal"), &shown);
        let piped_text = String::from_utf8(piped.stdout).unwrap();
        let shown_text = String::from_utf8(shown).unwrap();
        if json {
            // In a pipe: the note's own characters, byte for byte (serde_json writes C0
            // controls as `\u001b`, and C1 and bidi characters as they are).
            assert!(
                piped_text.contains("\u{9b}31m\\rID\u{202e}kcab"),
                "{args:?}: {piped_text}"
            );
            // On a terminal: the same JSON values, every character escaped.
            let values = |text: &str| -> Vec<serde_json::Value> {
                serde_json::Deserializer::from_str(text)
                    .into_iter()
                    .map(Result::unwrap)
                    .collect()
            };
            let mut piped_values = values(&piped_text);
            let mut shown_values = values(&shown_text);
            for v in piped_values.iter_mut().chain(shown_values.iter_mut()) {
                // `flags --json` and the report say when they were made.
                for key in ["as_of", "generated_at", "generated"] {
                    if let Some(o) = v.as_object_mut() {
                        o.remove(key);
                    }
                }
            }
            assert_eq!(piped_values, shown_values, "{args:?}");
            assert!(shown_text.contains("\\u009b31m"), "{args:?}: {shown_text}");
        } else if args[0] == "report" {
            // The rule's title and action as written (Markdown escapes its own punctuation).
            assert!(
                piped_text.contains("\u{9b}31m") && piped_text.contains("\u{202e}kcab"),
                "{args:?}: {piped_text}"
            );
            assert!(
                shown_text.contains("\\x9b31m") && shown_text.contains("\\u{202e}kcab"),
                "{args:?}: {shown_text}"
            );
        }
    }
}

#[test]
fn the_html_report_shows_bidi_overrides_and_controls_escaped() {
    let home = hostile_home();
    let html = home.dir.path().join("report.html");
    let out = run(&home, &["report", "-o", html.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert_clean("report stdout", &out.stdout);
    let page = fs::read_to_string(&html).unwrap();
    for bidi in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
        assert!(!page.contains(bidi), "{bidi:?} in the page");
    }
    assert!(!page.contains('\u{1b}') && !page.contains('\u{9b}'));
    assert!(
        page.contains("ID\\u{202e}kcab"),
        "the note is shown, escaped"
    );
}

/// Runs `knotless ARGS` in `home` with its standard output on a fresh pseudo-terminal (raw,
/// so line breaks come through as they are); what it printed there, and its exit code.
fn on_terminal(home: &Home, args: &[&str]) -> (Vec<u8>, Option<i32>) {
    // SAFETY: plain libc calls on descriptors this function owns; each result is checked.
    let (master, slave) = unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
        assert!(master >= 0, "posix_openpt");
        assert_eq!(libc::grantpt(master), 0);
        assert_eq!(libc::unlockpt(master), 0);
        let mut name = [0 as libc::c_char; 128];
        assert_eq!(libc::ptsname_r(master, name.as_mut_ptr(), name.len()), 0);
        let slave = libc::open(name.as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
        assert!(slave >= 0, "open the pty");
        let mut raw: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(slave, &mut raw), 0);
        libc::cfmakeraw(&mut raw);
        assert_eq!(libc::tcsetattr(slave, libc::TCSANOW, &raw), 0);
        (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave))
    };
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("knotless"));
    cmd.env("KNOTLESS_DATA_DIR", home.data())
        .env("KNOTLESS_CONFIG", home.config())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::from(slave))
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    // The command holds the terminal's other end until it is dropped: only the child may.
    drop(cmd);
    // Read while it writes: a terminal holds only a few kilobytes.
    let reader = std::thread::spawn(move || {
        let mut file = std::fs::File::from(master);
        let mut out = Vec::new();
        let mut buf = [0u8; 8192];
        // Ends with EIO once the child has closed the terminal.
        while let Ok(n) = file.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    });
    let status = child.wait().unwrap();
    (reader.join().unwrap(), status.code())
}
