//! A bound on how deeply markup nests, applied before any parser sees it. Real pages and
//! feeds nest a few dozen levels; a hostile one can nest a hundred thousand, which makes an
//! HTML tree builder's scope checks quadratic (tens of seconds) and any recursive walk of
//! the tree overflow the stack. Tags past [`MAX_DEPTH`] are dropped with their matching
//! end tags, keeping the text inside them, so what a reader sees is the same words.

use std::borrow::Cow;

/// Deepest nesting kept.
pub const MAX_DEPTH: usize = 256;

/// Elements that never hold content, so never open a level.
const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command",
];

/// Elements whose content is raw text, not markup.
const RAW: [&str; 4] = ["script", "style", "textarea", "title"];

/// `markup` with every tag nested deeper than `max` removed (with its end tag), and whether
/// any was. Comments, CDATA sections, declarations and raw-text elements pass unchanged.
pub fn limit(markup: &str, max: usize) -> (Cow<'_, str>, bool) {
    // Fewer tags than the limit cannot nest past it.
    if markup.bytes().filter(|&b| b == b'<').count() <= max {
        return (Cow::Borrowed(markup), false);
    }
    let mut out = String::with_capacity(markup.len());
    let (mut depth, mut dropped, mut cut) = (0usize, 0usize, false);
    let mut i = 0;
    while let Some(off) = markup[i..].find('<') {
        let at = i + off;
        out.push_str(&markup[i..at]);
        let rest = &markup[at..];
        let end = if rest.starts_with("<!--") {
            at + rest.find("-->").map_or(rest.len(), |e| e + 3)
        } else if rest.starts_with("<![CDATA[") {
            at + rest.find("]]>").map_or(rest.len(), |e| e + 3)
        } else {
            at + rest.find('>').map_or(rest.len(), |e| e + 1)
        };
        let tag = &markup[at..end];
        let (name, closing) = tag_name(tag);
        if name.is_empty() || tag.starts_with("<!") || tag.starts_with("<?") {
            out.push_str(tag);
        } else if closing {
            if dropped > 0 {
                dropped -= 1;
            } else {
                depth = depth.saturating_sub(1);
                out.push_str(tag);
            }
        } else if tag.ends_with("/>") || VOID.contains(&name.to_ascii_lowercase().as_str()) {
            out.push_str(tag);
        } else if depth >= max {
            dropped += 1;
            cut = true;
        } else {
            depth += 1;
            out.push_str(tag);
            let lower = name.to_ascii_lowercase();
            if RAW.contains(&lower.as_str()) {
                // Raw text up to the end tag passes as it is.
                let close = format!("</{lower}");
                let body = &markup[end..];
                let stop = find_ascii_ci(body, &close).unwrap_or(body.len());
                out.push_str(&body[..stop]);
                i = end + stop;
                continue;
            }
        }
        i = end;
    }
    out.push_str(&markup[i..]);
    (Cow::Owned(out), cut)
}

/// The name of the tag `tag` (which starts with `<`), and whether it is an end tag.
fn tag_name(tag: &str) -> (&str, bool) {
    let inner = &tag[1..];
    let (inner, closing) = match inner.strip_prefix('/') {
        Some(r) => (r, true),
        None => (inner, false),
    };
    let len = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':' || c == '_'))
        .unwrap_or(inner.len());
    let name = &inner[..len];
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        (name, closing)
    } else {
        ("", closing)
    }
}

/// Where `needle` (lower-case ASCII) starts in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_markup_passes_unchanged() {
        let page =
            "<html><body><p>Un <b>deux</b><br> trois</p><script>if (a<b) {}</script></body></html>";
        assert_eq!(limit(page, 4), (Cow::Borrowed(page), false));
    }

    #[test]
    fn deep_tags_go_and_their_text_stays() {
        let deep = format!("<p>{}x{}</p>", "<b>".repeat(50), "</b>".repeat(50));
        let (out, cut) = limit(&deep, 8);
        assert!(cut);
        assert_eq!(out.matches("<b>").count(), 7);
        assert_eq!(out.matches("</b>").count(), 7);
        assert!(out.contains('x') && out.ends_with("</b></p>"));
        // Unclosed tags, comments and CDATA.
        let open = format!("<div>{}<!-- <b> -->y<![CDATA[<i>]]>", "<i>".repeat(40));
        let (out, _) = limit(&open, 8);
        assert!(out.contains("<!-- <b> -->y<![CDATA[<i>]]>"));
        assert_eq!(out.matches("<i>").count(), 8);
    }
}
