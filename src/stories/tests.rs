use super::*;
use crate::analysis::analyse;
use crate::corpus::{Article, Meta};

fn article(id: &str, text: &str, date: Option<&str>) -> Article {
    let meta = Meta {
        date: date.map(str::to_owned),
        ..Meta::default()
    };
    let title = text.lines().next().unwrap_or_default().to_owned();
    Article::new(id.into(), title, format!("{id}.txt"), text.into(), meta)
}

fn corpus(articles: Vec<Article>) -> Corpus {
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

const QUAKE: &str = "Earthquake of magnitude 6.1 shakes Lombok\n\nA strong earthquake of \
    magnitude 6.1 struck the island of Lombok on Sunday, killing 14 people, officials said. \
    Rescuers searched collapsed houses in Mataram as aftershocks rattled the island.";
const STRIKE: &str = "Grève à la SNCF : le trafic perturbé autour de Lyon\n\nLe trafic \
    ferroviaire restait très perturbé mardi autour de Lyon, au troisième jour d'une grève \
    lancée par le syndicat Sud-Rail. Seuls deux trains sur cinq circulaient vers Grenoble.";

#[test]
fn a_collection_of_one_story_is_one_story() {
    let corpus = Corpus::bundled();
    let a = analyse(&corpus);
    assert_eq!(a.stories.stories.len(), 1, "{:?}", a.stories);
    assert!(a.stories.fits(corpus.articles.len()));
    assert_eq!(
        a.stories.stories[0].label(&corpus),
        corpus.articles[a.stories.stories[0].central].title
    );
}

/// Two reports of the quake and two of the strike, alternating: q1, s1, q2, s2.
fn quakes_and_strikes() -> Vec<Article> {
    vec![
        article("q1", QUAKE, None),
        article("s1", STRIKE, None),
        article(
            "q2",
            &QUAKE.replace("officials said", "the agency said"),
            None,
        ),
        article("s2", &STRIKE.replace("mardi", "ce mardi"), None),
    ]
}

#[test]
fn two_stories_in_two_languages_stay_apart_and_facts_with_them() {
    let c = corpus(quakes_and_strikes());
    let a = analyse(&c);
    assert_eq!(a.stories.stories.len(), 2, "{:?}", a.stories);
    assert_eq!(a.stories.of_article[0], a.stories.of_article[2]);
    assert_eq!(a.stories.of_article[1], a.stories.of_article[3]);
    assert!(!a.facts.facts.is_empty());
    for f in &a.facts.facts {
        let story = a.stories.of_article[f.passages[0].article];
        assert!(f
            .passages
            .iter()
            .all(|p| a.stories.of_article[p.article] == story));
    }
}

#[test]
fn the_same_report_months_apart_is_another_story() {
    let near = corpus(vec![
        article("a", QUAKE, Some("2018-08-05")),
        article("b", QUAKE, Some("2018-08-06T09:00:00Z")),
    ]);
    assert_eq!(analyse(&near).stories.stories.len(), 1);
    let far = corpus(vec![
        article("a", QUAKE, Some("2018-08-05")),
        article("b", QUAKE, Some("2018-10-20")),
    ]);
    let a = analyse(&far);
    assert_eq!(a.stories.stories.len(), 2);
    let s = &a.stories.stories[0];
    assert_eq!(
        s.dates(&far),
        Some(("2018-08-05".into(), "2018-08-05".into()))
    );
}

#[test]
fn ids_name_stories_and_carried_stories_keep_their_articles_together() {
    let stories = Stories::from_groups(&[4, 4, 1, 4], |m| m[m.len() - 1]);
    assert_eq!(stories.stories[0].articles, [0, 1, 3]);
    assert_eq!(stories.stories[0].central, 3);
    assert_eq!(stories.position("s2"), Some(1));
    assert_eq!(stories.position("s3"), None);
    assert_eq!(stories.position("x1"), None);
    assert!(stories.fits(4) && !stories.fits(5));
    // Article 2 went, a new one came at the end, the others moved up.
    let carried = stories.carried(&[Some(0), Some(1), None, Some(2)], 4);
    assert!(carried.fits(4));
    assert_eq!(carried.stories[0].articles, [0, 1, 2]);
    assert_eq!(carried.stories[0].central, 2);
    assert_eq!(carried.stories[1].articles, [3]);
    let mut bad = stories.clone();
    bad.of_article[2] = 0;
    assert!(!bad.fits(4));
}

/// The articles of one of the annotated stories in `tests/fixtures/stories/`.
fn fixture(name: &str) -> Corpus {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stories")
        .join(name)
        .join("articles");
    crate::corpus::load_paths(&[dir], &Default::default())
}

/// Stories of `c` with parameters `p`.
fn grouped(c: &Corpus, p: &Params) -> Stories {
    let entities = crate::entities::analyse(c);
    let features = crate::facts::features::extract(c, &entities, &Default::default(), None);
    cluster_with(c, &features, p)
}

#[test]
fn a_toll_revised_a_day_later_is_the_same_story() {
    // Regrouped on its own, the mine-collapse story splits into Monday's reports and
    // Tuesday's revised toll; both name the same colliery and the same company.
    let c = fixture("mine-collapse");
    let mut apart = PARAMS;
    apart.rejoin.overlap = f32::INFINITY;
    assert_eq!(grouped(&c, &apart).stories.len(), 2, "the case this pins");
    assert_eq!(grouped(&c, &PARAMS).stories.len(), 1);
}

#[test]
fn two_players_of_one_team_each_arrested_stay_two_stories() {
    // Both events name the team, its city and the league; each names its own player in
    // every one of its articles.
    let report = |player: &str, day: &str, car: &str, n: usize| {
        format!(
            "{player} of the Harbor City Gulls arrested\n\nHarbor City Gulls defensive \
             tackle {player} was arrested on {day} on suspicion of drunk driving, Harbor \
             City police said. {player} was stopped in a {car} at {n} a.m. The Gulls and \
             the National Football League said they were aware of the arrest of {player}."
        )
    };
    let c = corpus(vec![
        article(
            "a1",
            &report("Dario Mbeki", "Sunday", "white Cadillac", 2),
            None,
        ),
        article(
            "b1",
            &report("Lenny Odhiambo", "Friday", "black pickup", 3),
            None,
        ),
        article("a2", &report("Dario Mbeki", "Sunday", "Cadillac", 2), None),
        article(
            "b2",
            &report("Lenny Odhiambo", "Friday", "pickup truck", 3),
            None,
        ),
        article(
            "a3",
            &report("Dario Mbeki", "Sunday morning", "white car", 2),
            None,
        ),
        article(
            "b3",
            &report("Lenny Odhiambo", "Friday night", "truck", 3),
            None,
        ),
    ]);
    let mut no_veto = PARAMS;
    no_veto.rejoin.own_share = 2.0;
    let joined = grouped(&c, &no_veto);
    assert_eq!(joined.stories.len(), 1, "the case this pins: {joined:?}");
    let s = grouped(&c, &PARAMS);
    assert_ne!(s.of_article[0], s.of_article[1], "{s:?}");
    assert_eq!(s.of_article[0], s.of_article[2]);
    assert_eq!(s.of_article[1], s.of_article[3]);
}

#[test]
fn added_articles_join_their_stories_or_start_their_own() {
    const FIRE: &str = "Forest fire near Valdora forces 900 to leave\n\nA forest fire \
        burning since Thursday near Valdora forced 900 residents to leave their homes, the \
        regional fire brigade said. Three water bombers were flying over the hills.";
    let mut articles = quakes_and_strikes();
    articles.extend([
        article("f1", FIRE, None),
        article("q3", &QUAKE.replace("on Sunday", "late on Sunday"), None),
    ]);
    let c = corpus(articles);
    // The first three articles were grouped before the others arrived.
    let old = corpus(c.articles[..3].to_vec());
    let old_stories = grouped(&old, &PARAMS);
    assert_eq!(old_stories.stories.len(), 2, "{old_stories:?}");
    let carried = old_stories.carried(&[Some(0), Some(1), Some(2)], c.articles.len());
    let entities = crate::entities::analyse(&c);
    let features = crate::facts::features::extract(&c, &entities, &Default::default(), None);
    let s = grow::grow(&c, &features, &carried, &[3, 4, 5], &PARAMS);
    assert!(s.fits(c.articles.len()));
    assert_eq!(s.stories.len(), 3, "{s:?}");
    assert_eq!(
        s.of_article[3], s.of_article[1],
        "the strike's second report"
    );
    assert_eq!(s.of_article[5], s.of_article[0], "the quake's third report");
    assert_eq!(
        s.stories[s.of_article[4] as usize].articles,
        vec![4],
        "the fire alone"
    );
}
