//! The command line (DESIGN §3): argument definitions and the non-interactive subcommands.
//! `main.rs` parses and calls [`dispatch`]; the TUI commands hand over to [`crate::tui`].

mod check;
mod completions;
mod flags;
mod history;
mod log;
mod new;
mod programme;
mod remind;
mod report;
mod routines;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::paths::Paths;
use crate::routine::Library;
use crate::when::When;
use crate::workspace::{Parts, Problem, Workspace};

pub use crate::workspace::{EXIT_INVALID, EXIT_USAGE};

/// What the text commands print, for tests that feed them hostile files in-process (the fuzz
/// harness, `tests/app/fuzz.rs`): the very functions the commands write with.
pub mod text_out {
    pub use super::flags::write_flags_text as flags;
    pub use super::log::write_table as log_list;
    pub use super::problem_text as problem;
    pub use super::routines::write_table as routines;
}

/// knotless — a terminal coach for lower back knots.
#[derive(Debug, Parser)]
#[command(
    name = "knotless",
    version,
    about = "A terminal coach for lower back knots: guided stretch, heat and posture-break routines.",
    after_help = "knotless is self-care support, not a diagnosis. Call your emergency number now if any of these is new for you: numbness around the genitals or buttocks, trouble controlling your bladder or bowel, or pain, tingling, numbness or weakness in both legs. See a doctor about pain that is severe, new or getting worse."
)]
pub struct Cli {
    /// Where files are found.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do; without one, the app opens on its home screen.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The environment variable that gives the data folder when `--data-dir` is not given.
pub const DATA_DIR_ENV: &str = "KNOTLESS_DATA_DIR";
/// The environment variable that gives the config file when `--config` is not given.
pub const CONFIG_ENV: &str = "KNOTLESS_CONFIG";

/// The heading the options every command takes are listed under, apart from a command's own.
const GLOBAL: &str = "Global options";

/// Options every command takes.
///
/// The environment variables are read in [`dispatch`], not by clap: an option clap fills from
/// the environment counts as given, and its usage line then shows it as if it were required
/// (`Usage: knotless log rm --data-dir <DIR> <ID>`).
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Folder for the symptom log and history [env: KNOTLESS_DATA_DIR] [default:
    /// ~/.local/share/knotless]
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub data_dir: Option<PathBuf>,
    /// Config file [env: KNOTLESS_CONFIG] [default: ~/.config/knotless/config.toml]
    #[arg(long, global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,
    /// Another folder of routine files (repeatable); overrides routines of the same id
    #[arg(long = "routines", global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub routine_dirs: Vec<PathBuf>,
}

/// A path from the environment variable `name`, when it is set and not empty.
fn path_from_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app straight into a routine
    Run {
        /// The routine's id (see `knotless routines`)
        routine: String,
    },
    /// Open the app on the posture-break timers
    Breaks,
    /// List routines: id, name, kind, total time and where each came from
    Routines {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
        /// Only routines with this tag (repeatable: all of them), e.g. flare, core, desk
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Validate routine and programme files or folders (default: every source)
    Check {
        /// Files or folders to check (a folder named `programmes` holds programme files)
        paths: Vec<PathBuf>,
        /// Keep watching the files and check again whenever one is saved
        #[arg(long)]
        watch: bool,
    },
    /// Programmes: weeks of routines whose dose follows your pain ratings
    Programme {
        /// What to do [default: status]
        #[command(subcommand)]
        action: Option<programme::ProgrammeCommand>,
    },
    /// Write a commented template for a new routine and open it in $EDITOR
    New {
        /// What to create
        #[command(subcommand)]
        what: new::NewCommand,
    },
    /// Red flags: what in your log means see a doctor, most severe first
    #[command(args_conflicts_with_subcommands = true)]
    Flags {
        /// Acknowledge a flag, or take an acknowledgement back
        #[command(subcommand)]
        action: Option<flags::FlagsCommand>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Evaluate as of this moment or day (end of the day) instead of now
        #[arg(long, value_name = "WHEN", value_parser = parse_when)]
        as_of: Option<crate::when::When>,
    },
    /// Print the effective configuration, defaults included
    Config,
    /// Sessions and posture breaks: routine, when, length, outcome, pain before and after
    History {
        /// Only from this day or moment on
        #[arg(long, value_name = "WHEN", value_parser = parse_when)]
        since: Option<crate::when::When>,
        /// Only up to this day (inclusive) or moment
        #[arg(long, value_name = "WHEN", value_parser = parse_when)]
        until: Option<crate::when::When>,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// A report for a doctor: HTML (prints on A4 and Letter), Markdown or JSON
    Report(report::ReportArgs),
    /// Records for a spreadsheet (CSV) or another program (JSON lines)
    Export(report::ExportArgs),
    /// The symptom log: add, list and remove entries, and the weekly check-in
    Log {
        /// What to do with the log
        #[command(subcommand)]
        action: log::LogCommand,
    },
    /// Posture breaks and the plan's times without the app: a line, the bell, a notification
    Remind,
    /// Print a shell completion script (bash, zsh or fish) to standard output
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: completions::Shell,
    },
    /// Print the man page (roff) to standard output
    #[command(hide = true)]
    Man,
}

/// Parses the command line. clap's own messages (help, version) are printed as clap prints
/// them; an error passes the terminal gate first, since it quotes the bad value (`--format
/// $'\e]0;x\a'`), and becomes its exit code (2, bad usage).
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| print_parse_error(&e))
}

/// Prints what clap said about the command line; the exit code that goes with it.
fn print_parse_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let code = u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE);
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::from(code);
    }
    // Plain text (clap's colours are escapes too, and would be shown as such).
    let text = e.render().to_string();
    let _ = write!(std::io::stderr(), "{}", crate::text::visible_lines(&text));
    ExitCode::from(code)
}

/// Standard output for a whole document (JSON, JSON lines, a Markdown report): exact into a
/// file or a pipe, through the terminal gate when it is a terminal.
fn stdout_gated(style: crate::text::Style) -> crate::text::Gate<std::io::StdoutLock<'static>> {
    let out = std::io::stdout();
    let terminal = out.is_terminal();
    crate::text::Gate::new(out.lock(), style, terminal)
}

/// Runs the parsed command line.
pub fn dispatch(cli: Cli) -> ExitCode {
    // These read no files: they work wherever the binary does.
    match &cli.command {
        Some(Command::Completions { shell }) => return completions::completions(*shell),
        Some(Command::Man) => return completions::man(),
        _ => {}
    }
    let paths = match Paths::resolve(
        cli.global.data_dir.or_else(|| path_from_env(DATA_DIR_ENV)),
        cli.global.config.or_else(|| path_from_env(CONFIG_ENV)),
        cli.global.routine_dirs,
    ) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    for dir in &paths.extra_routine_dirs {
        if !dir.is_dir() {
            return usage_error(&format!(
                "--routines {}: no such folder (give a folder holding *.toml routine files)",
                dir.display()
            ));
        }
    }
    // A data folder others can read is made private and said once, before anything is read or
    // written; the app says it on its own screen.
    let app = matches!(
        cli.command,
        None | Some(Command::Breaks | Command::Run { .. })
    );
    if !app && let Some(problem) = crate::workspace::make_folder_private(&paths) {
        print_problem(&problem);
    }
    match cli.command {
        None => crate::tui::run(Library::load(&paths.routine_dirs()), &paths, None, false),
        Some(Command::Breaks) => {
            crate::tui::run(Library::load(&paths.routine_dirs()), &paths, None, true)
        }
        Some(Command::Run { routine }) => {
            let library = Library::load(&paths.routine_dirs());
            if library.get(&routine).is_none() {
                return usage_error(&format!(
                    "unknown routine `{routine}`; available: {}",
                    library.ids().join(", ")
                ));
            }
            crate::tui::run(library, &paths, Some(routine), false)
        }
        Some(Command::Routines { json, tags }) => routines::run(&paths, json, &tags),
        Some(Command::Check {
            paths: targets,
            watch: false,
        }) => check::run(&paths, &targets),
        Some(Command::Check {
            paths: targets,
            watch: true,
        }) => check::watch(&paths, &targets),
        Some(Command::Programme { action }) => programme::run(&paths, action),
        Some(Command::New { what }) => new::run(&paths, what),
        Some(Command::Log { action }) => log::run(&paths, action),
        Some(Command::History { since, until, json }) => history::run(&paths, since, until, json),
        Some(Command::Report(args)) => report::run_report(&paths, args),
        Some(Command::Export(args)) => report::run_export(&paths, args),
        Some(Command::Remind) => remind::run(&paths),
        Some(Command::Completions { .. } | Command::Man) => ExitCode::SUCCESS,
        Some(Command::Flags {
            action: Some(action),
            ..
        }) => flags::run_action(&paths, action),
        Some(Command::Flags {
            action: None,
            json,
            as_of,
        }) => flags::run(&paths, json, as_of),
        Some(Command::Config) => {
            let parts = Parts {
                config: true,
                routines: true,
                ..Parts::NONE
            };
            let ws = match open(&paths, parts) {
                Ok(ws) => ws,
                Err(code) => return code,
            };
            match ws.config.check_routines(&ws.library) {
                Ok(()) => {
                    print!(
                        "{}{}",
                        data_folder_comment(&paths.data_dir),
                        ws.config.to_toml(&ws.library)
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "{e}");
                    ExitCode::from(EXIT_USAGE)
                }
            }
        }
    }
}

/// Where the data really is, as TOML comments for `knotless config`: the folder with every link
/// followed (a data folder kept in a synced folder through a link), and the path given when it
/// differs.
fn data_folder_comment(data_dir: &Path) -> String {
    let given = data_dir.display().to_string();
    match std::fs::canonicalize(data_dir) {
        Ok(real) if real == data_dir => {
            format!("# data folder: {}\n\n", crate::text::visible(&given))
        }
        Ok(real) => format!(
            "# data folder: {}\n#   (reached through {}, a link)\n\n",
            crate::text::visible(&real.display().to_string()),
            crate::text::visible(&given)
        ),
        Err(_) => format!(
            "# data folder: {} (not created yet)\n\n",
            crate::text::visible(&given)
        ),
    }
}

/// `--since`, `--until`, `--at` and `--as-of`: a day or a moment.
fn parse_when(text: &str) -> Result<When, String> {
    When::parse(text).map_err(|e| e.to_string())
}

/// Loads the stores in `parts` (see [`Workspace::load_parts`]) and prints what was wrong with
/// them on stderr: a broken config or a data file that cannot be read stops the command with
/// its error (exit 2), lines set aside and broken rule or programme files are warnings.
fn open(paths: &Paths, parts: Parts) -> Result<Workspace, ExitCode> {
    // Today by the clock: a birth year is refused only in the real future.
    let today = crate::clock::wall_now().date_naive();
    let ws = Workspace::load_parts(paths, today, parts);
    for problem in &ws.problems {
        if let Some(code) = print_problem(problem) {
            return Err(code);
        }
    }
    Ok(ws)
}

/// A file read for streaming (`history --json`, `export`), its warnings printed as [`open`]
/// prints a load's; a file that cannot be read is a usage error, as there.
fn warned<S>(
    store: &crate::store::JsonlStore,
    read: Result<S, crate::store::StoreError>,
    streamed: impl Fn(&S) -> &crate::store::Streamed,
) -> Result<S, ExitCode> {
    let read = read.map_err(|error| usage_error(&error.to_string()))?;
    let s = streamed(&read);
    for warning in store.warnings(&s.rejected, &s.notes) {
        print_problem(&Problem::Data {
            file: store.path().to_path_buf(),
            warning,
        });
    }
    Ok(read)
}

/// Prints one problem of a load on stderr; `Some` exit code when the command cannot go on.
fn print_problem(problem: &Problem) -> Option<ExitCode> {
    let _ = writeln!(std::io::stderr(), "{}", problem_text(problem));
    match problem {
        Problem::Config(_) | Problem::Unreadable { .. } => Some(ExitCode::from(EXIT_USAGE)),
        Problem::Rules(_) | Problem::Data { .. } | Problem::Programme { .. } => None,
    }
}

/// What a command says about one problem of a load. The words may quote a file's name or a
/// line of it: they pass the gate (a diagnostic does so itself).
pub fn problem_text(problem: &Problem) -> String {
    use crate::text::{visible, visible_lines};
    match problem {
        Problem::Config(e) => e.to_string(),
        Problem::Unreadable { error, .. } => {
            format!("error: {}", visible_lines(&error.to_string()))
        }
        Problem::Rules(problem) => format!(
            "{problem}\nwarning: your red-flag rules were not loaded; the bundled rules still apply"
        ),
        Problem::Data { warning, .. } => format!("warning: {}", visible_lines(warning)),
        Problem::Programme { label, headline } => format!(
            "warning: {} is broken and was skipped: {} (run `knotless check`)",
            visible(label),
            visible(headline),
        ),
    }
}

/// Prints `error: message` to stderr and returns the bad-usage exit code.
/// The message often quotes an argument or a file: it passes the terminal gate.
pub fn usage_error(message: &str) -> ExitCode {
    let _ = writeln!(
        std::io::stderr(),
        "error: {}",
        crate::text::visible_lines(message)
    );
    ExitCode::from(EXIT_USAGE)
}
