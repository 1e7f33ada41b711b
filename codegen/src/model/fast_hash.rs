//! A small deterministic word-at-a-time hasher (the Fx scheme rustc uses) for the resolver's
//! and the naming pass's string-keyed caches and sets: the keys are short CSDL names, where
//! SipHash's setup and FNV's one multiply per byte dominate. The input is the metadata being
//! compiled, so flooding resistance is not needed.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The Fx multiplier (as in rustc-hash).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Fx hashing, eight bytes per step.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weakest; hash tables index by them.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            self.add(u64::from_le_bytes(
                <[u8; 8]>::try_from(chunk).unwrap_or_default(),
            ));
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            let mut bytes = [0u8; 8];
            for (to, from) in bytes.iter_mut().zip(tail) {
                *to = *from;
            }
            self.add(u64::from_le_bytes(bytes));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// A `HashMap` with [`WordHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
/// A `HashSet` with [`WordHasher`].
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(s: &str) -> u64 {
        let mut h = WordHasher::default();
        h.write(s.as_bytes());
        h.finish()
    }

    #[test]
    fn deterministic_and_sensitive_to_every_byte() {
        assert_eq!(hash("alertIncidents"), hash("alertIncidents"));
        let base = "microsoft.graph.unifiedRoleManagementAlert";
        let mut seen = FastSet::default();
        seen.insert(hash(base));
        for i in 0..base.len() {
            let mut changed = base.as_bytes().to_vec();
            changed[i] ^= 0x20;
            let changed = String::from_utf8(changed).unwrap_or_default();
            assert!(seen.insert(hash(&changed)), "byte {i}");
        }
    }

    #[test]
    fn collections_work() {
        let mut set: FastSet<String> = FastSet::default();
        assert!(set.insert("alert".into()) && !set.insert("alert".into()));
        assert!(set.contains("alert") && !set.contains("Alert"));
        let map: FastMap<&str, usize> = (0..1000).map(|i| (["a", "b"][i % 2], i)).collect();
        assert_eq!(map.len(), 2);
    }
}
