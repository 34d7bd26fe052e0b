//! The reader on ratatui's TestBackend, driven by synthetic keys: what the screen shows
//! for the bundled articles, and what key sequences do to it.
#![cfg(feature = "app")]

use crate::keys;
use keys::{press, render, screen, TITLES};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use recoupe::analysis::analyse;
use recoupe::corpus::Corpus;
use recoupe::tui::{App, Focus, Theme};

/// A reader on the bundled articles sized `w`×`h`, without colours so styles are plain
/// modifiers.
fn app(w: u16, h: u16) -> App {
    let corpus = Corpus::bundled();
    let analysis = analyse(&corpus);
    let mut app = App::new(corpus, analysis);
    app.theme = Theme::new(true);
    app.resize(w, h);
    app
}

/// Where `needle` starts on screen, as (x, y).
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in 0..area.height {
        let mut row = String::new();
        let mut xs = Vec::new();
        for x in 0..area.width {
            xs.push((row.len(), x));
            row.push_str(buf[(x, y)].symbol());
        }
        if let Some(at) = row.find(needle) {
            let x = xs
                .iter()
                .rev()
                .find(|(b, _)| *b <= at)
                .map_or(0, |(_, x)| *x);
            return Some((x, y));
        }
    }
    None
}

/// The modifiers of the first cell of `needle` on screen.
fn modifiers_at(buf: &Buffer, needle: &str) -> Modifier {
    let (x, y) =
        find(buf, needle).unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", screen(buf)));
    buf[(x, y)].modifier
}

fn status_line(buf: &Buffer) -> String {
    let y = buf.area.height - 1;
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn first_screen_at_120x40() {
    let t = render(&app(120, 40));
    let buf = t.backend().buffer();
    for title in TITLES {
        assert!(find(buf, title).is_some(), "{title} missing");
    }
    assert!(status_line(buf).contains(" 1/5 "));
    assert!(screen(buf).contains("ORG"), "the side panel lists entities");
    insta::assert_snapshot!("first_screen_120x40", screen(buf));
}

#[test]
fn first_screen_at_20x6() {
    let t = render(&app(20, 6));
    let buf = t.backend().buffer();
    assert!(find(buf, "Facebook voulait").is_some());
    insta::assert_snapshot!("first_screen_20x6", screen(buf));
}

#[test]
fn enter_opens_the_third_article_and_j_moves_by_sentence() {
    let mut a = app(120, 40);
    press(&mut a, "jj<Enter>");
    assert_eq!(a.focus, Focus::Reader);
    assert_eq!(a.reader.article, Some(2));
    let t = render(&a);
    let buf = t.backend().buffer();
    assert!(status_line(buf).starts_with(" 3/5 "));
    // The title is drawn above the text; the cursor is on the text's first sentence.
    assert!(!modifiers_at(buf, "Pour ceux qui").contains(Modifier::REVERSED));
    let (_, y) = find(buf, "D’après un rapport").unwrap();
    let x = a.reader_view().x;
    assert_eq!(
        buf[(x, y)].symbol(),
        "t",
        "the line starts with the end of sentence 0"
    );
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(!modifiers_at(buf, "D’après un rapport").contains(Modifier::REVERSED));

    press(&mut a, "jjj");
    assert_eq!(a.reader.cursor, 3);
    let t = render(&a);
    let buf = t.backend().buffer();
    assert!(modifiers_at(buf, "Le rapport insiste").contains(Modifier::REVERSED));
    assert!(!modifiers_at(buf, "Pour ceux qui").contains(Modifier::REVERSED));
    press(&mut a, "k<Up>");
    assert_eq!(a.reader.cursor, 1);
}

#[test]
fn search_highlights_counts_and_steps_with_n() {
    let mut a = app(120, 40);
    press(&mut a, "jj<Enter>/Messenger");
    let t = render(&a);
    assert!(status_line(t.backend().buffer()).contains("/Messenger  [2 matches]"));
    press(&mut a, "<Enter>");
    let t = render(&a);
    let buf = t.backend().buffer();
    assert!(
        status_line(buf).contains("/Messenger 1/2"),
        "{}",
        status_line(buf)
    );
    let text = a.article().unwrap().text.clone();
    let first = text.find("Messenger").unwrap();
    let sentence = a.article().unwrap().structure.sentences[a.reader.cursor].span;
    assert!(sentence.contains(first), "cursor is not on the first match");
    let m = modifiers_at(buf, "Messenger avec");
    assert!(m.contains(Modifier::BOLD | Modifier::UNDERLINED) && !m.contains(Modifier::REVERSED));
    assert!(modifiers_at(buf, "Messenger peut").contains(Modifier::BOLD | Modifier::UNDERLINED));

    press(&mut a, "n");
    let buf = render(&a).backend().buffer().clone();
    assert!(status_line(&buf).contains("/Messenger 2/2"));
    let second = text[first + 1..].find("Messenger").unwrap() + first + 1;
    let sentence = a.article().unwrap().structure.sentences[a.reader.cursor].span;
    assert!(sentence.contains(second));
    press(&mut a, "n");
    assert!(status_line(render(&a).backend().buffer()).contains("/Messenger 1/2"));
    press(&mut a, "N");
    assert!(status_line(render(&a).backend().buffer()).contains("/Messenger 2/2"));
    press(&mut a, "<Esc>");
    assert!(a.search.is_none());
}

#[test]
fn search_prompt_escape_restores_the_previous_search() {
    let mut a = app(120, 40);
    press(&mut a, "/Messenger<Enter>/zzz");
    assert_eq!(a.search.as_ref().map(|s| s.matches.len()), Some(0));
    press(&mut a, "<Esc>");
    assert_eq!(
        a.search.as_ref().map(|s| s.query.as_str()),
        Some("Messenger")
    );
    press(&mut a, "/qqqq<Enter>");
    assert!(status_line(render(&a).backend().buffer()).contains("not found: qqqq"));
}

#[test]
fn help_lists_every_key_with_its_name_moving_first_and_esc_closes_it() {
    let mut a = app(120, 40);
    press(&mut a, "?");
    let mut text = String::new();
    for _ in 0..4 {
        text.push_str(&screen(render(&a).backend().buffer()));
        press(&mut a, "<PageDown>");
    }
    press(&mut a, "g");
    for action in recoupe::tui::Action::all() {
        let keys = a.keymap.keys(action).join(", ");
        assert!(text.contains(&keys), "help lacks {keys}");
        assert!(text.contains(action.describe()));
        assert!(
            text.contains(&action.name()),
            "help lacks {}",
            action.name()
        );
    }
    let first = screen(render(&a).backend().buffer());
    let moving = first.find("Moving").expect("navigation comes first");
    assert!(first.find("Notes").is_none_or(|n| n > moving));
    press(&mut a, "j<Esc>");
    assert!(a.layers.is_empty());
    assert_eq!(
        a.list.selected, 0,
        "keys under the help do not reach the panes"
    );
}

#[test]
fn focus_moves_with_tab_and_h_l_and_q_quits_from_anywhere() {
    let mut a = app(120, 40);
    press(&mut a, "<Tab>");
    assert_eq!(a.focus, Focus::Reader);
    press(&mut a, "<Tab>");
    assert_eq!(a.focus, Focus::Side);
    press(&mut a, "<Tab>");
    assert_eq!(a.focus, Focus::List);
    press(&mut a, "<BackTab>");
    assert_eq!(a.focus, Focus::Side);
    press(&mut a, "hh");
    assert_eq!(a.focus, Focus::List);
    press(&mut a, "h");
    assert_eq!(a.focus, Focus::List);
    press(&mut a, "l");
    assert_eq!(a.focus, Focus::Reader);
    for keys in ["", "l", "ll"] {
        let mut b = app(120, 40);
        press(&mut b, keys);
        assert!(!b.should_quit());
        press(&mut b, "q");
        assert!(b.should_quit(), "q after {keys:?} did not quit");
    }
}

#[test]
fn q_in_a_window_closes_it_and_capital_q_or_ctrl_c_quit_from_it() {
    for window in ["?", "C", "<Tab><Tab>ji"] {
        let mut b = app(120, 40);
        press(&mut b, window);
        assert_eq!(b.layers.len(), 1, "{window} opens a window");
        press(&mut b, "q");
        assert!(b.layers.is_empty() && !b.should_quit(), "q closes {window}");
        press(&mut b, window);
        press(&mut b, "Q");
        assert!(b.should_quit(), "Q quits from {window}");
        let mut c = app(120, 40);
        press(&mut c, window);
        let fx = c.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        c.perform(fx);
        assert!(c.should_quit(), "Ctrl-C quits from {window}");
    }
    let mut d = app(120, 40);
    press(&mut d, "<Enter>/q");
    assert!(!d.should_quit(), "q is typed in the search");
    assert_eq!(d.prompt().unwrap().input.text, "q");
}

#[test]
fn paging_and_top_bottom_in_the_reader() {
    let mut a = app(60, 12);
    press(&mut a, "jjj<Enter>");
    assert!(status_line(render(&a).backend().buffer()).starts_with(" 4/5 "));
    press(&mut a, "G");
    let last = a.article().unwrap().structure.sentences.len() - 1;
    assert_eq!(a.reader.cursor, last);
    assert!(status_line(render(&a).backend().buffer()).contains("100%"));
    press(&mut a, "g");
    assert_eq!((a.reader.cursor, a.reader.scroll), (0, 0));
    press(&mut a, " ");
    let after_space = a.reader.scroll;
    assert!(after_space > 0);
    press(&mut a, "<PageDown>b");
    assert_eq!(a.reader.scroll, after_space);
    press(&mut a, "   ");
    assert!(a.reader.cursor > 0, "the cursor follows the page");
    let view = a.reader_view().height as usize;
    let (first, last) = a.cursor_lines().unwrap();
    assert!(last >= a.reader.scroll && first < a.reader.scroll + view);
    press(&mut a, "bbbbbbbbbbbb");
    assert_eq!(a.reader.scroll, 0);
}

#[test]
fn list_keys_move_the_selection() {
    let mut a = app(120, 40);
    press(&mut a, "G");
    assert_eq!(a.list.selected, 4);
    press(&mut a, "g<Down>");
    assert_eq!(a.list.selected, 1);
    press(&mut a, "jjjjjjj");
    assert_eq!(a.list.selected, 4);
    assert_eq!(
        a.reader.article,
        Some(0),
        "moving the selection does not open"
    );
}
