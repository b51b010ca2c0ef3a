//! A set of vocabulary ids of one category, stored as bits: an entry's areas, symptoms,
//! triggers and reliefs cost eight bytes each and no allocation, which keeps a 100,000-entry log
//! small in memory. Only known ids can be in a set, so an entry can never hold a typo.
//! Iteration and JSON follow the vocabulary's order, not the order the ids were given in.

use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Category, UnknownId, Vocabulary};

/// Which category a set holds.
pub trait IdKind {
    /// The category.
    const CATEGORY: Category;
}

macro_rules! kinds {
    ($($(#[$doc:meta])* $name:ident => $category:ident, $alias:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $name;
        impl IdKind for $name {
            const CATEGORY: Category = Category::$category;
        }
        $(#[$doc])*
        pub type $alias = IdSet<$name>;
    )*};
}

kinds! {
    /// Body areas.
    AreaIds => Area, Areas;
    /// Symptoms (also what was denied).
    SymptomIds => Symptom, Symptoms;
    /// Triggers.
    TriggerIds => Trigger, Triggers;
    /// Reliefs.
    ReliefIds => Relief, Reliefs;
    /// Profile conditions.
    ConditionIds => Condition, ProfileConditions;
}

/// The ids of `category` in vocabulary order; bit `i` of a set is `ids[i]`.
pub fn known(category: Category) -> &'static [&'static str] {
    static IDS: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let all = IDS.get_or_init(|| {
        let v = Vocabulary::bundled();
        let ids = |terms: &'static [super::Term]| terms.iter().map(|t| t.id.as_str()).collect();
        vec![
            v.areas.iter().map(|a| a.id.as_str()).collect(),
            ids(&v.symptoms),
            ids(&v.triggers),
            ids(&v.relief),
            ids(&v.conditions),
        ]
    });
    &all[match category {
        Category::Area => 0,
        Category::Symptom => 1,
        Category::Trigger => 2,
        Category::Relief => 3,
        Category::Condition => 4,
    }]
}

/// A set of known ids of one category.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IdSet<K> {
    bits: u64,
    kind: PhantomData<K>,
}

impl<K: IdKind> IdSet<K> {
    /// The empty set.
    pub fn new() -> Self {
        IdSet {
            bits: 0,
            kind: PhantomData,
        }
    }

    fn index(id: &str) -> Result<usize, UnknownId> {
        let ids = known(K::CATEGORY);
        ids.iter().position(|k| *k == id).ok_or_else(|| UnknownId {
            category: K::CATEGORY,
            id: id.to_owned(),
            valid: ids.iter().map(|s| (*s).to_owned()).collect(),
        })
    }

    /// The set of these ids; an unknown one is an error listing the valid ids.
    pub fn parse<S: AsRef<str>>(ids: impl IntoIterator<Item = S>) -> Result<Self, UnknownId> {
        let mut set = Self::new();
        for id in ids {
            set.insert(id.as_ref())?;
        }
        Ok(set)
    }

    /// The set of ids written in the code itself.
    ///
    /// # Panics
    /// On an id outside the vocabulary: for literals only, never for user data.
    #[track_caller]
    pub fn of(ids: &[&str]) -> Self {
        match Self::parse(ids) {
            Ok(set) => set,
            Err(e) => panic!("{e}"),
        }
    }

    /// The set as bits, one per id in the vocabulary's order: for a cache of the log that is
    /// read back by this same build (see `symptoms::snapshot`).
    pub fn bits(&self) -> u64 {
        self.bits
    }

    /// The set of these bits; `None` when a bit names no id of the vocabulary.
    pub fn from_bits(bits: u64) -> Option<Self> {
        let n = known(K::CATEGORY).len();
        let valid = if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
        (bits & !valid == 0).then_some(IdSet {
            bits,
            kind: PhantomData,
        })
    }

    /// Adds `id`; whether it was new.
    pub fn insert(&mut self, id: &str) -> Result<bool, UnknownId> {
        let bit = 1 << Self::index(id)?;
        let new = self.bits & bit == 0;
        self.bits |= bit;
        Ok(new)
    }

    /// Removes `id`; whether it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        match Self::index(id) {
            Ok(i) => {
                let was = self.bits & (1 << i) != 0;
                self.bits &= !(1 << i);
                was
            }
            Err(_) => false,
        }
    }

    /// Adds `id` if absent, removes it if present.
    pub fn toggle(&mut self, id: &str) -> Result<(), UnknownId> {
        if !self.remove(id) {
            self.insert(id)?;
        }
        Ok(())
    }

    /// Whether `id` is in the set.
    pub fn contains(&self, id: &str) -> bool {
        Self::index(id).is_ok_and(|i| self.bits & (1 << i) != 0)
    }

    /// The ids, in vocabulary order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + use<K> {
        let bits = self.bits;
        known(K::CATEGORY)
            .iter()
            .enumerate()
            .filter(move |(i, _)| bits & (1 << i) != 0)
            .map(|(_, id)| *id)
    }

    /// The ids' positions in [`known`], in vocabulary order.
    pub fn indices(&self) -> impl Iterator<Item = usize> + use<K> {
        let mut bits = self.bits;
        std::iter::from_fn(move || {
            let i = bits.trailing_zeros() as usize;
            bits &= bits.checked_sub(1)?;
            Some(i)
        })
    }

    /// How many ids.
    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// Whether any id is in both sets.
    pub fn intersects(&self, other: &Self) -> bool {
        self.bits & other.bits != 0
    }

    /// The ids in either set.
    pub fn union(&self, other: &Self) -> Self {
        IdSet {
            bits: self.bits | other.bits,
            kind: PhantomData,
        }
    }

    /// The ids in both sets.
    pub fn intersection(&self, other: &Self) -> Self {
        IdSet {
            bits: self.bits & other.bits,
            kind: PhantomData,
        }
    }

    /// Whether every id of `other` is in this set.
    pub fn contains_all(&self, other: &Self) -> bool {
        self.bits & other.bits == other.bits
    }

    /// The ids joined by `separator`.
    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }

    /// The ids as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl<K: IdKind> fmt::Debug for IdSet<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<K: IdKind, const N: usize> PartialEq<[&str; N]> for IdSet<K> {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl<K: IdKind> Serialize for IdSet<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for id in self.iter() {
            seq.serialize_element(id)?;
        }
        seq.end()
    }
}

/// One id read from a file, without allocating.
struct Member<K>(usize, PhantomData<K>);

impl<'de, K: IdKind> Deserialize<'de> for Member<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<K>(PhantomData<K>);
        impl<K: IdKind> Visitor<'_> for V<K> {
            type Value = Member<K>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a known {} id", K::CATEGORY.noun())
            }
            fn visit_str<E: de::Error>(self, id: &str) -> Result<Member<K>, E> {
                IdSet::<K>::index(id)
                    .map(|i| Member(i, PhantomData))
                    .map_err(E::custom)
            }
        }
        deserializer.deserialize_str(V(PhantomData))
    }
}

impl<'de, K: IdKind> Deserialize<'de> for IdSet<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<K>(PhantomData<K>);
        impl<'de, K: IdKind> Visitor<'de> for V<K> {
            type Value = IdSet<K>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a list of {} ids", K::CATEGORY.noun())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<IdSet<K>, A::Error> {
                let mut set = IdSet::new();
                while let Some(Member(i, _)) = seq.next_element::<Member<K>>()? {
                    set.bits |= 1 << i;
                }
                Ok(set)
            }
        }
        deserializer.deserialize_seq(V(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_fits_in_a_set() {
        for c in [
            Category::Area,
            Category::Symptom,
            Category::Trigger,
            Category::Relief,
            Category::Condition,
        ] {
            assert!(known(c).len() <= 64, "{c:?}");
        }
    }

    #[test]
    fn sets_keep_vocabulary_order_and_round_trip_through_json() {
        let set = Areas::parse(["leg-left", "lower-back", "leg-left"]).unwrap();
        assert_eq!(set.len(), 2);
        assert_eq!(set, ["lower-back", "leg-left"]);
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, r#"["lower-back","leg-left"]"#);
        assert_eq!(serde_json::from_str::<Areas>(&json).unwrap(), set);
        let ids = known(Category::Area);
        let by_index: Vec<&str> = set.indices().map(|i| ids[i]).collect();
        assert_eq!(by_index, set.iter().collect::<Vec<_>>());
        let last = Areas::of(&[ids[ids.len() - 1], ids[0]]);
        assert_eq!(last.indices().collect::<Vec<_>>(), [0, ids.len() - 1]);
        assert_eq!(Areas::new().indices().count(), 0);
    }

    #[test]
    fn an_unknown_id_is_refused_with_the_valid_ones() {
        let e = Symptoms::parse(["knot", "nunmbness"]).unwrap_err();
        assert_eq!(e.id, "nunmbness");
        assert!(e.to_string().contains("numbness"), "{e}");
        let e = serde_json::from_str::<Symptoms>(r#"["knot","nunmbness"]"#).unwrap_err();
        assert!(e.to_string().contains("unknown symptom `nunmbness`"), "{e}");
    }

    #[test]
    fn insert_remove_toggle_contains() {
        let mut set = Reliefs::new();
        assert!(set.insert("heat").unwrap());
        assert!(!set.insert("heat").unwrap());
        set.toggle("walking").unwrap();
        assert!(set.contains("walking") && set.contains("heat"));
        set.toggle("walking").unwrap();
        assert!(!set.contains("walking"));
        assert!(set.remove("heat") && set.is_empty());
        assert!(!set.contains("not-an-id"));
    }
}
