//! The one sanitiser: every piece of article text, file name or title passes through here
//! before anything else sees it, and again on every path out (screen, stdout, exports).
//!
//! Removed: C0 controls except `\n` and `\t`, DEL, C1 controls, whole escape sequences
//! (ESC-introduced CSI, OSC, DCS, SOS, PM, APC and two-character escapes, and their C1
//! forms such as 0x9B CSI and 0x9D OSC), and the bidi embedding, override and isolate
//! controls that can make text display in an order other than the one it is stored in, and
//! the tag characters (U+E0000–U+E007F) that can hide text. The line and paragraph
//! separators U+2028 and U+2029 become spaces.
//!
//! Kept on purpose: zero-width space, joiner and non-joiner (U+200B–U+200D: line-break
//! opportunities in Thai, emoji sequences, Persian and Indic spelling), the left-to-right
//! and right-to-left marks (U+200E, U+200F: they set the direction of neutral characters
//! in Arabic and Hebrew text without reordering anything else) and the word joiner. They
//! have no effect on a terminal beyond the text they belong to.

use std::borrow::Cow;

/// Bidi controls that reorder display: LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, ALM.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// Tag characters (U+E0000–U+E007F): invisible copies of ASCII that can carry hidden text
/// through a copy and paste; no news text needs them.
fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0000}'..='\u{E007F}')
}

/// True for a character the sanitiser would remove on its own (outside any sequence).
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) || is_tag(c)
}

/// The line and paragraph separators, which the sanitiser turns into spaces (files are
/// read with them as line breaks first, see `decode::normalize_newlines`).
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// True when `s` can be shown as is.
pub fn is_clean(s: &str) -> bool {
    !s.chars().any(|c| is_unsafe_char(c) || is_separator(c))
}

/// Sanitises text that may hold terminal escape sequences or other control characters.
/// `\n` and `\t` are kept; tabs are expanded at display time.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\u{1B}' => skip_escape(&mut it),
            '\u{9B}' => skip_csi(&mut it),
            '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => skip_string(&mut it),
            c if is_unsafe_char(c) => {}
            c if is_separator(c) => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` with every character the sanitiser would act on, and line breaks and tabs, written
/// as an escape (`\u{1b}`): for names and keys that must be shown whole and visible, so
/// that they can neither act on a terminal nor hide what is wrong with them.
pub fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe_char(c) || is_separator(c) || c == '\n' || c == '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Sanitises text for a single line: like [`sanitize`], and newlines and tabs become spaces.
/// For titles, file names and anything printed inside one line of output.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After an ESC: drop the sequence it introduces.
fn skip_escape(it: &mut Chars<'_>) {
    match it.peek().copied() {
        Some('[') => {
            it.next();
            skip_csi(it);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            it.next();
            skip_string(it);
        }
        // Intermediate bytes then one final byte (e.g. ESC ( B, ESC # 8). Anything else
        // cuts the sequence short and is kept: a line break or a letter is text.
        Some(c) if ('\u{20}'..='\u{2F}').contains(&c) => {
            while it.next_if(|c| ('\u{20}'..='\u{2F}').contains(c)).is_some() {}
            it.next_if(|c| ('\u{30}'..='\u{7E}').contains(c));
        }
        // Two-character escape (ESC c, ESC 7, ESC =, ...).
        Some(c) if ('\u{30}'..='\u{7E}').contains(&c) => {
            it.next();
        }
        _ => {}
    }
}

/// Parameters and intermediates up to and including the final byte (0x40..=0x7E).
/// A sequence cut short by another control stops there.
fn skip_csi(it: &mut Chars<'_>) {
    while let Some(&c) = it.peek() {
        if ('\u{30}'..='\u{3F}').contains(&c) || ('\u{20}'..='\u{2F}').contains(&c) {
            it.next();
        } else {
            if ('\u{40}'..='\u{7E}').contains(&c) {
                it.next();
            }
            return;
        }
    }
}

/// OSC/DCS/SOS/PM/APC payload up to BEL, ST (ESC \ or 0x9C). An unterminated string is
/// dropped up to the end of the line, so that a stray ESC ] cannot swallow a whole article.
fn skip_string(it: &mut Chars<'_>) {
    while let Some(&c) = it.peek() {
        match c {
            '\u{07}' | '\u{9C}' => {
                it.next();
                return;
            }
            '\u{1B}' => {
                it.next();
                if it.peek() == Some(&'\\') {
                    it.next();
                }
                return;
            }
            '\n' => return,
            _ => {
                it.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_csi_osc_and_c1() {
        let s = "a\u{1B}[2Jb\u{1B}]52;c;aGk=\u{07}c\u{9B}31md\u{202E}e\u{1B}]0;title\u{1B}\\f";
        assert_eq!(sanitize(s), "abcdef");
    }

    #[test]
    fn keeps_newlines_tabs_and_unicode() {
        let s = "données\tà\n« voir »\u{A0}!";
        assert!(matches!(sanitize(s), Cow::Borrowed(_)));
    }

    #[test]
    fn osc8_link_spoof_keeps_only_visible_text() {
        let s = "\u{1B}]8;;http://evil\u{1B}\\click\u{1B}]8;;\u{1B}\\";
        assert_eq!(sanitize(s), "click");
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(sanitize("a\u{1B}]0;x\nb"), "a\nb");
    }

    #[test]
    fn del_and_c0_go() {
        assert_eq!(sanitize("a\u{7F}b\u{0}c\u{8}d\re"), "abcde");
    }

    /// Found by fuzzing (decode_sanitize): `ESC . \n` took the line break as the final
    /// byte of the escape and joined two paragraphs.
    #[test]
    fn an_escape_cut_short_keeps_the_line_break() {
        assert_eq!(sanitize("a\u{1B}.\nb"), "a\nb");
        assert_eq!(sanitize("a\u{1B}(éb"), "aéb");
        assert_eq!(sanitize("a\u{1B}(Bb\u{1B}#8c"), "abc");
    }

    #[test]
    fn line_flattens() {
        assert_eq!(sanitize_line("a\nb\tc\u{1B}[1m"), "a b c");
    }
}
