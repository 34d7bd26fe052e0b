//! Passages an article shares word for word, or nearly, with another: agency copy run by
//! several outlets, a paragraph lifted with two words changed.
//!
//! Every run of five folded words (a shingle) is hashed. One shingle in four, chosen by its
//! hash so that every article keeps the same ones, goes into a sorted table of (hash,
//! article); articles that share two of them are candidates, and only candidates are
//! compared in full. The table and the candidates grow with the text, not with the number
//! of pairs of articles; a shingle found in very many articles (a signature, a newsletter
//! line) is left out of the candidates. A sentence is shared when most of its words lie in
//! shingles the other article has.

use crate::corpus::{Article, Corpus};
use crate::text::{fold, words, Span};
use rayon::prelude::*;
use std::collections::HashMap;

/// Words per shingle.
const SHINGLE: usize = 5;
/// One shingle in `SAMPLE` is indexed.
const SAMPLE: u64 = 4;
/// Indexed shingles two articles must share to be compared.
const MIN_SHARED: u32 = 2;
/// A shingle indexed in more articles than this is boilerplate.
const MAX_POSTINGS: usize = 64;
/// Words of a sentence that must lie in shared shingles for it to be shared.
const COPY_SHARE: f32 = 0.7;
/// Shortest sentence that can be a copy, in words.
const MIN_WORDS: usize = 8;

/// Which of two articles sharing a passage came first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The copying article's date is later than the source's.
    Later,
    /// No dates, or the same date: either may be the source.
    Undecided,
}

/// A sentence shared with a sentence of another article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copy {
    pub article: usize,
    pub sentence: usize,
    pub source_article: usize,
    pub source_sentence: usize,
    pub order: Order,
}

/// Two articles that share text, and the share of each one's words found in the other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub share_a: f32,
    pub share_b: f32,
    /// The article that came first, when dates tell.
    pub first: Option<usize>,
}

/// The reuse found in a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reuse {
    /// Sorted by (article, sentence).
    pub copies: Vec<Copy>,
    pub pairs: Vec<Pair>,
    /// Per article, the share of its words no other article has.
    pub own: Vec<f32>,
}

impl Reuse {
    /// The copies a sentence is part of.
    pub fn of_sentence(&self, article: usize, sentence: usize) -> &[Copy] {
        let lo = (self.copies).partition_point(|c| (c.article, c.sentence) < (article, sentence));
        let hi = (self.copies).partition_point(|c| (c.article, c.sentence) <= (article, sentence));
        &self.copies[lo..hi]
    }
}

/// A compared pair: its shares, its shared sentences and each side's covered words.
type Compared = (Pair, Vec<Copy>, Vec<bool>, Vec<bool>);

/// Finds the passages the articles of `corpus` share with another article of their story
/// (`story_of`, per article; an article past its end counts as one story with the others
/// past it). Articles of different stories are never compared, so each article's own share
/// is what no other article of its story has.
pub fn find(corpus: &Corpus, story_of: &[u32]) -> Reuse {
    let n = corpus.articles.len();
    let mut table: Vec<u64> = (corpus.articles.par_iter().enumerate())
        .flat_map_iter(|(a, art)| {
            let mut kept: Vec<u64> = shingles(&word_hashes(art))
                .into_iter()
                .filter(|h| h % SAMPLE == 0)
                .map(|h| (h & !0xFF_FFFF) | a as u64)
                .collect();
            kept.sort_unstable();
            kept.dedup();
            kept
        })
        .collect();
    table.par_sort_unstable();
    let mut candidates = candidates(&table);
    drop(table);
    candidates.retain(|&(a, b)| story_of.get(a) == story_of.get(b));
    let dates: Vec<Option<Vec<u32>>> = (corpus.articles.iter())
        .map(|a| a.meta.date.as_deref().and_then(parse_date))
        .collect();
    let compared: Vec<Compared> = candidates
        .par_iter()
        .map(|&(a, b)| compare(corpus, a, b, &dates))
        .collect();
    let mut covered: Vec<Vec<bool>> = vec![Vec::new(); n];
    let mut reuse = Reuse::default();
    for (pair, copies, cov_a, cov_b) in compared {
        for (art, cov) in [(pair.a, cov_a), (pair.b, cov_b)] {
            let c = &mut covered[art];
            if c.is_empty() {
                *c = cov;
            } else {
                c.iter_mut().zip(cov).for_each(|(x, y)| *x |= y);
            }
        }
        if !copies.is_empty() {
            reuse.pairs.push(pair);
            reuse.copies.extend(copies);
        }
    }
    reuse
        .copies
        .sort_by_key(|c| (c.article, c.sentence, c.source_article));
    reuse.own = covered
        .iter()
        .map(|c| {
            let shared = c.iter().filter(|&&x| x).count();
            if c.is_empty() {
                1.0
            } else {
                1.0 - shared as f32 / c.len() as f32
            }
        })
        .collect();
    reuse
}

/// Article pairs `(a, b)`, `a < b`, sharing at least [`MIN_SHARED`] indexed shingles.
fn candidates(table: &[u64]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<u64> = Vec::new();
    let mut i = 0;
    while i < table.len() {
        let key = table[i] >> 24;
        let mut j = i + 1;
        while j < table.len() && table[j] >> 24 == key {
            j += 1;
        }
        if j - i > 1 && j - i <= MAX_POSTINGS {
            for x in i..j {
                for y in x + 1..j {
                    let (a, b) = (table[x] & 0xFF_FFFF, table[y] & 0xFF_FFFF);
                    if a != b {
                        pairs.push(a.min(b) << 32 | a.max(b));
                    }
                }
            }
        }
        i = j;
    }
    pairs.par_sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i + 1;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        if (j - i) as u32 >= MIN_SHARED {
            out.push(((pairs[i] >> 32) as usize, (pairs[i] & 0xFFFF_FFFF) as usize));
        }
        i = j;
    }
    out
}

/// One article's words: hash, span, and its sentence.
struct Words {
    hashes: Vec<u64>,
    sentence: Vec<u32>,
    /// Inside quotation marks.
    quoted: Vec<bool>,
}

fn word_hashes(art: &Article) -> Vec<u64> {
    words_of(art).hashes
}

fn words_of(art: &Article) -> Words {
    let mut hashes: Vec<u64> = Vec::new();
    let mut sentence = Vec::new();
    let mut quoted = Vec::new();
    for (s, sent) in art.structure.sentences.iter().enumerate() {
        let mut inside = false;
        let mut prev = sent.span.start;
        let mut last_digits = false;
        for w in words(&art.text, sent.span.range()) {
            // "1 200" and "1200" are one number.
            let digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
            let gap = &art.text[prev..w.start];
            let joined = last_digits
                && w.len() == 3
                && digits(&art.text[w.range()])
                && matches!(gap, " " | "\u{a0}" | "\u{202f}");
            last_digits = digits(&art.text[w.range()]);
            if joined {
                let last = hashes.len() - 1;
                hashes[last] = hashes[last].rotate_left(17) ^ hash_word(&art.text[w.range()]);
                prev = w.end;
                continue;
            }
            let marks = art.text[prev..w.start]
                .chars()
                .filter(|c| matches!(c, '"' | '«' | '»' | '“' | '”'))
                .count();
            inside ^= marks % 2 == 1;
            prev = w.end;
            hashes.push(hash_word(&art.text[w.range()]));
            sentence.push(s as u32);
            quoted.push(inside);
        }
    }
    Words {
        hashes,
        sentence,
        quoted,
    }
}

/// FNV-1a of the folded word: the same in every run and on every machine.
fn hash_word(w: &str) -> u64 {
    if w.len() > 3 && w.bytes().all(|b| b.is_ascii_digit()) {
        // Written "1200": hashed as its groups of three, like "1 200".
        let cut = w.len() % 3;
        let mut groups = Vec::new();
        if cut > 0 {
            groups.push(&w[..cut]);
        }
        groups.extend((cut..w.len()).step_by(3).map(|i| &w[i..i + 3]));
        let mut h = plain_hash(groups[0]);
        for g in &groups[1..] {
            h = h.rotate_left(17) ^ plain_hash(g);
        }
        return h;
    }
    plain_hash(w)
}

fn plain_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    if w.is_ascii() {
        w.bytes().for_each(|b| eat(b.to_ascii_lowercase()));
    } else {
        fold(w).bytes().for_each(eat);
    }
    h
}

/// The hash of each run of [`SHINGLE`] words, by its first word.
fn shingles(hashes: &[u64]) -> Vec<u64> {
    hashes
        .windows(SHINGLE)
        .map(|w| {
            let mut h: u64 = 0;
            for x in w {
                h = (h ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
            }
            h ^ (h >> 31)
        })
        .collect()
}

/// Compares two candidate articles in full: the pair's shares, the shared sentences, and
/// which words of each lie in shared shingles.
fn compare(corpus: &Corpus, a: usize, b: usize, dates: &[Option<Vec<u32>>]) -> Compared {
    let wa = words_of(&corpus.articles[a]);
    let wb = words_of(&corpus.articles[b]);
    let (sa, sb) = (shingles(&wa.hashes), shingles(&wb.hashes));
    let index_b: HashMap<u64, u32> = sb
        .iter()
        .enumerate()
        .rev()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    let index_a: HashMap<u64, u32> = sa
        .iter()
        .enumerate()
        .rev()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    let (cov_a, at_b) = coverage(&sa, wa.hashes.len(), &index_b);
    let (cov_b, at_a) = coverage(&sb, wb.hashes.len(), &index_a);
    let first = match (&dates[a], &dates[b]) {
        (Some(x), Some(y)) => earlier(x, y).map(|first_is_x| if first_is_x { a } else { b }),
        _ => None,
    };
    let mut copies = Vec::new();
    let mut add =
        |from: usize, to: usize, w: &Words, cov: &[bool], at: &[Option<u32>], other: &Words| {
            for (s, src) in shared_sentences(w, cov, at, other) {
                let order = if first.is_some() {
                    Order::Later
                } else {
                    Order::Undecided
                };
                copies.push(Copy {
                    article: from,
                    sentence: s,
                    source_article: to,
                    source_sentence: src,
                    order,
                });
            }
        };
    if first != Some(a) {
        add(a, b, &wa, &cov_a, &at_b, &wb);
    }
    if first != Some(b) {
        add(b, a, &wb, &cov_b, &at_a, &wa);
    }
    let share = |c: &[bool]| c.iter().filter(|&&x| x).count() as f32 / c.len().max(1) as f32;
    let pair = Pair {
        a,
        b,
        share_a: share(&cov_a),
        share_b: share(&cov_b),
        first,
    };
    (pair, copies, cov_a, cov_b)
}

/// Which words lie in a shingle the other article has, and for each shingle start, where
/// the other article has it.
fn coverage(
    shingles: &[u64],
    words: usize,
    other: &HashMap<u64, u32>,
) -> (Vec<bool>, Vec<Option<u32>>) {
    let at: Vec<Option<u32>> = shingles.iter().map(|h| other.get(h).copied()).collect();
    let mut cov = vec![false; words];
    for (i, m) in at.iter().enumerate() {
        if m.is_some() {
            cov[i..i + SHINGLE].iter_mut().for_each(|c| *c = true);
        }
    }
    (cov, at)
}

/// Sentences of `w` with most words shared, each with the sentence of `other` its shared
/// shingles most often fall in.
fn shared_sentences(
    w: &Words,
    cov: &[bool],
    at: &[Option<u32>],
    other: &Words,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.sentence.len() {
        let s = w.sentence[i];
        let mut j = i;
        while j < w.sentence.len() && w.sentence[j] == s {
            j += 1;
        }
        let n = j - i;
        let shared = cov[i..j].iter().filter(|&&x| x).count();
        // Two articles quoting one statement share its words but copy nothing: the words
        // around the quotation must be shared too.
        let outside: Vec<bool> = (i..j).filter(|&k| !w.quoted[k]).map(|k| cov[k]).collect();
        let own_words = outside.len() >= 4
            && (outside.iter().filter(|&&x| x).count() as f32) < 0.5 * outside.len() as f32;
        if n >= MIN_WORDS && shared as f32 >= COPY_SHARE * n as f32 && !own_words {
            let mut votes: HashMap<u32, usize> = HashMap::new();
            for p in at.iter().take(j).skip(i).flatten() {
                let p = *p;
                {
                    *votes.entry(other.sentence[p as usize]).or_default() += 1;
                }
            }
            if let Some((&src, _)) = votes
                .iter()
                .max_by_key(|(s, n)| (**n, std::cmp::Reverse(**s)))
            {
                out.push((s as usize, src as usize));
            }
        }
        i = j;
    }
    out
}

/// The numbers of a date ("2018-08-06T10:30" → [2018, 8, 6, 10, 30]), when it starts with
/// a four-digit year.
fn parse_date(d: &str) -> Option<Vec<u32>> {
    let parts: Vec<u32> = d
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .take(6)
        .map_while(|p| p.parse().ok())
        .collect();
    (parts.first().is_some_and(|y| (1000..=9999).contains(y))).then_some(parts)
}

/// `Some(true)` when `x` is before `y`, `Some(false)` when after, `None` when they agree as
/// far as both go.
fn earlier(x: &[u32], y: &[u32]) -> Option<bool> {
    x.iter().zip(y).find(|(p, q)| p != q).map(|(p, q)| p < q)
}

/// The span of a sentence.
pub fn sentence_span(corpus: &Corpus, article: usize, sentence: usize) -> Span {
    corpus.articles[article].structure.sentences[sentence].span
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;

    fn corpus(texts: &[(&str, Option<&str>)]) -> Corpus {
        let articles = (texts.iter())
            .map(|&(t, date)| {
                let date = date.map(str::to_owned);
                (
                    t,
                    Meta {
                        date,
                        ..Meta::default()
                    },
                )
            })
            .collect();
        crate::sources::tests::corpus_with(articles)
    }

    const PARAGRAPH: &str = "Le célèbre réseau social a tenu il y a plusieurs mois des discussions avec Chase, la banque de détail de JPMorgan, Citi et Wells Fargo, a indiqué une source proche du dossier sous couvert de l'anonymat.";
    const CHANGED: &str = "Le réseau social a tenu il y a plusieurs mois des discussions avec Chase, la banque de détail de JPMorgan, Citi et Wells Fargo, a affirmé une source proche du dossier sous couvert de l'anonymat.";

    #[test]
    fn a_paragraph_reused_with_two_words_changed_is_a_copy() {
        let c = corpus(&[
            (&format!("Première phrase sans rapport avec le reste du texte ici.\n\n{PARAGRAPH}"), Some("2018-08-06T10:00")),
            (&format!("Un tout autre début pour cet article de presse régionale.\n\n{CHANGED}"), Some("2018-08-06T14:00")),
            ("Un article sans aucun lien avec les deux autres, sur la météo de demain et les orages.", None),
        ]);
        let r = find(&c, &[]);
        assert_eq!(r.copies.len(), 1, "{r:?}");
        let copy = r.copies[0];
        assert_eq!((copy.article, copy.sentence), (1, 1));
        assert_eq!((copy.source_article, copy.source_sentence), (0, 1));
        assert_eq!(copy.order, Order::Later);
        assert_eq!(r.pairs.len(), 1);
        assert_eq!(r.pairs[0].first, Some(0));
        assert!(
            r.own[2] == 1.0 && r.own[1] < 0.5 && r.own[1] > 0.1,
            "{:?}",
            r.own
        );
    }

    #[test]
    fn without_dates_both_sides_are_undecided() {
        let c = corpus(&[(PARAGRAPH, None), (PARAGRAPH, None)]);
        let r = find(&c, &[]);
        assert_eq!(r.copies.len(), 2);
        assert!(r.copies.iter().all(|c| c.order == Order::Undecided));
        assert_eq!(r.of_sentence(1, 0).len(), 1);
    }

    #[test]
    fn articles_of_different_stories_share_nothing() {
        let c = corpus(&[(PARAGRAPH, None), (PARAGRAPH, None), (PARAGRAPH, None)]);
        let r = find(&c, &[0, 1, 0]);
        let pairs: Vec<(usize, usize)> = r.pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(pairs, [(0, 2)]);
        assert!(r
            .copies
            .iter()
            .all(|c| c.article != 1 && c.source_article != 1));
        assert_eq!(r.own[1], 1.0);
        assert!(r.own[0] < 0.5, "{:?}", r.own);
    }

    #[test]
    fn sentences_sharing_a_few_words_are_not_copies() {
        let c = corpus(&[
            ("Facebook a demandé aux grandes banques américaines de partager les données de leurs clients, selon le journal.", None),
            ("Les grandes banques américaines ont refusé de partager les données clients avec le réseau social.", None),
        ]);
        assert!(find(&c, &[]).copies.is_empty());
    }

    #[test]
    fn dates_compare_as_far_as_both_go() {
        assert_eq!(
            parse_date("2018-08-06T10:30:00Z"),
            Some(vec![2018, 8, 6, 10, 30, 0])
        );
        assert_eq!(parse_date("hier"), None);
        assert_eq!(earlier(&[2018, 8], &[2018, 8, 6]), None);
        assert_eq!(earlier(&[2018, 7, 30], &[2018, 8, 6]), Some(true));
    }
}
