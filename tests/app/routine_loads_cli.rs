//! `knotless check` on what a step loads and its alternative: the mistakes located at
//! file:line:column with the accepted values, exit 1; a valid file passes (exit 0).

use std::fs;

use assert_cmd::Command;

const HEAD: &str =
    "name = \"Mine\"\nkind = \"stretch\"\n\n[[steps]]\nname = \"Knee to chest\"\nhold = \"30s\"\n";

fn check(dir: &std::path::Path) -> (Option<i32>, String) {
    let home = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("knotless")
        .unwrap()
        .env("KNOTLESS_DATA_DIR", home.path().join("data"))
        .env("KNOTLESS_CONFIG", home.path().join("config/config.toml"))
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn check_locates_an_unknown_load_and_a_bad_alternative() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("load.toml"),
        format!("{HEAD}loads = [\"flexion\", \"bend\"]\n"),
    )
    .unwrap();
    fs::write(
        dir.path().join("alt.toml"),
        format!("{HEAD}loads = [\"flexion\"]\n\n[steps.alternative]\nname = \"Knee rocking\"\nhold = \"30s\"\nreps = 10\n"),
    )
    .unwrap();
    let (code, text) = check(dir.path());
    assert_eq!(code, Some(1), "{text}");
    let load = dir.path().join("load.toml");
    let alt = dir.path().join("alt.toml");
    assert!(text.contains(&format!("{}:7:21", load.display())), "{text}");
    assert!(text.contains("unknown load `bend`"), "{text}");
    assert!(
        text.contains("accepted loads: flexion") && text.contains("belly-heat"),
        "{text}"
    );
    assert!(text.contains(&format!("{}:12:8", alt.display())), "{text}");
    assert!(
        text.contains("step `Knee rocking` has both `hold` and `reps`"),
        "{text}"
    );

    // The nearest miss: the same step with a valid alternative passes.
    let good = tempfile::tempdir().unwrap();
    fs::write(
        good.path().join("good.toml"),
        format!("{HEAD}loads = [\"flexion\"]\n\n[steps.alternative]\nname = \"Knee rocking\"\nreps = 10\n"),
    )
    .unwrap();
    let (code, text) = check(good.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("all valid"), "{text}");
}
