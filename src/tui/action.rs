//! What the reader can be asked to do. Keys are bound to actions by the keymap, the mouse
//! produces some of them too, and [`App::update`](super::App::update) carries them out:
//! the same action means the natural thing in whichever pane has the focus ("next" is the
//! next article in the list and the next sentence in the reading pane).

use serde::Deserialize;

/// One thing the user asks for. Names in the keymap file are the snake_case variant names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the reader, from any pane or overlay.
    Quit,
    /// Start (or cancel) a selection of sentences at the cursor; moving extends it.
    Select,
    /// Highlight the cursor's sentence or the selection and write a note on it.
    Annotate,
    /// Edit the tags of the highlight under the cursor.
    EditTags,
    /// Delete the highlight under the cursor.
    DeleteNote,
    /// Bring back the last deleted highlight.
    UndoDelete,
    /// Show the notes of every article, to jump to one.
    Notes,
    /// Export the notes to a file, asking for the format.
    Export,
    /// Focus the next pane to the right, wrapping around.
    FocusNext,
    /// Focus the previous pane to the left, wrapping around.
    FocusPrevious,
    /// Focus the pane to the left, if there is one.
    FocusLeft,
    /// Focus the pane to the right, if there is one.
    FocusRight,
    /// Next item of a list; next sentence in the reading pane.
    Next,
    /// Previous item of a list; previous sentence in the reading pane.
    Previous,
    /// Scroll one screen down.
    PageDown,
    /// Scroll one screen up.
    PageUp,
    /// Scroll one line down, keeping the cursor on screen.
    ScrollDown,
    /// Scroll one line up, keeping the cursor on screen.
    ScrollUp,
    /// First item, or the top of the article.
    Top,
    /// Last item, or the end of the article.
    Bottom,
    /// Open the selected article (list) or act on the selected item (panels).
    Activate,
    /// Start typing a search in the open article.
    Search,
    /// Go to the next search match.
    SearchNext,
    /// Go to the previous search match.
    SearchPrevious,
    /// Show or hide the list of keys.
    Help,
    /// Close the top overlay, or clear the search.
    Cancel,
    /// Show or hide the colouring of entity mentions in the reading pane.
    ToggleMentions,
    /// Filter the article list to the articles naming the selected entity.
    FilterByEntity,
    /// Show the selected entity's aliases and why each was joined.
    EntityAliases,
    /// Open the next article reporting the current sentence's fact.
    NextReportingArticle,
    /// Open the previous article reporting the current sentence's fact.
    PreviousReportingArticle,
    /// Move to the next sentence of this article that other articles also report.
    NextReportedSentence,
    /// Move to the previous sentence of this article that other articles also report.
    PreviousReportedSentence,
    /// Show or hide the passages of other articles reporting the current sentence.
    ToggleCoverage,
    /// Show the coverage map: facts by articles.
    CoverageMap,
    /// Cycle the article list's order: file, date, source, title.
    SortList,
}

impl Action {
    /// Every action, in the order the help lists them.
    pub const ALL: [Action; 36] = [
        Action::Select,
        Action::Annotate,
        Action::EditTags,
        Action::DeleteNote,
        Action::UndoDelete,
        Action::Notes,
        Action::Export,
        Action::Next,
        Action::Previous,
        Action::PageDown,
        Action::PageUp,
        Action::ScrollDown,
        Action::ScrollUp,
        Action::Top,
        Action::Bottom,
        Action::Activate,
        Action::FocusNext,
        Action::FocusPrevious,
        Action::FocusLeft,
        Action::FocusRight,
        Action::Search,
        Action::SearchNext,
        Action::SearchPrevious,
        Action::Help,
        Action::Cancel,
        Action::Quit,
        Action::ToggleMentions,
        Action::FilterByEntity,
        Action::EntityAliases,
        Action::NextReportingArticle,
        Action::PreviousReportingArticle,
        Action::NextReportedSentence,
        Action::PreviousReportedSentence,
        Action::ToggleCoverage,
        Action::CoverageMap,
        Action::SortList,
    ];

    /// What the action does, in a few words for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Select => "select sentences (j/k extend)",
            Action::Annotate => "highlight and write a note",
            Action::EditTags => "tags of the highlight",
            Action::DeleteNote => "delete the highlight",
            Action::UndoDelete => "undo the last delete",
            Action::Notes => "all notes",
            Action::Export => "export notes to a file",
            Action::FocusNext => "next pane",
            Action::FocusPrevious => "previous pane",
            Action::FocusLeft => "pane to the left",
            Action::FocusRight => "pane to the right",
            Action::Next => "next item / sentence",
            Action::Previous => "previous item / sentence",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::ScrollDown => "scroll one line down",
            Action::ScrollUp => "scroll one line up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Activate => "open article / act on item",
            Action::Search => "search in the article",
            Action::SearchNext => "next match, or mention after Enter on an entity",
            Action::SearchPrevious => "previous match or mention",
            Action::Help => "this help",
            Action::Cancel => "close overlay / clear filter, mention walk or search",
            Action::ToggleMentions => "entity colours on / off",
            Action::FilterByEntity => "list only articles naming the entity",
            Action::EntityAliases => "entity's aliases and reasons",
            Action::NextReportingArticle => "next article reporting this sentence",
            Action::PreviousReportingArticle => "previous article reporting this sentence",
            Action::NextReportedSentence => "next sentence others report",
            Action::PreviousReportedSentence => "previous sentence others report",
            Action::ToggleCoverage => "coverage of this sentence on / off",
            Action::CoverageMap => "coverage map (facts × articles)",
            Action::SortList => "sort the list: file, date, source, title",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case() {
        let a: Action = serde_json::from_str("\"search_previous\"").unwrap();
        assert_eq!(a, Action::SearchPrevious);
    }

    #[test]
    fn all_lists_each_action_once() {
        let mut seen = std::collections::HashSet::new();
        assert!(Action::ALL.iter().all(|a| seen.insert(*a)));
    }
}
