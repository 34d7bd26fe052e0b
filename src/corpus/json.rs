//! The `recoupe articles --json` view of a corpus.

use super::Corpus;
use serde_json::{json, Value};

/// `{"articles":[{id,title,path,language,bytes,words,hash,text,paragraphs,sentences}]}`;
/// offsets are byte offsets into `text`, each article's text as loaded (for a web page, a
/// Markdown file or a JSON record, the text recoupe made of it, not the file's bytes).
pub fn to_json(corpus: &Corpus) -> Value {
    let articles: Vec<Value> = corpus
        .articles
        .iter()
        .map(|a| {
            let mut v = json!({
                "id": a.id,
                "title": a.title,
                "path": a.path,
                "language": a.language.code(),
                "bytes": a.text.len(),
                "words": a.word_count(),
                "hash": a.hash,
                "text": a.text,
                "paragraphs": a.structure.paragraphs,
                "sentences": a.structure.sentences,
            });
            if a.meta != Default::default() {
                v["meta"] = json!(a.meta);
            }
            v
        })
        .collect();
    json!({ "articles": articles })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_slice_the_text() {
        let c = Corpus::bundled();
        let v = to_json(&c);
        let a = &v["articles"][1];
        assert_eq!(a["id"], "001_59fe39b7aa008c35");
        let s = &a["sentences"][1];
        let (st, en) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(c.articles[1].text[st..en].starts_with("Facebook a demandé"));
        let text = a["text"].as_str().unwrap();
        assert_eq!(text, c.articles[1].text);
        assert!(text[st..en].starts_with("Facebook a demandé"));
        assert_eq!(a["paragraphs"][0]["heading"], true);
    }
}
