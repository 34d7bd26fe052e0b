//! Inline-markup annotation for tests and fixtures: `"[[ORG Reuters]] a indiqué"` is the
//! text "Reuters a indiqué" with an ORG mention over "Reuters"; `[[PER Zuckerberg|Mark
//! Zuckerberg]]` names the entity the mention belongs to when it differs from the text.

use super::Kind;
use crate::text::Span;

/// A mention the markup expects.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub span: Span,
    pub kind: Kind,
    /// The entity's name: the text after `|`, or the mention's own text.
    pub entity: String,
}

/// Parses a kind label ("PER", "ORG"...).
pub fn kind_of(label: &str) -> Option<Kind> {
    Some(match label {
        "PER" => Kind::Per,
        "ORG" => Kind::Org,
        "LOC" => Kind::Loc,
        "PRODUCT" => Kind::Product,
        "EVENT" => Kind::Event,
        "WORK" => Kind::Work,
        "MISC" => Kind::Misc,
        "MONEY" => Kind::Money,
        "PERCENT" => Kind::Percent,
        "QUANTITY" => Kind::Quantity,
        "DATE" => Kind::Date,
        _ => return None,
    })
}

/// The plain text and the expected mentions of a marked-up text. Unknown kinds and
/// unclosed marks are kept as plain text.
pub fn parse(marked: &str) -> (String, Vec<Expected>) {
    let mut text = String::with_capacity(marked.len());
    let mut out = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let inner_start = &rest[open + 2..];
        let parsed = inner_start.find("]]").and_then(|close| {
            let inner = &inner_start[..close];
            let (label, body) = inner.split_once(' ')?;
            let kind = kind_of(label)?;
            let (shown, entity) = body.split_once('|').unwrap_or((body, body));
            Some((close, kind, shown, entity))
        });
        match parsed {
            Some((close, kind, shown, entity)) => {
                let start = text.len();
                text.push_str(shown);
                out.push(Expected {
                    span: Span::new(start, text.len()),
                    kind,
                    entity: entity.to_owned(),
                });
                rest = &inner_start[close + 2..];
            }
            None => {
                text.push_str("[[");
                rest = inner_start;
            }
        }
    }
    text.push_str(rest);
    (text, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_marks() {
        let (t, m) = parse("[[ORG Reuters]] a vu [[PER Zuckerberg|Mark Zuckerberg]].");
        assert_eq!(t, "Reuters a vu Zuckerberg.");
        assert_eq!(m.len(), 2);
        assert_eq!(&t[m[1].span.range()], "Zuckerberg");
        assert_eq!(m[1].entity, "Mark Zuckerberg");
        assert_eq!(m[0].kind, Kind::Org);
    }

    #[test]
    fn leaves_broken_marks_as_text() {
        assert_eq!(parse("a [[XYZ b]] [[ORG c").0, "a [[XYZ b]] [[ORG c");
    }
}
