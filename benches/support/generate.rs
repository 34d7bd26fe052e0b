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

const SYLLABLES: &[&str] = &[
    "ba", "ker", "lo", "mi", "san", "tor", "vel", "qua", "ri", "den", "pho", "lu", "gra", "nis",
    "mon", "zet", "cal", "dri", "fen", "hau", "jor", "kip", "mar", "nol", "pra", "sel", "tiv",
    "urb", "vos", "wen", "yal", "zor", "bri", "cos", "dal", "eno", "fia", "gel", "hom", "ist",
];

fn mix(a: u64, b: u64) -> u64 {
    let mut r = Rng::new(a ^ b.rotate_left(17));
    r.next()
}

fn word_hash(w: &str) -> u64 {
    w.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// A made-up word standing for `w` in one story: the same within the story, different
/// across stories, so that stories built from the same sentences do not read as one.
fn stand_in(w: &str, story: u64) -> String {
    let mut rng = Rng::new(mix(word_hash(w), story));
    let mut out = String::new();
    for _ in 0..(2 + rng.below(3)) {
        out.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    if w.chars().next().is_some_and(char::is_uppercase) {
        let mut c = out.chars();
        let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('X');
        out = std::iter::once(first).chain(c).collect();
    }
    out
}

/// Replaces about half of the longer words of `s` by the story's stand-ins.
fn disguise(s: &str, story: u64) -> String {
    s.split(' ')
        .map(|tok| {
            let core = tok.trim_matches(|c: char| !c.is_alphanumeric());
            if core.chars().count() >= 5
                && core.chars().all(char::is_alphabetic)
                && mix(word_hash(core), story).is_multiple_of(2)
            {
                tok.replacen(core, &stand_in(core, story), 1)
            } else {
                tok.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

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
    let mut story: u64 = 0;
    while articles.len() < n {
        story += 1;
        if rng.chance(60) {
            let src = &pool[rng.below(pool.len())];
            let outlets = 3 + rng.below(6);
            for o in 0..outlets.min(n - articles.len()) {
                let mut sents = Vec::with_capacity(src.len());
                for s in src {
                    if !rng.chance(25) {
                        sents.push(vary(&disguise(s, story), &mut rng));
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
                    let filler = mix(story, rng.next());
                    sents.push(disguise(&other[rng.below(other.len())], filler));
                }
                articles.push(make(format!("s{story:06}-{o}"), &sents));
            }
        } else {
            let mut sents = Vec::new();
            for _ in 0..(12 + rng.below(24)) {
                let src = &pool[rng.below(pool.len())];
                let filler = mix(story, rng.next());
                sents.push(vary(
                    &disguise(&src[rng.below(src.len())], filler),
                    &mut rng,
                ));
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
