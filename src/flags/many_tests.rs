//! [`Evaluator`] against [`evaluate_at`]: over generated logs (every symptom, area, onset and
//! trigger of the vocabulary, both sides, entries written late or edited, several entries at one
//! time, episodes and gaps) with acknowledgements of every rule at several times, the flags at
//! every moment — live and as of moments before, through and after the log — are the same.

use chrono::{DateTime, Duration, FixedOffset};

use super::*;
use crate::symptoms::{Onset, SymptomEntry};
use crate::vocabulary::{Category, IdSet, id_set::known};

/// A small deterministic generator (an LCG), so a failure repeats.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }

    /// Each id of `category` with a chance of one in `one_in`.
    fn ids<K: crate::vocabulary::id_set::IdKind>(&mut self, one_in: u64) -> IdSet<K> {
        let ids: Vec<&str> = known(K::CATEGORY)
            .iter()
            .copied()
            .filter(|_| self.next(one_in) == 0)
            .collect();
        IdSet::of(&ids)
    }
}

fn start() -> DateTime<FixedOffset> {
    "2023-01-02T08:00:00+01:00".parse().unwrap()
}

/// `n` entries from [`start`], in time order; a few share a time with the one before.
fn generated_log(seed: u64, n: usize) -> Vec<SymptomEntry> {
    let mut dice = Dice(seed);
    let mut at = start();
    (0..n)
        .map(|i| {
            at += match dice.next(20) {
                0 => Duration::zero(),
                1 => Duration::days(9 + dice.next(30) as i64),
                _ => Duration::minutes(60 + dice.next(3 * 24 * 60) as i64),
            };
            // Written at the time, hours later, or weeks later about the past.
            let written = at + Duration::minutes(dice.next(4) as i64 * dice.next(20_000) as i64);
            let mut areas = dice.ids(9);
            if areas.is_empty() {
                let _ = areas.insert("lower-back");
            }
            SymptomEntry {
                id: crate::id::encode(written.timestamp_millis() as u64, i as u128),
                at,
                pain: if dice.next(8) == 0 {
                    0
                } else {
                    dice.next(11) as u8
                },
                onset: match dice.next(6) {
                    0 => Some(Onset::Sudden),
                    1 => Some(Onset::Gradual),
                    _ => None,
                },
                areas,
                symptoms: dice.ids(14),
                denied: dice.ids(20),
                triggers: dice.ids(12),
                relief: IdSet::new(),
                note: String::new(),
                edited: (dice.next(25) == 0).then(|| written + Duration::days(3)),
            }
        })
        .collect()
}

/// Acknowledgements of every rule at a few times through the log.
fn generated_acks(seed: u64, rules: &[Rule], span: Duration) -> Vec<Ack> {
    let mut dice = Dice(seed);
    let mut acks = Vec::new();
    for rule in rules {
        for k in 0..dice.next(4) {
            let at = start() + Duration::minutes(dice.next(span.num_minutes() as u64) as i64);
            acks.push(Ack {
                id: crate::id::encode(at.timestamp_millis() as u64, u128::from(k as u8)),
                flag: rule.id.clone(),
                at,
            });
        }
    }
    acks
}

/// Live and as-of moments from before the first entry to after the last, every `step`.
fn moments(entries: &[SymptomEntry], step: Duration) -> Vec<Moment> {
    let last = entries.iter().map(|e| e.at).max().unwrap();
    let mut at = start() - Duration::days(3);
    let mut out = Vec::new();
    while at < last + Duration::days(60) {
        out.push(Moment::as_of(at));
        out.push(Moment::live(at + Duration::hours(5)));
        at += step;
    }
    // Exactly at entries' times: the edges of "dated up to".
    out.extend(entries.iter().step_by(37).map(|e| Moment::as_of(e.at)));
    out
}

fn assert_same(entries: &[SymptomEntry], profile: &Profile, rules: &[Rule], acks: &[Ack]) -> usize {
    let evaluator = Evaluator::new(entries, profile, rules, acks);
    let mut raised = 0;
    for moment in moments(entries, Duration::days(11)) {
        let old = evaluate_at(entries, profile, rules, acks, moment);
        assert_eq!(evaluator.at(moment), old, "at {moment:?}");
        raised += old.active.len() + old.acknowledged.len();
    }
    raised
}

#[test]
fn the_evaluator_gives_what_evaluate_at_gives_at_every_moment() {
    let rules = RuleSet::bundled().rules;
    let profiles = [
        Profile::default(),
        Profile {
            birth_year: Some(1950),
            conditions: IdSet::of(&known(Category::Condition)[..2]),
        },
    ];
    for seed in [1, 2, 3] {
        let entries = generated_log(seed, 700);
        let span = entries.last().unwrap().at - start();
        let acks = generated_acks(seed + 100, &rules, span);
        for profile in &profiles {
            for acks in [&[][..], &acks[..]] {
                let raised = assert_same(&entries, profile, &rules, acks);
                assert!(raised > 100, "the generated log raises flags: {raised}");
            }
        }
        // Out of order: the evaluator reads it as `evaluate_at` does.
        let mut shuffled = entries.clone();
        shuffled.swap(10, 400);
        shuffled.swap(3, 650);
        assert_same(&shuffled, &profiles[1], &rules, &acks);
    }
}

#[test]
fn the_generated_acknowledgements_mute_and_emergencies_outlive_their_window() {
    // The comparison above is only worth as much as what the log exercises.
    let rules = RuleSet::bundled().rules;
    let entries = generated_log(1, 700);
    let span = entries.last().unwrap().at - start();
    let acks = generated_acks(101, &rules, span);
    let profile = Profile {
        birth_year: Some(1950),
        conditions: IdSet::of(&known(Category::Condition)[..2]),
    };
    let evaluator = Evaluator::new(&entries, &profile, &rules, &acks);
    let (mut acknowledged, mut old_emergency, mut episode) = (false, false, false);
    for moment in moments(&entries, Duration::days(11)) {
        let flags = evaluator.at(moment);
        acknowledged |= !flags.acknowledged.is_empty();
        for f in flags.active.iter().chain(&flags.acknowledged) {
            old_emergency |= f.rule.level == Level::Emergency
                && f.evidence.iter().any(|e| moment.now - e.at > f.rule.within);
            episode |= f.rule.once_per_episode();
        }
    }
    assert!(acknowledged && old_emergency && episode);
}
