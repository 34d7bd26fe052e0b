//! Driving the reader in tests: key sequences written as text, and the screen as text.

#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use recoupe::tui::{draw, App};

/// Draws the app once on a test terminal of its size.
pub fn render(app: &App) -> Terminal<TestBackend> {
    let size = app.size();
    let mut t = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    t
}

/// Presses each key of `keys`: a character each, or `<Name>` for named keys.
pub fn press(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (code, len) = if c == '<' {
            let end = rest.find('>').expect("closed <key>");
            let code = match &rest[1..end] {
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Down" => KeyCode::Down,
                "Up" => KeyCode::Up,
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "PageDown" => KeyCode::PageDown,
                "PageUp" => KeyCode::PageUp,
                "Backspace" => KeyCode::Backspace,
                "Delete" => KeyCode::Delete,
                other => panic!("unknown key {other}"),
            };
            (code, end + 1)
        } else {
            (KeyCode::Char(c), c.len_utf8())
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        rest = &rest[len..];
    }
}

/// The whole screen as lines of text.
pub fn screen(buf: &Buffer) -> String {
    let area = buf.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect::<Vec<String>>()
        .join("\n")
}

/// The start of each bundled article's title, as the list shows it at 120 columns.
pub const TITLES: [&str; 5] = [
    "Facebook voulait",
    "Les rapports que",
    "Pour ceux qui n’",
    "date 2018-08 Fac",
    "Facebook veut ac",
];
