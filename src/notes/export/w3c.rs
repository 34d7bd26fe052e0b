//! W3C Web Annotation Data Model export: one `AnnotationCollection` (JSON-LD) whose first
//! page holds every note as an `Annotation` with a commenting body, tagging bodies, and a
//! target of the article with TextQuote and TextPosition selectors. A note that moved is
//! exported at its current place; an orphan with the selectors it was made with.

use crate::corpus::{sanitize, sanitize_line, Corpus};
use crate::notes::anchor::{anchor, Anchor};
use crate::notes::export::clean_note;
use crate::notes::model::{Note, Target};
use crate::notes::place::place;
use serde_json::{json, Value};

/// The JSON-LD context of the Web Annotation vocabulary.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The notes as a W3C annotation collection, stamped with the current time.
pub fn export_w3c(corpus: &Corpus, notes: &[Note]) -> String {
    export_w3c_at(corpus, notes, &crate::notes::now())
}

/// The notes as a W3C annotation collection, stamped with `generated` (RFC 3339).
pub fn export_w3c_at(corpus: &Corpus, notes: &[Note], generated: &str) -> String {
    let items: Vec<Value> = notes.iter().map(|n| annotation(corpus, n)).collect();
    let collection = json!({
        "@context": CONTEXT,
        "id": format!("urn:recoupe:corpus:{}", corpus.fingerprint()),
        "type": "AnnotationCollection",
        "label": "recoupe notes",
        "generator": {"type": "Software", "name": "recoupe"},
        "generated": sanitize_line(generated),
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut out = serde_json::to_string_pretty(&collection).expect("JSON serialises");
    out.push('\n');
    out
}

fn annotation(corpus: &Corpus, note: &Note) -> Value {
    let note = clean_note(note);
    let placed = place(&note, corpus);
    let (source, target) = match (placed.article, placed.anchor) {
        (Some(i), Anchor::Exact(s) | Anchor::Moved(s)) => {
            let a = &corpus.articles[i];
            (source_of(a.meta.url.as_deref(), &a.hash), anchor(a, s))
        }
        _ => (source_of(None, &note.article.hash), note.target.clone()),
    };
    let mut bodies = Vec::new();
    if !note.body.trim().is_empty() {
        bodies.push(json!({
            "type": "TextualBody",
            "value": note.body,
            "format": "text/plain",
            "purpose": "commenting",
        }));
    }
    for t in &note.tags {
        bodies.push(json!({"type": "TextualBody", "value": t, "purpose": "tagging"}));
    }
    let motivation = if note.body.trim().is_empty() {
        "highlighting"
    } else {
        "commenting"
    };
    let mut a = json!({
        "id": format!("urn:uuid:{}", sanitize_line(&note.id)),
        "type": "Annotation",
        "motivation": motivation,
        "created": note.created,
        "modified": note.updated,
        "target": {
            "source": source,
            "selector": selectors(&target),
        },
    });
    if !bodies.is_empty() {
        a["body"] = Value::Array(bodies);
    }
    a
}

/// The article's URL when it has one, else its content hash as a URN.
fn source_of(url: Option<&str>, hash: &str) -> String {
    match url.map(sanitize_line) {
        Some(u) if !u.trim().is_empty() => u.trim().to_owned(),
        _ => format!("urn:sha256:{}", sanitize_line(hash)),
    }
}

fn selectors(t: &Target) -> Value {
    json!([
        {
            "type": "TextQuoteSelector",
            "exact": sanitize(&t.quote.exact),
            "prefix": sanitize(&t.quote.prefix),
            "suffix": sanitize(&t.quote.suffix),
        },
        {
            "type": "TextPositionSelector",
            "start": t.position.start,
            "end": t.position.end,
        },
    ])
}
