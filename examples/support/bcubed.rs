//! B-cubed precision, recall and F1 of a grouping against a gold one (Bagga and Baldwin,
//! 1998): for each item, the share of its predicted group that shares its gold group
//! (precision) and the share of its gold group found in its predicted group (recall).

#![allow(dead_code)]

use std::collections::HashMap;
use std::hash::Hash;

/// (precision, recall, F1) of `pred` against `gold`, one label each per item.
pub fn bcubed<G: Hash + Eq, P: Hash + Eq>(gold: &[G], pred: &[P]) -> (f64, f64, f64) {
    let n = gold.len().max(1) as f64;
    let mut pairs: HashMap<(&G, &P), f64> = HashMap::new();
    let (mut gs, mut ps): (HashMap<&G, f64>, HashMap<&P, f64>) = Default::default();
    for (g, p) in gold.iter().zip(pred) {
        *pairs.entry((g, p)).or_default() += 1.0;
        *gs.entry(g).or_default() += 1.0;
        *ps.entry(p).or_default() += 1.0;
    }
    let p: f64 = pairs.iter().map(|((_, q), c)| c * c / ps[q]).sum::<f64>() / n;
    let r: f64 = pairs.iter().map(|((g, _), c)| c * c / gs[g]).sum::<f64>() / n;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// B-cubed F1 alone.
pub fn bcubed_f1<G: Hash + Eq, P: Hash + Eq>(gold: &[G], pred: &[P]) -> f64 {
    bcubed(gold, pred).2
}
