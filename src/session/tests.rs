use super::*;
use crate::analysis;
use std::path::Path;

/// A folder of the bundled articles as files, and a cache folder.
fn folder() -> (tempfile::TempDir, PathBuf, Cache) {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for (i, a) in Corpus::bundled().articles.iter().enumerate() {
        let text = format!("{}\n\n{}", a.title, a.text);
        std::fs::write(articles.join(format!("{i}.txt")), text).unwrap();
    }
    let cache = Cache::new(dir.path().join("cache"));
    (dir, articles, cache)
}

fn opening(articles: &Path, cache: &Cache) -> Opening {
    Opening {
        cache: Some(cache.clone()),
        warm: true,
        lowered: true,
        ..Opening::new(vec![articles.to_path_buf()])
    }
}

/// Every event of `session` until the end.
fn events(session: &mut Session) -> Vec<Event> {
    std::iter::from_fn(|| session.wait()).collect()
}

fn loaded(events: &[Event]) -> Arc<Corpus> {
    match events.iter().find(|e| matches!(e, Event::Loaded(_))) {
        Some(Event::Loaded(c)) => Arc::clone(c),
        _ => panic!("no articles in {events:?}"),
    }
}

fn analysed(events: &[Event]) -> (&Analysis, &Outcome) {
    match events.last() {
        Some(Event::Analysed(a, o)) => (a, o),
        _ => panic!("not analysed last: {events:?}"),
    }
}

#[test]
fn a_first_open_loads_then_analyses_and_a_second_starts_from_the_index_and_the_cache() {
    let (_d, articles, cache) = folder();
    let mut first = Session::open(opening(&articles, &cache));
    assert!(first.take_index().is_none(), "nothing indexed yet");
    let seen = events(&mut first);
    assert!(matches!(seen[0], Event::Loaded(_)), "{seen:?}");
    let corpus = loaded(&seen);
    assert_eq!(corpus.articles.len(), 5);
    let (a, outcome) = analysed(&seen);
    assert_eq!(*a, analysis::analyse(&corpus));
    assert!(!outcome.from_cache && outcome.stored);
    assert_eq!(first.phase(), Phase::Done);

    let mut second = Session::open(opening(&articles, &cache));
    let index = second.take_index().expect("the index of the first open");
    assert!(index.matches(&corpus));
    assert!(second.take_index().is_none(), "given once");
    let seen = events(&mut second);
    assert_eq!(
        seen.len(),
        2,
        "articles and analysis, nothing carried: {seen:?}"
    );
    let (b, outcome) = analysed(&seen);
    assert!(outcome.from_cache);
    assert_eq!(b, a);
}

#[test]
fn a_changed_collection_is_shown_its_last_analysis_carried_over_first() {
    let (_d, articles, cache) = folder();
    let mut first = Session::open(opening(&articles, &cache));
    let before = loaded(&events(&mut first));
    std::fs::write(articles.join("9.txt"), "Un titre\n\nUn texte neuf.").unwrap();
    let mut second = Session::open(opening(&articles, &cache));
    assert!(second.take_index().is_some());
    let seen = events(&mut second);
    let now = loaded(&seen);
    assert_eq!(now.articles.len(), before.articles.len() + 1);
    let Some(Event::Carried(carried, counts)) = seen.get(1) else {
        panic!("carried over second: {seen:?}")
    };
    assert_eq!((counts.kept, counts.new, counts.gone), (5, 1, 0));
    assert_eq!(
        carried.entities.entities,
        analysis::analyse(&before).entities.entities
    );
    let (fresh, outcome) = analysed(&seen);
    assert!(!outcome.from_cache);
    let afresh = analysis::analyse(&now);
    assert_eq!(fresh.entities, afresh.entities);
    assert_eq!(fresh.facts, afresh.facts);
    // The stories are the carried ones grown by the new article: the five articles of the
    // last analysis stay in their one story, the new one (about nothing they tell) alone.
    let kept = (now.articles.iter().enumerate())
        .filter(|(_, a)| !a.path.ends_with("9.txt"))
        .map(|(i, _)| fresh.stories.of_article[i])
        .collect::<Vec<_>>();
    assert!(kept.windows(2).all(|w| w[0] == w[1]), "{:?}", fresh.stories);
    assert_eq!(fresh.stories.stories.len(), 2, "{:?}", fresh.stories);
    // The index now describes the folder as it is.
    let (index, _) = index::find(
        &cache,
        &index::key(&[articles], &LoadOptions::default()).unwrap(),
    );
    assert!(index.unwrap().matches(&now));
}

#[test]
fn an_open_without_analysis_ends_with_the_articles_and_writes_nothing_without_a_cache() {
    let (dir, articles, _cache) = folder();
    let mut s = Session::open(Opening {
        analyse: false,
        ..Opening::new(vec![articles])
    });
    let seen = events(&mut s);
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(loaded(&seen).articles.len(), 5);
    assert_eq!(s.phase(), Phase::Done);
    assert!(!dir.path().join("cache").exists());
}

#[test]
fn an_empty_folder_gives_no_articles_and_no_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(Opening::new(vec![dir.path().to_path_buf()]));
    let seen = events(&mut s);
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(loaded(&seen).articles.is_empty());
    assert_eq!(s.phase(), Phase::Done);
}

#[test]
fn no_paths_open_the_bundled_articles() {
    let mut s = Session::open(Opening::new(Vec::new()));
    let seen = events(&mut s);
    let hashes = |c: &Corpus| {
        c.articles
            .iter()
            .map(|a| a.hash.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(hashes(&loaded(&seen)), hashes(&Corpus::bundled()));
    analysed(&seen);
}

#[test]
fn work_that_stops_early_is_reported_once_with_its_phase() {
    let (tx, rx) = mpsc::channel();
    let mut s = Session::from_events(rx, Default::default(), Default::default());
    assert!(s.poll().is_none());
    drop(tx);
    assert!(matches!(s.poll(), Some(Event::Stopped(Phase::Loading))));
    assert!(s.poll().is_none());

    let (tx, rx) = mpsc::channel();
    let mut s = Session::from_events(rx, Default::default(), Default::default());
    tx.send(Event::Loaded(Arc::new(Corpus::bundled()))).unwrap();
    drop(tx);
    assert!(matches!(s.wait(), Some(Event::Loaded(_))));
    assert_eq!(s.phase(), Phase::Analysing);
    assert!(matches!(s.wait(), Some(Event::Stopped(Phase::Analysing))));
    assert!(s.wait().is_none());
}

#[test]
fn a_cancelled_open_leaves_no_cache_entry_behind() {
    let (_d, articles, cache) = folder();
    let mut s = Session::open(opening(&articles, &cache));
    s.cancel();
    let seen = events(&mut s);
    let (_, outcome) = analysed(&seen);
    assert!(!outcome.stored);
    assert_eq!(cache.usage(&analysis::stored::ANALYSES).0, 0);
    crate::cache::finish_writes();
    let leftovers = walk(cache.dir());
    assert!(
        leftovers
            .iter()
            .all(|p| !p.to_string_lossy().contains(".tmp-")),
        "{leftovers:?}"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in entries.map(|e| e.unwrap().path()) {
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_warm_open_reports_again_the_articles_the_analyser_failed_on() {
    let (_d, articles, cache) = folder();
    let seen = events(&mut Session::open(opening(&articles, &cache)));
    let corpus = loaded(&seen);
    // The stored analysis as one that failed on the second article.
    let mut failed = analysed(&seen).0.clone();
    failed.failures.push(analysis::Failure {
        article: Some(1),
        why: "the entity analysis failed (cut)".into(),
    });
    let lexicon = analysis::Lexicon::default();
    let key = analysis::stored::corpus_key(&corpus, &lexicon);
    analysis::stored::store(&cache, &key, &corpus, &failed).unwrap();

    let seen = events(&mut Session::open(opening(&articles, &cache)));
    let (again, outcome) = analysed(&seen);
    assert!(outcome.from_cache);
    assert_eq!(again.failures, failed.failures);
    let name = crate::corpus::sanitize_line(&corpus.articles[1].path);
    assert_eq!(
        outcome.warnings,
        [format!(
            "{name}: the entity analysis failed (cut); shown without entities or facts"
        )]
    );
}
