//! The red flags section: flags active now, and flags the rules raised at moments through the
//! period, each with the entries behind it.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset};

use super::{EvidenceOut, FlagOut, FlagsOut, Inputs, Period};
use crate::flags::matched::describe;
use crate::flags::{Evaluator, Flag, Moment};
use crate::symptoms::SymptomEntry;

fn flag_out(flag: &Flag, entries: &[SymptomEntry], number: Option<&str>) -> FlagOut {
    let mut evidence: Vec<EvidenceOut> = flag
        .evidence
        .iter()
        .map(|ev| {
            // Entries are sorted by time: find the evidence by its time, then its id.
            let from = entries.partition_point(|e| e.at < ev.at);
            let matched = entries[from..]
                .iter()
                .take_while(|e| e.at == ev.at)
                .find(|e| e.id == ev.id)
                .map(|e| describe(&flag.rule, e))
                .unwrap_or_default();
            EvidenceOut {
                id: ev.id.clone(),
                at: ev.at,
                matched,
            }
        })
        .collect();
    evidence.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
    FlagOut {
        id: flag.rule.id.clone(),
        level: flag.rule.level.id(),
        title: flag.rule.title.clone(),
        action: flag.rule.action_text(number),
        acknowledged: flag.acknowledged,
        lapsed: None,
        evidence,
    }
}

pub(super) fn flags(inputs: &Inputs<'_>, period: Period, now: DateTime<FixedOffset>) -> FlagsOut {
    let number = inputs.emergency_number;
    // The log read once for every moment below (the same flags as `evaluate_at` at each).
    let evaluator = Evaluator::new(inputs.entries, inputs.profile, inputs.rules, inputs.acks);
    let evaluate = |moment| evaluator.at(moment);
    let live = evaluate(Moment::live(now));
    let active_now = live
        .active
        .iter()
        .map(|f| flag_out(f, inputs.entries, number))
        .collect();

    // Moments through the period, newest first: the first time a rule is seen wins, so each
    // flag shows its latest state within the period.
    let end = period.until.min(now) - Duration::seconds(1);
    let span = (end - period.since).num_days().max(0);
    let step = (span / 26).max(7);
    let mut seen: HashMap<String, Flag> = HashMap::new();
    let mut at = end;
    loop {
        let flags = evaluate(Moment::as_of(at));
        for flag in flags.active.iter().chain(&flags.acknowledged) {
            if !seen.contains_key(&flag.rule.id)
                && flag.evidence.iter().any(|e| period.contains(e.at))
            {
                seen.insert(flag.rule.id.clone(), flag.clone());
            }
        }
        if at <= period.since {
            break;
        }
        at = (at - Duration::days(step)).max(period.since);
    }
    let mut in_period: Vec<Flag> = seen.into_values().collect();
    in_period.sort_by(|a, b| {
        b.rule
            .level
            .cmp(&a.rule.level)
            .then_with(|| b.latest().cmp(&a.latest()))
            .then_with(|| a.rule.id.cmp(&b.rule.id))
    });
    let mut in_period: Vec<FlagOut> = in_period
        .iter()
        .map(|f| {
            let mut out = flag_out(f, inputs.entries, number);
            out.evidence.retain(|e| period.contains(e.at));
            out
        })
        .collect();
    // What lapsed in the period without being marked as checked (and is not raised since).
    let lapsed = crate::flags::lapsed::lapsed(
        inputs.entries,
        inputs.profile,
        inputs.rules,
        inputs.acks,
        period.since,
        end + Duration::seconds(1),
    );
    for l in lapsed {
        match in_period.iter_mut().find(|f| f.id == l.flag.rule.id) {
            Some(f) => f.lapsed = Some(l.at),
            None => {
                let mut out = flag_out(&l.flag, inputs.entries, number);
                out.evidence.retain(|e| period.contains(e.at));
                out.lapsed = Some(l.at);
                in_period.push(out);
            }
        }
    }
    // Most severe first, as before (a stable sort keeps the order within a level).
    in_period.sort_by_key(|f| match f.level {
        "emergency" => 0,
        "urgent" => 1,
        _ => 2,
    });
    FlagsOut {
        active_now,
        in_period,
    }
}
