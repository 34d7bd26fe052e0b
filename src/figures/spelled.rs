//! Numbers written in words, as news writes small counts and round figures: "quatre
//! morts", "huit mille foyers", "vingt-quatre heures", "three people", "two hundred and
//! fifty jobs". Only what a number word starts is read here; whether it is a figure (a
//! counted noun or a unit must follow) is for the figure parser to decide.

use super::number::{is_space, word_at, Number};

/// What one number word does to the number being read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// Adds a value below one hundred ("quatre", "vingt", "twenty").
    Add(f64),
    /// Multiplies what was read so far ("cent", "hundred").
    Hundred,
    /// Closes a group of thousands ("mille", "thousand").
    Thousand,
    /// "un", "une", "one": a number only inside a compound ("vingt et un").
    One,
}

/// The meaning of one number word, lowercase ASCII compared without allocating. English
/// "cents" is money, not hundreds.
fn part(word: &str, lang: &str) -> Option<Part> {
    if word.len() > 9 || word.is_empty() {
        return None;
    }
    let mut buf = [0u8; 9];
    for (b, c) in buf.iter_mut().zip(word.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    let v = match &buf[..word.len()] {
        b"un" | b"une" | b"one" => return Some(Part::One),
        b"cent" | b"cents" if lang != "en" => return Some(Part::Hundred),
        b"hundred" => return Some(Part::Hundred),
        b"mille" | b"thousand" => return Some(Part::Thousand),
        b"deux" | b"two" => 2.0,
        b"trois" | b"three" => 3.0,
        b"quatre" | b"four" => 4.0,
        b"cinq" | b"five" => 5.0,
        b"six" => 6.0,
        b"sept" | b"seven" => 7.0,
        b"huit" | b"eight" => 8.0,
        b"neuf" | b"nine" => 9.0,
        b"dix" | b"ten" => 10.0,
        b"onze" | b"eleven" => 11.0,
        b"douze" | b"twelve" => 12.0,
        b"treize" | b"thirteen" => 13.0,
        b"quatorze" | b"fourteen" => 14.0,
        b"quinze" | b"fifteen" => 15.0,
        b"seize" | b"sixteen" => 16.0,
        b"seventeen" => 17.0,
        b"eighteen" => 18.0,
        b"nineteen" => 19.0,
        b"vingt" | b"vingts" | b"twenty" => 20.0,
        b"trente" | b"thirty" => 30.0,
        b"quarante" | b"forty" => 40.0,
        b"cinquante" | b"fifty" => 50.0,
        b"soixante" | b"sixty" => 60.0,
        b"seventy" => 70.0,
        b"eighty" => 80.0,
        b"ninety" => 90.0,
        _ => return None,
    };
    Some(Part::Add(v))
}

/// True when `word` (a run of letters, maybe hyphenated) starts with a number word:
/// the cheap test before [`read`].
pub fn starts_number(word: &str, lang: &str) -> bool {
    let first = word.split('-').next().unwrap_or(word);
    part(first, lang).is_some_and(|p| p != Part::One)
}

/// The number written in words at byte `i` of `s`, if it starts with a number word other
/// than "un"/"one" (too often an article). Hyphens and spaces join its words, as does
/// "et" before the units of a round ten ("vingt et un") and "and" after hundreds or
/// thousands ("two hundred and fifty"); in "quatre-vingt" the four multiplies. The
/// end is after the last number word.
pub fn read(s: &str, i: usize, lang: &str) -> Option<Number> {
    let (mut total, mut current) = (0.0f64, 0.0f64);
    let (mut end, mut words, mut at) = (i, 0usize, i);
    while let Some((w, e)) = word_at(s, at) {
        // A hyphenated word that is not all number words ("two-week") is not a number.
        let before = (total + current, words);
        let mut read_any = false;
        for piece in w.split('-') {
            let Some(p) = part(piece, lang) else {
                let joins = match piece.to_ascii_lowercase().as_str() {
                    "et" => current >= 20.0 && current % 10.0 == 0.0,
                    "and" => {
                        current > 0.0 && current % 100.0 == 0.0 || current == 0.0 && total > 0.0
                    }
                    _ => false,
                };
                if !(joins && piece.len() == w.len()) {
                    return finish(before.0, before.1, end);
                }
                break;
            };
            if words == 0 && p == Part::One {
                return None;
            }
            current = match p {
                // "quatre-vingt": the four was a factor of the twenty.
                Part::Add(v) if current % 100.0 == 4.0 && v == 20.0 => current + 76.0,
                Part::Add(v) => current + v,
                Part::One => current + 1.0,
                Part::Hundred => current.max(1.0) * 100.0,
                Part::Thousand => {
                    total += current.max(1.0) * 1000.0;
                    0.0
                }
            };
            words += 1;
            read_any = true;
        }
        if read_any {
            end = e;
        }
        let next = s[e..].chars().next();
        if !next.is_some_and(is_space) {
            break;
        }
        at = e + next.map_or(0, char::len_utf8);
    }
    finish(total + current, words, end)
}

fn finish(value: f64, words: usize, end: usize) -> Option<Number> {
    (words > 0 && value > 0.0).then_some(Number {
        value,
        decimals: 0,
        grouped: false,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value<'s>(s: &'s str, lang: &str) -> Option<(f64, &'s str)> {
        read(s, 0, lang).map(|n| (n.value, &s[..n.end]))
    }

    fn fr(s: &str) -> Option<(f64, &str)> {
        value(s, "fr")
    }

    fn en(s: &str) -> Option<(f64, &str)> {
        value(s, "en")
    }

    #[test]
    fn french_counts_and_compounds() {
        assert_eq!(fr("Quatre personnes"), Some((4.0, "Quatre")));
        assert_eq!(fr("huit mille foyers"), Some((8000.0, "huit mille")));
        assert_eq!(fr("vingt-quatre heures"), Some((24.0, "vingt-quatre")));
        assert_eq!(fr("vingt et un ans"), Some((21.0, "vingt et un")));
        assert_eq!(fr("quatre-vingts morts"), Some((80.0, "quatre-vingts")));
        assert_eq!(
            fr("quatre-vingt-dix jours"),
            Some((90.0, "quatre-vingt-dix"))
        );
        assert_eq!(fr("soixante-dix"), Some((70.0, "soixante-dix")));
        assert_eq!(
            fr("cent quatre-vingts"),
            Some((180.0, "cent quatre-vingts"))
        );
        assert_eq!(fr("deux cents salariés"), Some((200.0, "deux cents")));
        assert_eq!(
            fr("trois mille cinq cents"),
            Some((3500.0, "trois mille cinq cents"))
        );
    }

    #[test]
    fn english_counts_and_compounds() {
        assert_eq!(en("three people"), Some((3.0, "three")));
        assert_eq!(en("twenty-four hours"), Some((24.0, "twenty-four")));
        assert_eq!(
            en("two hundred and fifty jobs"),
            Some((250.0, "two hundred and fifty"))
        );
        assert_eq!(en("Five thousand fans"), Some((5000.0, "Five thousand")));
    }

    #[test]
    fn articles_and_other_words_are_not_numbers() {
        assert_eq!(fr("un homme"), None);
        assert_eq!(en("one of them"), None);
        assert_eq!(fr("dixième"), None);
        assert_eq!(fr("septembre"), None);
        assert_eq!(fr("deux et demi"), Some((2.0, "deux")));
        assert_eq!(fr("deux et trois"), Some((2.0, "deux")));
        assert_eq!(en("a two-week stay"), None);
        assert_eq!(en("two-week"), None);
        assert_eq!(en("three two-week stays"), Some((3.0, "three")));
        assert_eq!(read("five cents", 0, "en").map(|n| n.value), Some(5.0));
        assert!(starts_number("Quatre", "fr") && starts_number("vingt-deux", "fr"));
        assert!(!starts_number("une", "fr") && !starts_number("tenth", "en"));
        assert!(!starts_number("cinquième", "fr"));
    }
}
