//! Named-entity gold data in the formats of `../shared/ner` (CoNLL-U with a PARSEME:NE
//! column, IOB2 with a `# text` line, two-column IOB1/IOB2), turned into articles that
//! recoupe reads like any other, and a strict scorer: a predicted name counts only when its
//! bytes are exactly those of a gold name (span F1), and its kind too (typed F1).
//!
//! Shared by the evaluation and training examples and by the tests (`#[path]`).

#![allow(dead_code)]

use recoupe::corpus::{Article, Corpus, Meta};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One gold sentence: its tokens, its text when the file gives it, and its names as token
/// ranges with a normalised kind (PER, ORG, LOC, PRODUCT, EVENT, MISC).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub text: Option<String>,
    pub names: Vec<(usize, usize, String)>,
    /// The file starts a new document here.
    pub new_doc: bool,
}

/// A gold name in a built corpus: article, byte range, kind.
pub type Gold = (usize, usize, usize, String);

/// Gold data turned into a corpus, with the byte spans of every gold name.
pub struct Built {
    pub corpus: Corpus,
    pub gold: Vec<Gold>,
    /// The kinds this data annotates; predictions of other kinds are not scored.
    pub kinds: BTreeSet<String>,
}

/// The normalised kind of a gold or predicted label, if it is one scored here.
pub fn normalise(label: &str) -> Option<&'static str> {
    Some(match label.to_ascii_uppercase().as_str() {
        "PER" | "PERS" | "PERSON" => "PER",
        "ORG" | "CORPORATION" | "GROUP" => "ORG",
        "LOC" | "LOCATION" | "GPE" | "FAC" => "LOC",
        "PROD" | "PRODUCT" | "CREATIVE-WORK" | "WORK" | "WORK_OF_ART" | "LAW" => "PRODUCT",
        "EVE" | "EVENT" => "EVENT",
        "MISC" => "MISC",
        _ => return None,
    })
}

/// Reads a file of any of the supported formats, by its content.
pub fn read(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.to_string_lossy();
    Ok(if name.ends_with(".conllu") {
        read_conllu(&text)
    } else if name.ends_with(".iob2") {
        read_iob2(&text)
    } else {
        read_columns(&text, name.ends_with(".bio"))
    })
}

/// CoNLL-U, names in column 13 ("1:ORG" opens name 1, "1" continues it, "*" none).
fn read_conllu(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut s = Sentence::default();
    let mut open: BTreeMap<String, (usize, usize, String)> = BTreeMap::new();
    let mut flush = |s: &mut Sentence, open: &mut BTreeMap<String, (usize, usize, String)>| {
        if !s.tokens.is_empty() {
            let mut names: Vec<_> = std::mem::take(open).into_values().collect();
            names.sort();
            s.names = names;
            out.push(std::mem::take(s));
        }
        open.clear();
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut s, &mut open);
        } else if let Some(t) = line.strip_prefix("# text = ") {
            s.text = Some(t.to_owned());
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 13 || cols[0].contains('-') || cols[0].contains('.') {
                continue;
            }
            let k = s.tokens.len();
            s.tokens.push(cols[1].to_owned());
            for part in cols[12].split(';').filter(|p| *p != "*") {
                let (id, label) = match part.split_once(':') {
                    Some((id, l)) => (id, Some(l)),
                    None => (part, None),
                };
                match (open.get_mut(id), label.and_then(normalise)) {
                    (Some(n), _) => n.1 = k + 1,
                    (None, Some(l)) => {
                        open.insert(id.to_owned(), (k, k + 1, l.to_owned()));
                    }
                    (None, None) => {}
                }
            }
        }
    }
    flush(&mut s, &mut open);
    let _ = &mut flush;
    out
}

/// UNER's IOB2: `# newdoc`, `# text = …`, then `index token tag …` per line.
fn read_iob2(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut s = Sentence::default();
    let mut tags = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !s.tokens.is_empty() {
                s.names = spans_of(&tags);
                out.push(std::mem::take(&mut s));
            }
            tags.clear();
        } else if line.starts_with("# newdoc") {
            s.new_doc = true;
        } else if let Some(t) = line.strip_prefix("# text = ") {
            s.text = Some(t.to_owned());
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 3 {
                s.tokens.push(cols[1].to_owned());
                tags.push(cols[2].to_owned());
            }
        }
    }
    if !s.tokens.is_empty() {
        s.names = spans_of(&tags);
        out.push(s);
    }
    out
}

/// Two columns, `token tag`; a blank line ends a sentence. Without blank lines (`bio`),
/// sentences end at a full stop.
fn read_columns(text: &str, cut_at_stops: bool) -> Vec<Sentence> {
    let mut out = Vec::new();
    let (mut toks, mut tags): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut flush = |toks: &mut Vec<String>, tags: &mut Vec<String>| {
        if !toks.is_empty() {
            out.push(Sentence {
                names: spans_of(tags),
                tokens: std::mem::take(toks),
                new_doc: out.len() % 20 == 0,
                text: None,
            });
        }
        tags.clear();
    };
    for line in text.lines() {
        let mut cols = line.split(['\t', ' ']).filter(|c| !c.is_empty());
        let (Some(tok), Some(tag)) = (cols.next(), cols.next()) else {
            flush(&mut toks, &mut tags);
            continue;
        };
        toks.push(tok.to_owned());
        tags.push(tag.to_owned());
        if cut_at_stops && tok == "." && toks.len() > 3 {
            flush(&mut toks, &mut tags);
        }
    }
    flush(&mut toks, &mut tags);
    out
}

/// Names from B-/I- tags; an I- after O or another kind opens a name too (IOB1).
fn spans_of(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (k, tag) in tags.iter().enumerate() {
        let (prefix, label) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        let kind = normalise(label);
        let continues = matches!((&open, prefix, kind), (Some((_, l)), "I", Some(k)) if l == k);
        if continues {
            continue;
        }
        if let Some((s, l)) = open.take() {
            out.push((s, k, l));
        }
        if let (Some(kind), true) = (kind, prefix == "B" || prefix == "I") {
            open = Some((k, kind.to_owned()));
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}

/// Byte offsets of each token in `text`, found in order; `None` if one is missing.
fn offsets_in(text: &str, tokens: &[String]) -> Option<Vec<(usize, usize)>> {
    let mut at = 0;
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let k = text[at..].find(t.as_str())? + at;
        out.push((k, k + t.len()));
        at = k + t.len();
    }
    Some(out)
}

/// Tokens joined by spaces, none before closing punctuation or after an opening one.
fn detokenise(tokens: &[String]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut offs = Vec::with_capacity(tokens.len());
    let mut glue_next = false;
    for t in tokens {
        let closing = matches!(
            t.as_str(),
            "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "%"
        ) || t.starts_with('\'') && t.len() <= 3;
        if !text.is_empty() && !closing && !glue_next {
            text.push(' ');
        }
        offs.push((text.len(), text.len() + t.len()));
        text.push_str(t);
        glue_next = matches!(t.as_str(), "(" | "[") || t.ends_with('\'');
    }
    (text, offs)
}

/// Articles of `per_doc` sentences (or the file's own documents), one sentence per
/// paragraph, with the gold names as byte spans.
pub fn build(sentences: &[Sentence], per_doc: usize) -> Built {
    let mut articles = Vec::new();
    let mut gold = Vec::new();
    let mut kinds = BTreeSet::new();
    let mut text = String::new();
    let mut count = 0;
    let flush = |text: &mut String, articles: &mut Vec<Article>| {
        if !text.is_empty() {
            let id = format!("doc{}", articles.len());
            let body = std::mem::take(text);
            articles.push(Article::new(
                id.clone(),
                id.clone(),
                id,
                body,
                Meta::default(),
            ));
        }
    };
    let has_docs = sentences.iter().any(|s| s.new_doc);
    for s in sentences {
        let doc_ends = if has_docs {
            s.new_doc
        } else {
            count >= per_doc
        };
        if doc_ends && count > 0 {
            flush(&mut text, &mut articles);
            count = 0;
        }
        let (sentence, offs) = match s.text.as_ref().and_then(|t| {
            let t = t.trim().to_owned();
            offsets_in(&t, &s.tokens).map(|o| (t, o))
        }) {
            Some(found) => found,
            None => detokenise(&s.tokens),
        };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let base = text.len();
        text.push_str(&sentence);
        for (a, b, kind) in &s.names {
            kinds.insert(kind.clone());
            let (start, end) = (offs[*a].0 + base, offs[*b - 1].1 + base);
            gold.push((articles.len(), start, end, kind.clone()));
        }
        count += 1;
    }
    flush(&mut text, &mut articles);
    kinds.remove("MISC");
    Built {
        corpus: Corpus {
            articles,
            warnings: Vec::new(),
        },
        gold,
        kinds,
    }
}

/// Precision, recall, F1 from counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Prf {
    pub tp: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    pub fn f1(&self) -> f64 {
        if self.predicted + self.gold == 0 {
            return 1.0;
        }
        2.0 * self.tp as f64 / (self.predicted + self.gold) as f64
    }
    pub fn precision(&self) -> f64 {
        self.tp as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / self.gold.max(1) as f64
    }
}

/// Scores of one system on one data set.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub span: Prf,
    pub typed: Prf,
    pub per_kind: BTreeMap<String, Prf>,
}

/// Strict scores of `predicted` names against the gold ones, over the kinds the data marks.
pub fn score(built: &Built, predicted: &[Gold]) -> Score {
    let keep = |k: &str| built.kinds.contains(k);
    let pred: BTreeSet<&Gold> = predicted.iter().filter(|g| keep(&g.3)).collect();
    let gold: BTreeSet<&Gold> = built.gold.iter().filter(|g| keep(&g.3)).collect();
    let span_of = |g: &&Gold| (g.0, g.1, g.2);
    let pred_spans: BTreeSet<_> = pred.iter().map(span_of).collect();
    let gold_spans: BTreeSet<_> = gold.iter().map(span_of).collect();
    let mut s = Score {
        span: Prf {
            tp: pred_spans.intersection(&gold_spans).count(),
            predicted: pred_spans.len(),
            gold: gold_spans.len(),
        },
        typed: Prf {
            tp: pred.intersection(&gold).count(),
            predicted: pred.len(),
            gold: gold.len(),
        },
        per_kind: BTreeMap::new(),
    };
    for k in &built.kinds {
        let p: BTreeSet<_> = pred.iter().filter(|g| &g.3 == k).collect();
        let g: BTreeSet<_> = gold.iter().filter(|g| &g.3 == k).collect();
        s.per_kind.insert(
            k.clone(),
            Prf {
                tp: p.intersection(&g).count(),
                predicted: p.len(),
                gold: g.len(),
            },
        );
    }
    s
}

/// recoupe's names in a built corpus, with normalised kinds.
pub fn recoupe_names(built: &Built) -> Vec<Gold> {
    let e = recoupe::entities::analyse(&built.corpus);
    e.mentions
        .iter()
        .filter_map(|m| {
            let kind = e.entities[m.entity()].kind;
            let k = normalise(kind.label())?;
            let span = m.span();
            Some((m.article(), span.start, span.end, k.to_owned()))
        })
        .collect()
}

/// One line of a score table.
pub fn line(system: &str, s: &Score) -> String {
    let kinds: Vec<String> = (s.per_kind.iter())
        .map(|(k, p)| format!("{k} {:.3}", p.f1()))
        .collect();
    format!(
        "{system:<28} span F1 {:.3} (P {:.3} R {:.3})  typed F1 {:.3}  {}",
        s.span.f1(),
        s.span.precision(),
        s.span.recall(),
        s.typed.f1(),
        kinds.join("  ")
    )
}
