//! The checks run by the fuzz targets in `fuzz/` and replayed by `tests/it/fuzz_regressions.rs`
//! on the minimised corpus, so that a finding stays fixed without a nightly compiler.
//!
//! Each `check_*` takes the fuzzer's raw bytes, drives one part of the library with them and
//! panics when an invariant breaks: a span out of bounds or off a character boundary, text
//! that would reach a terminal with a control character in it, a round trip that loses data.
//! Not part of the public API.

use crate::corpus::formats::{self, feed, html, records};
use crate::corpus::{self, sanitize, Article, Corpus, Meta};
use crate::entities;
use crate::notes::anchor::{anchor_text, byte_span, resolve};
use crate::notes::{export_json, Anchor, StoreData, Target};
use crate::text::{self, Span, Structure};

/// True for a character that must never reach a terminal: C0 controls other than `\n` and
/// `\t`, DEL, C1 controls (ESC and 0x9B CSI among them) and the bidi reordering controls.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Panics if `s` holds a forbidden character; `what` names the field in the message.
pub fn assert_clean(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| is_forbidden(c)) {
        panic!("{what} holds forbidden character {c:?}: {s:?}");
    }
}

/// Decoding and sanitising: the text is clean, has no `\r`, is a fixed point of the
/// sanitiser, and sanitising never loses or adds a line break.
pub fn check_decode(data: &[u8]) {
    if let Ok((text, _)) = corpus::decode(data) {
        assert_clean("decoded text", &text);
        assert!(!text.contains('\r'), "carriage return left: {text:?}");
        assert_eq!(sanitize::sanitize(&text), text.as_str());
    }
    let raw = String::from_utf8_lossy(data);
    let clean = sanitize::sanitize(&raw);
    assert_clean("sanitised text", &clean);
    assert_eq!(
        raw.matches('\n').count(),
        clean.matches('\n').count(),
        "line breaks changed by the sanitiser: {raw:?} -> {clean:?}"
    );
    let line = sanitize::sanitize_line(&raw);
    assert_clean("sanitised line", &line);
    assert!(!line.contains(['\n', '\t']), "line keeps a break: {line:?}");
}

/// The format readers, the first byte choosing which: every article they produce is clean
/// in every field and well segmented.
pub fn check_formats(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let raw = String::from_utf8_lossy(rest);
    let records = match which % 4 {
        0 => vec![html::parse_page(&raw)],
        1 => records::parse_json(&raw).map(|r| r.0).unwrap_or_default(),
        2 => records::parse_json_lines(&raw).0,
        _ => feed::parse_feed(rest).unwrap_or_default(),
    };
    for a in formats::articles_of(records, "fuzz", "fuzz/in\u{1b}[2J.html") {
        check_article(&a);
    }
}

/// Every field of an article is clean and its structure holds.
pub fn check_article(a: &Article) {
    assert_clean("id", &a.id);
    assert_clean("title", &a.title);
    assert_clean("path", &a.path);
    assert_clean("text", &a.text);
    assert!(!a.title.contains('\n'), "title spans lines: {:?}", a.title);
    for field in [&a.meta.source, &a.meta.date, &a.meta.author, &a.meta.url] {
        assert_clean("meta", field.as_deref().unwrap_or(""));
    }
    check_structure(&a.text, &a.structure);
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}')
}

fn on_boundaries(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// Segmentation of any text: paragraphs and sentences in order, non-empty, trimmed, on
/// character boundaries; only white space outside them; sentences inside their paragraph.
pub fn check_segmentation(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let st = text::structure(&text);
    check_structure(&text, &st);
    for w in text::words(&text, 0..text.len()) {
        assert!(
            on_boundaries(&text, w) && !w.is_empty(),
            "bad word span {w:?}"
        );
    }
    if let Some(i) = st.sentence_at(text.len() / 2) {
        assert!(i < st.sentences.len());
    }
}

/// The invariants of one text's [`Structure`].
pub fn check_structure(text: &str, st: &Structure) {
    let gap_is_space = |from: usize, to: usize| text[from..to].chars().all(is_space);
    let mut last = 0;
    for p in &st.paragraphs {
        let s = p.span;
        assert!(s.start >= last, "paragraphs overlap at {s:?}");
        assert!(
            on_boundaries(text, s) && !s.is_empty(),
            "bad paragraph {s:?}"
        );
        assert!(
            gap_is_space(last, s.start),
            "text lost before paragraph {s:?}"
        );
        let body = &text[s.range()];
        assert!(
            !body.starts_with(is_space) && !body.ends_with(is_space),
            "untrimmed {s:?}"
        );
        last = s.end;
    }
    assert!(
        gap_is_space(last, text.len()),
        "text lost after the last paragraph"
    );
    let mut last = (usize::MAX, 0);
    for s in &st.sentences {
        let p = st
            .paragraphs
            .get(s.paragraph)
            .expect("sentence's paragraph exists");
        let sp = s.span;
        assert!(
            on_boundaries(text, sp) && !sp.is_empty(),
            "bad sentence {sp:?}"
        );
        assert!(
            p.span.start <= sp.start && sp.end <= p.span.end,
            "sentence outside paragraph"
        );
        let from = if last.0 == s.paragraph {
            last.1
        } else {
            p.span.start
        };
        assert!(sp.start >= from, "sentences overlap at {sp:?}");
        assert!(
            gap_is_space(from, sp.start),
            "text lost before sentence {sp:?}"
        );
        last = (s.paragraph, sp.end);
    }
    for (i, p) in st.paragraphs.iter().enumerate() {
        let end = st
            .sentences
            .iter()
            .filter(|s| s.paragraph == i)
            .map(|s| s.span.end)
            .max()
            .unwrap_or(p.span.start);
        assert!(
            gap_is_space(end, p.span.end),
            "text lost at the end of {:?}",
            p.span
        );
    }
}

/// Up to four articles, split at NUL bytes, sanitised as the loader would.
pub fn corpus_of(data: &[u8]) -> Corpus {
    let mut corpus = Corpus::default();
    for (i, part) in data.split(|&b| b == 0).take(4).enumerate() {
        let text = sanitize::sanitize(&String::from_utf8_lossy(part)).into_owned();
        let (id, path) = (format!("a{i}"), format!("a{i}.txt"));
        corpus
            .articles
            .push(Article::new(id, String::new(), path, text, Meta::default()));
    }
    corpus
}

/// Entity recognition and resolution on a small corpus: mentions valid, sorted, pointing
/// at entities that exist; every entity mentioned; names clean.
pub fn check_entities(data: &[u8]) {
    let corpus = corpus_of(data);
    let e = entities::analyse(&corpus);
    let mut last = (0, 0, 0);
    let mut mentioned = vec![false; e.entities.len()];
    for m in &e.mentions {
        let a = corpus
            .articles
            .get(m.article())
            .expect("mention's article exists");
        assert!(
            on_boundaries(&a.text, m.span()) && !m.span().is_empty(),
            "bad mention {m:?}"
        );
        let key = (m.article(), m.span().start, m.span().end);
        assert!(key >= last, "mentions out of order at {m:?}");
        last = key;
        *mentioned
            .get_mut(m.entity())
            .expect("mention's entity exists") = true;
    }
    assert!(mentioned.iter().all(|&m| m), "an entity without a mention");
    for ent in &e.entities {
        assert!(!ent.name.is_empty(), "entity without a name");
        assert_clean("entity name", &ent.name);
        ent.aliases
            .iter()
            .for_each(|al| assert_clean("alias", &al.name));
    }
    let json = entities::to_json(&corpus, &e);
    assert!(json["entities"].is_array());
}

/// The whole analysis, entities then facts, run without the per-article protection of
/// [`crate::analysis::analyse`] so that a failure shows: every passage and figure value
/// lies on character boundaries of its article, passages point at sentences that exist,
/// every fact spans at least two articles, and the JSON of both is clean.
pub fn check_analysis(data: &[u8]) {
    let corpus = corpus_of(data);
    let e = entities::analyse(&corpus);
    let f = crate::facts::link(&corpus, &e);
    for fact in &f.facts {
        assert!(fact.article_count() >= 2, "a fact of one article: {fact:?}");
        assert_clean("fact label", &fact.label);
        for p in &fact.passages {
            let a = &corpus.articles[p.article];
            assert!(on_boundaries(&a.text, p.span), "bad passage {p:?}");
            assert!(
                p.sentence < a.structure.sentences.len(),
                "no such sentence {p:?}"
            );
        }
        for d in &fact.discrepancies {
            for v in &d.values {
                let a = &corpus.articles[v.article];
                assert!(on_boundaries(&a.text, v.span), "bad figure {v:?}");
            }
        }
    }
    let json = crate::facts::to_json(&corpus, &f);
    assert_json_clean("facts", &json);
    assert_json_clean("entities", &entities::to_json(&corpus, &e));
}

fn assert_json_clean(what: &str, v: &serde_json::Value) {
    match v {
        serde_json::Value::String(s) => assert_clean(what, s),
        serde_json::Value::Array(items) => items.iter().for_each(|x| assert_json_clean(what, x)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, x)| {
            assert_clean(what, k);
            assert_json_clean(what, x)
        }),
        _ => {}
    }
}

/// The note store: a parsed store survives a save and a reload unchanged, its export is
/// clean and parses back; its notes resolve to valid spans. Then a passage chosen by the
/// first bytes is anchored in the text and found again exactly.
pub fn check_notes(data: &[u8]) {
    let text = sanitize::sanitize(&String::from_utf8_lossy(data)).into_owned();
    if let Ok(store) = StoreData::parse(data) {
        let again = StoreData::parse(&store.to_bytes()).expect("a saved store parses");
        assert_eq!(
            store.to_bytes(),
            again.to_bytes(),
            "save and reload changed the store"
        );
        let exported = export_json(&store);
        assert_clean("export", &exported.replace(['\n', '\t'], " "));
        StoreData::parse(exported.as_bytes()).expect("an export parses");
        for n in &store.notes {
            check_resolved(&text, &n.target);
        }
    }
    check_anchor_round_trip(data, &text);
}

/// Resolving any target in any text gives a span inside it, holding the quote when exact.
fn check_resolved(text: &str, target: &Target) {
    let got = resolve(text, target);
    if let Some(s) = got.span() {
        assert!(on_boundaries(text, s), "resolved span {s:?} off the text");
    }
    if let Anchor::Exact(s) = got {
        assert_eq!(&text[s.range()], target.quote.exact);
    }
    if let Some(s) = byte_span(text, target.position) {
        assert!(on_boundaries(text, s), "position span {s:?} off the text");
    }
}

fn check_anchor_round_trip(data: &[u8], text: &str) {
    let n = |i: usize| data.get(i).copied().unwrap_or(0) as usize;
    let (a, b) = (n(0) * 256 + n(1), n(2) * 256 + n(3));
    let span = Span::new(a.min(b), a.max(b));
    let target = anchor_text(text, span);
    let got = resolve(text, &target);
    if target.quote.exact.is_empty() {
        assert_eq!(got, Anchor::Orphan);
        return;
    }
    let s = got.span().expect("a passage of unchanged text is found");
    assert_eq!(got, Anchor::Exact(s), "unchanged text gave {got:?}");
    assert_eq!(&text[s.range()], target.quote.exact);
    let json = serde_json::to_string(&target).expect("target serialises");
    let back: Target = serde_json::from_str(&json).expect("target parses back");
    assert_eq!(back, target);
    // Text inserted before the passage: found again as the quote itself, or orphaned.
    let edited = format!("Ajout. {}", text);
    if let Some(s) = resolve(&edited, &target).span() {
        assert_eq!(
            &edited[s.range()],
            target.quote.exact,
            "moved to a look-alike"
        );
    }
}

/// Wrapping any text at any width (the first byte): lines within the width (a single
/// grapheme wider than the line alone excepted), on grapheme boundaries, in order, with
/// only breakable spaces left between them.
#[cfg(feature = "app")]
pub fn check_wrap(data: &[u8]) {
    use crate::tui::wrap::{is_break_space, line_width, wrap};
    use unicode_segmentation::UnicodeSegmentation;
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let width = usize::from(w % 64) + 1;
    let text = sanitize::sanitize(&String::from_utf8_lossy(rest)).into_owned();
    let bounds: std::collections::HashSet<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut prev = 0;
    for r in wrap(&text, width) {
        let line = &text[r.clone()];
        assert!(
            r.start >= prev && r.start < r.end,
            "line {r:?} out of order or empty"
        );
        assert!(
            bounds.contains(&r.start) && bounds.contains(&r.end),
            "grapheme split {r:?}"
        );
        let fits = line_width(line) <= width || line.graphemes(true).count() == 1;
        assert!(fits, "{line:?} wider than {width}");
        assert!(
            text[prev..r.start].chars().all(is_break_space),
            "text lost before {r:?}"
        );
        prev = r.end;
    }
    assert!(
        text[prev..].chars().all(is_break_space),
        "text lost at the end"
    );
}
