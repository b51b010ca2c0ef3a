//! Tests of the config file: defaults, every section, and errors at their line and column.

use super::*;

#[test]
fn an_empty_or_missing_file_is_the_defaults() {
    let empty = Config::parse("c.toml", "").unwrap();
    let d = Config::default();
    assert_eq!(
        (&empty.emergency_number, &empty.profile, &empty.cues),
        (&d.emergency_number, &d.profile, &d.cues)
    );
    assert_eq!((&empty.breaks, &empty.plan), (&d.breaks, &d.plan));
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        Config::load(&dir.path().join("none.toml"), today()).unwrap(),
        d
    );
    let lib = Library::load(&[]);
    assert!(d.check_routines(&lib).is_ok());
    let plans = d.break_plans(&lib);
    assert_eq!(plans.len(), 2);
    assert_eq!(
        plans[0].every,
        Duration::from_secs(30 * 60),
        "the routine's own every"
    );
    assert_eq!(plans[1].days.len(), 5);
    assert_eq!(d.plan[0].routine, "morning-mobility");
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

#[test]
fn breaks_plan_and_cues_parse_with_their_defaults() {
    let text = "[cues]\nbell = false\nsnooze = \"10m\"\n\n[[breaks]]\nroutine = \"desk-reset\"\n\
                every = \"3s\"\ndays = [\"weekend\", \"mon\"]\nfrom = \"08:30\"\n\n[[plan]]\n\
                routine = \"evening-wind-down\"\ndays = [\"daily\"]\ntime = \"21:00\"\n";
    let c = Config::parse("c.toml", text).unwrap();
    assert!(!c.cues.bell && c.cues.halfway);
    assert_eq!(c.cues.snooze, Duration::from_secs(600));
    assert_eq!(c.breaks.len(), 1);
    let b = &c.breaks[0];
    assert_eq!(b.every, Some(Duration::from_secs(3)));
    assert_eq!(b.days, [Weekday::Sat, Weekday::Sun, Weekday::Mon]);
    assert_eq!(b.from, NaiveTime::from_hms_opt(8, 30, 0).unwrap());
    assert_eq!(b.to, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
    assert_eq!(c.plan.len(), 1);
    assert_eq!(c.plan[0].time, NaiveTime::from_hms_opt(21, 0, 0));
    let lib = Library::load(&[]);
    assert!(c.check_routines(&lib).is_ok());
    let toml = c.to_toml(&lib);
    assert!(
        toml.contains("[[breaks]]\nroutine = \"desk-reset\"\nevery = \"3s\""),
        "{toml}"
    );
    assert!(toml.contains("bell = false"), "{toml}");
    // What it prints reads back as the same configuration.
    let again = Config::parse("printed.toml", &toml).unwrap();
    assert_eq!(
        (again.cues, &again.breaks, &again.plan.len()),
        (c.cues, &again.breaks, &1)
    );
    assert_eq!(again.breaks[0].days, c.breaks[0].days);
}

#[test]
fn theme_colours_parse_print_and_read_back() {
    let c = Config::parse(
        "c.toml",
        "[theme]\ntitle = \"light-blue\"\nselected = \"#336699\"\nkey = \"214\"\n",
    )
    .unwrap();
    assert_eq!(c.theme.title, palette::Colour::LightBlue);
    assert_eq!(c.theme.selected, palette::Colour::Rgb(0x33, 0x66, 0x99));
    assert_eq!(c.theme.key, palette::Colour::Indexed(214));
    assert_eq!(c.theme.good, Palette::default().good);
    let printed = c.to_toml(&Library::load(&[]));
    assert!(printed.contains("title = \"light-blue\"\n"), "{printed}");
    assert!(printed.contains("selected = \"#336699\"\n"), "{printed}");
    assert!(printed.contains("key = \"214\"\n"), "{printed}");
    assert!(printed.contains("muted = \"dark-gray\"\n"), "{printed}");
    assert_eq!(
        Config::parse("p.toml", &printed).unwrap().theme,
        c.theme,
        "{printed}"
    );
    let e = Config::parse("c.toml", "[theme]\ngood = \"greenish\"\n").unwrap_err();
    assert!(
        e.headline()
            .starts_with("c.toml:2:8: `greenish` is not a colour"),
        "{e}"
    );
}

#[test]
fn keys_override_by_action_name_and_conflicts_name_their_place() {
    let c = Config::parse("c.toml", "[keys]\npause = \"p\"\nup = [\"w\", \"up\"]\n").unwrap();
    assert_eq!(c.keys.label_of(keys::Action::Pause), "p");
    let printed = c.to_toml(&Library::load(&[]));
    assert!(printed.contains("pause = [\"p\"]\n"), "{printed}");
    assert!(printed.contains("up = [\"w\", \"up\"]\n"), "{printed}");
    assert_eq!(Config::parse("p.toml", &printed).unwrap().keys, c.keys);
    let e = Config::parse("c.toml", "[keys]\nquit = \"x\"\nskip = \"x\"\n").unwrap_err();
    assert!(
        e.headline().starts_with("c.toml:2:8: `x` would be both"),
        "{e}"
    );
    let e = Config::parse("c.toml", "[keys]\njump = \"x\"\n").unwrap_err();
    assert!(
        e.headline()
            .starts_with("c.toml:2:8: unknown action `jump`"),
        "{e}"
    );
    let e = Config::parse("c.toml", "[keys]\nhelp = \"hello\"\n").unwrap_err();
    assert!(
        e.headline().starts_with("c.toml:2:8: `hello` is not a key"),
        "{e}"
    );
}

#[test]
fn break_and_plan_errors_name_line_and_column() {
    let e = Config::parse(
        "c.toml",
        "[[breaks]]\nroutine = \"posture-check\"\ndays = [\"funday\"]\n",
    )
    .unwrap_err();
    assert!(
        e.headline().starts_with("c.toml:3:9: unknown day `funday`"),
        "{e}"
    );
    let e = Config::parse(
        "c.toml",
        "[[breaks]]\nroutine = \"posture-check\"\nfrom = \"9am\"\n",
    )
    .unwrap_err();
    assert!(e.headline().starts_with("c.toml:3:8: `from`"), "{e}");
    let e = Config::parse("c.toml", "[cues]\nbel = true\n").unwrap_err();
    assert!(
        e.headline().starts_with("c.toml:2:1: unknown field `bel`"),
        "{e}"
    );
    let lib = Library::load(&[]);
    let c = Config::parse("c.toml", "[[breaks]]\nroutine = \"lower-back-release\"\n").unwrap();
    let e = c.check_routines(&lib).unwrap_err();
    assert!(
        e.headline()
            .starts_with("c.toml:2:11: `lower-back-release` is a stretch routine"),
        "{e}"
    );
    let c = Config::parse("c.toml", "[[plan]]\nroutine = \"yoga\"\n").unwrap();
    let e = c.check_routines(&lib).unwrap_err();
    assert!(
        e.headline()
            .starts_with("c.toml:2:11: unknown routine `yoga`"),
        "{e}"
    );
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

#[test]
fn a_birth_year_before_1900_or_after_this_year_is_refused_at_its_line_and_column() {
    let file = |year: i64| format!("emergency_number = \"999\"\n[profile]\nbirth_year = {year}\n");
    // 1899: refused by the parser itself; 1900, its nearest miss, is accepted.
    let e = Config::parse("c.toml", &file(1899)).unwrap_err();
    assert!(
        e.headline()
            .starts_with("c.toml:3:14: `birth_year` must be a year from 1900 to this year"),
        "{e}"
    );
    assert!(e.to_string().contains("got 1899"), "{e}");
    let c = Config::parse_as_of("c.toml", &file(1900), today()).unwrap();
    assert_eq!(c.profile.birth_year, Some(1900));
    // Next year: refused as of today; this year, its nearest miss, is accepted.
    let e = Config::parse_as_of("c.toml", &file(2027), today()).unwrap_err();
    assert!(
        e.headline().starts_with(
            "c.toml:3:14: `birth_year` 2027 is in the future: it must be a year from 1900 to 2026"
        ),
        "{e}"
    );
    let c = Config::parse_as_of("c.toml", &file(2026), today()).unwrap();
    assert_eq!(c.profile.birth_year, Some(2026));
    // 2100 was accepted before; a year far off too, whatever the parser allows.
    for year in [2100, 9999] {
        assert!(
            Config::parse_as_of("c.toml", &file(year), today()).is_err(),
            "{year}"
        );
    }
    // Loading the file checks it as of the day it is given.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, file(2027)).unwrap();
    let e = Config::load(&path, today()).unwrap_err();
    assert!(
        e.headline()
            .contains("config.toml:3:14: `birth_year` 2027 is in the future"),
        "{e}"
    );
    let next_year = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert_eq!(
        Config::load(&path, next_year).unwrap().profile.birth_year,
        Some(2027)
    );
}
