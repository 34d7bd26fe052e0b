//! RSS and Atom feed files: one article per item, its content (or summary) as the body,
//! markup handled like a web page's, the feed's title as the source.

use super::Record;

/// The items of a feed as records.
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<Record>, String> {
    // Feeds in UTF-8 (nearly all) are bounded in depth like pages; the XML reader walks
    // nested elements recursively.
    let limited = std::str::from_utf8(bytes)
        .ok()
        .map(|s| super::depth::limit(s, super::depth::MAX_DEPTH).0);
    let bytes = limited.as_deref().map_or(bytes, str::as_bytes);
    let feed =
        feed_rs::parser::parse(bytes).map_err(|e| format!("not a valid RSS or Atom feed: {e}"))?;
    let source = feed.title.as_ref().map(|t| t.content.trim().to_owned());
    let lang = feed.language.as_ref().map(|l| {
        l.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    });
    let mut out = Vec::new();
    for entry in feed.entries {
        let raw = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let body = if super::html::looks_like_html(&raw) {
            super::html::fragment_text(&raw)
        } else {
            raw.trim().to_owned()
        };
        if body.is_empty() && entry.title.is_none() {
            continue;
        }
        out.push(Record {
            title: entry
                .title
                .as_ref()
                .map(|t| super::html::fragment_text(&t.content)),
            body,
            source: source.clone(),
            date: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
            author: entry.authors.first().and_then(|a| a.name.clone()),
            url: entry.links.first().map(|l| l.href.clone()),
            lang: lang.clone(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_html_content() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Le Fil</title>
            <item><title>Premier</title><link>https://e.org/1</link>
            <description>&lt;p&gt;Un &lt;b&gt;texte&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Deux.&lt;/p&gt;</description>
            <pubDate>Mon, 06 Aug 2018 10:00:00 GMT</pubDate></item>
            <item><title>Second</title><description>Plain.</description></item></channel></rss>"#;
        let rs = parse_feed(rss).unwrap();
        assert_eq!(rs.len(), 2);
        assert_eq!(rs[0].title.as_deref(), Some("Premier"));
        assert_eq!(rs[0].body, "Un texte.\n\nDeux.");
        assert_eq!(rs[0].source.as_deref(), Some("Le Fil"));
        assert!(rs[0].date.as_deref().unwrap().starts_with("2018-08-06"));
        assert_eq!(rs[0].url.as_deref(), Some("https://e.org/1"));
    }

    #[test]
    fn atom_entries() {
        let atom =
            br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
            <title>Wire</title><id>urn:x</id><updated>2018-08-06T00:00:00Z</updated>
            <entry><title>One</title><id>urn:1</id><updated>2018-08-06T00:00:00Z</updated>
            <author><name>Jane Roe</name></author>
            <content type="html">&lt;p&gt;Body one.&lt;/p&gt;</content></entry></feed>"#;
        let rs = parse_feed(atom).unwrap();
        assert_eq!(rs[0].body, "Body one.");
        assert_eq!(rs[0].author.as_deref(), Some("Jane Roe"));
        assert_eq!(rs[0].source.as_deref(), Some("Wire"));
    }
}
