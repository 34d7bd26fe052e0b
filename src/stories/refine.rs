//! Each block of alike articles that the first merging made is grouped again on its own:
//! its terms weighed by rarity within the block, so that the words every report of that
//! kind of event uses count for little and the names, places and figures that tell two
//! such events apart count most. A block's vectors are numbered in the block's own terms
//! ([`vectors::Compactor`]), so the thousands of blocks of a large collection each cost
//! what they hold, not the size of the collection's vocabulary.

use super::{candidates, merge, rejoin, vectors, Params, Phases};
use crate::facts::features::TermKind;
use rayon::prelude::*;
use std::collections::HashMap;
use std::time::Instant;

/// How each block found by the first grouping is grouped again.
#[derive(Debug, Clone, Copy)]
pub struct RefineParams {
    /// Blocks smaller than this are kept whole.
    pub min_block: usize,
    /// Unseen articles added when weighing rarity within a block, per article of it.
    pub prior_per_article: f32,
    /// Groups of the block merge while this alike on average, and while at least
    /// `relative` times as alike as the block's articles are on average.
    pub threshold: f32,
    pub relative: f32,
    /// Parts of a block smaller than this join the part they are most alike with.
    pub min_part: usize,
}

/// The group of each article once each block (`blocks` gives each article's) is grouped
/// again on its own (the blocks in parallel); the time it takes is added to `phases`.
pub fn refine(
    blocks: &[u32],
    counted: &[vectors::Counted],
    kinds: &[TermKind],
    days: &[Option<i32>],
    p: &Params,
    phases: &mut Phases,
) -> Vec<u32> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for (a, &b) in blocks.iter().enumerate() {
        members[b as usize].push(a);
    }
    let start = Instant::now();
    let mut group = blocks.to_vec();
    let rarity = rejoin::rarity(counted, kinds.len(), p.vectors.prior_articles);
    let large: Vec<&[usize]> = (members.iter())
        .filter(|m| m.len() >= p.refine.min_block)
        .map(Vec::as_slice)
        .collect();
    // Blocks are independent: a few runs of them per thread, each with one compactor.
    let runs = 8 * rayon::current_num_threads().max(1);
    let run = large.len().div_ceil(runs).max(1);
    let parts: Vec<Vec<u32>> = (large.par_chunks(run))
        .flat_map_iter(|blocks| {
            let mut compactor = vectors::Compactor::default();
            (blocks.iter())
                .map(|block| regroup(block, &mut compactor, counted, kinds, days, &rarity, p))
                .collect::<Vec<_>>()
        })
        .collect();
    for (block, local) in large.iter().zip(parts) {
        for (&a, &l) in block.iter().zip(&local) {
            group[a] = block.get(l as usize).map_or(a as u32, |&r| r as u32);
        }
    }
    phases.add("refine", start);
    group
}

/// The part of each article of `block` (the index in `block` of its part's root): the
/// block's articles weighed in its own terms and merged again, parts that name the same
/// things joined, parts too small joined to the part they are most alike with.
fn regroup(
    block: &[usize],
    compactor: &mut vectors::Compactor,
    counted: &[vectors::Counted],
    kinds: &[TermKind],
    days: &[Option<i32>],
    rarity: &[f32],
    p: &Params,
) -> Vec<u32> {
    let mut vp = p.vectors;
    vp.prior_articles = p.refine.prior_per_article * block.len() as f32;
    let v = compactor.weigh(counted, block, kinds, &vp);
    let edges = candidates::edges(&v, &p.search);
    let local_days: Vec<Option<i32>> = (block.iter())
        .map(|&a| days.get(a).copied().flatten())
        .collect();
    let mut mp = p.merge;
    mp.threshold = p.refine.threshold.max(p.refine.relative * cohesion(&v));
    let mut local = merge::merge(v.len(), &edges, &local_days, &mp);
    rejoin::rejoin_named(block, &mut local, counted, kinds, rarity, &p.rejoin);
    rejoin_lone(&v, &mut local, p.refine.min_part);
    local
}

/// Parts of a block smaller than `min_part` join the part they are most alike with: a
/// block is split into parts that each tell a story, not into an article left out of its
/// own story because it says less (or more) than the others.
fn rejoin_lone(v: &vectors::Vectors, group: &mut [u32], min_part: usize) {
    let mut size = vec![0usize; group.len()];
    for &g in group.iter() {
        size[g as usize] += 1;
    }
    if size.iter().filter(|&&s| s >= min_part).count() == 0 {
        return;
    }
    // Sum of the vectors of each large part.
    let mut sums: HashMap<u32, HashMap<u32, f32>> = HashMap::new();
    for (a, &g) in group.iter().enumerate() {
        if size[g as usize] >= min_part {
            let sum = sums.entry(g).or_default();
            let (t, w) = v.of(a);
            for (&t, &w) in t.iter().zip(w) {
                *sum.entry(t).or_default() += w;
            }
        }
    }
    let mut parts: Vec<u32> = sums.keys().copied().collect();
    parts.sort_unstable();
    for a in 0..group.len() {
        if size[group[a] as usize] >= min_part {
            continue;
        }
        let (t, w) = v.of(a);
        let linkage = |g: u32| -> f32 {
            let sum = &sums[&g];
            let dot: f32 = t
                .iter()
                .zip(w)
                .map(|(t, &w)| w * sum.get(t).copied().unwrap_or(0.0))
                .sum();
            dot / size[g as usize] as f32
        };
        let best = (parts.iter().copied())
            .map(|g| (linkage(g), g))
            .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
        if let Some((l, g)) = best {
            if l > 0.0 {
                group[a] = g;
            }
        }
    }
}

/// Average cosine between two articles of `v` (unit vectors): from the sum `S` of the
/// vectors, (S·S − n) / (n(n − 1)), without comparing every pair.
fn cohesion(v: &vectors::Vectors) -> f32 {
    let n = v.len();
    if n < 2 {
        return 0.0;
    }
    let mut sum: HashMap<u32, f32> = HashMap::new();
    let mut self_dot = 0.0;
    for a in 0..n {
        let (t, w) = v.of(a);
        for (&t, &w) in t.iter().zip(w) {
            *sum.entry(t).or_default() += w;
            self_dot += w * w;
        }
    }
    let ss: f32 = sum.values().map(|x| x * x).sum();
    (ss - self_dot) / (n * (n - 1)) as f32
}
