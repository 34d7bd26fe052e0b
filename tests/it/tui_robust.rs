//! The reader at awkward sizes, under resize storms, with the mouse, and on text that is
//! hard to lay out (wide characters, no-break spaces, tabs): nothing panics and what is
//! drawn stays inside its pane.
#![cfg(feature = "app")]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use recoupe::analysis::{analyse, Analysis};
use recoupe::corpus::{Article, Corpus, Meta};
use recoupe::tui::wrap::is_break_space;
use recoupe::tui::{draw, App, Focus};

fn bundled() -> App {
    let corpus = Corpus::bundled();
    let analysis = analyse(&corpus);
    App::new(corpus, analysis)
}

fn draw_at(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    app.handle_mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

#[test]
fn every_small_size_draws_and_takes_keys_without_panic() {
    let keys = [
        KeyCode::Enter,
        KeyCode::Char('j'),
        KeyCode::Char('G'),
        KeyCode::Char(' '),
        KeyCode::Tab,
        KeyCode::Char('?'),
        KeyCode::Char('/'),
        KeyCode::Char('a'),
        KeyCode::Enter,
        KeyCode::Char('n'),
    ];
    for w in 1..=20 {
        for h in 1..=6 {
            let mut app = bundled();
            app.resize(w, h);
            draw_at(&app, w, h);
            for k in keys {
                key(&mut app, k);
                mouse(
                    &mut app,
                    MouseEventKind::Down(MouseButton::Left),
                    w / 2,
                    h / 2,
                );
                mouse(&mut app, MouseEventKind::ScrollDown, w / 2, h / 2);
                draw_at(&app, w, h);
            }
        }
    }
}

#[test]
fn too_small_terminals_say_so() {
    let buf = draw_at(&bundled(), 9, 3);
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("Terminal"), "{text:?}");
}

#[test]
fn a_resize_storm_keeps_the_cursor_on_screen() {
    let mut app = bundled();
    app.resize(120, 40);
    for code in [
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Enter,
    ] {
        key(&mut app, code);
    }
    for _ in 0..12 {
        key(&mut app, KeyCode::Char('j'));
    }
    let mut seed = 7u32;
    for _ in 0..300 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let w = (seed >> 8) % 200 + 1;
        let h = (seed >> 20) % 60 + 1;
        app.resize(w as u16, h as u16);
        draw_at(&app, w as u16, h as u16);
    }
    app.resize(100, 30);
    draw_at(&app, 100, 30);
    let view = app.reader_view().height as usize;
    let (first, _) = app.cursor_lines().unwrap();
    assert!((app.reader.scroll..app.reader.scroll + view).contains(&first));
    assert_eq!(app.reader.cursor, 12);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_a_click_selects() {
    let mut app = bundled();
    app.resize(120, 40);
    let areas = app.areas();
    let list = areas.list.unwrap();
    let reader = areas.reader.unwrap();
    mouse(
        &mut app,
        MouseEventKind::ScrollDown,
        reader.x + 5,
        reader.y + 5,
    );
    assert_eq!(app.reader.scroll, 3);
    assert_eq!(app.focus, Focus::List, "the wheel does not move the focus");
    mouse(
        &mut app,
        MouseEventKind::ScrollUp,
        reader.x + 5,
        reader.y + 5,
    );
    assert_eq!(app.reader.scroll, 0);
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.y + 4,
    );
    assert_eq!((app.focus, app.list.selected), (Focus::List, 3));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.reader.article, Some(3));
    let view = app.reader_view();
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        view.x + 2,
        view.y + 6,
    );
    assert_eq!(app.focus, Focus::Reader);
    assert!(
        app.reader.cursor > 0,
        "a click moves the cursor to the sentence under it"
    );
}

fn article(text: &str) -> App {
    let title = text.lines().next().unwrap().to_owned();
    let a = Article::new(
        "wide".into(),
        title,
        "wide.txt".into(),
        text.into(),
        Meta::default(),
    );
    App::new(
        Corpus {
            articles: vec![a],
            warnings: vec![],
        },
        Analysis::default(),
    )
}

/// The text of the reading pane's rows, each as drawn.
fn reader_rows(app: &App, buf: &Buffer) -> Vec<String> {
    let view = app.reader_view();
    (view.y..view.y + view.height)
        .map(|y| {
            (view.x..view.x + view.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

#[test]
fn wide_characters_and_no_break_spaces_wrap_inside_the_pane() {
    let body = "日本語の文章は空白なしで続きます。絵文字🎉も👨‍👩‍👧も二桁幅です。 Il a dit\u{A0}: «\u{A0}oui\u{A0}» et\tpuis 1\u{202F}000\u{A0}€.";
    let mut app = article(&format!("Titre\n\n{body}\n"));
    app.set_focus(Focus::Reader);
    for width in [24u16, 31, 40] {
        app.resize(width, 20);
        let buf = draw_at(&app, width, 20);
        let view = app.reader_view();
        let rows = reader_rows(&app, &buf);
        let joined: String = rows.iter().skip(2).map(|r| r.replace(' ', "")).collect();
        let expected: String = body.chars().filter(|&c| !is_break_space(c)).collect();
        assert_eq!(joined, expected, "text lost or changed at width {width}");
        for y in view.y..view.y + view.height {
            let edge = &buf[(view.x + view.width, y)];
            assert!(
                edge.symbol() == " " || edge.symbol() == "│",
                "text spilled at width {width}"
            );
        }
        for row in &rows {
            assert!(
                !row.starts_with(':') && !row.starts_with('»') && !row.starts_with('€'),
                "{row:?} broken at a no-break space"
            );
        }
    }
}
