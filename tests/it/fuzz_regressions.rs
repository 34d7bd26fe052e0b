//! Replays the minimised fuzz corpus in `tests/fixtures/fuzz/<target>/` through the same
//! checks the fuzz targets run (`recoupe::fuzzing`), so that `cargo test` keeps every
//! finding fixed without a nightly compiler. Each file is one input; files named after a
//! bug pin that bug, the others are a small set of inputs covering each target's paths.

use recoupe::fuzzing;
use std::path::Path;

/// Runs `check` on every file of the target's folder; fails naming the file that broke.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regression inputs for {target}");
    for f in files {
        let data = std::fs::read(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if let Err(e) = std::panic::catch_unwind(|| check(&data)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{target}/{name}: {msg}");
        }
    }
}

#[test]
fn decode_sanitize_corpus() {
    replay("decode_sanitize", fuzzing::check_decode);
}

#[test]
fn formats_corpus() {
    replay("formats", fuzzing::check_formats);
}

#[test]
fn segmentation_corpus() {
    replay("segmentation", fuzzing::check_segmentation);
}

#[test]
fn entities_corpus() {
    replay("entities", fuzzing::check_entities);
}

#[test]
fn analysis_corpus() {
    replay("analysis", fuzzing::check_analysis);
}

#[test]
fn notes_corpus() {
    replay("notes", fuzzing::check_notes);
}

/// Found by fuzzing: `ESC . \n` swallowed the line break as the escape's final byte.
#[test]
fn escape_cut_short_by_a_newline_keeps_it() {
    fuzzing::check_decode(b"\x1b.\n");
    let (text, _) = recoupe::corpus::decode(b"Un.\x1b(\nDeux.").unwrap();
    assert_eq!(text, "Un.\nDeux.");
}

/// Properties checked on generated corpora rather than fuzzed bytes.
mod properties {
    use proptest::prelude::*;
    use recoupe::corpus::{Article, Corpus, Meta};
    use recoupe::entities::{analyse, Kind};
    use recoupe::notes::{export_json, import_json, Store};
    use recoupe::text::Span;
    use std::collections::BTreeSet;

    /// Words a news sentence is made of: names in several forms, figures, plain words.
    const PIECES: [&str; 24] = [
        "Emmanuel Macron",
        "Macron",
        "le président",
        "Paris",
        "la Banque de France",
        "Banque de France",
        "Facebook",
        "Facebrook",
        "JPMorgan Chase",
        "Chase",
        "a dit",
        "hier",
        "à",
        "Lyon",
        "que",
        "12 millions d'euros",
        "3 %",
        "le 4 mars",
        "Jean Dupont",
        "M. Dupont",
        "l'Insee",
        "Insee",
        "selon",
        "les données",
    ];

    fn article(i: usize, pieces: &[usize]) -> Article {
        let mut text = String::new();
        for (k, p) in pieces.iter().enumerate() {
            text.push_str(PIECES[*p]);
            text.push_str(if k % 6 == 5 { ".\n\n" } else { " " });
        }
        text.push('.');
        Article::new(
            format!("a{i}"),
            String::new(),
            String::new(),
            text,
            Meta::default(),
        )
    }

    /// Each entity as (kind, name and aliases): what a reader sees, whatever the order.
    fn entity_set(c: &Corpus) -> BTreeSet<(Kind, BTreeSet<String>)> {
        let e = analyse(c);
        e.entities
            .iter()
            .map(|x| {
                let mut names: BTreeSet<String> =
                    x.aliases.iter().map(|a| a.name.clone()).collect();
                names.insert(x.name.clone());
                (x.kind, names)
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Shuffling the articles gives the same entities, with the same names.
        #[test]
        fn resolution_does_not_depend_on_article_order(
            arts in prop::collection::vec(prop::collection::vec(0..PIECES.len(), 3..25), 2..5),
            seed in any::<u64>(),
        ) {
            let corpus = Corpus { articles: arts.iter().enumerate().map(|(i, p)| article(i, p)).collect(), warnings: vec![] };
            let mut shuffled = corpus.clone();
            let n = shuffled.articles.len();
            let mut s = seed;
            for i in (1..n).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.articles.swap(i, (s >> 33) as usize % (i + 1));
            }
            prop_assert_eq!(entity_set(&corpus), entity_set(&shuffled));
        }

        /// Notes exported as JSON and imported into an empty store come back the same.
        #[test]
        fn notes_survive_export_and_import(
            picks in prop::collection::vec((0usize..5, 0usize..400, 0usize..400, "\\PC{0,30}", prop::collection::vec("[a-zé]{1,8}", 0..3)), 1..6),
        ) {
            let corpus = Corpus::bundled();
            let dir = tempfile::tempdir().unwrap();
            let (mut store, _) = Store::open(dir.path().join("a.json"), &corpus.fingerprint()).unwrap();
            for (a, x, y, body, tags) in &picks {
                let art = &corpus.articles[*a];
                let bounds: Vec<usize> = art.text.char_indices().map(|(i, _)| i).collect();
                let (x, y) = (bounds[x % bounds.len()], bounds[y % bounds.len()]);
                let id = store.add(art, Span::new(x.min(y), x.max(y) + 1), body).id.clone();
                store.set_tags(&id, tags);
            }
            let exported = export_json(store.data());
            let (mut fresh, _) = Store::open(dir.path().join("b.json"), &corpus.fingerprint()).unwrap();
            prop_assert_eq!(import_json(&mut fresh, exported.as_bytes()).unwrap(), picks.len());
            let sanitized: Vec<_> = store.notes().iter().map(|n| {
                let mut n = n.clone();
                n.body = recoupe::corpus::sanitize(&n.body).into_owned();
                n
            }).collect();
            prop_assert_eq!(fresh.notes(), &sanitized[..]);
        }
    }
}

#[cfg(feature = "app")]
#[test]
fn wrap_corpus() {
    replay("wrap", fuzzing::check_wrap);
}

/// Found by fuzzing (notes): a quote at the very start of an article, present twice, with
/// text then inserted before it, was "found" as the inserted text plus the quote.
#[test]
fn an_ambiguous_unchanged_quote_is_not_widened_over_inserted_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/notes");
    fuzzing::check_notes(&std::fs::read(dir.join("ambiguous_quote_at_text_start")).unwrap());
}

/// Found by fuzzing (wrap), not fixed yet: a letter with combining marks followed by tabs
/// at width 4 gives a line wider than the width (the tabs stay in the last line).
#[cfg(feature = "app")]
#[test]
fn wrap_trailing_tabs_stay_within_the_width() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/open");
    fuzzing::check_wrap(
        &std::fs::read(dir.join("wrap_trailing_tabs_after_combining_marks")).unwrap(),
    );
}
