//! OPML, the list of subscriptions every feed reader exports and imports: each
//! `<outline>` with an `xmlUrl` is a feed to fetch. Nesting (folders of feeds) is flattened;
//! an address listed twice is kept once.

use quick_xml::events::Event;
use quick_xml::Reader;

/// One feed of a subscription list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub title: Option<String>,
    pub feed_url: String,
}

/// Does this look like an OPML document (rather than a feed or a page)?
pub fn looks_like_opml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.to_ascii_lowercase().windows(5).any(|w| w == b"<opml")
}

/// The feeds of an OPML document, in document order.
pub fn parse_opml(bytes: &[u8]) -> Result<Vec<Subscription>, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut out: Vec<Subscription> = Vec::new();
    let mut seen_root = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("not a valid OPML file: {e}"))?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let name = name.into_inner();
                if name.eq_ignore_ascii_case("opml") {
                    seen_root = true;
                }
                if !name.eq_ignore_ascii_case("outline") {
                    buf.clear();
                    continue;
                }
                let (mut url, mut title, mut text) = (None, None, None);
                for attr in e.attributes().flatten() {
                    let key = attr.key.local_name().into_inner().to_ascii_lowercase();
                    let Ok(value) = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    else {
                        continue;
                    };
                    let value = value.trim().to_owned();
                    match key.as_str() {
                        "xmlurl" => url = Some(value),
                        "title" => title = Some(value),
                        "text" => text = Some(value),
                        _ => {}
                    }
                }
                if let Some(url) = url.filter(|u| !u.is_empty()) {
                    if !out.iter().any(|s| s.feed_url == url) {
                        out.push(Subscription {
                            title: title.or(text).filter(|t| !t.is_empty()),
                            feed_url: url,
                        });
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !seen_root {
        return Err("not an OPML file (no <opml> element)".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_give_their_feeds_once() {
        let opml = br#"<?xml version="1.0"?>
            <opml version="2.0"><head><title>Abonnements</title></head><body>
            <outline text="Presse">
              <outline type="rss" text="Le Fil" xmlUrl="https://e.org/rss?a=1&amp;b=2"/>
              <outline type="rss" title="Wire" text="w" xmlUrl="http://w.net/atom"/>
            </outline>
            <outline type="rss" text="Again" xmlUrl="http://w.net/atom"/>
            <outline text="no feed here"/>
            </body></opml>"#;
        assert!(looks_like_opml(opml));
        let subs = parse_opml(opml).unwrap();
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[0].feed_url, "https://e.org/rss?a=1&b=2");
        assert_eq!(subs[0].title.as_deref(), Some("Le Fil"));
        assert_eq!(subs[1].title.as_deref(), Some("Wire"));
    }

    #[test]
    fn broken_or_foreign_documents_are_refused() {
        assert!(parse_opml(b"<opml><body><outline xmlUrl='a'></body>").is_err());
        assert!(parse_opml(b"<rss><channel/></rss>").is_err());
        assert!(!looks_like_opml(b"<rss>"));
    }
}
