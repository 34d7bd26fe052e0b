//! The scored pairs of a corpus as one list of neighbours per sentence, sorted by
//! neighbour. Grouping asks "how alike are these two sentences" and "which groups is this
//! sentence alike with" millions of times on large corpora: a flat list per sentence
//! answers both by a short scan or a binary search, where a map of all pairs would hash
//! every question and hold every pair twice over.

use super::similar::Pair;

/// One scored neighbour of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// The other sentence (global index).
    pub other: u32,
    pub score: f32,
    /// The pair is a link (see [`super::group`]).
    pub link: bool,
    /// `other` is this sentence's best match in the other's article (the first one
    /// on a tie).
    pub best: bool,
    /// The score is close to that of this sentence's best match in the other's article
    /// (see [`Affinity::mark_best`]); true of the best match itself.
    pub near: bool,
}

/// The neighbours of every sentence, flat.
#[derive(Debug, Clone, Default)]
pub struct Affinity {
    starts: Vec<u32>,
    edges: Vec<Edge>,
}

impl Affinity {
    /// Both directions of every pair; none is a link yet.
    pub fn new(pairs: &[Pair]) -> Affinity {
        let n = pairs
            .iter()
            .map(|p| p.a.max(p.b) as usize + 1)
            .max()
            .unwrap_or(0);
        let mut degree = vec![0u32; n + 1];
        for p in pairs {
            degree[p.a as usize] += 1;
            degree[p.b as usize] += 1;
        }
        let mut starts = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for d in &degree[..n] {
            starts.push(total);
            total += d;
        }
        starts.push(total);
        let mut fill = starts.clone();
        let empty = Edge {
            other: 0,
            score: 0.0,
            link: false,
            best: false,
            near: false,
        };
        let mut edges = vec![empty; total as usize];
        for p in pairs {
            for (x, y) in [(p.a, p.b), (p.b, p.a)] {
                let at = &mut fill[x as usize];
                edges[*at as usize] = Edge {
                    other: y,
                    score: p.score,
                    link: false,
                    best: false,
                    near: false,
                };
                *at += 1;
            }
        }
        let mut a = Affinity { starts, edges };
        for s in 0..n {
            let r = a.range(s as u32);
            a.edges[r].sort_unstable_by_key(|e| e.other);
        }
        a
    }

    fn range(&self, s: u32) -> std::ops::Range<usize> {
        match self.starts.get(s as usize + 1) {
            Some(&end) => self.starts[s as usize] as usize..end as usize,
            None => 0..0,
        }
    }

    /// Flags each sentence's best match per article, and the matches scoring at least
    /// `near` times the best one. Sentences of one article must have consecutive indices
    /// (`article_of` never decreasing), so that the neighbours of a sentence come article
    /// by article.
    pub fn mark_best(&mut self, article_of: impl Fn(u32) -> u32, near: f32) {
        for s in 0..self.starts.len().saturating_sub(1) {
            let r = self.range(s as u32);
            let list = &mut self.edges[r];
            let mut i = 0;
            while i < list.len() {
                let article = article_of(list[i].other);
                let mut best = i;
                let mut j = i;
                while j < list.len() && article_of(list[j].other) == article {
                    if list[j].score > list[best].score {
                        best = j;
                    }
                    j += 1;
                }
                list[best].best = true;
                let floor = near * list[best].score;
                for e in &mut list[i..j] {
                    e.near = e.score >= floor;
                }
                i = j;
            }
        }
    }

    /// The neighbours of `s`, by increasing index.
    pub fn of(&self, s: u32) -> &[Edge] {
        &self.edges[self.range(s)]
    }

    /// The edge from `x` to `y`, if the pair was scored.
    pub fn edge(&self, x: u32, y: u32) -> Option<&Edge> {
        let list = self.of(x);
        list.binary_search_by_key(&y, |e| e.other)
            .ok()
            .map(|i| &list[i])
    }

    /// The score of `x` and `y`, 0 when not scored.
    pub fn score(&self, x: u32, y: u32) -> f32 {
        self.edge(x, y).map_or(0.0, |e| e.score)
    }

    /// Marks the pair `x`, `y` (which must have been scored) as a link, both ways.
    pub fn set_link(&mut self, x: u32, y: u32) {
        for (s, t) in [(x, y), (y, x)] {
            let r = self.range(s);
            let list = &mut self.edges[r];
            if let Ok(i) = list.binary_search_by_key(&t, |e| e.other) {
                list[i].link = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: u32, b: u32, score: f32) -> Pair {
        Pair {
            a,
            b,
            score,
            a_shorter: true,
            ratio: 1.0,
        }
    }

    #[test]
    fn neighbours_are_symmetric_and_sorted() {
        let mut a = Affinity::new(&[pair(3, 5, 0.5), pair(0, 5, 0.7), pair(0, 3, 0.2)]);
        let of5: Vec<u32> = a.of(5).iter().map(|e| e.other).collect();
        assert_eq!(of5, [0, 3]);
        assert_eq!(a.score(5, 3), 0.5);
        assert_eq!(a.score(3, 5), 0.5);
        assert_eq!(a.score(1, 5), 0.0);
        assert_eq!(a.score(9, 0), 0.0);
        a.set_link(5, 0);
        assert!(a.edge(0, 5).unwrap().link && a.edge(5, 0).unwrap().link);
        assert!(!a.edge(3, 5).unwrap().link);
    }

    #[test]
    fn best_match_per_article_first_on_a_tie() {
        // Articles of ten sentences: 10 and 11 in one, 20 in another.
        let mut a = Affinity::new(&[
            pair(0, 10, 0.5),
            pair(0, 11, 0.6),
            pair(0, 12, 0.6),
            pair(0, 20, 0.3),
        ]);
        a.mark_best(|s| s / 10, 0.9);
        let best: Vec<u32> = a.of(0).iter().filter(|e| e.best).map(|e| e.other).collect();
        assert_eq!(best, [11, 20]);
        assert!(a.edge(10, 0).unwrap().best);
        let near: Vec<u32> = a.of(0).iter().filter(|e| e.near).map(|e| e.other).collect();
        assert_eq!(near, [11, 12, 20], "0.5 is under 0.9 times 0.6");
    }
}
