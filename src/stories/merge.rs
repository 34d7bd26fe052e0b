//! Articles into stories by average-linkage agglomeration over the sparse neighbour graph:
//! the two most alike groups joined by an edge merge first, as long as their articles are
//! alike on average. The linkage of two groups is the sum of the cosines of the edges
//! between their articles over the product of their sizes (a pair that is no edge counts
//! as unlike): each group keeps the edge sum with each of its neighbours, and a merge adds
//! the two merged groups' sums (Lance and Williams' update), so a merge costs a few
//! additions per neighbouring group, never a comparison of vectors, and the cost of the
//! merging grows with the number of edges. Average linkage does not chain: two earthquakes
//! told with the same words stay apart when their places, names and figures differ,
//! however many loosely alike articles lie between them; and articles of two events of one
//! kind that are alike only through the words every such report uses are no edge at all.
//!
//! Dates, when both groups have them, lower the linkage of groups whose reports lie far
//! apart in time: a story's reports follow each other within days.

use foldhash::HashMap;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Knobs of the merging; see [`super::PARAMS`].
#[derive(Debug, Clone, Copy)]
pub struct MergeParams {
    /// Groups merge while their articles are at least this alike on average.
    pub threshold: f32,
    /// Terms of a story's vector sum kept, heaviest first, when articles are added to it
    /// ([`super::grow`]; bounds the cost of large stories).
    pub group_terms: usize,
    /// Days between two groups' reports below which dates say nothing.
    pub date_window: f32,
    /// Beyond the window, the linkage is divided by e every this many days.
    pub date_decay: f32,
}

/// A possible merge, as scored when both groups had the given stamps.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: f32,
    a: u32,
    b: u32,
    stamps: (u32, u32),
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    /// Highest score first, then the lowest articles (so the result is deterministic).
    fn cmp(&self, other: &Self) -> Ordering {
        (self.score.total_cmp(&other.score)).then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
    }
}

/// Groups of articles, each named by one of its articles (the root).
struct Groups {
    parent: Vec<u32>,
    size: Vec<u32>,
    stamp: Vec<u32>,
    /// For each root, the groups joined to it by an edge (by their roots), each with the
    /// sum of the cosines of those edges.
    links: Vec<HashMap<u32, f32>>,
    /// First and last day of the group's dated articles.
    days: Vec<Option<(i32, i32)>>,
}

impl Groups {
    fn find(&mut self, mut x: u32) -> u32 {
        let mut root = x;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        while self.parent[x as usize] != root {
            let next = self.parent[x as usize];
            self.parent[x as usize] = root;
            x = next;
        }
        root
    }

    /// Average cosine between the articles of groups `a` and `b` (roots) whose edges sum
    /// to `sum`, lowered by their dates.
    fn linkage(&self, a: u32, b: u32, sum: f32, p: &MergeParams) -> f32 {
        let (a, b) = (a as usize, b as usize);
        let avg = sum / (self.size[a] as f32 * self.size[b] as f32);
        avg * date_factor(self.days[a], self.days[b], p)
    }

    /// Merges group `b` into group `a` (both roots): the edge sums of the merged group
    /// with each neighbour are those of `a` and `b` added (Lance and Williams' update),
    /// the smaller list of neighbours added to the larger one.
    fn merge(&mut self, a: u32, b: u32) {
        let (ai, bi) = (a as usize, b as usize);
        self.parent[bi] = a;
        self.size[ai] += self.size[bi];
        self.stamp[ai] += 1;
        self.stamp[bi] += 1;
        let mut from_a = std::mem::take(&mut self.links[ai]);
        let mut from_b = std::mem::take(&mut self.links[bi]);
        from_a.remove(&b);
        from_b.remove(&a);
        for (&c, &s) in &from_b {
            let theirs = &mut self.links[c as usize];
            theirs.remove(&b);
            *theirs.entry(a).or_insert(0.0) += s;
        }
        if from_a.len() < from_b.len() {
            std::mem::swap(&mut from_a, &mut from_b);
        }
        for (c, s) in from_b {
            *from_a.entry(c).or_insert(0.0) += s;
        }
        self.links[ai] = from_a;
        self.days[ai] = match (self.days[ai], self.days[bi]) {
            (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
            (x, y) => x.or(y),
        };
    }

    /// The possible merge of roots `a` and `b` whose edges sum to `sum`, if they are alike
    /// enough.
    fn candidate(&self, a: u32, b: u32, sum: f32, p: &MergeParams) -> Option<Candidate> {
        let score = self.linkage(a, b, sum, p);
        let (x, y) = (a.min(b), a.max(b));
        (score >= p.threshold).then(|| Candidate {
            score,
            a: x,
            b: y,
            stamps: (self.stamp[x as usize], self.stamp[y as usize]),
        })
    }
}

/// How much dates lower the linkage of two groups: 1 when either has none or their spans
/// lie within the window of each other.
pub(super) fn date_factor(a: Option<(i32, i32)>, b: Option<(i32, i32)>, p: &MergeParams) -> f32 {
    let (Some(a), Some(b)) = (a, b) else {
        return 1.0;
    };
    let gap = (a.0 - b.1).max(b.0 - a.1).max(0) as f32;
    if gap <= p.date_window {
        1.0
    } else {
        (-(gap - p.date_window) / p.date_decay).exp()
    }
}

/// Sum of two sparse vectors, keeping its `keep` heaviest terms.
pub(super) fn add(
    ta: &[u32],
    wa: &[f32],
    tb: &[u32],
    wb: &[f32],
    keep: usize,
) -> (Vec<u32>, Vec<f32>) {
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(ta.len() + tb.len());
    let (mut i, mut j) = (0, 0);
    while i < ta.len() || j < tb.len() {
        let take_a = j >= tb.len() || (i < ta.len() && ta[i] <= tb[j]);
        let take_b = i >= ta.len() || (j < tb.len() && tb[j] <= ta[i]);
        let (t, mut w) = if take_a {
            (ta[i], wa[i])
        } else {
            (tb[j], wb[j])
        };
        if take_a && take_b {
            w += wb[j];
        }
        i += usize::from(take_a);
        j += usize::from(take_b);
        out.push((t, w));
    }
    if out.len() > keep {
        out.select_nth_unstable_by(keep - 1, |x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        out.truncate(keep);
        out.sort_unstable_by_key(|&(t, _)| t);
    }
    out.into_iter().unzip()
}

/// The group (its root article) of every one of `n` articles joined by `edges` (`(a, b,
/// cosine)`); the linkage of two groups is the sum of the cosines of the edges between
/// them over the product of their sizes.
pub fn merge(
    n: usize,
    edges: &[(u32, u32, f32)],
    days: &[Option<i32>],
    p: &MergeParams,
) -> Vec<u32> {
    let mut g = Groups {
        parent: (0..n as u32).collect(),
        size: vec![1; n],
        stamp: vec![0; n],
        links: vec![HashMap::default(); n],
        days: (0..n)
            .map(|a| days.get(a).copied().flatten().map(|d| (d, d)))
            .collect(),
    };
    let mut heap = BinaryHeap::new();
    for &(a, b, c) in edges.iter().filter(|e| (e.0.max(e.1) as usize) < n) {
        if a == b {
            continue;
        }
        *g.links[a as usize].entry(b).or_insert(0.0) += c;
        *g.links[b as usize].entry(a).or_insert(0.0) += c;
        heap.extend(g.candidate(a, b, c, p));
    }
    while let Some(c) = heap.pop() {
        let (a, b) = (c.a as usize, c.b as usize);
        let current =
            g.parent[a] == c.a && g.parent[b] == c.b && (g.stamp[a], g.stamp[b]) == c.stamps;
        if !current {
            continue;
        }
        // The larger group keeps its name (the lower one on a tie).
        let (keep, gone) = if (g.size[b], c.a) > (g.size[a], c.b) {
            (c.b, c.a)
        } else {
            (c.a, c.b)
        };
        g.merge(keep, gone);
        let links = &g.links[keep as usize];
        let next: Vec<Candidate> = (links.iter())
            .filter_map(|(&other, &sum)| g.candidate(keep, other, sum, p))
            .collect();
        heap.extend(next);
    }
    (0..n as u32).map(|a| g.find(a)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_keep_their_heaviest_terms_in_order() {
        let (t, w) = add(&[1, 4], &[0.5, 0.25], &[2, 4], &[0.1, 0.5], 10);
        assert_eq!((t, w), (vec![1, 2, 4], vec![0.5, 0.1, 0.75]));
        let (t, _) = add(&[1, 4], &[0.5, 0.25], &[2, 4], &[0.1, 0.5], 2);
        assert_eq!(t, [1, 4]);
    }

    fn params(threshold: f32) -> MergeParams {
        MergeParams {
            threshold,
            group_terms: 10,
            date_window: 3.0,
            date_decay: 7.0,
        }
    }

    #[test]
    fn groups_merge_on_the_average_of_the_edges_between_them() {
        // Two pairs, joined by one edge: 0.3 over 2 × 2 articles is below the threshold.
        let pairs = [(0, 1, 0.9), (2, 3, 0.8), (1, 2, 0.3)];
        let g = merge(4, &pairs, &[], &params(0.2));
        assert_eq!(g[0], g[1]);
        assert_eq!(g[2], g[3]);
        assert_ne!(g[0], g[2]);
        // Four edges of 0.5 between the pairs: 2.0 over 4, above it.
        let dense = [
            (0, 1, 0.9),
            (2, 3, 0.8),
            (0, 2, 0.5),
            (0, 3, 0.5),
            (1, 2, 0.5),
            (1, 3, 0.5),
        ];
        let g = merge(4, &dense, &[], &params(0.2));
        assert!(g.iter().all(|&x| x == g[0]), "{g:?}");
        // An edge naming no article is left out.
        assert_eq!(merge(2, &[(0, 7, 0.9)], &[], &params(0.2)), [0, 1]);
    }

    #[test]
    fn dates_far_apart_lower_the_linkage() {
        let p = MergeParams {
            threshold: 0.1,
            group_terms: 10,
            date_window: 3.0,
            date_decay: 7.0,
        };
        assert_eq!(date_factor(Some((0, 2)), Some((4, 9)), &p), 1.0);
        assert_eq!(date_factor(None, Some((400, 400)), &p), 1.0);
        let far = date_factor(Some((0, 0)), Some((60, 61)), &p);
        assert!(far < 0.001, "{far}");
    }
}
