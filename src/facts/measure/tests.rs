use super::*;
use crate::figures::find;

/// The measure of the figure written `figure` in `text`.
fn measure(text: &str, figure: &str, lang: &str) -> Measure {
    let all = Span::new(0, text.len());
    let figures = find(text, all, lang);
    let f = (figures.iter())
        .find(|f| text[f.span.range()].contains(figure))
        .unwrap_or_else(|| panic!("no figure {figure} in {figures:?}"));
    of(
        text,
        all,
        f,
        lang,
        0,
        &Entities::default(),
        &Default::default(),
    )
}

#[test]
fn an_apposed_number_of_years_is_an_age() {
    let m = measure(
        "« Rien ne marche », regrette Martine, 67 ans, venue de Crest.",
        "67",
        "fr",
    );
    assert_eq!(m.role, Role::Age);
    let d = measure(
        "« On revient trente ans en arrière », dit une infirmière.",
        "trente",
        "fr",
    );
    assert_eq!(d.role, Role::Amount);
    assert!(!m.same_as(&d, false));
    let e = measure("A man who is 33 years old was arrested.", "33", "en");
    assert_eq!(e.role, Role::Age);
}

#[test]
fn hours_after_vers_are_a_time_of_day() {
    let t = measure("L'attaque a débuté dimanche vers 23 heures.", "23", "fr");
    assert_eq!(t.role, Role::TimeOfDay);
    let d = measure(
        "L'hôpital tourne au ralenti, deux jours après l'attaque.",
        "deux",
        "fr",
    );
    assert_eq!(d.role, Role::Amount);
    assert!(!t.same_as(&d, false));
}

#[test]
fn jobs_cut_replaced_and_net_are_three_measures() {
    let cut = measure("Acme will cut 9,000 jobs worldwide.", "9,000", "en");
    let replaced = measure(
        "About 6,000 jobs will be replaced by new roles.",
        "6,000",
        "en",
    );
    let net = measure("Acme will lose a net 3,000 jobs.", "3,000", "en");
    let cut_fr = measure("Acme va supprimer 8 000 postes.", "8 000", "fr");
    assert!(!cut.same_as(&replaced, true));
    assert!(!cut.same_as(&net, true));
    assert!(!replaced.same_as(&net, true));
    let again = measure(
        "The group plans to eliminate some 9,500 positions.",
        "9,500",
        "en",
    );
    assert!(cut.same_as(&again, true), "{cut:?} {again:?}");
    assert_eq!(cut_fr.names, [("jobs", "cut")]);
}

#[test]
fn a_figure_of_an_earlier_period_is_not_the_current_one() {
    let now = measure("Corvane will cut about 4,000 jobs.", "4,000", "en");
    let then = measure(
        "It is the second round, after it shed 2,000 positions last autumn.",
        "2,000",
        "en",
    );
    assert!(!now.same_as(&then, true));
}

#[test]
fn amounts_compare_only_when_their_clauses_share_a_word() {
    let invest = measure(
        "It would invest £120 million in its treatment works.",
        "120",
        "en",
    );
    let profit = measure(
        "Campaigners said the company reported profits of £310 million.",
        "310",
        "en",
    );
    assert!(!invest.same_as(&profit, false));
    let five = measure(
        "It will invest in its works over the next five years.",
        "five",
        "en",
    );
    let four = measure(
        "The offences cover a period of almost four years.",
        "four",
        "en",
    );
    assert!(!five.same_as(&four, false));
    let fell = measure("Its shares fell 7.4% in Amsterdam.", "7.4", "en");
    let dropped = measure(
        "The company's shares dropped 4.7% on the news.",
        "4.7",
        "en",
    );
    assert!(fell.same_as(&dropped, false));
    let rise = measure(
        "Rival Brenmar reported a 9% rise in quarterly revenue.",
        "9",
        "en",
    );
    assert!(!fell.same_as(&rise, false));
}

#[test]
fn derived_forms_of_one_word_are_a_shared_word() {
    // The stemmer keeps "économies" and "économiser" apart; their beginnings agree.
    let a = measure(
        "Le groupe vise 150 millions d'euros d'économies par an d'ici 2027.",
        "150",
        "fr",
    );
    let b = measure(
        "Le plan doit permettre d'économiser 180 millions d'euros par an.",
        "180",
        "fr",
    );
    assert!(a.same_as(&b, false), "{a:?} {b:?}");
    let c = measure("La dette atteint 180 millions d'euros.", "180", "fr");
    assert!(!a.same_as(&c, false), "{a:?} {c:?}");
    assert!(!same_beginning("econo", "econo"), "too short to say");
}

#[test]
fn gaining_and_yielding_in_french_are_changes() {
    let up = measure("En Bourse, le titre a gagné 6 % mardi.", "6", "fr");
    let rise = measure("L'action a progressé de 4 % à la Bourse.", "4", "fr");
    let down = measure("Le titre a cédé 2 % mardi.", "2", "fr");
    assert!(up.same_as(&rise, false), "{up:?} {rise:?}");
    assert!(!up.same_as(&down, false), "{up:?} {down:?}");
}

#[test]
fn a_place_named_in_short_and_in_full_is_one_place() {
    assert!(same_place("bourse", "bourse de paris"));
    assert!(same_place("new york city", "new york"));
    assert!(same_place("lyon", "lyon"));
    assert!(same_place("paris", "paris-orly"));
    assert!(!same_place("paris", "parisot"));
    assert!(!same_place("lyon", "marseille"));
}

#[test]
fn figures_said_of_a_place_in_short_and_in_full_compare() {
    let at = |places: &[&str]| Measure {
        role: Role::Amount,
        names: vec![("change", "rise")],
        stems: vec!["share".into()],
        subject: None,
        named: Vec::new(),
        places: places.iter().map(|p| p.to_string()).collect(),
    };
    let full = at(&["bourse de paris"]);
    assert!(full.same_as(&at(&["bourse"]), false));
    assert!(!full.same_as(&at(&["bourse de lyon"]), false));
    assert!(full.same_as(&at(&[]), false), "no place on one side");
}

#[test]
fn and_before_a_figure_starts_its_clause() {
    let text = "Eight climbers were found dead and 3 are missing on the ridge.";
    let dead = measure(text, "Eight", "en");
    let missing = measure(text, "3", "en");
    assert_eq!(dead.names, [("toll", "dead")]);
    assert_eq!(missing.names, [("toll", "missing")]);
    assert!(!dead.same_as(&missing, true));
    let fr = "Douze chalets ont brûlé et 4 sont menacés.";
    assert!(measure(fr, "Douze", "fr")
        .stems
        .iter()
        .all(|s| !s.starts_with("menac")));
}

#[test]
fn unaccounted_for_is_missing() {
    let m = measure(
        "Eight climbers died, and 3 remain unaccounted for.",
        "3",
        "en",
    );
    assert_eq!(m.names, [("toll", "missing")]);
}

#[test]
fn a_toll_of_a_noun_is_named_with_it() {
    let text = "Eight climbers were found dead and 3 are missing.";
    let all = Span::new(0, text.len());
    let figures = find(text, all, "en");
    let named: Vec<String> = (figures.iter())
        .map(|f| measure(text, &text[f.span.range()], "en").describe(f))
        .collect();
    assert_eq!(named, ["dead climber", "missing climber"]);
    let deaths = find("a crash: 7 killed", Span::new(0, 17), "en");
    let m = measure("a crash: 7 killed", "7", "en");
    assert_eq!(m.describe(&deaths[0]), "deaths");
    let text = "It will pay £5,000 to the family of each climber who died.";
    let money = find(text, Span::new(0, text.len()), "en");
    assert_eq!(measure(text, "5,000", "en").describe(&money[0]), "GBP");
}
