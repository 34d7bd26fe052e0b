//! A learned typer for the names the recogniser finds. Hand rules know a few hundred cue
//! words; the names of the world are more varied than that, but the words of a name and
//! those around it ("said X, a coast guard commander", "in X province") say a lot about
//! its kind. Each candidate becomes a set of hashed sparse features (its words, their
//! shapes and affixes, the neighbouring words, the word lists it is on, the rules' own
//! votes, how the corpus writes its first word) and a linear model trained by averaged
//! perceptron on open gold data (`examples/train_entities.rs`, data and licences in
//! `assets/entities/README.md`) scores it for PER, ORG, LOC, PRODUCT, EVENT, or no name at
//! all. The scores are votes: resolution adds them up over all the mentions of an entity.

use super::open_lists::{fold_key, List, Lists};
use super::token::Token;
use std::sync::OnceLock;

/// The classes the model tells apart, in the order of its weights.
pub const CLASSES: [&str; 6] = ["PER", "ORG", "LOC", "PRODUCT", "EVENT", "NONE"];
/// Index of "not a name" among [`CLASSES`].
pub const NONE: usize = 5;
/// Number of classes.
pub const N: usize = CLASSES.len();

/// Hashed feature space: 2^17 rows of `N` weights.
pub const BITS: u32 = 17;

/// Feature ids of one candidate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub ids: Vec<u32>,
}

impl Features {
    /// Adds the feature `tag` = `value`.
    pub fn add(&mut self, tag: &str, value: &str) {
        self.add_parts(tag, &[value]);
    }

    /// Adds the feature `tag` = the concatenation of `parts`, without building it.
    pub fn add_parts(&mut self, tag: &str, parts: &[&str]) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let bytes = (tag.bytes().chain([0xff])).chain(parts.iter().flat_map(|p| p.bytes()));
        for b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.ids.push(((h ^ (h >> 29)) & ((1 << BITS) - 1)) as u32);
    }

    fn flag(&mut self, tag: &str, on: bool) {
        if on {
            self.add(tag, "");
        }
    }
}

/// What the recogniser knows about a candidate besides its tokens.
pub struct Cues<'a> {
    pub lang: &'a str,
    /// Rule votes for PER, ORG, LOC, PRODUCT, EVENT, WORK, MISC, then the count after "à"/"in".
    pub votes: &'a super::cues::Votes,
    /// Word-list flags per token of the name: first name, surname, place, known kind.
    pub lists: &'a [&'static str],
    /// The candidate starts where any word is capitalised (sentence start, heading).
    pub initial: bool,
    /// How often the corpus writes the first word in lowercase and capitalised mid-sentence.
    pub lower: u32,
    pub capital: u32,
}

/// A word in lowercase, `’` as `'`.
fn low(w: &str) -> String {
    w.to_lowercase().replace('’', "'")
}

/// Letters as `X`/`x`, digits as `d`, runs of one class written once ("Xx-Xx", "X.X.").
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
    out
}

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

fn bucket(n: u32) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2..=4 => "2-4",
        _ => "5+",
    }
}

/// The features of the name covering `toks[i..end]` of a sentence of `text`.
pub fn features(text: &str, toks: &[Token], i: usize, end: usize, cues: &Cues) -> Features {
    let mut f = Features::default();
    f.add("bias", "");
    f.add("lang", cues.lang);
    let word = |k: usize| &text[toks[k].span.range()];
    let words: Vec<String> = (i..end).map(|k| low(word(k))).collect();
    let n = words.len();
    f.add("len", ["0", "1", "2", "3", "4"][n.min(4)]);
    f.add("name", &words.join(" "));
    for (k, w) in words.iter().enumerate() {
        f.add("w", w);
        let pos = if k == 0 {
            "first"
        } else if k + 1 == n {
            "last"
        } else {
            "mid"
        };
        f.add(pos, w);
    }
    let last = &words[n - 1];
    let chars: Vec<char> = last.chars().collect();
    for s in 2..=4 {
        if chars.len() > s {
            let cut = last.len()
                - chars[chars.len() - s..]
                    .iter()
                    .map(|c| c.len_utf8())
                    .sum::<usize>();
            f.add(["", "", "suf2", "suf3", "suf4"][s], &last[cut..]);
        }
    }
    let first: Vec<char> = words[0].chars().collect();
    if first.len() > 3 {
        f.add(
            "pre3",
            &words[0][..first[..3].iter().map(|c| c.len_utf8()).sum::<usize>()],
        );
    }
    let shapes: Vec<String> = (i..end).map(|k| shape(word(k))).collect();
    f.add("shape", &shapes.join(" "));
    f.add("shape1", &shapes[0]);
    for l in cues.lists {
        f.add("list", l);
    }
    if let (Some(a), Some(b)) = (cues.lists.first(), cues.lists.last()) {
        f.add_parts("list1n", &[a, "|", b, "|", ["0", "1", "2", "3"][n.min(3)]]);
    }
    let ctx = |k: isize| -> String {
        let j = k;
        if j < 0 || j as usize >= toks.len() {
            return "<s>".into();
        }
        low(word(j as usize))
    };
    let (l1, l2) = (ctx(i as isize - 1), ctx(i as isize - 2));
    let (r1, r2) = (ctx(end as isize), ctx(end as isize + 1));
    f.add("l1", &l1);
    f.add("l2", &l2);
    f.add_parts("l12", &[&l2, " ", &l1]);
    f.add("r1", &r1);
    f.add("r2", &r2);
    f.add_parts("r12", &[&r1, " ", &r2]);
    f.add_parts("l1r1", &[&l1, " ", &r1]);
    let r3 = ctx(end as isize + 2);
    if r1 == "," {
        f.add_parts("appos", &[&r2, " ", &r3]);
        f.add("appos1", &r3);
    }
    f.flag("initial", cues.initial);
    f.flag("initial-only", cues.initial && cues.capital == 0);
    f.add("lower", bucket(cues.lower));
    f.add("capital", bucket(cues.capital));
    f.add_parts(
        "caseratio",
        &[bucket(cues.lower), "|", bucket(cues.capital)],
    );
    let names = ["PER", "ORG", "LOC", "PRODUCT", "EVENT", "WORK", "MISC"];
    let best = (0..7).max_by(|&a, &b| cues.votes[a].total_cmp(&cues.votes[b]));
    match best {
        Some(b) if cues.votes[b] > 0.0 => {
            f.add("rule", names[b]);
            f.add_parts(
                "rule-strength",
                &[names[b], DIGITS[cues.votes[b].min(9.0) as usize]],
            );
        }
        _ => f.add("rule", "none"),
    }
    f.flag("after-in", cues.votes[7] > 0.0);
    open_list_features(
        &mut f,
        &(i..end).map(|k| fold_key(word(k))).collect::<Vec<_>>(),
    );
    f
}

/// Which open lists hold the name, its first and last words, and each word.
fn open_list_features(f: &mut Features, keys: &[String]) {
    let l = Lists::get();
    let n = keys.len();
    let (first, last) = (&keys[0], &keys[n - 1]);
    let whole = keys.concat();
    let mut pattern = String::new();
    for k in keys {
        pattern.push(
            match (
                l.has(List::First, k),
                l.has(List::Surname, k),
                l.has(List::Place, k),
            ) {
                (true, true, _) => 'B',
                (true, false, _) => 'F',
                (false, true, _) => 'S',
                (false, false, true) => 'P',
                _ => '-',
            },
        );
    }
    f.add("ol-pattern", &pattern);
    let place = l.has(List::Place, &whole);
    f.flag("ol-place", place);
    f.add_parts(
        "ol-place-n",
        &[
            if place { "true" } else { "false" },
            ["0", "1", "2", "3"][n.min(3)],
        ],
    );
    f.flag("ol-first1", l.has(List::First, first));
    f.flag("ol-surname-last", n > 1 && l.has(List::Surname, last));
    f.flag(
        "ol-person",
        n > 1 && l.has(List::First, first) && l.has(List::Surname, last),
    );
}

/// A linear model over hashed features: `N` weights per row, stored as little-endian
/// 16-bit integers times `scale`.
pub struct Model {
    weights: Vec<i16>,
    scale: f32,
}

/// The weights shipped with recoupe.
static EMBEDDED: &[u8] = include_bytes!("../../assets/entities/typer.bin");

/// Header of a weights file.
const MAGIC: &[u8; 8] = b"RCTYPER1";

/// Bytes that are not a typer model (of this many bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a typer model ({0} bytes)")]
pub struct NotAModel(pub usize);

impl Model {
    /// The shipped model, read on first use.
    pub fn get() -> Option<&'static Model> {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL.get_or_init(Model::embedded).as_ref()
    }

    /// Reads the shipped weights again (what the first use costs).
    pub fn embedded() -> Option<Model> {
        Model::from_bytes(EMBEDDED).ok()
    }

    /// Reads weights written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Model, NotAModel> {
        let rows = 1usize << BITS;
        let want = 8 + 4 + rows * N * 2;
        if b.len() != want || &b[..8] != MAGIC {
            return Err(NotAModel(b.len()));
        }
        let scale = f32::from_le_bytes([b[8], b[9], b[10], b[11]]);
        let weights = b[12..]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Model { weights, scale })
    }

    /// Quantises float weights (`N` per row, `2^BITS` rows) into a model.
    pub fn quantise(w: &[f32]) -> Model {
        let max = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = max / f32::from(i16::MAX);
        let weights = w.iter().map(|x| (x / scale).round() as i16).collect();
        Model { weights, scale }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(12 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.scale.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Scores of each class.
    pub fn scores(&self, f: &Features) -> [f32; N] {
        let mut s = [0f32; N];
        for &id in &f.ids {
            let row = &self.weights[id as usize * N..id as usize * N + N];
            for (x, &w) in s.iter_mut().zip(row) {
                *x += f32::from(w);
            }
        }
        s.map(|x| x * self.scale)
    }

    /// Class probabilities: a softmax of the scores.
    pub fn probabilities(&self, f: &Features) -> [f32; N] {
        softmax(self.scores(f))
    }
}

pub fn softmax(s: [f32; N]) -> [f32; N] {
    let max = s.iter().fold(f32::MIN, |m, &x| m.max(x));
    let e = s.map(|x| (x - max).exp());
    let sum: f32 = e.iter().sum();
    e.map(|x| x / sum)
}

/// Averaged perceptron over hashed features, trained in a fixed order from a seed.
pub fn train(samples: &[(Features, usize)], epochs: usize, seed: u64) -> Vec<f32> {
    let len = (1usize << BITS) * N;
    let mut w = vec![0f32; len];
    let mut total = vec![0f32; len];
    let mut stamp = vec![0u32; len];
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut rng = seed | 1;
    let mut t: u32 = 1;
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(k, (rng % (k as u64 + 1)) as usize);
        }
        for &s in &order {
            let (f, gold) = &samples[s];
            let mut score = [0f32; N];
            for &id in &f.ids {
                for (c, x) in score.iter_mut().enumerate() {
                    *x += w[id as usize * N + c];
                }
            }
            let guess = (0..N)
                .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
                .unwrap_or(0);
            if guess != *gold {
                for &id in &f.ids {
                    for (c, delta) in [(*gold, 1f32), (guess, -1f32)] {
                        let j = id as usize * N + c;
                        total[j] += (t - stamp[j]) as f32 * w[j];
                        stamp[j] = t;
                        w[j] += delta;
                    }
                }
            }
            t += 1;
        }
    }
    for j in 0..len {
        total[j] += (t - stamp[j]) as f32 * w[j];
    }
    total.iter().map(|x| x / t as f32).collect()
}
