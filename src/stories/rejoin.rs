//! Parts of a block that name the same things are one story told at two moments. Grouping a
//! block again with its own term weights tells apart two events of one kind (two
//! earthquakes, two strikes): the words every report uses weigh little there, and the names
//! and figures that differ decide. But a story that develops (a toll that rises, a second
//! day of reports) also differs in its figures and its new names, while the places,
//! organisations and people it is about stay the same. Two parts are joined again when the
//! entities that most of their articles name are largely the same ones, weighed by how rare
//! each entity is in the whole collection: two strikes at different firms, or two quakes in
//! different places, name different things; a mine collapse on Monday and its toll on
//! Tuesday name the same mine and the same company.

use super::vectors::Counted;
use crate::facts::features::TermKind;
use std::collections::HashMap;

/// Knobs of the rejoining; see [`super::PARAMS`].
#[derive(Debug, Clone, Copy)]
pub struct RejoinParams {
    /// An entity is salient in a part when at least this share of its articles name it.
    pub salient_share: f32,
    /// Salient entities two parts must share before their overlap is looked at.
    pub min_shared: usize,
    /// Two parts join when the weight of the salient entities they share is at least this
    /// share of the smaller part's salient weight.
    pub overlap: f32,
    /// An entity at least this share of a part's articles name (two at least) and none of
    /// the other part's is its own: when both parts have one of their own (two players of
    /// one team each arrested, two firms of one town each striking) they stay apart.
    pub own_share: f32,
}

/// How rare each term is in the whole collection: `ln((n + prior) / (df + 0.5))`.
pub fn rarity(counted: &[Counted], terms: usize, prior: f32) -> Vec<f32> {
    let mut df = vec![0u32; terms];
    for c in counted {
        for &t in c.terms() {
            df[t as usize] += 1;
        }
    }
    let n = counted.len() as f32 + prior;
    df.iter()
        .map(|&d| (n / (d as f32 + 0.5)).ln().max(0.0))
        .collect()
}

/// Joins the parts of `local` (the part of each of `block`'s articles) whose salient
/// entities are largely the same. Parts are compared only when they share a salient
/// entity, through an index of parts by entity.
pub fn rejoin_named(
    block: &[usize],
    local: &mut [u32],
    counted: &[Counted],
    kinds: &[TermKind],
    rarity: &[f32],
    p: &RejoinParams,
) {
    let named = named_by_part(block, local, counted, kinds);
    let parts: Vec<(u32, Vec<u32>)> = (named.iter())
        .map(|n| (n.label, n.named_by(p.salient_share)))
        .collect();
    // A part of one article has nothing of its own to tell it apart.
    let strong: Vec<Vec<u32>> = (named.iter())
        .map(|n| match n.size >= 2 {
            true => n.named_by(p.own_share),
            false => Vec::new(),
        })
        .collect();
    if parts.len() < 2 {
        return;
    }
    let mut by_entity: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, (_, entities)) in parts.iter().enumerate() {
        for &t in entities {
            by_entity.entry(t).or_default().push(i);
        }
    }
    let weight = |set: &[u32]| -> f32 { set.iter().map(|&t| rarity[t as usize]).sum() };
    let totals: Vec<f32> = parts.iter().map(|(_, e)| weight(e)).collect();
    let mut root: Vec<usize> = (0..parts.len()).collect();
    for (i, (_, entities)) in parts.iter().enumerate() {
        let mut shared: HashMap<usize, (usize, f32)> = HashMap::new();
        for &t in entities {
            for &j in &by_entity[&t] {
                if j > i {
                    let s = shared.entry(j).or_default();
                    s.0 += 1;
                    s.1 += rarity[t as usize];
                }
            }
        }
        let mut joined: Vec<usize> = shared
            .into_iter()
            .filter(|&(j, (count, w))| {
                let smaller = totals[i].min(totals[j]);
                count >= p.min_shared
                    && smaller > 0.0
                    && w >= p.overlap * smaller
                    && !(has_own(&strong[i], &parts[j].1) && has_own(&strong[j], &parts[i].1))
            })
            .map(|(j, _)| j)
            .collect();
        joined.sort_unstable();
        for j in joined {
            let (a, b) = (find(&mut root, i), find(&mut root, j));
            root[a.max(b)] = a.min(b);
        }
    }
    let mut target: HashMap<u32, u32> = HashMap::new();
    for i in 0..parts.len() {
        let r = find(&mut root, i);
        target.insert(parts[i].0, parts[r].0);
    }
    for x in local.iter_mut() {
        *x = target[x];
    }
}

/// One part of a block: its label, its number of articles, and how many of them name
/// each entity (sorted by entity).
struct Named {
    label: u32,
    size: usize,
    counts: Vec<(u32, usize)>,
}

impl Named {
    /// The entities at least `share` of the part's articles name (one at least), sorted.
    fn named_by(&self, share: f32) -> Vec<u32> {
        let need = ((share * self.size as f32).ceil() as usize).max(1);
        (self.counts.iter())
            .filter(|&&(_, c)| c >= need)
            .map(|&(t, _)| t)
            .collect()
    }
}

/// The parts of `local` (the part of each of `block`'s articles) in the order of their
/// labels, each with the entities its articles name.
fn named_by_part(
    block: &[usize],
    local: &[u32],
    counted: &[Counted],
    kinds: &[TermKind],
) -> Vec<Named> {
    let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &g) in local.iter().enumerate() {
        members.entry(g).or_default().push(block[i]);
    }
    let mut parts: Vec<Named> = members
        .into_iter()
        .map(|(label, articles)| {
            let mut count: HashMap<u32, usize> = HashMap::new();
            for &a in &articles {
                for &t in counted[a].terms() {
                    if kinds[t as usize] == TermKind::Entity {
                        *count.entry(t).or_default() += 1;
                    }
                }
            }
            let mut counts: Vec<(u32, usize)> = count.into_iter().collect();
            counts.sort_unstable();
            Named {
                label,
                size: articles.len(),
                counts,
            }
        })
        .collect();
    parts.sort_unstable_by_key(|n| n.label);
    parts
}

/// True when some entity of `strong` is not among `other`'s salient ones (both sorted).
fn has_own(strong: &[u32], other: &[u32]) -> bool {
    strong.iter().any(|t| other.binary_search(t).is_err())
}

fn find(root: &mut [usize], mut i: usize) -> usize {
    while root[i] != i {
        root[i] = root[root[i]];
        i = root[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_find_joins_transitively() {
        let mut root: Vec<usize> = (0..4).collect();
        root[3] = 2;
        root[2] = 1;
        assert_eq!(find(&mut root, 3), 1);
        assert_eq!(root[3], 1, "paths are shortened on the way");
    }
}
