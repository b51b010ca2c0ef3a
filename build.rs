//! Embeds the bundled routines and assets so the binary works from any directory.
//!
//! Writes `$OUT_DIR/bundled.rs` with two tables of `(name, include_str!(path))`: the routine files
//! in `routines/` (name = file stem = routine id) and the pose drawings in `assets/art/`, and
//! `$OUT_DIR/programmes.rs` with the programme files in `programmes/`.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn table(out: &mut String, konst: &str, dir: &Path, ext: &str) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.retain(|p| p.extension().is_some_and(|e| e == ext));
    entries.sort();
    writeln!(out, "pub static {konst}: &[(&str, &str)] = &[").unwrap();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().unwrap().to_string_lossy();
        let abs = fs::canonicalize(&path).unwrap();
        writeln!(
            out,
            "    ({stem:?}, include_str!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

fn main() {
    // Read when the script runs, not when it was compiled: a build script binary reused by
    // another checkout sharing the target folder must read that checkout's files.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest_dir);
    let mut out = String::new();
    table(&mut out, "ROUTINES", &root.join("routines"), "toml");
    table(&mut out, "ART", &root.join("assets/art"), "txt");
    let out_dir = env::var("OUT_DIR").unwrap();
    fs::write(Path::new(&out_dir).join("bundled.rs"), out).unwrap();
    let mut programmes = String::new();
    table(
        &mut programmes,
        "PROGRAMMES",
        &root.join("programmes"),
        "toml",
    );
    fs::write(Path::new(&out_dir).join("programmes.rs"), programmes).unwrap();
}
