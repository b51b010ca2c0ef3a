//! `knotless check [PATH...] [--watch]`: validates routine and programme files and folders and
//! lists every error. Exit 0 when all are valid, 1 when any has errors, 2 when a path does not
//! exist. A folder named `programmes` (or a file inside one) holds programme files; a `.txt`
//! file is a pose drawing (at most 28 columns and 8 lines); anything else is read as routines.
//! With `--watch` it checks again whenever a file is saved, until Ctrl-C; a watched folder
//! deleted and created again is watched again (through its parent).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::{EXIT_INVALID, usage_error};
use crate::diagnostic::Diagnostic;
use crate::paths::Paths;
use crate::programme::ProgrammeLibrary;
use crate::programme::file as programme_file;
use crate::routine::{Library, load_file, routine_files};
use crate::text::visible;

/// What one round of checks found.
struct Findings {
    routines: usize,
    programmes: usize,
    drawings: usize,
    errors: Vec<Diagnostic>,
    broken_files: usize,
}

fn is_programme_path(path: &Path) -> bool {
    let named = |p: &Path| p.file_name().is_some_and(|n| n == "programmes");
    if path.is_dir() {
        named(path)
    } else {
        path.parent().is_some_and(named)
    }
}

fn files_of(target: &Path) -> Result<Vec<PathBuf>, ExitCode> {
    if target.is_dir() {
        routine_files(target)
            .map_err(|e| usage_error(&format!("cannot read {}: {e}", target.display())))
    } else if target.exists() {
        // A FIFO or a device named here is loaded like a file, and refused as one with its
        // path: never opened in a way that waits.
        Ok(vec![target.to_path_buf()])
    } else {
        Err(usage_error(&format!(
            "{}: no such file or folder (give routine or programme *.toml files or folders of them)",
            target.display()
        )))
    }
}

fn check_once(paths: &Paths, targets: &[PathBuf]) -> Result<Findings, ExitCode> {
    let library = Library::load(&paths.routine_dirs());
    let mut f = Findings {
        routines: 0,
        programmes: 0,
        drawings: 0,
        errors: Vec::new(),
        broken_files: 0,
    };
    if targets.is_empty() {
        // Every source: bundled, the config dir's routines/ and programmes/, --routines.
        f.routines = library.routines.len() + library.broken.len();
        for b in &library.broken {
            f.broken_files += 1;
            f.errors.extend(b.errors.iter().cloned());
        }
        let programmes = ProgrammeLibrary::load(&programme_file::dirs(paths), &library);
        f.programmes = programmes.programmes.len() + programmes.broken.len();
        for b in &programmes.broken {
            f.broken_files += 1;
            f.errors.extend(b.errors.iter().cloned());
        }
        return Ok(f);
    }
    for target in targets {
        let programmes = is_programme_path(target);
        for file in files_of(target)? {
            if programmes {
                f.programmes += 1;
                if let Err(b) = programme_file::load_file(&file, &library) {
                    f.broken_files += 1;
                    f.errors.extend(b.errors);
                }
            } else if file.extension().is_some_and(|e| e == "txt") {
                // A pose drawing (`knotless new art NAME` writes one and suggests this check).
                f.drawings += 1;
                let errors = check_drawing(&file);
                if !errors.is_empty() {
                    f.broken_files += 1;
                    f.errors.extend(errors);
                }
            } else {
                f.routines += 1;
                if let Err(b) = load_file(&file) {
                    f.broken_files += 1;
                    f.errors.extend(b.errors);
                }
            }
        }
    }
    Ok(f)
}

/// The most a drawing may be: it is shown beside the countdown.
const DRAWING_COLUMNS: usize = 28;
const DRAWING_LINES: usize = 8;

/// A pose drawing's errors: at most 28 columns and 8 lines, plain text.
fn check_drawing(path: &Path) -> Vec<Diagnostic> {
    let label = path.display().to_string();
    let text = match Diagnostic::read_bounded(path, 1 << 20) {
        Ok(t) => t,
        Err(d) => return vec![d],
    };
    let mut errors = Vec::new();
    let mut offset = 0;
    let lines: Vec<&str> = text.lines().collect();
    for line in &lines {
        // Columns as the terminal shows them (a wide character takes two).
        let width = ratatui::text::Span::raw(*line).width();
        if width > DRAWING_COLUMNS {
            errors.push(
                Diagnostic::at(
                    &label,
                    &text,
                    Some(offset..offset + line.len()),
                    format!(
                        "this line is {width} columns wide; a drawing is at most {DRAWING_COLUMNS}"
                    ),
                )
                .with_help("shorten the line: what is wider is cut on screen"),
            );
        }
        offset += line.len() + 1;
    }
    if lines.len() > DRAWING_LINES {
        let start: usize = lines[..DRAWING_LINES].iter().map(|l| l.len() + 1).sum();
        errors.push(
            Diagnostic::at(
                &label,
                &text,
                Some(start..start),
                format!(
                    "the drawing has {} lines; at most {DRAWING_LINES}",
                    lines.len()
                ),
            )
            .with_help("remove lines: the ones below the eighth are cut on screen"),
        );
    }
    errors
}

fn report(f: &Findings) -> ExitCode {
    let mut out = std::io::stdout().lock();
    for e in &f.errors {
        let _ = writeln!(out, "{e}\n");
    }
    let mut what = format!("{} routine file{}", f.routines, plural(f.routines));
    if f.drawings > 0 {
        what = if f.routines == 0 {
            format!("{} drawing{}", f.drawings, plural(f.drawings))
        } else {
            format!("{what} and {} drawing{}", f.drawings, plural(f.drawings))
        };
    }
    if f.programmes > 0 {
        what.push_str(&format!(
            " and {} programme file{}",
            f.programmes,
            plural(f.programmes)
        ));
    }
    let _ = if f.errors.is_empty() {
        writeln!(out, "checked {what}: all valid")
    } else {
        writeln!(
            out,
            "checked {what}: {} with errors ({} error{})",
            f.broken_files,
            f.errors.len(),
            plural(f.errors.len())
        )
    };
    let _ = out.flush();
    if f.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INVALID)
    }
}

/// Runs `check` once.
pub fn run(paths: &Paths, targets: &[PathBuf]) -> ExitCode {
    match check_once(paths, targets) {
        Ok(f) => report(&f),
        Err(code) => code,
    }
}

/// Runs `check --watch`: checks, then blocks on file events and checks again after each save
/// (events arriving together are taken as one save). Ends on Ctrl-C or when watching fails.
pub fn watch(paths: &Paths, targets: &[PathBuf]) -> ExitCode {
    let mut watched: Vec<PathBuf> = if targets.is_empty() {
        let mut dirs = paths.routine_dirs();
        dirs.extend(programme_file::dirs(paths));
        dirs.retain(|d| d.is_dir());
        dirs
    } else {
        // A file is watched through its folder: editors often save by writing a new file and
        // renaming it over the old one, which a watch on the file itself would lose.
        let mut dirs: Vec<PathBuf> = targets
            .iter()
            .map(|t| match t.parent() {
                Some(parent) if t.is_file() => {
                    if parent.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        parent.to_path_buf()
                    }
                }
                _ => t.clone(),
            })
            .collect();
        dirs.sort();
        dirs.dedup();
        dirs
    };
    // Drawings live in art/ beside routine files.
    let art: Vec<PathBuf> = watched
        .iter()
        .filter(|d| d.is_dir())
        .map(|d| d.join("art"))
        .filter(|d| d.is_dir())
        .collect();
    watched.extend(art);
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    }) {
        Ok(w) => w,
        Err(e) => return usage_error(&format!("cannot watch files: {e}")),
    };
    for path in &watched {
        if let Err(e) = watcher.watch(path, RecursiveMode::NonRecursive) {
            return usage_error(&format!("cannot watch {}: {e}", path.display()));
        }
    }
    // A folder deleted and created again (a `git checkout`, a sync tool, `rm -r` and a restore)
    // loses its watch with it: its parent is watched too, so its return is seen and the watch
    // added again. Parents that cannot be watched only lose that.
    let mut parents: Vec<PathBuf> = watched
        .iter()
        .filter_map(|d| d.parent())
        .map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        })
        .filter(|p| !watched.contains(p))
        .collect();
    parents.sort();
    parents.dedup();
    for parent in &parents {
        let _ = watcher.watch(parent, RecursiveMode::NonRecursive);
    }
    let mut live = vec![true; watched.len()];
    if watched.is_empty() {
        return usage_error(
            "nothing to watch: the config dir has no routines/ or programmes/ folder yet (create one with `knotless new routine NAME`, or name files or folders)",
        );
    }
    let mut last = run(paths, targets);
    println!(
        "watching {} for changes (Ctrl-C to stop)",
        watched
            .iter()
            .map(|p| visible(&p.display().to_string()).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    );
    // An event in a watched folder, or on the folder itself (seen through its parent).
    let inside = |event: &notify::Result<notify::Event>| match event {
        Ok(e) => {
            !e.kind.is_access()
                && e.paths
                    .iter()
                    .any(|p| watched.iter().any(|d| p.starts_with(d)))
        }
        // An error (a watch lost) is worth a look.
        Err(_) => true,
    };
    loop {
        let Ok(first) = rx.recv() else {
            return last;
        };
        let mut relevant = inside(&first);
        let mut gone = removed(&first);
        // An editor's save is several events (write, rename, chmod): take them as one.
        while let Ok(next) = rx.recv_timeout(Duration::from_millis(150)) {
            relevant |= inside(&next);
            gone.extend(removed(&next));
        }
        for (dir, live) in watched.iter().zip(&mut live) {
            // Deleted and already back within one burst: its old watch went with it.
            if *live && gone.contains(dir) {
                let _ = watcher.unwatch(dir);
                *live = false;
            }
            match (dir.is_dir(), *live) {
                (true, false) if watcher.watch(dir, RecursiveMode::NonRecursive).is_ok() => {
                    *live = true;
                    println!("\n--- {} is back: watching it again", dir.display());
                }
                (false, true) => {
                    let _ = watcher.unwatch(dir);
                    *live = false;
                }
                _ => {}
            }
        }
        if relevant {
            println!("\n--- changed: checking again");
            last = run(paths, targets);
        }
    }
}

/// The paths an event says were removed (or moved away).
fn removed(event: &notify::Result<notify::Event>) -> Vec<PathBuf> {
    match event {
        Ok(e)
            if matches!(
                e.kind,
                notify::EventKind::Remove(_)
                    | notify::EventKind::Modify(notify::event::ModifyKind::Name(_))
            ) =>
        {
            e.paths.clone()
        }
        _ => Vec::new(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
