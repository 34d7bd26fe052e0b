//! Similarity between sentences of different articles, and the candidate pairs worth
//! scoring. Terms are weighted by rarity in the corpus (inverse sentence frequency, times
//! a weight per kind of evidence); candidates come from an inverted index over each
//! sentence's rarest terms, with very common terms left out of the index, so the cost
//! grows with the number of sentences, not with its square.

use super::features::{Features, TermKind};

/// Index postings longer than this are not used to find candidates (they still count in
/// the similarity of the pairs found through other terms).
const MAX_POSTINGS: usize = 1000;
/// Sentences sharing fewer terms than this are not alike ("Dernières nouvelles").
const MIN_SHARED: u32 = 2;
/// Pairs whose shared terms are this small a part of both sentences are not alike, however
/// many moderately common words they share.
const MIN_COSINE: f32 = 0.1;
/// How many of a sentence's rarest terms are looked up in the index.
const PREFIX: usize = 12;
/// Postings read per sentence at most (the rarest term is always read whole): with the
/// candidates cap below, the cost per sentence does not grow with the corpus.
const MAX_SCAN: usize = 600;
/// Candidates scored per sentence at most, those sharing the most rare weight first: a
/// sentence alike with more sentences than this is boilerplate, not a fact.
const MAX_CANDIDATES: usize = 32;

/// Share of a clause's score that counts for its sentence: a sentence matched by one of
/// its clauses says more than the match.
const CLAUSE_DISCOUNT: f32 = 0.85;

/// Weight of each kind of evidence relative to a word of the same rarity.
fn boost(kind: TermKind) -> f32 {
    match kind {
        TermKind::Word => 1.0,
        TermKind::Prefix => 0.7,
        TermKind::Attribution => 0.3,
        TermKind::Entity => 0.5,
        TermKind::Figure => 1.5,
        TermKind::Magnitude => 2.0,
    }
}

/// How much a shared term counts as evidence that two sentences report the same thing:
/// a figure twice a word; prefixes repeat their word and attributions say nothing.
fn evidence(kind: TermKind) -> u8 {
    match kind {
        TermKind::Word | TermKind::Entity => 1,
        TermKind::Figure | TermKind::Magnitude => 2,
        TermKind::Prefix | TermKind::Attribution => 0,
    }
}

/// Evidence of a magnitude found in more than two sentences: several of them shared by
/// two sentences count as one piece of evidence together (see [`Scorer::overlap`]), so
/// two sentences giving sums of the same sizes, and nothing else in common, are not
/// alike; a magnitude only the two sentences state (one quantity given two values)
/// counts as a figure.
pub(super) const COMMON_MAGNITUDE: u8 = 1;

/// Two sentences (global indices, `a < b`) and how alike they are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    pub score: f32,
    /// `a` says less than `b` (smaller total weight).
    pub a_shorter: bool,
    /// Weight of the smaller sentence over that of the larger.
    pub ratio: f32,
}

/// Scores pairs of sentences of one corpus.
pub struct Scorer<'f> {
    pub features: &'f Features,
    /// Squared weight of each term.
    pub weight2: Vec<f32>,
    df: Vec<u32>,
    /// Evidence of each term when shared, see [`evidence`] and [`COMMON_MAGNITUDE`].
    pub(super) evidence: Vec<u8>,
    pub(super) norm2: Vec<f32>,
    /// Squared weight of a word found in exactly two sentences.
    pub(super) pair_weight2: f32,
}

/// How two sentences overlap, before it is made one score.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Overlap {
    /// Cosine of the weighted term vectors.
    pub cosine: f32,
    /// Shared weight counted in words found in only two sentences of the corpus: how
    /// much rare evidence the pair shares, whatever the sentences' lengths.
    pub rare: f32,
    /// Shared quoted weight over the smaller quotation's weight (0 without quotations
    /// in both or with fewer than three shared quoted words).
    pub quotation: f32,
    /// Shared evidence: shared words or shared prefixes, whichever more, figures
    /// counting double, common magnitudes once together.
    pub shared: u32,
    /// Shared weight.
    pub weight: f32,
    /// Weights of the smaller and the larger sentence.
    pub sizes: (f32, f32),
}

impl<'f> Scorer<'f> {
    /// Weights every term by its rarity among the corpus's sentences.
    pub fn new(features: &'f Features) -> Scorer<'f> {
        let n = features.len() as f32;
        let mut df = vec![0u32; features.kinds.len()];
        for &t in &features.terms {
            df[t as usize] += 1;
        }
        let weight2: Vec<f32> = df
            .iter()
            .zip(&features.kinds)
            .map(|(&d, &k)| {
                let idf = ((n + 1.0) / (d as f32 + 0.5)).ln().max(0.0) * boost(k);
                idf * idf
            })
            .collect();
        let norm2 = (0..features.len())
            .map(|g| features.of(g).0.iter().map(|&t| weight2[t as usize]).sum())
            .collect();
        let pair_weight2 = ((n + 1.0) / 2.5).ln().max(1.0).powi(2);
        let evidence = df
            .iter()
            .zip(&features.kinds)
            .map(|(&d, &k)| match k {
                TermKind::Magnitude if d > 2 => COMMON_MAGNITUDE,
                _ => evidence(k),
            })
            .collect();
        Scorer {
            features,
            weight2,
            df,
            evidence,
            norm2,
            pair_weight2,
        }
    }

    /// How sentences `a` and `b` overlap.
    pub fn overlap(&self, a: usize, b: usize) -> Overlap {
        let (ta, qa) = self.features.of(a);
        let (tb, qb) = self.features.of(b);
        let (mut i, mut j) = (0, 0);
        let (mut shared, mut qshared, mut qcount) = (0f32, 0f32, 0);
        let (mut words, mut prefixes, mut figures, mut common) = (0, 0, 0, 0);
        while i < ta.len() && j < tb.len() {
            match ta[i].cmp(&tb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let w = self.weight2[ta[i] as usize];
                    shared += w;
                    match self.features.kinds[ta[i] as usize] {
                        TermKind::Prefix => prefixes += 1,
                        TermKind::Attribution => {}
                        TermKind::Word | TermKind::Entity => words += 1,
                        TermKind::Figure | TermKind::Magnitude => {
                            match self.evidence[ta[i] as usize] {
                                COMMON_MAGNITUDE => common = 1,
                                e => figures += u32::from(e),
                            }
                        }
                    }
                    if qa[i] && qb[j] {
                        qshared += w;
                        qcount += 1;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        let (na, nb) = (self.norm2[a], self.norm2[b]);
        if shared == 0.0 || na == 0.0 || nb == 0.0 {
            return Overlap::default();
        }
        let quoted = |t: &[u32], q: &[bool]| -> f32 {
            t.iter()
                .zip(q)
                .filter(|(_, &q)| q)
                .map(|(&t, _)| self.weight2[t as usize])
                .sum()
        };
        let quotation = if qcount >= 3 {
            qshared / quoted(ta, qa).min(quoted(tb, qb))
        } else {
            0.0
        };
        Overlap {
            cosine: shared / (na * nb).sqrt(),
            rare: shared / self.pair_weight2,
            quotation,
            shared: words.max(prefixes) + figures + common,
            weight: shared,
            sizes: (na.min(nb), na.max(nb)),
        }
    }

    /// One score in [0, 1) for sentences `a` and `b`: that of the whole sentences, or
    /// a little less than that of their best clause.
    pub fn score(&self, a: usize, b: usize) -> f32 {
        let whole = combine(self.overlap(a, b));
        whole.max(CLAUSE_DISCOUNT * self.clause_score(a, b))
    }

    /// Pairs of sentences of different articles that share rare terms, scored, keeping
    /// those at or above `min_score`.
    pub fn candidates(&self, min_score: f32) -> Vec<Pair> {
        self.candidates_where(min_score, |_, _| true)
    }

    /// Like [`Scorer::candidates`], among sentences of articles `a` and `b` for which
    /// `together(a, b)` holds only.
    pub fn candidates_where(
        &self,
        min_score: f32,
        together: impl Fn(usize, usize) -> bool,
    ) -> Vec<Pair> {
        let f = self.features;
        let postings = Postings::new(f, &self.df);
        let mut found = Found::new(f.len());
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut rare: Vec<u32> = Vec::new();
        for g in 0..f.len() {
            rare.clear();
            rare.extend(f.of(g).0.iter().copied().filter(|&t| {
                let d = self.df[t as usize] as usize;
                self.evidence[t as usize] > 0 && (2..=MAX_POSTINGS).contains(&d)
            }));
            rare.sort_unstable_by_key(|&t| self.df[t as usize]);
            rare.truncate(PREFIX);
            let mut scanned = 0;
            for &t in &rare {
                let list = postings.of(t);
                if scanned > 0 && scanned + list.len() > MAX_SCAN {
                    break;
                }
                scanned += list.len();
                let w = self.weight2[t as usize];
                for &h in list {
                    found.add(h, self.evidence[t as usize], w);
                }
            }
            let article = f.sentences[g].0;
            let g = g as u32;
            pairs.extend(
                found
                    .best(|h| {
                        let other = f.sentences[h as usize].0;
                        other != article && together(article as usize, other as usize)
                    })
                    .map(|h| (g.min(h), g.max(h))),
            );
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
            .into_iter()
            .filter_map(|(a, b)| {
                let score = self.score(a as usize, b as usize);
                let (na, nb) = (self.norm2[a as usize], self.norm2[b as usize]);
                (score >= min_score).then_some(Pair {
                    a,
                    b,
                    score,
                    a_shorter: na <= nb,
                    ratio: (na.min(nb) / na.max(nb)).sqrt(),
                })
            })
            .collect()
    }
}

/// The sentences met while reading the postings of one sentence's rare terms: evidence
/// and weight shared with each. Reset after each sentence by visiting only those met.
struct Found {
    evidence: Vec<u8>,
    weight: Vec<f32>,
    touched: Vec<u32>,
    ranked: Vec<(f32, u32)>,
}

impl Found {
    fn new(n: usize) -> Found {
        Found {
            evidence: vec![0; n],
            weight: vec![0.0; n],
            touched: Vec::new(),
            ranked: Vec::new(),
        }
    }

    fn add(&mut self, h: u32, evidence: u8, weight: f32) {
        let e = &mut self.evidence[h as usize];
        if *e == 0 && self.weight[h as usize] == 0.0 {
            self.touched.push(h);
        }
        *e = e.saturating_add(evidence);
        self.weight[h as usize] += weight;
    }

    /// The sentences (passing `keep`) sharing enough evidence, at most
    /// [`MAX_CANDIDATES`], most shared weight first; then forgets them all.
    fn best(&mut self, keep: impl Fn(u32) -> bool) -> impl Iterator<Item = u32> + '_ {
        self.ranked.clear();
        for &h in &self.touched {
            if u32::from(self.evidence[h as usize]) >= MIN_SHARED && keep(h) {
                self.ranked.push((self.weight[h as usize], h));
            }
            self.evidence[h as usize] = 0;
            self.weight[h as usize] = 0.0;
        }
        self.touched.clear();
        let by_weight = |x: &(f32, u32), y: &(f32, u32)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
        if self.ranked.len() > MAX_CANDIDATES {
            self.ranked
                .select_nth_unstable_by(MAX_CANDIDATES - 1, by_weight);
            self.ranked.truncate(MAX_CANDIDATES);
        }
        self.ranked.iter().map(|&(_, h)| h)
    }
}

/// Makes one score of an overlap: the geometric mean of the cosine (how much of both
/// sentences is shared) and the rare evidence shared (so that two long sentences sharing
/// several rare words are not sunk by their lengths), raised by a shared quotation.
pub fn combine(o: Overlap) -> f32 {
    if o.shared < MIN_SHARED || o.cosine < MIN_COSINE {
        return 0.0;
    }
    let x = (o.cosine * o.rare).sqrt();
    let quote = if o.quotation >= 0.5 {
        0.5 + 0.3 * o.quotation
    } else {
        0.0
    };
    (x / (1.0 + x)).max(quote)
}

/// Sentences containing each term, flat.
struct Postings {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Postings {
    fn new(f: &Features, df: &[u32]) -> Postings {
        let mut starts = Vec::with_capacity(df.len() + 1);
        let mut total = 0u32;
        for &d in df {
            starts.push(total);
            total += if (d as usize) <= MAX_POSTINGS { d } else { 0 };
        }
        starts.push(total);
        let mut fill = starts.clone();
        let mut items = vec![0u32; total as usize];
        for g in 0..f.len() {
            for &t in f.of(g).0 {
                if (df[t as usize] as usize) <= MAX_POSTINGS {
                    items[fill[t as usize] as usize] = g as u32;
                    fill[t as usize] += 1;
                }
            }
        }
        Postings { starts, items }
    }

    fn of(&self, t: u32) -> &[u32] {
        &self.items[self.starts[t as usize] as usize..self.starts[t as usize + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_need_two_pieces_of_evidence_and_are_capped_by_shared_weight() {
        let mut found = Found::new(100);
        found.add(1, 1, 5.0);
        found.add(2, 2, 0.5);
        found.add(2, 1, 0.5);
        found.add(3, 1, 9.0);
        found.add(1, 1, 5.0);
        let best: Vec<u32> = found.best(|h| h != 9).collect();
        assert_eq!(best, [1, 2], "3 shares one term only");
        for h in 0..(MAX_CANDIDATES as u32 + 5) {
            found.add(h, 2, h as f32);
        }
        let best: Vec<u32> = found.best(|h| h != 9).collect();
        assert_eq!(best.len(), MAX_CANDIDATES);
        assert!(!best.contains(&0) && !best.contains(&9));
        assert!(best.contains(&(MAX_CANDIDATES as u32 + 4)));
        assert_eq!(
            found.best(|_| true).count(),
            0,
            "forgotten after each sentence"
        );
    }
}
