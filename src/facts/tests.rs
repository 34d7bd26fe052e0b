use super::*;
use crate::corpus::{Article, Meta};
use crate::entities::{Entity, Mention};

/// A corpus of one-paragraph articles.
fn corpus(texts: &[&str]) -> Corpus {
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Article::new(
                format!("a{i}"),
                String::new(),
                String::new(),
                (*t).to_owned(),
                Meta::default(),
            )
        })
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

/// Score of the first sentence containing `x` with the first containing `y`.
fn score(c: &Corpus, e: &Entities, x: &str, y: &str) -> f32 {
    scored_with(c, e, x, y, |s, a, b| s.score(a, b))
}

/// `how` of the first sentence containing `x` and the first containing `y`.
fn scored_with(
    c: &Corpus,
    e: &Entities,
    x: &str,
    y: &str,
    how: impl Fn(&similar::Scorer, usize, usize) -> f32,
) -> f32 {
    let f = features::extract(c, e, &Default::default(), None);
    let s = similar::Scorer::new(&f);
    let find = |needle: &str| {
        (0..f.len())
            .find(|&g| {
                let (a, i) = f.sentences[g];
                let art = &c.articles[a as usize];
                art.slice(art.structure.sentences[i as usize].span)
                    .contains(needle)
            })
            .unwrap()
    };
    how(&s, find(x), find(y))
}

/// True when sentences containing `x` and `y` end up in one fact.
fn linked(c: &Corpus, x: &str, y: &str) -> bool {
    let facts = link(c, &Entities::default());
    facts.facts.iter().any(|f| {
        let has = |n: &str| {
            f.passages
                .iter()
                .any(|p| c.articles[p.article].slice(p.span).contains(n))
        };
        has(x) && has(y)
    })
}

const FILLER_FR: &str = "La météo reste clémente dans le sud du pays. Le musée rouvrira ses portes en septembre après des travaux. Les prix du blé ont peu varié sur le marché européen.";
const FILLER_EN: &str = "The weather stayed mild in the south. The museum will reopen in September after repairs. Wheat prices barely moved on European markets.";

#[test]
fn shared_rare_words_make_sentences_alike() {
    let c = corpus(&[
        "Le tribunal de Lyon a condamné l'entreprise pour pollution de la rivière. Rien d'autre.",
        "L'entreprise a été condamnée par le tribunal de Lyon pour la pollution d'une rivière. Autre chose.",
        FILLER_FR,
    ]);
    let e = Entities::default();
    let same = score(
        &c,
        &e,
        "Le tribunal de Lyon",
        "L'entreprise a été condamnée",
    );
    let other = score(&c, &e, "Le tribunal de Lyon", "Le musée rouvrira");
    assert!(same > 0.5, "{same}");
    assert!(other < 0.1, "{other}");
}

#[test]
fn prefixes_join_derived_forms_the_stemmer_keeps_apart() {
    let c = corpus(&[
        "Nous n'utilisons pas ces renseignements publicitaires.",
        "Il n'y aura aucune utilisation publicitaire des renseignements.",
        FILLER_FR,
    ]);
    assert!(
        score(
            &c,
            &Entities::default(),
            "Nous n'utilisons",
            "aucune utilisation"
        ) > 0.4
    );
}

#[test]
fn a_shared_entity_counts_even_when_the_names_differ() {
    let c = corpus(&[
        "JPMorgan a refusé la proposition du groupe.",
        "Chase a rejeté la proposition.",
        FILLER_FR,
    ]);
    let none = score(
        &c,
        &Entities::default(),
        "JPMorgan a refusé",
        "Chase a rejeté",
    );
    let span = |a: usize, w: &str| {
        let t = &c.articles[a].text;
        let s = t.find(w).unwrap();
        crate::text::Span::new(s, s + w.len())
    };
    let e = Entities {
        entities: vec![Entity {
            name: "JPMorgan Chase".into(),
            kind: Kind::Org,
            aliases: Vec::new(),
            value: None,
            unit: None,
            kind_reason: String::new(),
        }],
        mentions: vec![
            Mention::new(0, span(0, "JPMorgan"), 0),
            Mention::new(1, span(1, "Chase"), 0),
        ],
    };
    let with = score(&c, &e, "JPMorgan a refusé", "Chase a rejeté");
    assert!(with > none + 0.1, "{none} -> {with}");
}

#[test]
fn figures_of_one_size_make_sentences_alike_across_languages() {
    let c = corpus(&[
        "Messenger revendique 1,3 milliard d'utilisateurs actifs dans le monde.",
        "Messenger has 1.3 billion users worldwide, the company said.",
        FILLER_EN,
    ]);
    let s = score(&c, &Entities::default(), "revendique", "Messenger has");
    assert!(s > 0.5, "{s}");
}

#[test]
fn a_shared_quotation_links_differently_framed_sentences() {
    let c = corpus(&[
        "Le porte-parole a déclaré : « nous ne partageons pas les données de nos clients avec des tiers ».",
        "« Nous ne partageons pas les données de nos clients avec des tiers », a-t-elle répété devant les députés réunis.",
        FILLER_FR,
    ]);
    assert!(score(&c, &Entities::default(), "Le porte-parole", "répété") > 0.5);
}

#[test]
fn attribution_alone_does_not_make_sentences_alike() {
    let c = corpus(&[
        "La banque a fermé trois agences, selon le Wall Street Journal.",
        "Le ministre a démissionné, selon le Wall Street Journal.",
        FILLER_FR,
    ]);
    let s = score(&c, &Entities::default(), "La banque a fermé", "Le ministre");
    assert!(s < 0.25, "{s}");
}

#[test]
fn french_paraphrases_link_and_unrelated_sentences_do_not() {
    let c = corpus(&[
        "Le constructeur Renault va supprimer 4 600 emplois en France d'ici trois ans. Le salon de l'automobile ouvre samedi.",
        "Renault prévoit la suppression de 4 600 postes en France sur trois ans, a annoncé le groupe. La pluie est attendue dimanche.",
        FILLER_FR,
    ]);
    assert!(linked(&c, "Le constructeur Renault", "Renault prévoit"));
    assert!(!linked(&c, "Le salon", "La pluie"));
    assert!(!linked(&c, "Le constructeur Renault", "La pluie"));
}

#[test]
fn english_paraphrases_link_and_unrelated_sentences_do_not() {
    let c = corpus(&[
        "The central bank raised its key interest rate by half a point to 4.5% on Thursday. Tickets for the concert sold out.",
        "On Thursday the central bank lifted its main interest rate to 4.5%, up half a point. The river flooded two villages.",
        FILLER_EN,
    ]);
    assert!(linked(
        &c,
        "The central bank raised",
        "On Thursday the central bank"
    ));
    assert!(!linked(&c, "Tickets for the concert", "The river flooded"));
    assert!(!linked(&c, "The central bank raised", "The river flooded"));
}

#[test]
fn links_only_join_different_articles() {
    let c = corpus(&[
        "La grève des pilotes a cloué au sol les avions de la compagnie. La grève des pilotes a cloué au sol les avions de la compagnie nationale.",
        FILLER_FR,
    ]);
    assert!(link(&c, &Entities::default()).facts.is_empty());
}

#[test]
fn disagreeing_figures_are_reported_once_with_both_values() {
    let c = corpus(&[
        "Les actions du groupe ont bondi de 3,6% lundi à la Bourse de Paris après l'annonce.",
        "Après l'annonce, les actions du groupe ont bondi de près de 3% lundi à la Bourse de Paris.",
        FILLER_FR,
    ]);
    let facts = link(&c, &Entities::default());
    let d: Vec<&Discrepancy> = facts.facts.iter().flat_map(|f| &f.discrepancies).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, Kind::Percent);
    let approx: Vec<bool> = d[0].values.iter().map(|v| v.approximate).collect();
    assert_eq!(approx, [false, true]);
}

#[test]
fn by_sentence_points_to_the_facts_of_each_passage() {
    let c = corpus(&[
        "Le constructeur Renault va supprimer 4 600 emplois en France d'ici trois ans.",
        "Renault prévoit la suppression de 4 600 postes en France sur trois ans.",
        FILLER_FR,
    ]);
    let facts = link(&c, &Entities::default());
    assert_eq!(facts.facts.len(), 1);
    assert_eq!(facts.by_sentence.get(&(0, 0)), Some(&vec![0]));
    assert_eq!(facts.by_sentence.get(&(1, 0)), Some(&vec![0]));
    assert!(!facts.by_sentence.contains_key(&(2, 0)));
}

#[test]
fn labels_are_trimmed_at_a_word() {
    let long = "Le célèbre réseau social a tenu il y a plusieurs mois des discussions avec plusieurs grandes banques américaines.";
    let l = trim_label(long);
    assert!(l.chars().count() <= LABEL_CHARS);
    assert!(l.ends_with('…'));
    assert_eq!(trim_label("Court\n texte."), "Court texte.");
}

#[test]
fn headlines_are_first_sentences_that_are_the_title() {
    let texts = [
        "Voltra recalls e-bikes over battery fire risk\n\nOwners were told to stop riding.",
        "Dealers will replace the batteries. Analysts expect a loss.",
    ];
    let mut c = corpus(&texts);
    c.articles[0].title = "Voltra recalls e-bikes over battery fire risk".into();
    c.articles[1].title = "Voltra: the batteries".into();
    let f = features::extract(&c, &Entities::default(), &Default::default(), None);
    let marked: Vec<(u32, u32)> = headlines(&c, &f)
        .iter()
        .enumerate()
        .filter(|(_, &h)| h)
        .map(|(g, _)| f.sentences[g])
        .collect();
    assert_eq!(marked, [(0, 0)]);
}

/// Score of the whole sentences only, without their clauses.
fn whole_score(c: &Corpus, x: &str, y: &str) -> f32 {
    let whole = |s: &similar::Scorer, a, b| similar::combine(s.overlap(a, b));
    scored_with(c, &Entities::default(), x, y, whole)
}

/// The articles of a story and a long article of other things, so that a word found in
/// two sentences is as rare as in a real corpus, not the rarest of a dozen sentences.
fn story(texts: &[&str]) -> Corpus {
    let other: String = (0..150)
        .map(|i| format!("Le point {i} du rapport annuel reste à l'étude. "))
        .collect();
    let mut all = texts.to_vec();
    all.push(&other);
    corpus(&all)
}

const DAM_FR: [&str; 3] = [
    "Le barrage de Saint-Aubin s'est fissuré dans la nuit de lundi, a indiqué la préfecture. La préfecture a ordonné l'évacuation des familles riveraines, tandis que les ingénieurs redoutent un glissement de la falaise calcaire qui surplombe la vallée de la Dive et menace les vignobles voisins, fragilisés par trois semaines d'orages violents. Les secours sont mobilisés autour du barrage. Le préfet se rendra sur place mardi.",
    "Une fissure est apparue lundi soir sur le barrage de Saint-Aubin. Les familles riveraines ont été évacuées. Les secours restent mobilisés autour de l'ouvrage, selon le préfet. La falaise de la vallée inquiète les ingénieurs depuis des années.",
    "Le barrage de Saint-Aubin, construit en 1962, alimente trois communes. La préfecture a demandé une expertise de l'ouvrage. Le préfet a réuni les maires lundi. Les familles riveraines du barrage attendent des nouvelles.",
];

const LENDER_EN: [&str; 3] = [
    "The regulator fined Northbank on Monday over its mortgage pricing. It ordered the lender to repay customers overcharged on their loans, while analysts expect a wider inquiry into variable rates across the sector and warn that smaller building societies could face heavy compensation bills. Northbank said it accepted the decision. Its shares fell in early trading.",
    "Northbank was fined by the regulator on Monday. Overcharged customers will get their money back. The lender said it accepted the decision and apologised to customers. Its shares fell sharply.",
    "Northbank, founded in 1920, is the country's fifth largest lender. The regulator has looked into mortgage pricing for two years. Customers of the lender can check their loans online. Analysts said the fine was expected.",
];

/// Asserts that the long sentence containing `long` is more alike with the one containing
/// `short` than their whole sentences are, and that they are linked.
fn clause_links(texts: &[&str], long: &str, short: &str) {
    let c = story(texts);
    let whole = whole_score(&c, long, short);
    let best = score(&c, &Entities::default(), long, short);
    assert!(best > whole + 0.01, "{whole} -> {best}");
    assert!(linked(&c, long, short));
}

#[test]
fn a_long_sentence_stating_two_facts_links_with_one_of_them_in_french() {
    clause_links(
        &DAM_FR,
        "La préfecture a ordonné l'",
        "Les familles riveraines ont",
    );
}

#[test]
fn a_long_sentence_stating_two_facts_links_with_one_of_them_in_english() {
    clause_links(&LENDER_EN, "It ordered the lender", "Overcharged customers");
}

#[test]
fn the_two_facts_of_a_long_sentence_stay_two_facts() {
    let mut texts = DAM_FR;
    texts[2] = "Les ingénieurs craignent un glissement de la falaise calcaire de la vallée. Le barrage de Saint-Aubin, construit en 1962, alimente trois communes.";
    let c = story(&texts);
    let long = "La préfecture a ordonné l'";
    assert!(linked(&c, long, "Les familles riveraines ont"));
    assert!(linked(&c, long, "craignent un glissement"));
    assert!(!linked(
        &c,
        "Les familles riveraines ont",
        "craignent un glissement"
    ));
}

#[test]
fn shares_of_one_size_alone_do_not_make_sentences_alike() {
    // Three sentences give percentages of one size: the magnitude is common, and two
    // of them sharing nothing else are not alike; a shared rare word still links.
    let c = corpus(&[
        "Turnout rose 12% in the northern provinces. Shipments of the tablet doubled.",
        "The tax on diesel went up 14% this winter. Shipments of the tablet doubled in spring.",
        "Sales of bicycles grew 13%, the shop said.",
        FILLER_EN,
    ]);
    let e = Entities::default();
    let s = score(&c, &e, "Turnout rose", "The tax on diesel");
    assert_eq!(s, 0.0, "{s}");
    assert_eq!(score(&c, &e, "Turnout rose", "Sales of bicycles"), 0.0);
    assert!(score(&c, &e, "Shipments of the tablet doubled.", "in spring") > 0.5);
}

#[test]
fn a_magnitude_only_two_sentences_state_still_counts_as_a_figure() {
    // One quantity given two values ("100" and "119 milliards"): its magnitude is stated
    // by these two sentences alone and counts like a shared figure.
    let c = corpus(&[
        "Le marché visé pèserait 100 milliards de dollars par an selon les analystes.",
        "Selon ses estimations, ce marché représenterait 119 milliards de dollars chaque année.",
        FILLER_FR,
    ]);
    let s = score(&c, &Entities::default(), "Le marché visé", "Selon ses");
    assert!(s > 0.3, "{s}");
}

#[test]
fn an_outlet_named_after_a_reporting_verb_counts_as_attribution() {
    // ", analyse le Wall Street Journal" and ", wrote the Financial Times" name who
    // reports: the outlet alone does not make two sentences alike.
    let c = corpus(&[
        "Le groupe voudrait vendre des meubles sur sa plateforme, analyse le Wall Street Journal.",
        "La porte-parole a renvoyé vers une déclaration faite au Wall Street Journal mardi.",
        "The retailer wants to sell furniture on its platform, wrote the Financial Times.",
        "A spokeswoman pointed to a statement given to the Financial Times on Tuesday.",
        FILLER_FR,
        FILLER_EN,
    ]);
    let e = Entities::default();
    let fr = score(&c, &e, "Le groupe voudrait", "La porte-parole");
    let en = score(&c, &e, "The retailer", "A spokeswoman");
    assert!(fr < 0.25 && en < 0.25, "{fr} {en}");
}

#[test]
fn the_bundled_spokeswoman_quote_is_one_fact_and_no_two_facts_share_most_passages() {
    let corpus = Corpus::bundled();
    let analysis = crate::analysis::analyse(&corpus);
    let facts = &analysis.facts.facts;
    let quoting = (facts.iter())
        .filter(|f| {
            f.label
                .starts_with("Une porte parole de JPMorgan Chase a déclaré")
        })
        .count();
    assert_eq!(quoting, 1);
    for (i, f) in facts.iter().enumerate() {
        for g in &facts[i + 1..] {
            let shared = (f.passages.iter())
                .filter(|p| g.passages.contains(p))
                .count();
            let most = 2 * shared > f.passages.len().max(g.passages.len());
            assert!(!(shared >= 2 && most), "{} / {}", f.label, g.label);
        }
    }
    assert!(facts.iter().all(|f| !f.label.starts_with("date ")));
}

#[test]
fn a_quotation_left_open_goes_on_in_the_next_sentence() {
    assert!(super::leaves_quote_open("« La digue a tenu."));
    assert!(super::leaves_quote_open("\"The water is rising."));
    assert!(super::leaves_quote_open("He said: “Stay at home."));
    assert!(!super::leaves_quote_open(
        "« La digue a tenu », a dit le maire."
    ));
    assert!(!super::leaves_quote_open("He said \"stay at home\" twice."));
    assert!(!super::leaves_quote_open("Les secours sont sur place."));
}
