//! The routine file format (DESIGN §4): structs that mirror the TOML, and the checks that turn
//! them into a [`Routine`]. Every error carries file, line and column and says how to fix it.

use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::{Art, Kind, Load, Origin, Routine, Sides, Step, Work};
use crate::diagnostic::{Checker, Diagnostic};
use crate::duration;

/// The longest a single heat application, or a heat routine in total, may run.
pub const MAX_HEAT: Duration = Duration::from_secs(20 * 60);
/// The longest a posture break may take.
pub const MAX_POSTURE_BREAK: Duration = Duration::from_secs(10 * 60);
const DEFAULT_PREPARE: Duration = Duration::from_secs(5);
const DEFAULT_SWITCH: Duration = Duration::from_secs(5);
/// The longest gap between skin checks under heat (CLINICAL: check after about 5 minutes and
/// regularly after); also the default.
pub const MAX_SKIN_CHECK: Duration = Duration::from_secs(5 * 60);
/// Bounds that keep any routine file a person could write small in memory and time (checked at
/// load, so `check` names the line): a hold, rest, side switch, tempo or prepare at most an hour,
/// at most 20 sets, 200 reps, 200 steps, 4 hours in all; a file at most 1 MiB.
pub const MAX_PHASE: Duration = Duration::from_secs(60 * 60);
/// The most sets of one step.
pub const MAX_SETS: i64 = 20;
/// The most repetitions of one step.
pub const MAX_REPS: i64 = 200;
/// The most steps in one routine.
pub const MAX_STEPS: usize = 200;
/// The longest a whole routine may plan for.
pub const MAX_TOTAL: Duration = Duration::from_secs(4 * 60 * 60);
/// The longest a posture-break interval (`every`) may be.
pub const MAX_EVERY: Duration = Duration::from_secs(24 * 60 * 60);
/// The largest routine file read.
pub const MAX_FILE_BYTES: u64 = 1 << 20;
/// The longest name of a routine or a step, in characters: a name is a line of a list, a
/// heading of the runner, a cell of the report (the longest bundled one is 49).
pub const MAX_NAME_CHARS: usize = 80;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoutineFile {
    name: Spanned<String>,
    kind: Spanned<Kind>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    source: String,
    prepare: Option<Spanned<String>>,
    rest: Option<Spanned<String>>,
    #[serde(default)]
    cautions: Vec<String>,
    every: Option<Spanned<String>>,
    #[serde(default)]
    steps: Vec<StepFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepFile {
    name: Spanned<String>,
    hold: Option<Spanned<String>>,
    reps: Option<Spanned<i64>>,
    tempo: Option<Spanned<String>>,
    sides: Option<Spanned<Sides>>,
    switch: Option<Spanned<String>>,
    sets: Option<Spanned<i64>>,
    rest: Option<Spanned<String>>,
    #[serde(default)]
    cue: String,
    art: Option<Spanned<String>>,
    check_every: Option<Spanned<String>>,
    #[serde(default)]
    loads: Vec<Spanned<String>>,
    alternative: Option<Spanned<Box<StepFile>>>,
}

/// What every step of one routine shares while it is checked.
struct StepContext<'f> {
    kind: Kind,
    default_rest: Duration,
    find_art: &'f dyn Fn(&str) -> ArtFound,
}

/// The accepted `loads`, for the help under an unknown one.
const LOADS_HELP: &str = "accepted loads: flexion (a held, loaded or repeated forward bend), twist (a held turn of the trunk), prone (lying face down), belly-heat (heat over the belly, heat steps only), massage (a ball or roller on muscle)";

impl Checker<'_> {
    /// A duration of at most an hour (see [`MAX_PHASE`]).
    fn duration(&mut self, value: &Spanned<String>, what: &str) -> Option<Duration> {
        self.duration_up_to(value, what, MAX_PHASE)
    }

    fn duration_up_to(
        &mut self,
        value: &Spanned<String>,
        what: &str,
        max: Duration,
    ) -> Option<Duration> {
        match duration::parse(value.get_ref()) {
            Ok(d) if d > max => {
                self.error(
                    value,
                    format!(
                        "`{what}` may be at most {} (got {})",
                        duration::Compact(max),
                        value.get_ref().trim()
                    ),
                    "",
                );
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                self.error(value, format!("`{what}`: {e}"), "");
                None
            }
        }
    }

    fn optional_duration(
        &mut self,
        value: &Option<Spanned<String>>,
        what: &str,
        default: Duration,
    ) -> Duration {
        value
            .as_ref()
            .and_then(|v| self.duration(v, what))
            .unwrap_or(default)
    }

    /// Refuses a name longer than [`MAX_NAME_CHARS`].
    fn name_length(&mut self, name: &Spanned<String>, whose: &str) {
        let chars = name.get_ref().chars().count();
        if chars > MAX_NAME_CHARS {
            self.error(
                name,
                format!(
                    "the {whose}'s `name` is {chars} characters long; at most {MAX_NAME_CHARS}"
                ),
                "shorten it; a longer description belongs in `summary` or the step's `cue`",
            );
        }
    }

    fn count(&mut self, value: &Spanned<i64>, what: &str, max: i64) -> u32 {
        let n = *value.get_ref();
        if (1..=max).contains(&n) {
            n as u32
        } else {
            self.error(
                value,
                format!("`{what}` must be a whole number from 1 to {max} (got {n})"),
                "",
            );
            1
        }
    }
}

/// Parses and checks one routine file. `file` names it in errors; `find_art` resolves `art` names
/// to drawings (bundled, or `art/` beside the file).
pub fn parse(
    id: &str,
    file: &str,
    text: &str,
    origin: Origin,
    find_art: &dyn Fn(&str) -> Option<String>,
) -> Result<Routine, Vec<Diagnostic>> {
    parse_with_art(id, file, text, origin, &|name| Ok(find_art(name)))
}

/// What looking up a drawing found: its text, nothing by that name, or a file by that name
/// that could not be read (why, naming it).
pub type ArtFound = Result<Option<String>, String>;

/// Like [`parse`], with drawings whose files can fail to read: such a step is an error at its
/// `art`, saying why.
pub fn parse_with_art(
    id: &str,
    file: &str,
    text: &str,
    origin: Origin,
    find_art: &dyn Fn(&str) -> ArtFound,
) -> Result<Routine, Vec<Diagnostic>> {
    let raw: RoutineFile =
        toml::from_str(text).map_err(|e| vec![Diagnostic::from_toml(file, text, &e)])?;
    let mut c = Checker::new(file, text);
    let kind = *raw.kind.get_ref();
    if raw.name.get_ref().trim().is_empty() {
        c.error(
            &raw.name,
            "the routine's `name` is empty",
            "give it a name people will recognise",
        );
    }
    c.name_length(&raw.name, "routine");
    let prepare = c.optional_duration(&raw.prepare, "prepare", DEFAULT_PREPARE);
    let default_rest = c.optional_duration(&raw.rest, "rest", Duration::ZERO);
    let every = match (&raw.every, kind) {
        (Some(every), Kind::PostureBreak) => c.duration_up_to(every, "every", MAX_EVERY),
        (Some(every), _) => {
            c.error(
                every,
                "`every` only applies to posture-break routines",
                "remove it, or set kind = \"posture-break\"",
            );
            None
        }
        (None, Kind::PostureBreak) => {
            c.error(
                &raw.kind,
                "a posture-break routine needs `every`, how often the break timer offers it",
                "add a line like: every = \"45m\"",
            );
            None
        }
        (None, _) => None,
    };
    if raw.steps.len() > MAX_STEPS {
        c.error(
            &raw.name,
            format!(
                "the routine has {} steps; at most {MAX_STEPS}",
                raw.steps.len()
            ),
            "split it into several routines",
        );
    }
    if raw.steps.is_empty() {
        c.error(
            &raw.name,
            "the routine has no steps",
            "add at least one [[steps]] table with a `name` and a `hold` or `reps`",
        );
    }

    let mut steps = Vec::with_capacity(raw.steps.len());
    let mut heat_total = Duration::ZERO;
    let mut heat_total_reported = false;
    let ctx = StepContext {
        kind,
        default_rest,
        find_art,
    };
    for s in raw.steps.iter().take(MAX_STEPS) {
        let mut step = c.step(s, &ctx);
        // Heat counts at the longer of the step and its alternative, so the limit holds
        // whichever of the two a person's profile picks.
        let mut heat = heat_of(s, &step, kind);
        if let Some(alt) = &s.alternative {
            let a = alt.get_ref();
            if let Some(nested) = &a.alternative {
                c.error(
                    nested,
                    format!(
                        "the alternative `{}` has an alternative of its own",
                        a.name.get_ref()
                    ),
                    "an alternative is one step done instead of its step: remove the inner `alternative`",
                );
            }
            let alt_step = c.step(a, &ctx);
            for load in &a.loads {
                if Load::from_id(load.get_ref()).is_some_and(|l| step.loads(l)) {
                    c.error(
                        load,
                        format!(
                            "the alternative `{}` loads `{}` like the step `{}` it stands in for",
                            a.name.get_ref(),
                            load.get_ref(),
                            s.name.get_ref()
                        ),
                        "an alternative is used when its step's loads are ruled out: give one without them, or remove the alternative",
                    );
                }
            }
            if let Some(alt_heat) = heat_of(a, &alt_step, kind)
                && heat.is_none_or(|(h, _)| alt_heat.0 > h)
            {
                heat = Some(alt_heat);
            }
            step.alternative = Some(Box::new(alt_step));
        }
        if let Some((hold, at)) = heat {
            heat_total = heat_total.saturating_add(hold);
            if heat_total > MAX_HEAT && !heat_total_reported {
                heat_total_reported = true;
                c.error(at, format!("this routine heats for {} in total by this step; the limit is 20 minutes", duration::Compact(heat_total)), "shorten the heat steps; after 20 minutes of heat the skin needs at least an hour off");
            }
        }
        steps.push(step);
    }

    let routine = Routine {
        id: id.to_owned(),
        name: raw.name.get_ref().clone(),
        kind,
        summary: raw.summary,
        tags: raw.tags,
        source: raw.source,
        prepare,
        cautions: raw.cautions,
        every,
        steps,
        origin,
    };
    // With every alternative in place of its step the routine must keep the same bounds.
    let total = routine.total().max(routine.with_alternatives().total());
    if total > MAX_TOTAL {
        c.error(
            &raw.name,
            format!(
                "the routine plans for {}; at most {} in all",
                duration::Compact(total),
                duration::Compact(MAX_TOTAL)
            ),
            "split it into several routines",
        );
    }
    if kind == Kind::PostureBreak && total > MAX_POSTURE_BREAK {
        c.error(&raw.kind, format!("a posture break may take at most 10 minutes; this one takes {}", duration::Compact(total)), "keep breaks short so they fit into a working day; use kind = \"stretch\" for longer routines");
    }
    if c.errors.is_empty() {
        Ok(routine)
    } else {
        Err(c.errors)
    }
}

/// The heat a step applies in all (hold × sets × sides) and where its hold is written, for a
/// timed step of a heat routine whose hold is itself within the single-step limit (a longer one
/// has its own error).
fn heat_of<'s>(
    s: &'s StepFile,
    step: &Step,
    kind: Kind,
) -> Option<(Duration, &'s Spanned<String>)> {
    let (Kind::Heat, Work::Hold(hold), Some(at)) = (kind, step.work, &s.hold) else {
        return None;
    };
    if hold > MAX_HEAT {
        return None;
    }
    let sides_count = if step.sides == Sides::LeftRight { 2 } else { 1 };
    // Bounded above (an hour × 20 sets × 2 sides), so this cannot overflow.
    Some((hold.saturating_mul(step.sets * sides_count), at))
}

impl Checker<'_> {
    /// Checks one step (or an alternative) and turns it into a [`Step`]; an alternative is
    /// attached by the caller.
    fn step(&mut self, s: &StepFile, ctx: &StepContext<'_>) -> Step {
        let c = self;
        let kind = ctx.kind;
        c.name_length(&s.name, "step");
        let sets = s.sets.as_ref().map_or(1, |v| c.count(v, "sets", MAX_SETS));
        let work = match (&s.hold, &s.reps) {
            (Some(hold), None) => {
                if let Some(tempo) = &s.tempo {
                    c.error(
                        tempo,
                        "`tempo` paces repetitions; this step is a `hold`",
                        "remove `tempo`, or use `reps` instead of `hold`",
                    );
                }
                Work::Hold(c.duration(hold, "hold").unwrap_or(Duration::from_secs(1)))
            }
            (None, Some(reps)) => Work::Reps {
                count: c.count(reps, "reps", MAX_REPS),
                tempo: s.tempo.as_ref().and_then(|t| c.duration(t, "tempo")),
            },
            (Some(_), Some(reps)) => {
                c.error(
                    reps,
                    format!("step `{}` has both `hold` and `reps`", s.name.get_ref()),
                    "a step is either held for a time (`hold`) or repeated (`reps`): keep one",
                );
                Work::Hold(Duration::from_secs(1))
            }
            (None, None) => {
                c.error(
                    &s.name,
                    format!("step `{}` has neither `hold` nor `reps`", s.name.get_ref()),
                    "add `hold = \"30s\"` for a timed hold or `reps = 10` for repetitions",
                );
                Work::Hold(Duration::from_secs(1))
            }
        };
        let sides = s.sides.as_ref().map_or(Sides::None, |v| *v.get_ref());
        if let (Some(switch), Sides::None) = (&s.switch, sides) {
            c.error(
                switch,
                "`switch` is the time to change sides, but this step has no sides",
                "remove `switch`, or add sides = \"left-right\"",
            );
        }
        let switch = c.optional_duration(&s.switch, "switch", DEFAULT_SWITCH);
        let rest = c.optional_duration(&s.rest, "rest", ctx.default_rest);

        let is_heat = kind == Kind::Heat && matches!(work, Work::Hold(_));
        let check_every = match (&s.check_every, is_heat) {
            (Some(v), true) => match c.duration(v, "check_every") {
                Some(every) if every > MAX_SKIN_CHECK => {
                    c.error(
                        v,
                        format!(
                            "skin checks under heat may be at most 5 minutes apart (this is {})",
                            duration::Compact(every)
                        ),
                        "set check_every = \"5m\" or less: skin can burn between checks that are further apart",
                    );
                    Some(MAX_SKIN_CHECK)
                }
                every => every,
            },
            (None, true) => Some(MAX_SKIN_CHECK),
            (Some(v), false) => {
                c.error(
                    v,
                    "`check_every` (skin checks) only applies to timed steps of a heat routine",
                    "remove it, or set kind = \"heat\"",
                );
                None
            }
            (None, false) => None,
        };
        if let (true, Work::Hold(hold), Some(at)) = (is_heat, work, &s.hold)
            && hold > MAX_HEAT
        {
            c.error(
                at,
                format!(
                    "a heat step may last at most 20 minutes (this one is {})",
                    duration::Compact(hold)
                ),
                "heat for 10–15 minutes, then take at least an hour off",
            );
        }

        let mut loads = Vec::new();
        for l in &s.loads {
            match Load::from_id(l.get_ref()) {
                Some(Load::BellyHeat) if !is_heat => c.error(
                    l,
                    "`belly-heat` marks heat over the belly, but this step is not a heat hold",
                    "use it only in timed steps of a kind = \"heat\" routine",
                ),
                Some(load) => {
                    if !loads.contains(&load) {
                        loads.push(load);
                    }
                }
                None => c.error(l, format!("unknown load `{}`", l.get_ref()), LOADS_HELP),
            }
        }
        loads.sort();

        let art = s.art.as_ref().and_then(|name| {
            let valid = !name.get_ref().is_empty()
                && name
                    .get_ref()
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
            let found = if valid {
                (ctx.find_art)(name.get_ref())
            } else {
                Ok(None)
            };
            match found {
                Ok(Some(text)) => Some(Art {
                    name: name.get_ref().clone(),
                    text,
                }),
                Err(why) => {
                    c.error(
                        name,
                        why,
                        "a drawing must be a plain text file; move what is there away",
                    );
                    None
                }
                Ok(None) => {
                    let known: Vec<&str> = super::bundled_art().map(|(n, _)| n).collect();
                    let help = format!(
                        "bundled drawings: {}; or put {}.txt in an art/ folder beside this file",
                        known.join(", "),
                        name.get_ref()
                    );
                    c.error(name, format!("unknown art `{}`", name.get_ref()), &help);
                    None
                }
            }
        });
        Step {
            name: s.name.get_ref().clone(),
            work,
            sides,
            switch,
            sets,
            rest,
            cue: s.cue.trim().to_owned(),
            art,
            check_every,
            loads,
            alternative: None,
        }
    }
}
