use super::*;

/// (text of the span, kind, value, unit, approximate) of each figure.
fn figs(s: &str, lang: &str) -> Vec<(String, Kind, f64, String, bool)> {
    find(s, Span::new(0, s.len()), lang)
        .into_iter()
        .map(|f| {
            (
                s[f.span.range()].to_owned(),
                f.kind,
                f.value,
                f.unit,
                f.approximate,
            )
        })
        .collect()
}

fn one(s: &str, lang: &str) -> (String, Kind, f64, String, bool) {
    let mut v = figs(s, lang);
    assert_eq!(v.len(), 1, "{s}: {v:?}");
    v.remove(0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= b.abs() * 1e-9
}

#[test]
fn french_money_with_scale_and_currency_words() {
    let (t, k, v, u, a) = one("une perte de 119 milliards de dollars en une séance", "fr");
    assert_eq!(
        (t.as_str(), k, u.as_str(), a),
        ("119 milliards de dollars", Kind::Money, "USD", false)
    );
    assert!(close(v, 119e9));
    let (t, _, v, u, _) = one("en hausse à 184,24 $ lundi", "fr");
    assert_eq!((t.as_str(), u.as_str()), ("184,24 $", "USD"));
    assert!(close(v, 184.24));
    let (_, _, v, u, _) = one("un budget de 2,5 millions d'euros", "fr");
    assert_eq!(u, "EUR");
    assert!(close(v, 2.5e6));
    let (_, _, v, u, _) = one("il a coûté 1,3 Md€ cette année", "fr");
    assert_eq!(u, "EUR");
    assert!(close(v, 1.3e9));
}

#[test]
fn english_money_with_symbols_and_short_scales() {
    let v = figs("a $1bn (£686m) deal", "en");
    assert_eq!(v.len(), 2);
    assert_eq!((v[0].0.as_str(), v[0].3.as_str()), ("$1bn", "USD"));
    assert!(close(v[0].2, 1e9));
    assert_eq!((v[1].0.as_str(), v[1].3.as_str()), ("£686m", "GBP"));
    assert!(close(v[1].2, 686e6));
    let (_, _, v, u, _) = one("valued at $1.3bn last year", "en");
    assert_eq!(u, "USD");
    assert!(close(v, 1.3e9));
    let (_, _, v, u, _) = one("it raised 1.3 billion dollars", "en");
    assert_eq!(u, "USD");
    assert!(close(v, 1.3e9));
}

#[test]
fn french_billion_is_a_thousand_times_the_english_one() {
    assert!(close(one("1 billion d'euros", "fr").2, 1e12));
    assert!(close(one("1 billion euros", "en").2, 1e9));
}

#[test]
fn percentages_glued_or_spaced_or_spelt() {
    for (s, v) in [
        ("de 3,6% à", 3.6),
        ("de 3,6 % à", 3.6),
        ("up 3.6 percent", 3.6),
    ] {
        let (_, k, got, u, _) = one(s, "fr");
        assert_eq!((k, u.as_str()), (Kind::Percent, "percent"), "{s}");
        assert!(close(got, v), "{s}");
    }
}

#[test]
fn counted_nouns_share_one_unit_across_languages() {
    let (t, k, v, u, _) = one("qui revendique 1,3 milliard d'utilisateurs actifs", "fr");
    assert_eq!(
        (t.as_str(), k, u.as_str()),
        ("1,3 milliard d'utilisateurs", Kind::Quantity, "users")
    );
    assert!(close(v, 1.3e9));
    let (t, _, v, u, _) = one("which has 1.3 billion users", "en");
    assert_eq!((t.as_str(), u.as_str()), ("1.3 billion users", "users"));
    assert!(close(v, 1.3e9));
    let (_, _, v, u, _) = one("jusqu'à 87 millions d'utilisateurs ont", "fr");
    assert_eq!(u, "users");
    assert!(close(v, 87e6));
    assert_eq!(one("100 000 personnes ont manifesté", "fr").3, "people");
    assert_eq!(one("1,000,000 people marched", "en").3, "people");
    assert_eq!(one("les 18-35 ans", "fr").3, "year");
}

#[test]
fn unknown_counted_nouns_keep_their_stem() {
    let a = one("3 000 chambres", "fr").3;
    let b = one("1 200 chambre", "fr").3;
    assert_eq!(a, b);
    assert!(!a.is_empty());
}

#[test]
fn bare_numbers_are_not_figures_but_years_are_dates() {
    assert!(figs("les 3 banques ont 2 options", "fr")
        .iter()
        .all(|f| f.1 != Kind::Quantity || !f.3.is_empty()));
    assert!(figs("n°1 du Web", "fr").is_empty());
    let (t, k, v, _, _) = one("en 2016, il", "fr");
    assert_eq!((t.as_str(), k), ("2016", Kind::Date));
    assert!(close(v, 20160000.0));
    let (t, k, _, _, _) = one("date 2018-08 Facebook", "fr");
    assert_eq!((t.as_str(), k), ("2018-08", Kind::Date));
    assert_eq!(one("le 3 mars 2018,", "fr").0, "3 mars 2018");
    assert_eq!(
        one("une séance fin juillet à Wall Street", "fr").0,
        "fin juillet"
    );
}

#[test]
fn approximation_words_set_the_flag_outside_the_span() {
    for (s, lang, text) in [
        ("bondir de près de 3%.", "fr", "3%"),
        (
            "anéantir quelque 100 milliards de dollars",
            "fr",
            "100 milliards de dollars",
        ),
        ("environ 300 personnes", "fr", "300 personnes"),
        ("plus de 2 000 morts", "fr", "2 000 morts"),
        ("about $1bn", "en", "$1bn"),
        ("nearly 3%", "en", "3%"),
        ("at least 40 people", "en", "40 people"),
        ("some 100 billion dollars", "en", "100 billion dollars"),
        ("more than 5,000 jobs", "en", "5,000 jobs"),
    ] {
        let (t, _, _, _, a) = one(s, lang);
        assert_eq!(t, text, "{s}");
        assert!(a, "{s}");
    }
    assert!(!one("en hausse de 3,6%", "fr").4);
    assert!(!one("handsome 3%", "en").4);
}

#[test]
fn spans_are_offsets_into_the_whole_text() {
    let text = "Intro. Il y a 87 millions d'utilisateurs.";
    let span = Span::new(7, text.len());
    let f = &find(text, span, "fr")[0];
    assert_eq!(&text[f.span.range()], "87 millions d'utilisateurs");
}

fn fig(s: &str, lang: &str) -> Figure {
    find(s, Span::new(0, s.len()), lang).remove(0)
}

#[test]
fn same_value_written_differently_agrees() {
    assert!(fig("1,3 milliard d'utilisateurs", "fr").agrees(&fig("1.3 billion users", "en")));
    assert!(fig("$1bn", "en").agrees(&fig("$1 billion", "en")));
    assert!(fig("1,3 milliard de dollars", "fr").agrees(&fig("$1.29bn", "en")));
    assert!(fig("3,6%", "fr").agrees(&fig("3.6 per cent", "en")));
    assert!(fig("fin juillet", "fr").agrees(&fig("2018-07-30", "fr")));
}

#[test]
fn different_values_or_units_do_not_agree() {
    assert!(!fig("100 milliards de dollars", "fr").agrees(&fig("119 milliards de dollars", "fr")));
    assert!(!fig("3,6%", "fr").agrees(&fig("près de 3%", "fr")));
    assert!(!fig("100 milliards de dollars", "fr").agrees(&fig("100 milliards d'euros", "fr")));
    assert!(!fig("$1bn", "en").comparable(&fig("£686m", "en")));
    assert!(!fig("2018-08", "fr").agrees(&fig("2018-07", "fr")));
    assert_eq!(
        fig("$1bn", "en").key(),
        fig("1 milliard de dollars", "fr").key()
    );
}

#[test]
fn numbers_in_words_count_only_with_a_noun_or_a_unit() {
    let (text, kind, value, unit, _) = one("Quatre personnes sont mortes.", "fr");
    assert_eq!(
        (text.as_str(), kind, value),
        ("Quatre personnes", Kind::Quantity, 4.0)
    );
    assert_eq!(unit, "people");
    assert!(fig("huit mille foyers", "fr").agrees(&fig("8 000 foyers", "fr")));
    assert!(fig("three people", "en").agrees(&fig("trois personnes", "fr")));
    assert!(!fig("quatre morts", "fr").agrees(&fig("5 morts", "fr")));
    assert!(fig("deux milliards de dollars", "fr").agrees(&fig("$2bn", "en")));
    assert!(figs("les deux, puis un homme et une femme", "fr").is_empty());
    assert!(figs("one of the two", "en").is_empty());
}

#[test]
fn exact_durations_share_one_unit() {
    assert!(fig("deux jours", "fr").agrees(&fig("48 heures", "fr")));
    assert!(fig("a two-week stay: 14 days", "en").agrees(&fig("336 hours", "en")));
    assert!(!fig("3 jours", "fr").agrees(&fig("3 heures", "fr")));
    assert!(fig("90 minutes", "en").agrees(&fig("1,5 heure", "fr")));
    assert!(fig("deux ans", "fr").is_count() == fig("2 years", "en").is_count());
    assert!(fig("1 200 habitants", "fr").is_count() && !fig("48 heures", "fr").is_count());
}

#[test]
fn approximate_values_agree_within_five_percent() {
    assert!(fig("près de 300 mm", "fr").agrees(&fig("290 mm", "fr")));
    assert!(fig("about $1bn", "en").agrees(&fig("$1.2 billion", "en")));
    assert!(!fig("près de 3%", "fr").agrees(&fig("3,6%", "fr")));
    assert!(!fig("environ 60 000 passagers", "fr").agrees(&fig("près de 75 000 voyageurs", "fr")));
    assert!(!fig("300 mm", "fr").agrees(&fig("290 mm", "fr")));
    assert!(!fig("près de 100 milliards de dollars", "fr")
        .agrees(&fig("119 milliards de dollars", "fr")));
    assert!(!fig("about 3,000 dead fish", "en").agrees(&fig("about 5,000 dead fish", "en")));
}

/// Folding changes byte lengths ("é" → "e", "’" → "'"), so offsets taken from folded words
/// once cut raw text inside a character: these panicked.
#[test]
fn accented_words_after_numbers_keep_raw_offsets() {
    let (t, k, _, u, _) = one("Le pays compte 12 millions d'électeurs.", "fr");
    assert_eq!((t.as_str(), k), ("12 millions d'électeurs", Kind::Quantity));
    assert!(!u.is_empty());
    let (t, _, v, _, _) = one("30 millions d’économies cette année", "fr");
    assert_eq!(t, "30 millions d’économies");
    assert!(close(v, 30e6));
    // "mi-" before something that is not a month, with a letter of two bytes in it.
    let _ = figs("8000 mi-jåurnée.", "fr");
    let _ = figs("Mi-éte mi-ÉTÉ mi-Œuvre 12 d’Œufs", "fr");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of real French and English typography that figures look at.
    const PIECES: [&str; 32] = [
        "12",
        "1 000",
        "3,5",
        "2.5",
        "millions",
        "milliards",
        "d'",
        "d’",
        "électeurs",
        "Œuvre",
        "mi-",
        "juin",
        "août",
        "%",
        "€",
        "$",
        "£",
        "\u{a0}",
        "\u{202f}",
        " ",
        "de",
        "dollars",
        "près de",
        "environ",
        "nearly",
        "bn",
        "-",
        "–",
        "é",
        "ﬁ",
        "👍",
        "é",
    ];

    proptest! {
        /// Every figure found lies on character boundaries inside the span it was asked
        /// for, whatever the text.
        #[test]
        fn figure_spans_lie_on_char_boundaries(parts in proptest::collection::vec(0..PIECES.len(), 0..24), lang in prop_oneof![Just("fr"), Just("en")]) {
            let s: String = parts.iter().map(|&k| PIECES[k]).collect();
            for f in find(&s, Span::new(0, s.len()), lang) {
                prop_assert!(f.span.start <= f.span.end && f.span.end <= s.len());
                prop_assert!(s.is_char_boundary(f.span.start) && s.is_char_boundary(f.span.end));
            }
        }
    }
}

#[test]
fn a_bare_number_after_a_count_counts_the_same_noun() {
    let f = figs("Eight climbers were found and 3 are still missing.", "en");
    let counts: Vec<(&str, f64, &str)> = (f.iter())
        .map(|(t, _, v, u, _)| (t.as_str(), *v, u.as_str()))
        .collect();
    assert_eq!(
        counts,
        [("Eight climbers", 8.0, "climber"), ("3", 3.0, "climber")]
    );
    let f = figs("Douze chalets ont brûlé, et 4 restent menacés.", "fr");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[1].3, f[0].3);
}

#[test]
fn a_bare_number_without_a_count_before_it_in_its_sentence_is_no_figure() {
    // No count before it, another sentence, or a decimal.
    assert!(figs("Around 3 are expected.", "en").is_empty());
    assert_eq!(
        figs("Eight climbers were found. Then 3 are left.", "en").len(),
        1
    );
    assert_eq!(
        figs("Eight climbers were found and 3.5 are left.", "en").len(),
        1
    );
}

#[test]
fn killed_and_missing_after_a_number_are_tolls() {
    assert_eq!(one("a crash: 7 killed", "en").3, "deaths");
    assert_eq!(one("Storm: 12 missing", "en").3, "missing");
    assert_eq!(one("on compte 5 disparus", "fr").3, "missing");
    // A verb after the number is not what it counts.
    assert!(figs("Only 4 remain.", "en").is_empty());
}
