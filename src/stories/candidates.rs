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

/// Partial dot products with the articles met in one article's postings.
struct Scratch {
    score: Vec<f32>,
    touched: Vec<u32>,
    order: Vec<(u32, f32)>,
}

/// Edges `(a, b, cosine)` with `a < b`, sorted, each once.
pub fn edges(v: &Vectors, p: &SearchParams) -> Vec<(u32, u32, f32)> {
    let postings = Postings::new(v, p.max_postings);
    let n = v.len();
    let mut out: Vec<(u32, u32, f32)> = (0..n)
        .into_par_iter()
        .map_init(
            || Scratch {
                score: vec![0.0; n],
                touched: Vec::new(),
                order: Vec::new(),
            },
            |s, a| neighbours(v, &postings, p, s, a),
        )
        .flatten_iter()
        .collect();
    out.par_sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
    out.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    out
}

/// Edges `(a, b, cosine)` of the articles `of` only (`a < b`, sorted, each once): the
/// neighbours of articles added to a grouped collection, found without searching for the
/// others'.
pub fn edges_of(v: &Vectors, p: &SearchParams, of: &[usize]) -> Vec<(u32, u32, f32)> {
    let postings = Postings::new(v, p.max_postings);
    let n = v.len();
    let mut out: Vec<(u32, u32, f32)> = (of.par_iter())
        .filter(|&&a| a < n)
        .map_init(
            || Scratch {
                score: vec![0.0; n],
                touched: Vec::new(),
                order: Vec::new(),
            },
            |s, &a| neighbours(v, &postings, p, s, a),
        )
        .flatten_iter()
        .collect();
    out.par_sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
    out.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    out
}

/// The edges of article `a` to its likely neighbours.
fn neighbours(
    v: &Vectors,
    postings: &Postings,
    p: &SearchParams,
    s: &mut Scratch,
    a: usize,
) -> Vec<(u32, u32, f32)> {
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
    ranked
        .into_iter()
        .filter_map(|(_, b)| {
            let c = v.cosine(a, b as usize);
            let (x, y) = (a as u32, b);
            (c >= p.min_cosine).then_some((x.min(y), x.max(y), c))
        })
        .collect()
}
