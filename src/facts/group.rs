//! From scored pairs to facts. A pair becomes a link when it is very alike, or fairly
//! alike and each sentence is the other's best match in the other article (outlets
//! usually report a fact once per article). Links are then grouped greedily, strongest
//! first: two groups join only when their passages are alike on average and come from
//! different articles, so a chain of loosely alike sentences never becomes one fact and
//! near-identical copies link sentence by sentence. A sentence whose link cannot join
//! a group starts another one with that link: it may belong to several facts.

use super::affinity::Affinity;
use super::similar::Pair;
use std::collections::HashMap;

/// Thresholds of the grouping.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// A pair at least this alike is a link.
    pub strong: f32,
    /// A pair at least this alike is a link when each is the other's best match in its
    /// article, or when the shorter has no better match in the other's article and is
    /// clearly shorter (see `shorter`): a long sentence may report several facts.
    pub mutual: f32,
    /// Size ratio (square root of the smaller weight over the larger) under which a
    /// sentence counts as clearly shorter.
    pub shorter: f32,
    /// Two groups join when their cross pairs are this alike on average.
    pub join: f32,
}

/// Links kept per passage, strongest first: a passage reported by more articles than this
/// is rare, and hubs linked to everything would make grouping quadratic.
const MAX_LINKS: usize = 64;
/// Groups of a passage tried when one of its links is placed.
const MAX_OPTIONS: usize = 4;
/// Two groups with more cross pairs than this are not merged (a passage can still join a
/// large group one at a time): keeps grouping linear when a corpus repeats itself a lot.
const MAX_CROSS_PAIRS: usize = 1024;

/// Groups of sentences (global indices) that report the same thing, and the scores used.
/// Sentences of one article must have consecutive indices.
pub fn group(
    pairs: &[Pair],
    article_of: impl Fn(u32) -> u32,
    params: Params,
) -> (Vec<Vec<u32>>, Affinity) {
    let mut affinity = Affinity::new(pairs);
    affinity.mark_best(&article_of);
    // Strongest first.
    let links = links(pairs, &affinity, params);
    for l in &links {
        affinity.set_link(l.a, l.b);
    }
    let n = pairs.iter().map(|p| p.b as usize + 1).max().unwrap_or(0);
    let mut g = Grouping {
        groups: Vec::new(),
        member_of: vec![Vec::new(); n],
        affinity: &affinity,
        article_of: &article_of,
        params,
    };
    for l in &links {
        g.place(l);
    }
    let mut groups = g.groups;
    groups.retain(|g| g.len() > 1);
    consolidate(&mut groups, n, &article_of);
    (groups, affinity)
}

/// Groups being built, and for each sentence the groups it belongs to.
struct Grouping<'a, F> {
    groups: Vec<Vec<u32>>,
    member_of: Vec<Vec<u32>>,
    affinity: &'a Affinity,
    article_of: &'a F,
    params: Params,
}

impl<F: Fn(u32) -> u32> Grouping<'_, F> {
    /// Puts the link's sentences in one group: merges their groups, adds one to the
    /// other's group, or starts a group with the two.
    fn place(&mut self, l: &Pair) {
        let ga = self.member_of[l.a as usize].clone();
        let gb = self.member_of[l.b as usize].clone();
        if ga.iter().any(|g| gb.contains(g)) {
            return;
        }
        let (ga, gb) = (
            &ga[..ga.len().min(MAX_OPTIONS)],
            &gb[..gb.len().min(MAX_OPTIONS)],
        );
        let mut options: Vec<(u32, Option<u32>, u32)> = Vec::new();
        for &g in ga {
            options.extend(gb.iter().map(|&h| (g, Some(h), l.b)));
        }
        options.extend(ga.iter().map(|&g| (g, None, l.b)));
        options.extend(gb.iter().map(|&h| (h, None, l.a)));
        match options.into_iter().find(|&o| self.fits(o)) {
            Some((g, Some(h), _)) => {
                let moved = std::mem::take(&mut self.groups[h as usize]);
                for s in moved {
                    let m = &mut self.member_of[s as usize];
                    m.retain(|&x| x != h);
                    m.push(g);
                    self.groups[g as usize].push(s);
                }
            }
            Some((g, None, s)) => {
                self.groups[g as usize].push(s);
                self.member_of[s as usize].push(g);
            }
            None => {
                let g = self.groups.len() as u32;
                self.groups.push(vec![l.a, l.b]);
                self.member_of[l.a as usize].push(g);
                self.member_of[l.b as usize].push(g);
            }
        }
    }

    /// True when group `g` and group `h` (or sentence `s` when `h` is None) can be one.
    fn fits(&self, (g, h, s): (u32, Option<u32>, u32)) -> bool {
        let single = [s];
        let other: &[u32] = h.map_or(&single, |h| &self.groups[h as usize]);
        let mine = &self.groups[g as usize];
        mine.len() * other.len() <= MAX_CROSS_PAIRS
            && disjoint(mine, other, self.article_of)
            && self.close(g, h, other)
    }

    /// True when group `g` and the passages `other` (group `h`, or one sentence) are
    /// alike on average, most of their cross pairs are at least somewhat alike and at
    /// least half are links, so one strong pair cannot carry a group. Only the scored
    /// pairs of the smaller side are visited: unscored pairs count as not alike.
    fn close(&self, g: u32, h: Option<u32>, other: &[u32]) -> bool {
        let mine = &self.groups[g as usize];
        let (scan, target) = match h {
            Some(h) if mine.len() < other.len() => (mine.as_slice(), h),
            _ => (other, g),
        };
        let (mut total, mut some, mut links) = (0.0, 0, 0);
        for &s in scan {
            for e in self.affinity.of(s) {
                if self.member_of[e.other as usize].contains(&target) {
                    total += e.score;
                    some += usize::from(e.score >= self.params.join / 2.0);
                    links += usize::from(e.link);
                }
            }
        }
        let n = mine.len() * other.len();
        total / n as f32 >= self.params.join && 2 * some > n && 2 * links >= n
    }
}

/// The pairs that are links, strongest first, at most [`MAX_LINKS`] per sentence.
fn links(pairs: &[Pair], affinity: &Affinity, params: Params) -> Vec<Pair> {
    let is_best = |x: u32, y: u32| affinity.edge(x, y).is_some_and(|e| e.best);
    let mut links: Vec<Pair> = pairs
        .iter()
        .filter(|p| {
            let (short, long) = if p.a_shorter { (p.a, p.b) } else { (p.b, p.a) };
            p.score >= params.strong
                || (p.score >= params.mutual
                    && is_best(short, long)
                    && (p.ratio <= params.shorter || is_best(long, short)))
        })
        .copied()
        .collect();
    links.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let n = links.iter().map(|l| l.b as usize + 1).max().unwrap_or(0);
    let mut degree = vec![0usize; n];
    links.retain(|l| {
        let ok = degree[l.a as usize] < MAX_LINKS && degree[l.b as usize] < MAX_LINKS;
        if ok {
            degree[l.a as usize] += 1;
            degree[l.b as usize] += 1;
        }
        ok
    });
    links
}

/// Merges groups that share at least two passages and half of the smaller one when the
/// union still has one passage per article (two facts telling mostly the same passages are
/// one fact), then drops groups contained in another. Groups are found through the
/// passages they share, never by comparing all pairs of groups.
fn consolidate(groups: &mut Vec<Vec<u32>>, n: usize, article_of: &impl Fn(u32) -> u32) {
    let mut index: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (g, members) in groups.iter().enumerate() {
        for &s in members {
            index[s as usize].push(g);
        }
    }
    for i in 0..groups.len() {
        while let Some(j) = mergeable(groups, &index, i, article_of) {
            let moved = std::mem::take(&mut groups[j]);
            for s in moved {
                if !groups[i].contains(&s) {
                    groups[i].push(s);
                    index[s as usize].push(i);
                }
            }
        }
    }
    let contained = |i: usize, groups: &Vec<Vec<u32>>| {
        let g = &groups[i];
        g.first().is_some_and(|s| {
            index[*s as usize].iter().any(|&j| {
                j != i
                    && (groups[j].len() > g.len() || (groups[j].len() == g.len() && j < i))
                    && g.iter().all(|m| groups[j].contains(m))
            })
        })
    };
    let drop: Vec<bool> = (0..groups.len()).map(|i| contained(i, groups)).collect();
    let mut d = drop.iter();
    groups.retain(|g| !*d.next().unwrap_or(&false) && g.len() > 1);
}

/// A group sharing at least two passages with group `i` that can merge into it.
fn mergeable(
    groups: &[Vec<u32>],
    index: &[Vec<usize>],
    i: usize,
    article_of: &impl Fn(u32) -> u32,
) -> Option<usize> {
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for s in &groups[i] {
        for &j in &index[*s as usize] {
            if j != i && !groups[j].is_empty() {
                *shared.entry(j).or_default() += 1;
            }
        }
    }
    let mut candidates: Vec<usize> = shared
        .into_iter()
        .filter(|&(j, n)| n >= 2 && 2 * n >= groups[i].len().min(groups[j].len()))
        .map(|(j, _)| j)
        .collect();
    candidates.sort_unstable();
    candidates.into_iter().find(|&j| {
        let extra: Vec<u32> = groups[j]
            .iter()
            .copied()
            .filter(|s| !groups[i].contains(s))
            .collect();
        let others: Vec<u32> = groups[i]
            .iter()
            .copied()
            .filter(|s| !groups[j].contains(s))
            .collect();
        extra.is_empty() || others.is_empty() || disjoint(&others, &extra, article_of)
    })
}

fn disjoint(x: &[u32], y: &[u32], article_of: &impl Fn(u32) -> u32) -> bool {
    x.iter()
        .all(|&s| y.iter().all(|&t| s != t && article_of(s) != article_of(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAMS: Params = Params {
        strong: 0.5,
        mutual: 0.3,
        join: 0.3,
        shorter: 0.8,
    };

    fn pair(a: u32, b: u32, score: f32) -> Pair {
        Pair {
            a,
            b,
            score,
            a_shorter: true,
            ratio: 1.0,
        }
    }

    /// Sentence ids are article * 10 + index.
    fn article(s: u32) -> u32 {
        s / 10
    }

    #[test]
    fn alike_links_form_one_fact() {
        let pairs = [pair(0, 10, 0.8), pair(10, 20, 0.7), pair(0, 20, 0.6)];
        let (groups, _) = group(&pairs, article, PARAMS);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 3);
    }

    #[test]
    fn a_chain_of_loose_links_is_not_one_fact() {
        let pairs = [pair(0, 10, 0.8), pair(10, 20, 0.7)];
        let (groups, _) = group(&pairs, article, PARAMS);
        assert_eq!(groups.len(), 2, "{groups:?}");
    }

    #[test]
    fn one_passage_per_article_in_a_fact() {
        let pairs = [pair(0, 10, 0.9), pair(1, 10, 0.85), pair(0, 1, 0.0)];
        let (groups, _) = group(&pairs, article, PARAMS);
        assert_eq!(groups.len(), 2);
        assert!(groups.iter().all(|g| g.len() == 2));
    }

    #[test]
    fn weak_pairs_link_only_when_mutually_best() {
        let pairs = [pair(0, 10, 0.35), pair(0, 11, 0.4), pair(1, 11, 0.45)];
        let (groups, _) = group(&pairs, article, PARAMS);
        assert_eq!(groups, vec![vec![1, 11]]);
    }
}
