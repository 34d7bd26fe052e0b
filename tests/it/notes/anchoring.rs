//! Re-anchoring after an article's text changed: moves with inserted text or a changed
//! word, becomes an orphan when the passage is gone, never jumps to another article.

use super::support::{article, corpus, sentence, span_of};
use recoupe::corpus::{Article, Corpus};
use recoupe::notes::{anchor, resolve, Anchor, Store};

/// A bundled article and the index of a long sentence in the middle of it.
fn seed() -> (Article, usize) {
    let a = Corpus::bundled().articles.remove(0);
    let i = (3..a.structure.sentences.len())
        .find(|&i| sentence(&a, i).len() > 120)
        .expect("a long sentence");
    (a, i)
}

fn edited(a: &Article, text: String) -> Article {
    article(&a.id, &a.title, &text)
}

#[test]
fn a_paragraph_inserted_before_moves_the_note() {
    let (a, i) = seed();
    let span = a.structure.sentences[i].span;
    let target = anchor(&a, span);
    let para = a.structure.paragraphs[a.structure.sentences[i].paragraph].span;
    let added = "Un paragraphe ajouté depuis, qui ne dit rien de neuf.\n\n";
    let text = format!("{}{added}{}", &a.text[..para.start], &a.text[para.start..]);
    let b = edited(&a, text);
    let got = resolve(&b.text, &target);
    assert!(matches!(got, Anchor::Moved(_)), "{got:?}");
    let s = got.span().unwrap();
    assert_eq!(s.start, span.start + added.len());
    assert_eq!(b.slice(s), a.slice(span));
}

#[test]
fn a_word_changed_inside_the_passage_moves_the_note_onto_the_new_wording() {
    let (a, i) = seed();
    let span = a.structure.sentences[i].span;
    let target = anchor(&a, span);
    let old = a.slice(span);
    let word = old.split(' ').nth(4).unwrap();
    let new_sentence = old.replacen(word, "REMPLACÉ", 1);
    let text = a.text.replacen(old, &new_sentence, 1);
    // And some text before, so the old offsets are wrong too.
    let b = edited(&a, format!("Chapeau.\n\n{text}"));
    let got = resolve(&b.text, &target);
    assert!(matches!(got, Anchor::Moved(_)), "{got:?}");
    assert_eq!(b.slice(got.span().unwrap()), new_sentence);
}

#[test]
fn a_deleted_passage_makes_an_orphan() {
    let (a, i) = seed();
    let span = a.structure.sentences[i].span;
    let target = anchor(&a, span);
    let text = format!("{}{}", &a.text[..span.start], &a.text[span.end..]);
    let b = edited(&a, text);
    assert_eq!(resolve(&b.text, &target), Anchor::Orphan);
}

#[test]
fn a_passage_rewritten_beyond_recognition_makes_an_orphan() {
    let (a, i) = seed();
    let span = a.structure.sentences[i].span;
    let target = anchor(&a, span);
    let text = a
        .text
        .replacen(a.slice(span), "Tout autre chose est dite ici désormais.", 1);
    assert_eq!(resolve(&edited(&a, text).text, &target), Anchor::Orphan);
}

const SHARED: &str =
    "La banque a refusé de partager les données de ses clients avec le réseau social.";

fn twins() -> Corpus {
    corpus(vec![
        article(
            "a",
            "Premier",
            &format!("Titre A\n\nIntroduction de A.\n\n{SHARED} Suite de A.\n"),
        ),
        article(
            "b",
            "Second",
            &format!("Titre B\n\nAutre introduction.\n\n{SHARED} Suite de B.\n"),
        ),
    ])
}

#[test]
fn with_two_articles_holding_the_same_sentence_a_note_never_jumps_article() {
    let dir = tempfile::tempdir().unwrap();
    let c = twins();
    let (mut store, _) = Store::open_for(dir.path(), &c).unwrap();
    let span = span_of(&c.articles[1].text, SHARED);
    store.add(&c.articles[1], span, "sur B");
    store.save().unwrap();

    // Unchanged: on B, exactly.
    let placed = store.place(&c);
    assert_eq!(
        (placed[0].article, placed[0].anchor),
        (Some(1), Anchor::Exact(span))
    );

    // B loses the sentence; A still has it: the note is an orphan of B.
    let mut gone = twins();
    let b = &gone.articles[1];
    gone.articles[1] = article("b", "Second", &b.text.replacen(SHARED, "", 1));
    let (reopened, _) = Store::open_for(dir.path(), &gone).unwrap();
    let placed = reopened.place(&gone);
    assert_eq!(placed.len(), 1);
    assert_eq!(
        (placed[0].article, placed[0].anchor),
        (Some(1), Anchor::Orphan)
    );
    assert!(reopened.notes_for(&gone, 0).is_empty());

    // B is no longer in the corpus at all: attached to nothing.
    let only_a = corpus(vec![twins().articles.remove(0)]);
    let placed = reopened.place(&only_a);
    assert_eq!(
        (placed[0].article, placed[0].anchor),
        (None, Anchor::Orphan)
    );
}
