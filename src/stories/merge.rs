//! Articles into stories by average-linkage agglomeration over the sparse neighbour graph:
//! the two most alike groups joined by an edge merge first, as long as their articles are
//! alike on average. With unit vectors the average cosine between two groups is the dot
//! product of their vector sums over the product of their sizes, so a merge costs one
//! sparse dot product per neighbouring group, never a comparison of every member with
//! every other. Average linkage does not chain: two earthquakes told with the same words
//! stay apart when their places, names and figures differ, however many loosely alike
//! articles lie between them.
//!
//! Dates, when both groups have them, lower the linkage of groups whose reports lie far
//! apart in time: a story's reports follow each other within days.

use super::vectors::{dot, Vectors};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Knobs of the merging; see [`super::PARAMS`].
#[derive(Debug, Clone, Copy)]
pub struct MergeParams {
    /// Groups merge while their articles are at least this alike on average.
    pub threshold: f32,
    /// Terms of a group's vector sum kept, heaviest first (bounds the cost of large groups).
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
    terms: Vec<Vec<u32>>,
    weights: Vec<Vec<f32>>,
    /// Articles (or former roots) joined to the group by an edge.
    adjacent: Vec<Vec<u32>>,
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

    /// Average cosine between the articles of groups `a` and `b`, lowered by their dates.
    fn linkage(&self, a: u32, b: u32, p: &MergeParams) -> f32 {
        let (a, b) = (a as usize, b as usize);
        let sum = dot(
            &self.terms[a],
            &self.weights[a],
            &self.terms[b],
            &self.weights[b],
        );
        let avg = sum / (self.size[a] as f32 * self.size[b] as f32);
        avg * date_factor(self.days[a], self.days[b], p)
    }

    /// Merges group `b` into group `a` (both roots).
    fn merge(&mut self, a: u32, b: u32, keep: usize) {
        let (a, b) = (a as usize, b as usize);
        self.parent[b] = a as u32;
        self.size[a] += self.size[b];
        self.stamp[a] += 1;
        self.stamp[b] += 1;
        let (ta, wa) = (
            std::mem::take(&mut self.terms[a]),
            std::mem::take(&mut self.weights[a]),
        );
        let (tb, wb) = (
            std::mem::take(&mut self.terms[b]),
            std::mem::take(&mut self.weights[b]),
        );
        let (t, w) = add(&ta, &wa, &tb, &wb, keep);
        self.terms[a] = t;
        self.weights[a] = w;
        let moved = std::mem::take(&mut self.adjacent[b]);
        self.adjacent[a].extend(moved);
        self.days[a] = match (self.days[a], self.days[b]) {
            (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
            (x, y) => x.or(y),
        };
    }

    /// The groups adjacent to group `a` (a root), its list of them made current.
    fn neighbours(&mut self, a: u32) -> Vec<u32> {
        let mut list = std::mem::take(&mut self.adjacent[a as usize]);
        for x in list.iter_mut() {
            *x = self.find(*x);
        }
        list.sort_unstable();
        list.dedup();
        list.retain(|&x| x != a);
        self.adjacent[a as usize] = list.clone();
        list
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

/// The group (its root article) of every article.
pub fn merge(
    v: &Vectors,
    edges: &[(u32, u32, f32)],
    days: &[Option<i32>],
    p: &MergeParams,
) -> Vec<u32> {
    let n = v.len();
    let mut g = Groups {
        parent: (0..n as u32).collect(),
        size: vec![1; n],
        stamp: vec![0; n],
        terms: (0..n).map(|a| v.of(a).0.to_vec()).collect(),
        weights: (0..n).map(|a| v.of(a).1.to_vec()).collect(),
        adjacent: vec![Vec::new(); n],
        days: (0..n)
            .map(|a| days.get(a).copied().flatten().map(|d| (d, d)))
            .collect(),
    };
    let mut heap = BinaryHeap::new();
    for &(a, b, _) in edges {
        g.adjacent[a as usize].push(b);
        g.adjacent[b as usize].push(a);
        let score = g.linkage(a, b, p);
        if score >= p.threshold {
            heap.push(Candidate {
                score,
                a,
                b,
                stamps: (0, 0),
            });
        }
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
        g.merge(keep, gone, p.group_terms);
        for other in g.neighbours(keep) {
            let score = g.linkage(keep, other, p);
            if score >= p.threshold {
                let (x, y) = (keep.min(other), keep.max(other));
                heap.push(Candidate {
                    score,
                    a: x,
                    b: y,
                    stamps: (g.stamp[x as usize], g.stamp[y as usize]),
                });
            }
        }
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
