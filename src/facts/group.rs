//! From scored pairs to facts. A pair becomes a link when it is very alike, or fairly
//! alike and each sentence is the other's best match in the other article (outlets
//! usually report a fact once per article). Links are then grouped greedily, strongest
//! first: two groups join only when their passages are alike on average and come from
//! different articles, so a chain of loosely alike sentences never becomes one fact and
//! near-identical copies link sentence by sentence. A sentence whose link cannot join
//! a group starts another one with that link: it may belong to several facts.

use super::affinity::{Affinity, Edge};
use super::similar::Pair;

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
    /// A pair at least `near_min` alike is also a link when its score is at least this
    /// share of each sentence's best score in the other's article: a sentence whose best
    /// match is barely better than another keeps both (1.0 turns this off).
    pub near: f32,
    /// See `near`.
    pub near_min: f32,
}

/// Links kept per passage, strongest first: a passage reported by more articles than this
/// is rare, and hubs linked to everything would make grouping quadratic.
const MAX_LINKS: usize = 32;
/// Groups of a passage tried when one of its links is placed.
const MAX_OPTIONS: usize = 4;
/// Two groups with more cross pairs than this are not merged (a passage can still join a
/// large group one at a time): keeps grouping linear when a corpus repeats itself a lot.
const MAX_CROSS_PAIRS: usize = 256;
/// Largest group that merging overlapping groups may make: as large as link placement
/// itself can make one (a passage joins a group when linked to half of it). Without it,
/// overlapping groups of a corpus that repeats itself chain into one huge group.
const MAX_MERGED: usize = 2 * MAX_LINKS;

/// Groups of sentences (global indices) that report the same thing, and the scores used.
/// Sentences of one article must have consecutive indices.
/// `cut(s)` is true when sentence `s` and the next one are one sentence cut in two (a
/// quotation that goes on past a full stop).
pub fn group(
    pairs: &[Pair],
    article_of: impl Fn(u32) -> u32,
    cut: impl Fn(u32) -> bool,
    params: Params,
) -> (Vec<Vec<u32>>, Affinity) {
    let mut affinity = Affinity::new(pairs);
    affinity.mark_best(&article_of, params.near);
    // Strongest first.
    let links = links(pairs, &affinity, params);
    for l in &links {
        affinity.set_link(l.a, l.b);
    }
    let n = pairs.iter().map(|p| p.b as usize + 1).max().unwrap_or(0);
    let mut g = Grouping {
        groups: Vec::new(),
        member_of: vec![Vec::new(); n],
        articles: Vec::new(),
        links_of: vec![0; n],
        affinity: &affinity,
        article_of: &article_of,
        params,
    };
    for l in &links {
        g.links_of[l.a as usize] += 1;
        g.links_of[l.b as usize] += 1;
    }
    for l in &links {
        g.place(l);
    }
    let mut groups = g.groups;
    groups.retain(|g| g.len() > 1);
    let sentences = Sentences { article_of, cut };
    consolidate(&mut groups, n, &sentences);
    super::separate::separate(&mut groups, &affinity, |s| sentences.article_of(s));
    (groups, affinity)
}

/// What merging groups needs to know of sentences.
struct Sentences<A, C> {
    article_of: A,
    cut: C,
}

impl<A: Fn(u32) -> u32, C: Fn(u32) -> bool> Sentences<A, C> {
    fn article_of(&self, s: u32) -> u32 {
        (self.article_of)(s)
    }

    /// True when `s` and `s + 1` are one sentence of one article cut in two.
    fn cut(&self, s: u32) -> bool {
        (self.cut)(s) && self.article_of(s) == self.article_of(s + 1)
    }
}

/// Groups being built, and for each sentence the groups it belongs to.
struct Grouping<'a, F> {
    groups: Vec<Vec<u32>>,
    member_of: Vec<Vec<u32>>,
    /// The articles of each group's passages, sorted.
    articles: Vec<Vec<u32>>,
    /// Number of links of each sentence.
    links_of: Vec<u8>,
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
                self.articles[h as usize].clear();
                for s in moved {
                    let m = &mut self.member_of[s as usize];
                    m.retain(|&x| x != h);
                    self.add(g, s);
                }
            }
            Some((g, None, s)) => self.add(g, s),
            None => {
                let g = self.groups.len() as u32;
                self.groups.push(Vec::new());
                self.articles.push(Vec::new());
                self.add(g, l.a);
                self.add(g, l.b);
            }
        }
    }

    fn add(&mut self, g: u32, s: u32) {
        self.groups[g as usize].push(s);
        self.member_of[s as usize].push(g);
        let articles = &mut self.articles[g as usize];
        let a = (self.article_of)(s);
        let at = articles.partition_point(|&x| x < a);
        articles.insert(at, a);
    }

    /// True when group `g` and group `h` (or sentence `s` when `h` is None) can be one:
    /// their passages come from different articles and they are [`Self::close`].
    fn fits(&self, (g, h, s): (u32, Option<u32>, u32)) -> bool {
        let single = [s];
        let other: &[u32] = h.map_or(&single, |h| &self.groups[h as usize]);
        let mine = &self.groups[g as usize];
        let disjoint = match h {
            Some(h) => disjoint(&self.articles[g as usize], &self.articles[h as usize]),
            None => self.articles[g as usize]
                .binary_search(&(self.article_of)(s))
                .is_err(),
        };
        mine.len() * other.len() <= MAX_CROSS_PAIRS && disjoint && self.close(g, h, other)
    }

    /// True when group `g` and the passages `other` (group `h`, or one sentence) are
    /// alike on average, most of their cross pairs are at least somewhat alike and at
    /// least half are links, so one strong pair cannot carry a group. Unscored pairs
    /// count as not alike; the cross pairs are looked up one by one when they are few,
    /// else found among the scored pairs of the smaller side.
    fn close(&self, g: u32, h: Option<u32>, other: &[u32]) -> bool {
        let mine = &self.groups[g as usize];
        let n = mine.len() * other.len();
        let (small, large, large_id) = if mine.len() < other.len() {
            (mine.as_slice(), other, h)
        } else {
            (other, mine.as_slice(), Some(g))
        };
        // Every cross link is a link of the smaller side.
        let reach: usize = small
            .iter()
            .map(|&s| self.links_of[s as usize] as usize)
            .sum();
        if 2 * reach < n {
            return false;
        }
        let edges: usize = small.iter().map(|&s| self.affinity.of(s).len()).sum();
        let mut cross = Cross {
            min: self.params.join / 2.0,
            ..Cross::default()
        };
        match large_id {
            Some(target) if 2 * n > edges => {
                for &s in small {
                    let inside = |e: &&Edge| self.member_of[e.other as usize].contains(&target);
                    self.affinity
                        .of(s)
                        .iter()
                        .filter(inside)
                        .for_each(|e| cross.add(e));
                }
            }
            _ => {
                for &s in small {
                    large
                        .iter()
                        .filter_map(|&t| self.affinity.edge(s, t))
                        .for_each(|e| cross.add(e));
                }
            }
        }
        cross.total / n as f32 >= self.params.join && 2 * cross.alike > n && 2 * cross.links >= n
    }
}

/// The scored pairs between two sets of passages, summed up.
#[derive(Default)]
struct Cross {
    /// Score from which a pair counts as somewhat alike.
    min: f32,
    total: f32,
    alike: usize,
    links: usize,
}

impl Cross {
    fn add(&mut self, e: &Edge) {
        self.total += e.score;
        self.alike += usize::from(e.score >= self.min);
        self.links += usize::from(e.link);
    }
}

/// The pairs that are links, strongest first, at most [`MAX_LINKS`] per sentence.
fn links(pairs: &[Pair], affinity: &Affinity, params: Params) -> Vec<Pair> {
    let is_best = |x: u32, y: u32| affinity.edge(x, y).is_some_and(|e| e.best);
    let is_near = |x: u32, y: u32| affinity.edge(x, y).is_some_and(|e| e.near);
    let mut links: Vec<Pair> = pairs
        .iter()
        .filter(|p| {
            let (short, long) = if p.a_shorter { (p.a, p.b) } else { (p.b, p.a) };
            p.score >= params.strong
                || (p.score >= params.mutual
                    && is_best(short, long)
                    && (p.ratio <= params.shorter || is_best(long, short)))
                || (p.score >= params.near_min && is_near(p.a, p.b) && is_near(p.b, p.a))
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
/// union still has one passage per article, or whatever the articles when they share half
/// of the larger one, and the union holds at most [`MAX_MERGED`] (two facts telling mostly
/// the same passages are one fact; a fact may hold two passages of an article), then drops groups contained in another. Groups
/// are found through the passages they share, never by comparing all pairs of groups, and
/// kept sorted so that comparing two costs their sizes, not their product.
fn consolidate<A: Fn(u32) -> u32, C: Fn(u32) -> bool>(
    groups: &mut Vec<Vec<u32>>,
    n: usize,
    sentences: &Sentences<A, C>,
) {
    let mut index: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (g, members) in groups.iter_mut().enumerate() {
        members.sort_unstable();
        for &s in members.iter() {
            index[s as usize].push(g as u32);
        }
    }
    let mut shared = Shared::new(groups.len());
    for i in 0..groups.len() {
        while let Some(j) = mergeable(groups, &index, &mut shared, i, sentences) {
            let moved = std::mem::take(&mut groups[j]);
            for &s in &moved {
                if groups[i].binary_search(&s).is_err() {
                    index[s as usize].push(i as u32);
                }
            }
            groups[i] = union(&groups[i], &moved);
        }
    }
    let contained = |i: usize, groups: &Vec<Vec<u32>>| {
        let g = &groups[i];
        g.first().is_some_and(|s| {
            index[*s as usize].iter().any(|&j| {
                let j = j as usize;
                j != i
                    && (groups[j].len() > g.len() || (groups[j].len() == g.len() && j < i))
                    && subset(g, &groups[j])
            })
        })
    };
    let drop: Vec<bool> = (0..groups.len()).map(|i| contained(i, groups)).collect();
    let mut d = drop.iter();
    groups.retain(|g| !*d.next().unwrap_or(&false) && g.len() > 1);
}

/// Passages shared with group `i`, per other group, counted without a map.
struct Shared {
    count: Vec<u32>,
    touched: Vec<u32>,
}

impl Shared {
    fn new(groups: usize) -> Shared {
        Shared {
            count: vec![0; groups],
            touched: Vec::new(),
        }
    }
}

/// A group sharing at least two passages with group `i` that can merge into it.
fn mergeable<A: Fn(u32) -> u32, C: Fn(u32) -> bool>(
    groups: &[Vec<u32>],
    index: &[Vec<u32>],
    shared: &mut Shared,
    i: usize,
    sentences: &Sentences<A, C>,
) -> Option<usize> {
    for s in &groups[i] {
        for &j in &index[*s as usize] {
            if j as usize != i && !groups[j as usize].is_empty() {
                if shared.count[j as usize] == 0 {
                    shared.touched.push(j);
                }
                shared.count[j as usize] += 1;
            }
        }
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for &j in &shared.touched {
        let (j, mut n) = (j as usize, shared.count[j as usize] as usize);
        shared.count[j] = 0;
        if n == 1 {
            // One shared passage and the two halves of a cut sentence count as two.
            n += halves(&groups[i], &groups[j], sentences);
        }
        if n >= 2 && 2 * n >= groups[i].len().min(groups[j].len()) {
            candidates.push((j, n));
        }
    }
    shared.touched.clear();
    candidates.sort_unstable();
    candidates.into_iter().find_map(|(j, n)| {
        let extra = difference(&groups[j], &groups[i]);
        let others = difference(&groups[i], &groups[j]);
        // Groups sharing at least half of the larger are one fact told twice, even when
        // the union holds two passages of an article (a fact told in two sentences).
        let most = 2 * n >= groups[i].len().max(groups[j].len());
        (groups[i].len() + extra.len() <= MAX_MERGED
            && (most || apart(&others, &extra, &|s| sentences.article_of(s))))
        .then_some(j)
    })
}

/// Passages of `x` only whose next sentence is a passage of `y` only, or the other way
/// round, when the two are one sentence cut in two: a quotation that goes on past a full
/// stop ("« La situation est grave. Restez chez vous », a dit la préfète"), each half
/// matched by another article. Each passage counts once.
fn halves<A: Fn(u32) -> u32, C: Fn(u32) -> bool>(
    x: &[u32],
    y: &[u32],
    sentences: &Sentences<A, C>,
) -> usize {
    let (only_x, only_y) = (difference(x, y), difference(y, x));
    let mut used: Vec<u32> = Vec::new();
    let mut n = 0;
    for (from, to) in [(&only_x, &only_y), (&only_y, &only_x)] {
        for &s in from.iter() {
            let joined = to.binary_search(&(s + 1)).is_ok() && sentences.cut(s);
            if joined && !used.contains(&s) && !used.contains(&(s + 1)) {
                used.extend([s, s + 1]);
                n += 1;
            }
        }
    }
    n
}

/// The elements of sorted `x` not in sorted `y`.
fn difference(x: &[u32], y: &[u32]) -> Vec<u32> {
    x.iter()
        .copied()
        .filter(|s| y.binary_search(s).is_err())
        .collect()
}

/// The union of two sorted lists, sorted.
fn union(x: &[u32], y: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = x.iter().chain(y).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// True when every element of sorted `x` is in sorted `y`.
fn subset(x: &[u32], y: &[u32]) -> bool {
    x.len() <= y.len() && x.iter().all(|s| y.binary_search(s).is_ok())
}

/// True when no passage of `x` shares an article with one of `y`.
fn apart(x: &[u32], y: &[u32], article_of: &impl Fn(u32) -> u32) -> bool {
    let mut ax: Vec<u32> = x.iter().map(|&s| article_of(s)).collect();
    let mut ay: Vec<u32> = y.iter().map(|&s| article_of(s)).collect();
    ax.sort_unstable();
    ay.sort_unstable();
    disjoint(&ax, &ay)
}

/// True when two sorted lists have no element in common.
fn disjoint(x: &[u32], y: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAMS: Params = Params {
        strong: 0.5,
        mutual: 0.3,
        join: 0.3,
        shorter: 0.8,
        near: 0.9,
        near_min: 0.4,
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
        let (groups, _) = group(&pairs, article, |_| false, PARAMS);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 3);
    }

    #[test]
    fn a_chain_of_loose_links_is_not_one_fact() {
        let pairs = [pair(0, 10, 0.8), pair(10, 20, 0.7)];
        let (groups, _) = group(&pairs, article, |_| false, PARAMS);
        assert_eq!(groups.len(), 2, "{groups:?}");
    }

    #[test]
    fn one_passage_per_article_in_a_fact() {
        let pairs = [pair(0, 10, 0.9), pair(1, 10, 0.85), pair(0, 1, 0.0)];
        let (groups, _) = group(&pairs, article, |_| false, PARAMS);
        assert_eq!(groups.len(), 2);
        assert!(groups.iter().all(|g| g.len() == 2));
    }

    #[test]
    fn weak_pairs_link_only_when_mutually_best() {
        let pairs = [pair(0, 10, 0.35), pair(0, 11, 0.4), pair(1, 11, 0.45)];
        let (groups, _) = group(&pairs, article, |_| false, PARAMS);
        assert_eq!(groups, vec![vec![1, 11]]);
    }

    #[test]
    fn a_pair_close_to_each_best_links_though_not_mutually_best() {
        // 0 and 10 are each other's best; 11 prefers 0 (0.45) too, and 0.45 is close to
        // 0's best (0.48): both links are kept. 12 is far below 0's best.
        let pairs = [
            pair(0, 10, 0.48),
            pair(0, 11, 0.45),
            pair(0, 12, 0.41),
            pair(12, 20, 0.7),
        ];
        let (_, affinity) = group(&pairs, article, |_| false, PARAMS);
        let link = |x, y| affinity.edge(x, y).unwrap().link;
        assert!(link(0, 10) && link(0, 11));
        assert!(!link(0, 12), "0.41 is under 0.9 times 0.48");
    }

    #[test]
    fn near_pairs_still_need_the_near_minimum() {
        // 0.37 is close to 0's best (0.39), but under near_min; 0.39 is mutually best.
        let pairs = [pair(0, 10, 0.39), pair(0, 11, 0.37)];
        let (_, affinity) = group(&pairs, article, |_| false, PARAMS);
        assert!(affinity.edge(0, 10).unwrap().link);
        assert!(!affinity.edge(0, 11).unwrap().link, "under near_min");
    }

    #[test]
    fn sorted_list_helpers() {
        assert!(disjoint(&[1, 4, 9], &[2, 3, 10]));
        assert!(!disjoint(&[1, 4, 9], &[0, 9]));
        assert_eq!(union(&[1, 4], &[2, 4, 7]), [1, 2, 4, 7]);
        assert_eq!(difference(&[1, 2, 4, 7], &[2, 7]), [1, 4]);
        assert!(subset(&[2, 7], &[1, 2, 4, 7]));
        assert!(!subset(&[2, 8], &[1, 2, 4, 7]));
    }

    #[test]
    fn overlapping_groups_do_not_chain_past_the_merge_limit() {
        // Groups {i, i+1, i+2} of a chain, each sentence alone in its article: every two
        // neighbours share two passages and would merge into one ever larger group.
        let len = (MAX_MERGED + 10) as u32;
        let mut groups: Vec<Vec<u32>> = (0..len).map(|i| vec![i, i + 1, i + 2]).collect();
        let sentences = Sentences {
            article_of: |s| s,
            cut: |_| false,
        };
        consolidate(&mut groups, len as usize + 2, &sentences);
        assert!(groups.iter().all(|g| g.len() <= MAX_MERGED));
        assert!(groups.len() > 1);
        let covered: usize = groups.iter().map(|g| g.len()).sum();
        assert!(covered >= len as usize + 2);
    }

    #[test]
    fn the_halves_of_a_cut_quotation_join_one_fact() {
        // Sentences 0 and 1 of article 0 are one quotation cut by a full stop: 10 matched
        // both halves, 20 the first, 30 the second.
        let halves = |cut: bool| {
            let mut groups = vec![vec![0, 10, 20], vec![1, 10, 30]];
            let sentences = Sentences {
                article_of: article,
                cut: move |s| cut && s == 0,
            };
            consolidate(&mut groups, 31, &sentences);
            groups
        };
        assert_eq!(halves(true), vec![vec![0, 1, 10, 20, 30]]);
        assert_eq!(halves(false).len(), 2, "two sentences, one passage shared");
    }

    #[test]
    fn a_cut_counts_only_within_one_article() {
        // Sentence 9 is the last of article 0: 10 begins article 1.
        let mut groups = vec![vec![9, 20, 35], vec![10, 20, 45]];
        let sentences = Sentences {
            article_of: article,
            cut: |_| true,
        };
        consolidate(&mut groups, 46, &sentences);
        assert_eq!(groups.len(), 2);
        assert_eq!(halves(&[0, 10], &[1, 10], &sentences), 1);
        assert_eq!(halves(&[0, 1, 10], &[1, 10], &sentences), 0, "1 is shared");
    }
}
