//! The reader's styles in one place, in two variants: coloured, and without any colour for
//! `NO_COLOR` (https://no-color.org), where bold, reverse and underline carry the meaning.

use super::theme_analysis::AnalysisTheme;
use ratatui::style::{Color, Modifier, Style};

/// Styles of every element the reader draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub heading: Style,
    pub text: Style,
    /// The current sentence in the reading pane.
    pub cursor: Style,
    pub search_match: Style,
    /// The match `n`/`N` last moved to.
    pub current_match: Style,
    /// The selected row of the focused list.
    pub selected: Style,
    /// The selected row of a list without the focus.
    pub selected_unfocused: Style,
    /// The article open in the reading pane, in the list.
    pub open: Style,
    pub dim: Style,
    pub status: Style,
    pub message: Style,
    /// Entity mentions, fact marks and coverage views.
    pub analysis: AnalysisTheme,
}

impl Theme {
    /// The theme for a terminal, without colours when `no_color` is set.
    pub fn new(no_color: bool) -> Theme {
        if no_color {
            Theme::monochrome()
        } else {
            Theme::coloured()
        }
    }

    fn coloured() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan).add_modifier(bold),
            title: Style::new().fg(Color::LightCyan).add_modifier(bold),
            heading: Style::new().fg(Color::Cyan).add_modifier(bold),
            text: Style::new(),
            cursor: Style::new()
                .bg(Color::Indexed(236))
                .add_modifier(Modifier::UNDERLINED),
            search_match: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(bold),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            open: Style::new().fg(Color::LightCyan).add_modifier(bold),
            dim: Style::new().fg(Color::DarkGray),
            status: Style::new().fg(Color::White).bg(Color::Indexed(235)),
            message: Style::new().fg(Color::Yellow).add_modifier(bold),
            analysis: AnalysisTheme::new(false),
        }
    }

    fn monochrome() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            border: Style::new(),
            border_focused: Style::new().add_modifier(bold),
            title: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            heading: Style::new().add_modifier(bold),
            text: Style::new(),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            search_match: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            current_match: Style::new()
                .add_modifier(bold | Modifier::UNDERLINED)
                .remove_modifier(Modifier::REVERSED),
            selected: Style::new().add_modifier(Modifier::REVERSED | bold),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            open: Style::new().add_modifier(bold),
            dim: Style::new(),
            status: Style::new().add_modifier(Modifier::REVERSED),
            message: Style::new().add_modifier(bold),
            analysis: AnalysisTheme::new(true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_has_no_colour() {
        let t = Theme::new(true);
        for s in [
            t.border,
            t.title,
            t.heading,
            t.cursor,
            t.search_match,
            t.current_match,
            t.selected,
            t.status,
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
        assert_ne!(t.cursor, t.text);
    }
}
