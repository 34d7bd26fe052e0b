//! Similarity of the clauses of two sentences. A long sentence stating two facts shares
//! with a short sentence stating one of them only half its weight, and its cosine with it
//! is low; the clause stating that fact, measured on its own terms, is as alike with the
//! short sentence as a sentence stating that fact alone. The clauses come from the terms'
//! masks (see [`super::clauses`]); every clause of one sentence (and the whole of it) is
//! scored against every clause of the other (and the whole) in the one pass over both
//! sentences' terms that scores a pair, so the cost stays that of a pair.

use super::clauses::{self, MAX_CLAUSES};
use super::features::TermKind;
use super::similar::{combine, Overlap, Scorer, COMMON_MAGNITUDE};

/// Clauses and the whole sentence: index [`MAX_CLAUSES`] is the whole.
const PARTS: usize = MAX_CLAUSES + 1;

/// What each part of one sentence shares with each part of the other.
struct Shared {
    norm_a: [f32; PARTS],
    norm_b: [f32; PARTS],
    weight: [[f32; PARTS]; PARTS],
    words: [[u32; PARTS]; PARTS],
    prefixes: [[u32; PARTS]; PARTS],
    /// Evidence of shared figures: 2 per figure, plus 1 (the low bit) when the parts
    /// share common magnitudes, all of which count once.
    figures: [[u32; PARTS]; PARTS],
}

impl Shared {
    fn new() -> Shared {
        Shared {
            norm_a: [0.0; PARTS],
            norm_b: [0.0; PARTS],
            weight: [[0.0; PARTS]; PARTS],
            words: [[0; PARTS]; PARTS],
            prefixes: [[0; PARTS]; PARTS],
            figures: [[0; PARTS]; PARTS],
        }
    }

    fn add(&mut self, ma: u8, mb: u8, w: f32, kind: TermKind, evidence: u8) {
        for x in parts(ma) {
            for y in parts(mb) {
                self.weight[x][y] += w;
                match kind {
                    TermKind::Prefix => self.prefixes[x][y] += 1,
                    TermKind::Attribution => {}
                    TermKind::Word | TermKind::Entity => self.words[x][y] += 1,
                    TermKind::Figure | TermKind::Magnitude => match evidence {
                        COMMON_MAGNITUDE => self.figures[x][y] |= 1,
                        e => self.figures[x][y] += u32::from(e),
                    },
                }
            }
        }
    }

    /// The overlap of part `x` of the first sentence with part `y` of the second.
    fn overlap(&self, x: usize, y: usize, pair_weight2: f32) -> Overlap {
        let (na, nb, shared) = (self.norm_a[x], self.norm_b[y], self.weight[x][y]);
        if shared == 0.0 || na == 0.0 || nb == 0.0 {
            return Overlap::default();
        }
        Overlap {
            cosine: shared / (na * nb).sqrt(),
            rare: shared / pair_weight2,
            quotation: 0.0,
            shared: self.words[x][y].max(self.prefixes[x][y]) + self.figures[x][y],
            weight: shared,
            sizes: (na.min(nb), na.max(nb)),
        }
    }
}

/// The clauses a term occurs in, then the whole sentence.
fn parts(mask: u8) -> impl Iterator<Item = usize> {
    (0..MAX_CLAUSES)
        .filter(move |&c| mask & (1 << c) != 0)
        .chain([MAX_CLAUSES])
}

/// The parts of a sentence of `n` clauses worth scoring: its clauses when it has several,
/// and the whole.
fn scored(n: usize) -> impl Iterator<Item = usize> {
    (0..if n > 1 { n } else { 0 }).chain([MAX_CLAUSES])
}

impl Scorer<'_> {
    /// The best score of a clause of `a` with a clause of `b` or the whole of `b`, or of
    /// the whole of `a` with a clause of `b`; 0 when neither has several clauses.
    pub fn clause_score(&self, a: usize, b: usize) -> f32 {
        let f = self.features;
        let (ta, ma) = (f.of(a).0, f.clauses_of(a));
        let (tb, mb) = (f.of(b).0, f.clauses_of(b));
        let (ca, cb) = (clauses::count(ma), clauses::count(mb));
        if ca <= 1 && cb <= 1 {
            return 0.0;
        }
        let mut s = Shared::new();
        for (&t, &m) in ta.iter().zip(ma) {
            parts(m).for_each(|x| s.norm_a[x] += self.weight2[t as usize]);
        }
        for (&t, &m) in tb.iter().zip(mb) {
            parts(m).for_each(|y| s.norm_b[y] += self.weight2[t as usize]);
        }
        let (mut i, mut j) = (0, 0);
        while i < ta.len() && j < tb.len() {
            match ta[i].cmp(&tb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let t = ta[i] as usize;
                    s.add(ma[i], mb[j], self.weight2[t], f.kinds[t], self.evidence[t]);
                    i += 1;
                    j += 1;
                }
            }
        }
        let mut best = 0.0f32;
        for x in scored(ca) {
            for y in scored(cb) {
                if x != MAX_CLAUSES || y != MAX_CLAUSES {
                    best = best.max(combine(s.overlap(x, y, self.pair_weight2)));
                }
            }
        }
        best
    }
}
