//! News-database exports: JSON (one object, an array, or an object holding an array under
//! `articles`, `items`, `data`, `results` or `documents`) and JSON Lines (one object per
//! line; a bad line is reported with its number and the others load).

use super::Record;
use serde_json::{Map, Value};

const TEXT_FIELDS: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "description",
];
const SOURCE_FIELDS: &[&str] = &["source", "outlet", "site", "publisher", "site_name"];
const DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "pubdate",
    "datetime",
    "time",
];
const LIST_FIELDS: &[&str] = &["articles", "items", "data", "results", "documents", "docs"];

/// A field as a string: a string value, or the `name`/`title` of an object value.
fn field(obj: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match obj.get(*n)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => ["name", "title"]
            .iter()
            .find_map(|k| o.get(*k)?.as_str().map(str::to_owned)),
        _ => None,
    })
}

/// One article from a JSON object; `None` when it has no text.
pub fn record_of(obj: &Map<String, Value>) -> Option<Record> {
    let mut body = field(obj, TEXT_FIELDS)?;
    if super::html::looks_like_html(&body) {
        body = super::html::fragment_text(&body);
    }
    Some(Record {
        title: field(obj, &["title", "headline", "name"]),
        body,
        source: field(obj, SOURCE_FIELDS),
        date: field(obj, DATE_FIELDS),
        author: field(obj, &["author", "authors", "byline"]),
        url: field(obj, &["url", "link", "href"]),
        lang: field(obj, &["lang", "language"]).map(|l| l.to_ascii_lowercase()),
    })
}

/// The articles of a JSON document, and one message per object that is not an article.
pub fn parse_json(text: &str) -> Result<(Vec<Record>, Vec<String>), String> {
    let v: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })?;
    let items: Vec<&Value> = match &v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => match LIST_FIELDS.iter().find_map(|k| o.get(*k)?.as_array()) {
            Some(a) => a.iter().collect(),
            None => vec![&v],
        },
        _ => return Err("JSON holds no article object".into()),
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_object().and_then(record_of) {
            Some(r) => out.push(r),
            None => problems.push(format!("item {}: no text, body or content field", i + 1)),
        }
    }
    Ok((out, problems))
}

/// The articles of a JSON Lines file; bad lines are reported by number.
pub fn parse_json_lines(text: &str) -> (Vec<Record>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(o)) => match record_of(&o) {
                Some(r) => out.push(r),
                None => problems.push(format!("line {}: no text, body or content field", i + 1)),
            },
            Ok(_) => problems.push(format!("line {}: not a JSON object", i + 1)),
            Err(e) => problems.push(format!("line {}: invalid JSON: {e}", i + 1)),
        }
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_with_a_broken_one() {
        let t = "{\"title\":\"A\",\"text\":\"Un.\",\"outlet\":\"X\",\"published\":\"2020-01-01\"}\n{broken\n\n{\"headline\":\"B\",\"body\":\"<p>Deux.</p>\",\"lang\":\"FR\"}\n";
        let (rs, problems) = parse_json_lines(t);
        assert_eq!(rs.len(), 2);
        assert_eq!(rs[0].source.as_deref(), Some("X"));
        assert_eq!(rs[0].date.as_deref(), Some("2020-01-01"));
        assert_eq!(rs[1].body, "Deux.");
        assert_eq!(rs[1].lang.as_deref(), Some("fr"));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("line 2:"));
    }

    #[test]
    fn arrays_and_wrapped_lists() {
        let (rs, _) =
            parse_json(r#"[{"title":"A","content":"x"},{"title":"B","content":"y"}]"#).unwrap();
        assert_eq!(rs.len(), 2);
        let (rs, problems) =
            parse_json(r#"{"articles":[{"text":"x","source":{"name":"AFP"}},{"id":3}]}"#).unwrap();
        assert_eq!(rs[0].source.as_deref(), Some("AFP"));
        assert_eq!(problems, ["item 2: no text, body or content field"]);
        assert!(parse_json("{nope").unwrap_err().contains("line 1"));
    }
}
