//! Typos among names: a rare form one letter off a frequent one ("Facebrook" → "Facebook"),
//! alone or inside a longer name ("Faebook Messenger"). Frequent forms are indexed by their
//! one-letter deletions, so each rare form meets only the few frequent forms it could
//! misspell and the cost stays linear in the number of distinct names.

use super::{Form, Forms};
use crate::entities::gazetteer::{Case, Gazetteer};
use foldhash::fast::FixedState;
use std::hash::{BuildHasher, Hasher};

/// Restricted Damerau–Levenshtein distance of exactly one.
fn one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return one_edit_in(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    one_edit_in(&a, &b)
}

/// [`one_edit`] on letters of any type: bytes of ASCII words, else chars.
fn one_edit_in<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a == b {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[p..], &b[p..]);
    match ra.len() as isize - rb.len() as isize {
        0 => {
            ra[1..] == rb[1..]
                || ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..]
        }
        1 => ra[1..] == *rb,
        -1 => rb[1..] == *ra,
        _ => false,
    }
}

/// Typo targets (single-word forms seen twice, not acronyms) by the hashes of their key and
/// of the key without each one of its letters. Two words one edit apart share such a
/// variant: a substitution or a swap leaves the same word without one letter on both sides,
/// an extra letter leaves the other word. A lookup costs a few binary searches, whatever the
/// number of forms; hashes that meet by chance are weeded out by [`one_edit`].
#[derive(Debug, Default)]
pub(super) struct TypoIndex {
    /// (variant hash, form), sorted.
    variants: Vec<(u64, u32)>,
}

impl TypoIndex {
    pub(super) fn new(forms: &[Form]) -> TypoIndex {
        let mut variants = Vec::new();
        let mut chars = Vec::new();
        for (j, f) in forms.iter().enumerate() {
            if f.words.len() != 1 || f.count < 2 || f.acronym || f.key.is_empty() {
                continue;
            }
            chars.clear();
            chars.extend(f.key.chars());
            variants.extend(variant_hashes(&chars).map(|h| (h, j as u32)));
        }
        variants.sort_unstable();
        variants.dedup();
        TypoIndex { variants }
    }

    /// The forms sharing a variant with `chars`, each once, in order.
    fn near(&self, chars: &[char]) -> Vec<usize> {
        let mut out = Vec::new();
        for h in variant_hashes(chars) {
            let lo = self.variants.partition_point(|&(v, _)| v < h);
            let same = self.variants[lo..].iter().take_while(|&&(v, _)| v == h);
            out.extend(same.map(|&(_, j)| j as usize));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Hashes of the word and of the word without each one of its letters.
fn variant_hashes(chars: &[char]) -> impl Iterator<Item = u64> + '_ {
    (0..=chars.len()).map(move |skip| {
        let mut h = FixedState::with_seed(0x7970_6f73).build_hasher();
        for (i, &c) in chars.iter().enumerate() {
            if i != skip {
                h.write_u32(u32::from(c));
            }
        }
        h.write_usize(chars.len() - usize::from(skip < chars.len()));
        h.finish()
    })
}

/// The frequent single-word form that `word` misspells, if exactly one. One edit keeps the
/// first letter (the target must share it).
fn typo_target(fs: &Forms, word: &str, count: usize) -> Option<usize> {
    let chars: Vec<char> = word.chars().collect();
    let &first = chars.first()?;
    if chars.len() < 5 {
        return None;
    }
    let mut hit = None;
    for j in fs.typos.near(&chars) {
        let t = &fs.forms[j];
        let often =
            t.count >= 3 && t.count >= 3 * count || t.known.is_some() && t.count >= 2 * count;
        if often && t.key.starts_with(first) && one_edit(word, &t.key) {
            if hit.is_some() {
                return None;
            }
            hit = Some(j);
        }
    }
    hit
}

/// "Facebrook" → "Facebook": a rare unlisted form one letter off a frequent one.
pub(super) fn join_typos(fs: &mut Forms) {
    for i in 0..fs.forms.len() {
        let f = &fs.forms[i];
        if f.words.len() != 1 || f.known.is_some() || f.acronym || f.count > 2 {
            continue;
        }
        if let Some(t) = typo_target(fs, &f.key.clone(), f.count) {
            let reason = format!("typo of {} (one letter off)", fs.forms[t].display());
            fs.forms[i].secondary = true;
            fs.union(t, i, reason);
        }
    }
}

/// "Faebook Messenger": a word of a longer unlisted form misspells a frequent name; the
/// corrected form is looked up among the forms and in the gazetteer.
pub(super) fn join_typos_inside(fs: &mut Forms, g: &Gazetteer) {
    for i in 0..fs.forms.len() {
        let f = &fs.forms[i];
        if f.words.len() < 2 || f.known.is_some() || f.count > 2 {
            continue;
        }
        let (words, count) = (f.words.clone(), f.count);
        for (w, word) in words.iter().enumerate() {
            let Some(t) = typo_target(fs, word, count) else {
                continue;
            };
            let mut fixed = words.clone();
            fixed[w] = fs.forms[t].key.clone();
            let key = fixed.concat();
            let reason = format!("typo of {} in {}", fs.forms[t].display(), fixed.join(" "));
            fs.forms[i].secondary = true;
            if let Some(&other) = fs.by_key.get(&key) {
                fs.union(other, i, reason);
            } else if let Some(k) = g.lookup(
                &key,
                Case {
                    all_capitalised: true,
                    upper: false,
                },
            ) {
                fs.forms[i].known = Some(k);
                fs.reason[i] = Some(reason);
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_distance() {
        assert!(one_edit("facebrook", "facebook"));
        assert!(one_edit("faebook", "facebook"));
        assert!(one_edit("facbeook", "facebook"));
        assert!(!one_edit("paris", "parisot"));
        assert!(!one_edit("citi", "citizens"));
        assert!(!one_edit("facebook", "facebook"));
        assert!(one_edit("zurich", "zürich"));
        assert!(one_edit("müller", "mülelr"));
        assert!(!one_edit("müller", "miller2"));
    }

    /// Forms of one word each, with how often they were seen.
    fn forms(words: &[(&str, usize)]) -> Forms {
        let forms: Vec<Form> = words
            .iter()
            .map(|&(w, count)| Form {
                key: w.to_owned(),
                words: vec![w.to_owned()],
                count,
                ..Form::default()
            })
            .collect();
        let n = forms.len();
        Forms {
            typos: TypoIndex::new(&forms),
            forms,
            parent: (0..n).collect(),
            reason: vec![None; n],
            ..Forms::default()
        }
    }

    #[test]
    fn typo_targets_are_found_in_their_block_only() {
        let fs = forms(&[
            ("facebook", 9),
            ("nordale", 6),
            ("nordala", 6),
            ("bfacebook", 9),
        ]);
        assert_eq!(typo_target(&fs, "facebrook", 1), Some(0)); // one letter longer
        assert_eq!(typo_target(&fs, "faceboo", 1), Some(0)); // one letter shorter
        assert_eq!(typo_target(&fs, "facbeook", 1), Some(0)); // swapped letters
        assert_eq!(typo_target(&fs, "acebook", 1), None); // the first letter must agree
        assert_eq!(typo_target(&fs, "gacebook", 1), None);
        assert_eq!(typo_target(&fs, "nordalo", 1), None); // two targets: none
        assert_eq!(typo_target(&fs, "facebook", 1), None); // no edit
        assert_eq!(typo_target(&fs, "facebrook", 3), Some(0));
        assert_eq!(typo_target(&fs, "facebrook", 4), None); // the target is not 3× as frequent
    }
}
