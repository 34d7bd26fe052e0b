//! Styles for what the analysis adds to the reader: entity mentions by kind, the gutter
//! marks of facts, shared words and disagreements. Kept apart from the base [`Theme`]
//! fields so the reading styles stay short; like them, every role has a variant without
//! colour for `NO_COLOR`, where bold, underline, italic and reverse carry the meaning.
//!
//! [`Theme`]: super::theme::Theme

use crate::entities::Kind;
use ratatui::style::{Color, Modifier, Style};

/// Styles of entity mentions, fact marks and the coverage views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisTheme {
    pub person: Style,
    pub organisation: Style,
    pub place: Style,
    pub product: Style,
    /// Events, works and other names.
    pub other_name: Style,
    /// Money, percentages, quantities and dates.
    pub figure: Style,
    /// The mention `n`/`N` last moved to while walking an entity's mentions.
    pub current_mention: Style,
    /// Gutter mark of a sentence other articles also report.
    pub reported: Style,
    /// Gutter mark of a sentence whose figures disagree with another article's.
    pub disagrees: Style,
    /// Gutter mark of a sentence whose figures were updated by later articles (a toll
    /// that rises with the dates), none of them disagreeing.
    pub updated: Style,
    /// Gutter mark of a sentence only this article reports.
    pub exclusive: Style,
    /// Words a passage shares with the current sentence, in the coverage section.
    pub shared_word: Style,
    /// An empty cell of the coverage map.
    pub empty_cell: Style,
}

impl AnalysisTheme {
    /// The styles for a terminal, without colours when `no_color` is set.
    pub fn new(no_color: bool) -> AnalysisTheme {
        if no_color {
            AnalysisTheme::monochrome()
        } else {
            AnalysisTheme::coloured()
        }
    }

    /// The style of a mention of an entity of this kind.
    pub fn kind(&self, kind: Kind) -> Style {
        match kind {
            Kind::Per => self.person,
            Kind::Org => self.organisation,
            Kind::Loc => self.place,
            Kind::Product => self.product,
            Kind::Event | Kind::Work | Kind::Misc => self.other_name,
            Kind::Money | Kind::Percent | Kind::Quantity | Kind::Date => self.figure,
        }
    }

    fn coloured() -> AnalysisTheme {
        let bold = Modifier::BOLD;
        AnalysisTheme {
            person: Style::new().fg(Color::LightMagenta),
            organisation: Style::new().fg(Color::LightBlue),
            place: Style::new().fg(Color::LightGreen),
            product: Style::new().fg(Color::LightYellow),
            other_name: Style::new().fg(Color::LightCyan),
            figure: Style::new().fg(Color::LightRed),
            current_mention: Style::new()
                .fg(Color::Black)
                .bg(Color::LightMagenta)
                .add_modifier(bold),
            reported: Style::new().fg(Color::Green).add_modifier(bold),
            disagrees: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            updated: Style::new().fg(Color::LightCyan).add_modifier(bold),
            exclusive: Style::new().fg(Color::DarkGray),
            shared_word: Style::new().fg(Color::Yellow).add_modifier(bold),
            empty_cell: Style::new().fg(Color::DarkGray),
        }
    }

    fn monochrome() -> AnalysisTheme {
        let bold = Modifier::BOLD;
        AnalysisTheme {
            person: Style::new().add_modifier(Modifier::ITALIC),
            // Underline is kept for the reader's own highlights.
            organisation: Style::new().add_modifier(bold),
            place: Style::new().add_modifier(Modifier::ITALIC),
            product: Style::new().add_modifier(Modifier::ITALIC),
            other_name: Style::new().add_modifier(Modifier::ITALIC),
            figure: Style::new().add_modifier(bold | Modifier::ITALIC),
            current_mention: Style::new().add_modifier(bold | Modifier::REVERSED),
            reported: Style::new().add_modifier(bold),
            disagrees: Style::new().add_modifier(bold | Modifier::REVERSED),
            updated: Style::new().add_modifier(bold | Modifier::ITALIC),
            exclusive: Style::new(),
            shared_word: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            empty_cell: Style::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_has_no_colour_and_figures_stand_out() {
        let t = AnalysisTheme::new(true);
        let marks = [t.reported, t.disagrees, t.updated];
        for s in [
            t.person,
            t.organisation,
            t.figure,
            marks[0],
            marks[1],
            marks[2],
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
        assert_ne!(t.kind(Kind::Money), t.kind(Kind::Org));
        assert_ne!(t.disagrees, t.reported);
        assert!(!marks[1..].contains(&t.reported) && t.updated != t.disagrees);
        let c = AnalysisTheme::new(false);
        assert!(c.updated != c.disagrees && c.updated != c.reported);
    }
}
