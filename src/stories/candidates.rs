//! Which articles are worth comparing: an inverted index over the kept terms of every
//! article, read only for each article's heaviest terms and only where a term is not
//! common, gives a handful of likely neighbours per article; their exact cosines make a
//! sparse graph. Nothing compares every article with every other, so the cost grows with
//! the number of articles (each reads at most a fixed number of postings).

use super::vectors::Vectors;
use rayon::prelude::*;

/// Knobs of the neighbour search; see [`super::PARAMS`].
#[derive(Debug, Clone, Copy)]
pub struct SearchParams {
    /// Heaviest terms of an article looked up in the index.
    pub query_terms: usize,
    /// Terms kept by more articles than this are not looked up (they still count in the
    /// cosines of the pairs found through other terms).
    pub max_postings: usize,
    /// Postings read per article at most (the first term's are always read whole).
    pub max_scan: usize,
    /// Neighbours kept per article, most shared weight first.
    pub neighbours: usize,
    /// Pairs less alike than this are no edge.
    pub min_cosine: f32,
}

/// Articles holding each term with the term's weight in each, flat: reading a posting
/// list never looks into the articles' own vectors.
struct Postings {
    starts: Vec<u32>,
    items: Vec<(u32, f32)>,
}

impl Postings {
    fn new(v: &Vectors, max: usize) -> Postings {
        let mut starts = Vec::with_capacity(v.df.len() + 1);
        let mut total = 0u32;
        for &d in &v.df {
            starts.push(total);
            total += if d as usize <= max { d } else { 0 };
        }
        starts.push(total);
        let mut fill = starts.clone();
        let mut items = vec![(0u32, 0.0f32); total as usize];
        for a in 0..v.len() {
            let (terms, weights) = v.of(a);
            for (&t, &w) in terms.iter().zip(weights) {
                if v.df[t as usize] as usize <= max {
                    items[fill[t as usize] as usize] = (a as u32, w);
                    fill[t as usize] += 1;
                }
            }
        }
        Postings { starts, items }
    }

    fn of(&self, t: u32) -> &[(u32, f32)] {
        &self.items[self.starts[t as usize] as usize..self.starts[t as usize + 1] as usize]
    }
}

/// What one worker of the search reuses from one article to the next: partial dot products
/// with the articles met in one article's postings, and the article's own weights spread
/// by term, so that its exact cosine with each neighbour reads only the neighbour's terms.
struct Scratch {
    score: Vec<f32>,
    touched: Vec<u32>,
    order: Vec<(u32, f32)>,
    own: Vec<f32>,
}

impl Scratch {
    fn new(v: &Vectors) -> Scratch {
        Scratch {
            score: vec![0.0; v.len()],
            touched: Vec::new(),
            order: Vec::new(),
            own: vec![0.0; v.df.len()],
        }
    }
}

/// Edges `(a, b, cosine)` with `a < b`, sorted, each once.
pub fn edges(v: &Vectors, p: &SearchParams) -> Vec<(u32, u32, f32)> {
    let all: Vec<usize> = (0..v.len()).collect();
    edges_of(v, p, &all)
}

/// Edges `(a, b, cosine)` of the articles `of` only (`a < b`, sorted, each once): the
/// neighbours of articles added to a grouped collection, found without searching for the
/// others'.
pub fn edges_of(v: &Vectors, p: &SearchParams, of: &[usize]) -> Vec<(u32, u32, f32)> {
    let postings = Postings::new(v, p.max_postings);
    let n = v.len();
    // A few runs of articles per thread, each with its scratch made once.
    let runs = 8 * rayon::current_num_threads().max(1);
    let run = of.len().div_ceil(runs).max(256);
    let mut out: Vec<(u32, u32, f32)> = (of.par_chunks(run))
        .flat_map_iter(|articles| {
            let mut s = Scratch::new(v);
            let mut found = Vec::new();
            for &a in articles.iter().filter(|&&a| a < n) {
                neighbours(v, &postings, p, &mut s, a, &mut found);
            }
            found
        })
        .collect();
    out.par_sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
    out.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    out
}

/// The edges of article `a` to its likely neighbours, added to `out`.
fn neighbours(
    v: &Vectors,
    postings: &Postings,
    p: &SearchParams,
    s: &mut Scratch,
    a: usize,
    out: &mut Vec<(u32, u32, f32)>,
) {
    let (terms, weights) = v.of(a);
    s.order.clear();
    s.order.extend(
        (terms.iter().zip(weights))
            .filter(|(&t, _)| (2..=p.max_postings).contains(&(v.df[t as usize] as usize)))
            .map(|(&t, &w)| (t, w)),
    );
    s.order
        .sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    s.order.truncate(p.query_terms);
    let mut scanned = 0;
    for &(t, w) in &s.order {
        let list = postings.of(t);
        if scanned > 0 && scanned + list.len() > p.max_scan {
            continue;
        }
        scanned += list.len();
        for &(b, wb) in list {
            if b as usize != a {
                if s.score[b as usize] == 0.0 {
                    s.touched.push(b);
                }
                s.score[b as usize] += w * wb;
            }
        }
    }
    let mut ranked: Vec<(f32, u32)> = s
        .touched
        .iter()
        .map(|&b| (s.score[b as usize], b))
        .collect();
    for &b in &s.touched {
        s.score[b as usize] = 0.0;
    }
    s.touched.clear();
    let by_score = |x: &(f32, u32), y: &(f32, u32)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
    if ranked.len() > p.neighbours {
        ranked.select_nth_unstable_by(p.neighbours - 1, by_score);
        ranked.truncate(p.neighbours);
    }
    for (&t, &w) in terms.iter().zip(weights) {
        s.own[t as usize] = w;
    }
    for (_, b) in ranked {
        // The dot product of `a` and `b`, summed in the order of the terms as
        // [`Vectors::cosine`] does (the terms `a` lacks add zero).
        let (tb, wb) = v.of(b as usize);
        let c: f32 = (tb.iter().zip(wb)).fold(0.0, |sum, (&t, &w)| sum + s.own[t as usize] * w);
        let (x, y) = (a as u32, b);
        if c >= p.min_cosine {
            out.push((x.min(y), x.max(y), c));
        }
    }
    for &t in terms {
        s.own[t as usize] = 0.0;
    }
}
