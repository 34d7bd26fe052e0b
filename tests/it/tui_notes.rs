//! Notes in the reader on ratatui's TestBackend: highlights and notes made with keys, found
//! again by a new reader on the same data folder, tags, delete and undo, the notes list,
//! export from the reader, and the configuration's colours and keys. Every test keeps its
//! notes in its own temporary folder.
#![cfg(feature = "app")]

use crate::keys;
use keys::{press, render, screen};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use recoupe::analysis::analyse;
use recoupe::config::Config;
use recoupe::corpus::Corpus;
use recoupe::notes::store_path;
use recoupe::text::Span;
use recoupe::tui::{App, Focus, Overlay, Theme};
use std::path::Path;
use tempfile::TempDir;

/// A reader on the bundled articles at 120×40, its notes in `dir`, without colours.
fn app(dir: &Path) -> App {
    let corpus = Corpus::bundled();
    let analysis = analyse(&corpus);
    let mut app = App::new(corpus, analysis);
    app.theme = Theme::new(true);
    app.resize(120, 40);
    app.open_notes(Some(dir));
    app
}

/// The same reader with a configuration applied (colours on).
fn configured(dir: &Path, config: &Config) -> App {
    let corpus = Corpus::bundled();
    let analysis = analyse(&corpus);
    let mut app = App::new(corpus, analysis);
    app.configure(config, false);
    app.resize(120, 40);
    app.open_notes(Some(dir));
    app
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, modifiers));
}

/// The symbols of the cells of `area` that satisfy `keep`, in reading order, without spaces.
fn cells_where(buf: &Buffer, area: Rect, keep: impl Fn(&Cell) -> bool) -> String {
    let mut out = String::new();
    for y in area.y..area.y + area.height {
        for x in area.x..area.x + area.width {
            if keep(&buf[(x, y)]) {
                out.push_str(buf[(x, y)].symbol());
            }
        }
    }
    out.split_whitespace().collect()
}

fn no_spaces(s: &str) -> String {
    s.split_whitespace().collect()
}

fn sentence(app: &App, i: usize) -> Span {
    app.article().unwrap().structure.sentences[i].span
}

fn text(app: &App, span: Span) -> String {
    app.article().unwrap().text[span.range()].to_owned()
}

fn message(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

#[test]
fn a_note_typed_with_accents_is_found_again_by_a_new_reader() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    press(&mut a, "j<Enter>jj");
    assert_eq!((a.reader.article, a.reader.cursor), (Some(1), 2));
    let passage = sentence(&a, 2);
    press(&mut a, "a");
    assert!(a.notes.edit.is_some(), "a opens the note editor");
    press(
        &mut a,
        "Vérifié à Genève ?<Backspace><Backspace>, sûr<Enter>",
    );
    assert!(a.notes.edit.is_none());
    assert!(message(&a).contains("note saved"), "{}", message(&a));
    drop(a);

    let mut b = app(dir.path());
    assert_eq!((b.reader.article, b.reader.cursor), (Some(1), 2));
    assert_eq!(b.highlight_spans(), [passage]);
    let id = b.note_under_cursor().expect("the note under the cursor");
    let store = b.notes.store.as_ref().unwrap();
    assert_eq!(store.get(&id).unwrap().body, "Vérifié à Genève, sûr");

    // Drawn without colours: underlined, and nothing else of the pane is.
    press(&mut b, "jj");
    let t = render(&b);
    let view = b.reader_view();
    let underlined = cells_where(t.backend().buffer(), view, |c| {
        c.modifier.contains(Modifier::UNDERLINED)
    });
    assert_eq!(underlined, no_spaces(&text(&b, passage)));

    // The notes overlay lists it and Enter jumps to it.
    press(&mut b, "gg'");
    assert_eq!(b.overlays, [Overlay::Notes { selected: 0 }]);
    let shown = screen(render(&b).backend().buffer());
    assert!(shown.contains("Vérifié à Genève, sûr"), "{shown}");
    assert!(shown.contains("Notes (1)"));
    press(&mut b, "<Enter>");
    assert!(b.overlays.is_empty());
    assert_eq!((b.reader.article, b.reader.cursor), (Some(1), 2));
    assert_eq!(b.focus, Focus::Reader);
}

#[test]
fn v_j_j_a_highlights_three_sentences() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    press(&mut a, "<Enter>jvjj");
    assert_eq!(
        a.selection_span(),
        Some(Span::new(sentence(&a, 1).start, sentence(&a, 3).end))
    );
    press(&mut a, "a<Esc>");
    assert_eq!(message(&a), "highlight kept without a note");
    assert_eq!(a.notes.selection, None);
    assert_eq!(
        a.highlight_spans(),
        [Span::new(sentence(&a, 1).start, sentence(&a, 3).end)]
    );
    let store = a.notes.store.as_ref().unwrap();
    assert_eq!(store.notes()[0].body, "");
    // Esc cancels a selection without making anything.
    press(&mut a, "jvj<Esc>a<Esc>");
    assert_eq!(a.highlight_spans().len(), 2);
    assert_eq!(a.highlight_spans()[1], sentence(&a, 5));
}

#[test]
fn t_edits_the_tags_of_the_highlight_under_the_cursor() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    press(&mut a, "<Enter>t");
    assert!(a.notes.edit.is_none());
    assert!(message(&a).contains("no highlight here"));
    press(&mut a, "a<Enter>t");
    press(&mut a, "urgent, à-vérifier #source source<Enter>");
    let tags = |a: &App| a.notes.store.as_ref().unwrap().notes()[0].tags.clone();
    assert_eq!(tags(&a), ["urgent", "à-vérifier", "source"]);
    assert!(message(&a).contains("#urgent #à-vérifier #source"));
    press(&mut a, "t");
    assert_eq!(
        a.notes.edit.as_ref().unwrap().input.text,
        "urgent, à-vérifier, source"
    );
    press(&mut a, "<Esc>");
    assert_eq!(tags(&app(dir.path())).len(), 3, "saved for the next reader");
}

#[test]
fn x_deletes_the_highlight_and_u_brings_it_back() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    press(&mut a, "<Enter>ja");
    press(&mut a, "garder<Enter>");
    press(&mut a, "jx");
    assert!(message(&a).contains("no highlight here"));
    press(&mut a, "kx");
    assert!(a.highlight_spans().is_empty());
    assert!(
        app(dir.path()).highlight_spans().is_empty(),
        "deletion saved"
    );
    press(&mut a, "u");
    assert_eq!(a.highlight_spans(), [sentence(&a, 1)]);
    press(&mut a, "u");
    assert_eq!(message(&a), "nothing to undo");
    let b = app(dir.path());
    assert_eq!(b.notes.store.as_ref().unwrap().notes()[0].body, "garder");
}

#[test]
fn the_last_article_and_sentence_come_back() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    press(&mut a, "jjj<Enter>jjjj");
    press(&mut a, "q");
    assert!(a.should_quit());
    drop(a);
    let b = app(dir.path());
    assert_eq!((b.reader.article, b.reader.cursor), (Some(3), 4));
    assert_eq!(b.focus, Focus::Reader);
    let other = TempDir::new().unwrap();
    assert_eq!(app(other.path()).reader.article, Some(0));
}

#[test]
fn e_exports_into_the_configured_folder_and_never_overwrites() {
    let dir = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    let mut config = Config::default();
    config.export.dir = out.path().to_owned();
    config.export.format = "json".into();
    let mut a = configured(dir.path(), &config);
    press(&mut a, "<Enter>a");
    press(&mut a, "à exporter<Enter>");
    press(&mut a, "E");
    assert_eq!(a.overlays, [Overlay::Export { selected: 1 }]);
    assert!(screen(render(&a).backend().buffer()).contains("markdown"));
    press(&mut a, "m");
    assert!(a.overlays.is_empty());
    let files = || {
        let mut v: Vec<_> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    let first = files();
    assert_eq!(first.len(), 1);
    assert!(message(&a).contains(&first[0].display().to_string()));
    let markdown = std::fs::read_to_string(&first[0]).unwrap();
    assert!(markdown.contains("à exporter"));
    press(&mut a, "Em");
    press(&mut a, "E<Down><Enter>");
    press(&mut a, "E<Enter>");
    let all = files();
    assert_eq!(all.len(), 4);
    assert_eq!(std::fs::read_to_string(&first[0]).unwrap(), markdown);
    let exts: Vec<_> = all
        .iter()
        .map(|p| p.extension().unwrap().to_str().unwrap().to_owned())
        .collect();
    assert_eq!(exts.iter().filter(|e| *e == "md").count(), 2);
    assert!(exts.contains(&"jsonld".to_owned()) && exts.contains(&"json".to_owned()));
    press(&mut a, "E<Esc>");
    assert!(a.overlays.is_empty());
    assert_eq!(files().len(), 4);
}

#[test]
fn a_key_remapped_in_the_config_moves_the_cursor() {
    let dir = TempDir::new().unwrap();
    let mut config = Config::default();
    config.keys.insert("next".into(), vec!["ctrl-n".into()]);
    config.keys.insert("fly".into(), vec!["z".into()]);
    config.keys.insert("top".into(), vec!["hyper-q".into()]);
    let mut a = configured(dir.path(), &config);
    let said = message(&a);
    assert!(
        said.contains("keys.fly") && said.contains("keys.top"),
        "{said}"
    );
    press(&mut a, "<Enter>");
    key(&mut a, KeyCode::Char('n'), KeyModifiers::CONTROL);
    key(&mut a, KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(a.reader.cursor, 2);
    press(&mut a, "j");
    assert_eq!(a.reader.cursor, 2, "j is no longer bound");
    press(&mut a, "g");
    assert_eq!(a.reader.cursor, 0, "a bad entry leaves the default keys");
}

#[test]
fn theme_colours_from_the_config_reach_the_screen() {
    let dir = TempDir::new().unwrap();
    let mut config = Config::default();
    config.theme.insert("highlight".into(), "#123456".into());
    config.theme.insert("cursor".into(), "#654321".into());
    let mut a = configured(dir.path(), &config);
    press(&mut a, "<Enter>ja<Enter>j");
    let t = render(&a);
    let buf = t.backend().buffer();
    let view = a.reader_view();
    let highlighted = cells_where(buf, view, |c| c.bg == Color::Rgb(0x12, 0x34, 0x56));
    assert_eq!(highlighted, no_spaces(&text(&a, sentence(&a, 1))));
    let cursor = cells_where(buf, view, |c| c.bg == Color::Rgb(0x65, 0x43, 0x21));
    assert_eq!(cursor, no_spaces(&text(&a, sentence(&a, 2))));

    let mut mono = App::new(Corpus::bundled(), analyse(&Corpus::bundled()));
    mono.configure(&config, true);
    assert_eq!(
        mono.theme,
        Theme::new(true),
        "NO_COLOR wins over the config"
    );
}

#[test]
fn notes_are_off_without_a_data_folder_and_store_problems_are_shown() {
    let mut a = App::new(Corpus::bundled(), analyse(&Corpus::bundled()));
    a.open_notes(None);
    assert!(message(&a).contains("notes are off"));
    press(&mut a, "<Enter>a'E");
    assert!(a.notes.edit.is_none() && a.overlays.is_empty());
    assert!(message(&a).contains("notes are off"));

    let dir = TempDir::new().unwrap();
    let path = store_path(dir.path(), &Corpus::bundled());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"{ not json").unwrap();
    let mut b = app(dir.path());
    assert!(message(&b).contains("could not be read"), "{}", message(&b));

    // The store file turned into a folder: saving fails, the reader says so and goes on.
    std::fs::remove_file(&path).ok();
    std::fs::create_dir(&path).unwrap();
    press(&mut b, "<Enter>a");
    assert!(message(&b).contains("NOT saved"), "{}", message(&b));
    press(&mut b, "kept in memory<Enter>");
    assert!(message(&b).contains("NOT saved"));
    assert_eq!(b.highlight_spans().len(), 1);
}

#[test]
fn the_editor_moves_by_character_and_alt_enter_breaks_lines() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    press(&mut a, "<Enter>a");
    press(&mut a, "ça<Left><Left>Déjà ");
    key(&mut a, KeyCode::Enter, KeyModifiers::ALT);
    press(&mut a, "x");
    key(&mut a, KeyCode::End, KeyModifiers::NONE);
    key(&mut a, KeyCode::Home, KeyModifiers::NONE);
    key(&mut a, KeyCode::Delete, KeyModifiers::NONE);
    assert_eq!(a.notes.edit.as_ref().unwrap().input.text, "éjà \nxça");
    let shown = screen(render(&a).backend().buffer());
    assert!(shown.contains("éjà") && shown.contains("xça"), "{shown}");
    press(&mut a, "<Enter>");
    let store = a.notes.store.as_ref().unwrap();
    assert_eq!(store.notes()[0].body, "éjà \nxça");
}

#[test]
fn a_note_whose_passage_is_gone_is_listed_as_an_orphan_with_its_quote() {
    use recoupe::corpus::{load_paths, LoadOptions};
    let files = TempDir::new().unwrap();
    let data = TempDir::new().unwrap();
    let path = files.path().join("budget.txt");
    let write = |body: &str| {
        std::fs::write(
            &path,
            format!("Le budget\n\nUne phrase pour commencer. {body}La fin arrive ici.\n"),
        )
        .unwrap()
    };
    let open = || {
        let corpus = load_paths(&[files.path().to_owned()], &LoadOptions::default());
        let mut a = App::new(corpus.clone(), analyse(&corpus));
        a.theme = Theme::new(true);
        a.resize(120, 40);
        a.open_notes(Some(data.path()));
        a
    };
    // An article that stays the same tells the store the corpus is the same one.
    std::fs::write(
        files.path().join("autre.txt"),
        "Autre\n\nRien ne change ici.\n",
    )
    .unwrap();
    write("Le déficit atteint trois milliards cette année. ");
    let mut a = open();
    let budget = a
        .corpus
        .articles
        .iter()
        .position(|x| x.title == "Le budget")
        .unwrap();
    a.open_article(budget);
    let target = (0..a.article().unwrap().structure.sentences.len())
        .find(|&i| text(&a, sentence(&a, i)).contains("déficit"))
        .unwrap();
    a.reader.cursor = target;
    press(&mut a, "aà revoir<Enter>");
    assert_eq!(a.highlight_spans().len(), 1);
    drop(a);

    write("");
    let mut b = open();
    assert!(b.highlight_spans().is_empty(), "never attached elsewhere");
    press(&mut b, "'");
    let shown = screen(render(&b).backend().buffer());
    assert!(
        shown.contains("[orphan] «Le déficit atteint trois milliards"),
        "{shown}"
    );
    assert!(shown.contains("à revoir"));
    press(&mut b, "<Enter>");
    assert!(message(&b).contains("orphan"), "{}", message(&b));
}
