//! Word tokens shaped for name recognition. The general word splitter keeps "l'AFP" and
//! "Facebook's" whole; names need the elided article and the possessive cut off, dotted
//! acronyms ("U.S.") and inner ampersands ("AT&T") kept, and words glued by scraping
//! ("20minutesQui") pulled apart. Tokens are byte spans into the text and never rewrite it.

use crate::text::Span;

/// What a token looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Two letters or more, all uppercase ("AFP", "U.S").
    pub upper: bool,
    /// An uppercase letter after a lowercase one ("TechCrunch", "iPhone").
    pub inner: bool,
    /// Starts with a digit.
    pub digit: bool,
    /// Contains a letter.
    pub alpha: bool,
    /// A French elided article or pronoun, apostrophe included ("l'", "D’").
    pub elision: bool,
    /// Punctuation or a symbol, one character.
    pub punct: bool,
}

/// A token: its span, its shape, and whether a line break separates it from the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub shape: Shape,
    pub after_newline: bool,
}

const ELISIONS: [&str; 14] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

/// Capitalised words that, glued to the end of a lowercase word, show two words run together.
const GLUED_TAILS: [&str; 22] = [
    "Qui", "Que", "Quoi", "Le", "La", "Les", "Un", "Une", "Des", "Ce", "Cette", "Comment",
    "Pourquoi", "Lire", "Voir", "The", "A", "How", "Why", "What", "Read", "See",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Tokens of `text` inside `span`, in order.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(span.end.saturating_sub(span.start) / 4);
    let s = &text[span.range()];
    let base = span.start;
    let mut newline = false;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            newline |= c == '\n';
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let (end, elided) = word_end(s, i);
            let mut shape = shape_of(&s[i..end]);
            shape.elision = elided;
            push_word(&mut out, s, base, i, end, shape, newline);
            i = end;
        } else {
            let end = i + c.len_utf8();
            let shape = Shape {
                punct: true,
                ..Shape::default()
            };
            out.push(Token {
                span: Span::new(base + i, base + end),
                shape,
                after_newline: newline,
            });
            i = end;
        }
        newline = false;
    }
    out
}

/// Pushes a word, split in two if it is a lowercase word glued to a capitalised one.
fn push_word(
    out: &mut Vec<Token>,
    s: &str,
    base: usize,
    start: usize,
    end: usize,
    shape: Shape,
    newline: bool,
) {
    let w = &s[start..end];
    if shape.inner && !shape.elision {
        if let Some(cut) = glued_cut(w) {
            out.push(Token {
                span: Span::new(base + start, base + start + cut),
                shape: shape_of(&w[..cut]),
                after_newline: newline,
            });
            out.push(Token {
                span: Span::new(base + start + cut, base + end),
                shape: shape_of(&w[cut..]),
                after_newline: false,
            });
            return;
        }
    }
    out.push(Token {
        span: Span::new(base + start, base + end),
        shape,
        after_newline: newline,
    });
}

/// Where a glued word splits: after at least three lowercase letters, before a capitalised
/// function word that ends the token.
fn glued_cut(w: &str) -> Option<usize> {
    let mut prev_lower = 0;
    for (i, c) in w.char_indices() {
        if c.is_uppercase() && prev_lower >= 3 && GLUED_TAILS.contains(&&w[i..]) {
            return Some(i);
        }
        if c.is_lowercase() {
            prev_lower += 1;
        } else if !c.is_alphanumeric() {
            prev_lower = 0;
        }
    }
    None
}

/// End of the word starting at `i`, and whether it is an elision ("l'").
fn word_end(s: &str, i: usize) -> (usize, bool) {
    let bytes = s.as_bytes();
    let mut end = i;
    let mut dotted = true; // every segment so far is one uppercase letter
    let mut seg_len = 0;
    let mut prev = ' ';
    let mut at = i;
    while at < s.len() {
        // A run of ASCII letters and digits in one step.
        let run = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if run > 0 {
            seg_len += run;
            if seg_len > 1 || !bytes[at].is_ascii_uppercase() {
                dotted = false;
            }
            at += run;
            end = at;
            prev = char::from(bytes[at - 1]);
            continue;
        }
        let k = at;
        let Some(c) = s[k..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        let next = s[at..].chars().next();
        if c.is_alphanumeric() {
            seg_len += 1;
            if seg_len > 1 || !c.is_uppercase() {
                dotted = false;
            }
            end = k + c.len_utf8();
            prev = c;
            continue;
        }
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        if is_apostrophe(c) {
            let head = s[i..k].to_lowercase();
            if ELISIONS.contains(&head.as_str()) && next.is_some_and(char::is_alphabetic) {
                return (k + c.len_utf8(), true);
            }
            let possessive = matches!(next, Some('s') | Some('S'))
                && !s[k + c.len_utf8() + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if possessive || !next_alnum {
                break;
            }
        } else if c == '.' {
            let decimal = prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
            let acronym = dotted && prev.is_uppercase() && next.is_some_and(char::is_uppercase);
            if acronym && next_is_single_letter(s, k) || decimal {
                seg_len = 0;
                end = k + 1;
                prev = c;
                continue;
            }
            if dotted && prev.is_uppercase() && s[i..k].contains('.') {
                // "U.S." keeps its last dot when a word follows on the same line.
                let rest = &s[k + 1..];
                if rest.starts_with(' ')
                    && rest[1..].chars().next().is_some_and(char::is_alphabetic)
                {
                    end = k + 1;
                }
            }
            break;
        } else if c == '-' || c == '‑' {
            if !next_alnum || lowercase_tail(&s[i..k], &s[k + c.len_utf8()..]) {
                break;
            }
        } else if c == '&' {
            if !(prev.is_uppercase() && next.is_some_and(char::is_uppercase)) {
                break;
            }
        } else if c == ',' {
            if !(prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())) {
                break;
            }
        } else {
            break;
        }
        dotted = dotted && c == '.';
        seg_len = 0;
        prev = c;
    }
    (end, false)
}

/// "Munich-based", "Siemens-owned": a capitalised word with a lowercase word hyphened
/// on is a name and a word, cut apart.
fn lowercase_tail(head: &str, rest: &str) -> bool {
    if !head.chars().next().is_some_and(char::is_uppercase) || head.contains('-') {
        return false;
    }
    let tail = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("");
    tail.chars().next().is_some_and(char::is_lowercase) && !tail.chars().any(char::is_uppercase)
}

/// True when the letter after the dot at `k` stands alone ("U.S", not "U.Sam").
fn next_is_single_letter(s: &str, k: usize) -> bool {
    let mut it = s[k + 1..].chars();
    it.next();
    !it.next().is_some_and(char::is_alphanumeric)
}

/// The shape of a word.
pub fn shape_of(w: &str) -> Shape {
    let mut shape = Shape::default();
    // (letters, capitals, capitals after the first character)
    let (letters, uppers, later_uppers) = if w.is_ascii() {
        let b = w.as_bytes();
        shape.cap = b.first().is_some_and(u8::is_ascii_uppercase);
        shape.digit = b.first().is_some_and(u8::is_ascii_digit);
        letter_counts(
            b.iter()
                .map(|&c| (c.is_ascii_alphabetic(), c.is_ascii_uppercase())),
        )
    } else {
        let first = w.chars().next();
        shape.cap = first.is_some_and(char::is_uppercase);
        shape.digit = first.is_some_and(|c| c.is_ascii_digit());
        letter_counts(w.chars().map(|c| (c.is_alphabetic(), c.is_uppercase())))
    };
    shape.alpha = letters > 0;
    shape.upper = letters >= 2 && uppers == letters;
    // Capitals after the first letter of a mixed-case word, outside hyphenated parts.
    shape.inner = later_uppers > 0 && !shape.upper && !w.contains(['-', '\'', '’']);
    shape
}

/// Letters, capital letters, and capitals after the first character, from (is a letter,
/// is a capital) for each character.
fn letter_counts(chars: impl Iterator<Item = (bool, bool)>) -> (usize, usize, usize) {
    let (mut letters, mut uppers, mut later) = (0, 0, 0);
    for (i, (alpha, upper)) in chars.enumerate() {
        if alpha {
            letters += 1;
            if upper {
                uppers += 1;
                later += usize::from(i > 0);
            }
        }
    }
    (letters, uppers, later)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokenize(t, Span::new(0, t.len()))
            .iter()
            .map(|k| &t[k.span.range()])
            .collect()
    }

    #[test]
    fn cuts_elisions_and_possessives() {
        assert_eq!(
            words("à l'AFP, D’après"),
            ["à", "l'", "AFP", ",", "D’", "après"]
        );
        assert_eq!(words("Facebook's data"), ["Facebook", "'", "s", "data"]);
        assert_eq!(words("O'Brien aujourd'hui"), ["O'Brien", "aujourd'hui"]);
    }

    #[test]
    fn keeps_acronyms_hyphens_and_ampersands() {
        assert_eq!(words("la U.S Bancorp"), ["la", "U.S", "Bancorp"]);
        assert_eq!(
            words("U.S. Bancorp et AT&T"),
            ["U.S.", "Bancorp", "et", "AT&T"]
        );
        assert_eq!(words("in the U.S."), ["in", "the", "U.S", "."]);
        assert_eq!(words("Agence France-Presse"), ["Agence", "France-Presse"]);
        assert_eq!(
            words("Munich-based Île-de-France"),
            ["Munich", "-", "based", "Île-de-France"]
        );
        assert_eq!(words("porte-parole"), ["porte-parole"]);
        assert_eq!(words("3,6% et 1.5"), ["3,6", "%", "et", "1.5"]);
    }

    #[test]
    fn splits_glued_words() {
        assert_eq!(
            words("sur 20minutesQui est"),
            ["sur", "20minutes", "Qui", "est"]
        );
        assert_eq!(words("TechCrunch"), ["TechCrunch"]);
    }

    #[test]
    fn shapes() {
        assert!(shape_of("AFP").upper);
        assert!(shape_of("U.S").upper);
        assert!(shape_of("JPMorgan").inner);
        assert!(!shape_of("Facebook").inner);
        assert!(shape_of("20minutes").digit);
    }
}
