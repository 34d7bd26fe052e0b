//! A seeded, deterministic generator of large corpora for benchmarks: stories made from real
//! sentences (the bundled articles and the test articles in `tests/fixtures/`, French and
//! English) told again by several "outlets" with realistic variation — sentences reordered,
//! dropped and reworded, figures changed, typos — plus unrelated background articles.

#![allow(dead_code)]

use recoupe::corpus::{Article, Corpus, Meta};
use std::path::Path;

/// xorshift64*: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Sentences grouped by source article, from the bundled articles and the text fixtures.
pub fn sentence_pool(root: &Path) -> Vec<Vec<String>> {
    let mut paths = vec![root.join("seeds")];
    for sub in [
        "tests/fixtures/entities",
        "tests/fixtures/facts",
        "tests/fixtures/formats",
    ] {
        if root.join(sub).exists() {
            paths.push(root.join(sub));
        }
    }
    let corpus = recoupe::corpus::load_paths(&paths, &Default::default());
    corpus
        .articles
        .iter()
        .map(|a| {
            a.structure
                .sentences
                .iter()
                .map(|s| a.slice(s.span).to_owned())
                .filter(|s| s.split_whitespace().count() >= 5)
                .collect::<Vec<_>>()
        })
        .filter(|v: &Vec<String>| v.len() >= 3)
        .collect()
}

const REWORDINGS: &[(&str, &str)] = &[
    ("a déclaré", "a indiqué"),
    ("selon", "d'après"),
    ("banques", "établissements bancaires"),
    ("a demandé", "aurait demandé"),
    ("said", "told reporters"),
    ("according to", "citing"),
    ("on Monday", "this week"),
    ("company", "firm"),
];

/// One sentence as another outlet would write it.
fn vary(s: &str, rng: &mut Rng) -> String {
    let mut out = s.to_owned();
    if rng.chance(40) {
        let (a, b) = REWORDINGS[rng.below(REWORDINGS.len())];
        out = out.replacen(a, b, 1);
    }
    if rng.chance(15) {
        // A changed figure: the first run of digits gets another value.
        if let Some(i) = out.find(|c: char| c.is_ascii_digit()) {
            let end = out[i..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(out.len(), |e| i + e);
            let n: u64 = out[i..end].parse().unwrap_or(1);
            out.replace_range(i..end, &(n + 1 + rng.below(20) as u64).to_string());
        }
    }
    if rng.chance(10) {
        // A typo: two letters swapped inside a longer word.
        let words: Vec<&str> = out.split(' ').collect();
        let k = rng.below(words.len());
        if words[k].len() > 5 && words[k].is_ascii() {
            let mut w: Vec<u8> = words[k].bytes().collect();
            w.swap(2, 3);
            let w = String::from_utf8(w).unwrap_or_default();
            out = words
                .iter()
                .enumerate()
                .map(|(i, x)| if i == k { w.as_str() } else { x })
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    if rng.chance(10) {
        // A dropped clause after the last comma.
        if let Some(i) = out.rfind(", ") {
            if i > out.len() / 2 {
                out.truncate(i);
                out.push('.');
            }
        }
    }
    out
}

/// A corpus of `n` articles: about 60% in stories of 3–8 outlets, the rest background.
/// The same `(n, seed)` always gives the same corpus.
pub fn corpus(n: usize, seed: u64, pool: &[Vec<String>]) -> Corpus {
    let mut rng = Rng::new(seed);
    let mut articles = Vec::with_capacity(n);
    let mut story = 0;
    while articles.len() < n {
        story += 1;
        if rng.chance(60) {
            let src = &pool[rng.below(pool.len())];
            let outlets = 3 + rng.below(6);
            for o in 0..outlets.min(n - articles.len()) {
                let mut sents = Vec::with_capacity(src.len());
                for s in src {
                    if !rng.chance(25) {
                        sents.push(vary(s, &mut rng));
                    }
                }
                if rng.chance(50) && sents.len() > 3 {
                    let a = 1 + rng.below(sents.len() - 1);
                    let b = 1 + rng.below(sents.len() - 1);
                    sents.swap(a, b);
                }
                // Some unrelated sentences from elsewhere.
                for _ in 0..(4 + rng.below(12)) {
                    let other = &pool[rng.below(pool.len())];
                    sents.push(other[rng.below(other.len())].clone());
                }
                articles.push(make(format!("s{story:06}-{o}"), &sents));
            }
        } else {
            let mut sents = Vec::new();
            for _ in 0..(12 + rng.below(24)) {
                let src = &pool[rng.below(pool.len())];
                sents.push(vary(&src[rng.below(src.len())], &mut rng));
            }
            articles.push(make(format!("b{story:06}"), &sents));
        }
    }
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

fn make(id: String, sents: &[String]) -> Article {
    let title = sents.first().cloned().unwrap_or_default();
    let mut text = String::new();
    for (i, s) in sents.iter().enumerate() {
        text.push_str(s);
        text.push_str(if i % 3 == 2 { "\n\n" } else { " " });
    }
    Article::new(
        id.clone(),
        title,
        format!("{id}.txt"),
        text,
        Meta::default(),
    )
}

/// One article of about `bytes` bytes on a single line.
pub fn single_line(bytes: usize, pool: &[Vec<String>]) -> String {
    let mut rng = Rng::new(7);
    let mut s = String::with_capacity(bytes + 512);
    while s.len() < bytes {
        let src = &pool[rng.below(pool.len())];
        s.push_str(&src[rng.below(src.len())]);
        s.push(' ');
    }
    s
}
