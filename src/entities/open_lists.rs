//! Open-data name lists for the typer: first names and surnames (US Census, INSEE) and
//! places (GeoNames, ISO 3166 in English and French), built by
//! `scripts/build_gazetteers.py` into `assets/entities/lists.bin` as sorted 32-bit hashes
//! of folded names. Hundreds of thousands of names in about a megabyte, read on first use
//! without parsing; a lookup is a binary search. They are features of the typer, never
//! verdicts: "Nice" is a place and a word, and the model learns what each list is worth.

use std::sync::OnceLock;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// The lists, in the order of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    First = 0,
    Surname = 1,
    Place = 2,
}

static EMBEDDED: &[u8] = include_bytes!("../../assets/entities/lists.bin");
const MAGIC: &[u8; 8] = b"RCLISTS1";

/// Sorted hashes, one vector per [`List`].
#[derive(Debug, Default)]
pub struct Lists {
    sets: [Vec<u32>; 3],
}

impl Lists {
    /// The shipped lists (empty if the file is not a list file).
    pub fn get() -> &'static Lists {
        static LISTS: OnceLock<Lists> = OnceLock::new();
        LISTS.get_or_init(Lists::embedded)
    }

    /// Reads the shipped lists again (what the first use costs).
    pub fn embedded() -> Lists {
        Lists::from_bytes(EMBEDDED).unwrap_or_default()
    }

    /// Number of names on list `l`.
    pub fn len(&self, l: List) -> usize {
        self.sets[l as usize].len()
    }

    /// Reads the file written by the script.
    pub fn from_bytes(b: &[u8]) -> Result<Lists, ListsError> {
        if b.len() < 8 || &b[..8] != MAGIC {
            return Err(ListsError::NotLists);
        }
        let mut at = 8;
        let word = |at: &mut usize| -> Result<u32, ListsError> {
            let c = b.get(*at..*at + 4).ok_or(ListsError::Short)?;
            *at += 4;
            Ok(u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        };
        let mut lists = Lists::default();
        for set in &mut lists.sets {
            let n = word(&mut at)? as usize;
            if b.len() < at + n * 4 {
                return Err(ListsError::Short);
            }
            *set = (0..n).map(|_| word(&mut at)).collect::<Result<_, _>>()?;
        }
        Ok(lists)
    }

    /// Whether the folded name `key` (see [`fold_key`]) is on list `l`.
    pub fn has(&self, l: List, key: &str) -> bool {
        key.len() >= 2 && self.sets[l as usize].binary_search(&fnv(key)).is_ok()
    }
}

/// Why bytes are not a list file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ListsError {
    #[error("not a list file")]
    NotLists,
    #[error("list file cut short")]
    Short,
}

/// Lowercase, accents and everything but letters and digits removed: "Saint-Étienne" →
/// "saintetienne". The script folds the same way.
pub fn fold_key(s: &str) -> String {
    s.to_lowercase()
        .nfd()
        .filter(|&c| c.is_alphanumeric() && canonical_combining_class(c) == 0)
        .collect()
}

/// 32-bit FNV-1a of the UTF-8 bytes.
fn fnv(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_script() {
        assert_eq!(fold_key("Saint-Étienne"), "saintetienne");
        assert_eq!(fnv("a"), 0xe40c_292c);
    }

    #[test]
    fn shipped_lists_know_names_and_places() {
        let l = Lists::get();
        assert!(l.has(List::First, &fold_key("Wilfredo")));
        assert!(l.has(List::First, &fold_key("Ségolène")));
        assert!(l.has(List::Surname, &fold_key("Johnson")));
        assert!(l.has(List::Place, &fold_key("Manila")));
        assert!(l.has(List::Place, &fold_key("Allemagne")));
        assert!(!l.has(List::Place, &fold_key("xqzvbnw")));
        assert!(Lists::from_bytes(b"RCLISTS1\x09\x00").is_err());
    }
}
