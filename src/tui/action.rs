//! What the reader can be asked to do. Keys are bound to actions by the keymap, the mouse
//! produces some of them too, and [`App::update`](super::App::update) carries them out:
//! the same action means the natural thing in whichever pane has the focus ("next" is the
//! next article in the list and the next sentence in the reading pane).

use serde::Deserialize;

/// One thing the user asks for. Names in the keymap file are the snake_case variant names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Close the window on top (as in less and vim); from the panes, leave the reader.
    Quit,
    /// Leave the reader from anywhere, windows included.
    Exit,
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
    /// Go back from a story's articles to the list of stories.
    Back,
    /// Give the selected entity another kind (side panel).
    SetKind,
    /// Join the selected entity to another: press on one, then on the other (side panel).
    MergeEntity,
    /// Say the selected entity is no entity: its mentions are dropped (side panel); in the
    /// reading pane, the name walked to (or the sentence's one name) in this article only.
    NotAnEntity,
    /// In an entity's aliases, split the selected alias off into an entity of its own.
    SplitAlias,
    /// Undo the last correction of the entities.
    UndoCorrection,
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
    /// Show the claims of the open article's story: the figures its articles report
    /// differently, each value with its article.
    Claims,
    /// Show the open article's story's sources: who is cited, through which medium, by
    /// which outlets, on how many facts; each article's own text and the text they share.
    Sources,
    /// Cycle the article list's order: file, date, source, title.
    SortList,
    /// Make the article list wider (remembered with the reading position).
    WiderList,
    /// Make the article list narrower.
    NarrowerList,
    /// Copy the sentence under the cursor to the terminal's clipboard (OSC 52).
    Copy,
    /// Open the article's web address with the system's opener.
    OpenUrl,
    /// Show the files skipped while loading the collection, each with why.
    Warnings,
    /// Clear the terminal and draw the whole screen again (after another program wrote
    /// over it).
    Redraw,
    /// Typing: a character typed into the note editor, the search or a prompt. Never
    /// bound in a keymap: any printable key not bound to another typing action is one.
    #[serde(skip)]
    InsertChar(char),
    /// Typing: a line break in a note (tags and the search stay on one line).
    NewLine,
    /// Typing: delete the character before the cursor.
    DeleteBack,
    /// Typing: delete the character after the cursor.
    DeleteForward,
    /// Typing: delete the word before the cursor.
    DeleteWord,
    /// Typing: delete from the start of the line to the cursor.
    DeleteLine,
    /// Typing: cursor one character left.
    CursorLeft,
    /// Typing: cursor one character right.
    CursorRight,
    /// Typing: cursor to the start of the text.
    CursorHome,
    /// Typing: cursor to the end of the text.
    CursorEnd,
    /// Typing: cursor one screen line up.
    CursorUp,
    /// Typing: cursor one screen line down.
    CursorDown,
    /// Typing: done, use what was typed.
    Submit,
    /// Typing: leave without using what was typed (a note's text is kept as a draft).
    CancelInput,
}

/// The groups of the help, in its order, each with its actions.
pub const GROUPS: [(&str, &[Action]); 7] = [
    (
        "Moving",
        &[
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
            Action::SortList,
            Action::WiderList,
            Action::NarrowerList,
            Action::Back,
        ],
    ),
    (
        "Searching",
        &[Action::Search, Action::SearchNext, Action::SearchPrevious],
    ),
    (
        "Across articles",
        &[
            Action::NextReportingArticle,
            Action::PreviousReportingArticle,
            Action::NextReportedSentence,
            Action::PreviousReportedSentence,
            Action::ToggleCoverage,
            Action::CoverageMap,
            Action::Claims,
            Action::Sources,
            Action::ToggleMentions,
            Action::FilterByEntity,
            Action::EntityAliases,
        ],
    ),
    (
        "Correcting entities (side panel)",
        &[
            Action::SetKind,
            Action::MergeEntity,
            Action::NotAnEntity,
            Action::SplitAlias,
            Action::UndoCorrection,
        ],
    ),
    (
        "Notes",
        &[
            Action::Select,
            Action::Annotate,
            Action::EditTags,
            Action::DeleteNote,
            Action::UndoDelete,
            Action::Notes,
            Action::Export,
            Action::Copy,
            Action::OpenUrl,
        ],
    ),
    (
        "Windows",
        &[
            Action::Help,
            Action::Warnings,
            Action::Redraw,
            Action::Cancel,
            Action::Quit,
            Action::Exit,
        ],
    ),
    (
        "Typing (note, tags, search, export prompt)",
        &[
            Action::Submit,
            Action::CancelInput,
            Action::NewLine,
            Action::DeleteBack,
            Action::DeleteForward,
            Action::DeleteWord,
            Action::DeleteLine,
            Action::CursorLeft,
            Action::CursorRight,
            Action::CursorHome,
            Action::CursorEnd,
            Action::CursorUp,
            Action::CursorDown,
        ],
    ),
];

impl Action {
    /// Every action that a key can be bound to, in the order the help lists them (the
    /// help's groups, one after the other).
    pub fn all() -> impl Iterator<Item = Action> {
        GROUPS
            .iter()
            .flat_map(|(_, actions)| actions.iter().copied())
    }

    /// True for the actions of text input, bound in the keymap's `[text]` table and used
    /// while a note, the search or a prompt is being typed.
    pub fn is_typing(self) -> bool {
        matches!(
            self,
            Action::InsertChar(_)
                | Action::NewLine
                | Action::DeleteBack
                | Action::DeleteForward
                | Action::DeleteWord
                | Action::DeleteLine
                | Action::CursorLeft
                | Action::CursorRight
                | Action::CursorHome
                | Action::CursorEnd
                | Action::CursorUp
                | Action::CursorDown
                | Action::Submit
                | Action::CancelInput
        )
    }

    /// The action's name in the keymap file.
    pub fn name(self) -> String {
        let mut out = String::new();
        let debug = format!("{self:?}");
        let head = debug.split('(').next().unwrap_or_default();
        for (i, c) in head.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        }
        out
    }

    /// What the action does, in a few words for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "close the window on top; in the panes, quit",
            Action::Exit => "quit from anywhere",
            Action::Select => "select sentences (j/k extend)",
            Action::Annotate => "highlight and write a note",
            Action::EditTags => "tags of the highlight",
            Action::DeleteNote => "delete the highlight",
            Action::UndoDelete => "undo the last delete",
            Action::Notes => "all notes",
            Action::Export => "export notes to a file",
            Action::FocusNext => "next pane (and the coverage section, when shown)",
            Action::FocusPrevious => "previous pane (and the coverage section)",
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
            Action::Activate => "open article or story / act on item",
            Action::Search => "search in the article; filter the stories",
            Action::SearchNext => "next match, or mention after Enter on an entity",
            Action::SearchPrevious => "previous match or mention",
            Action::Help => "this help",
            Action::Warnings => "files skipped while loading, and why",
            Action::Copy => "copy the sentence (terminal clipboard)",
            Action::OpenUrl => "open the article's address in the browser",
            Action::WiderList => "wider article list (remembered)",
            Action::NarrowerList => "narrower article list (remembered)",
            Action::Redraw => "clear and redraw the screen",
            Action::Cancel => "close window / clear filter, mention walk or search",
            Action::ToggleMentions => "entity colours on / off",
            Action::FilterByEntity => "list only articles naming the entity",
            Action::EntityAliases => "entity's aliases and reasons",
            Action::NextReportingArticle => "next article reporting this sentence",
            Action::PreviousReportingArticle => "previous article reporting this sentence",
            Action::NextReportedSentence => "next sentence others report",
            Action::PreviousReportedSentence => "previous sentence others report",
            Action::ToggleCoverage => "coverage of this sentence on / off",
            Action::CoverageMap => "coverage map (facts × articles)",
            Action::Claims => "claims of the story (gutter: ≠ disagree, ↗ updated)",
            Action::Sources => "sources of this story, shared text",
            Action::SortList => "sort: file, date, source, title; stories: size, date",
            Action::Back => "back to the list of stories",
            Action::SetKind => "give the entity another kind",
            Action::MergeEntity => "on one entity, then another: they are one",
            Action::NotAnEntity => "not an entity (reading pane: this name here)",
            Action::SplitAlias => "in the aliases (i): split the alias off",
            Action::UndoCorrection => "undo the last correction",
            Action::InsertChar(_) => "type a character",
            Action::NewLine => "new line in a note",
            Action::DeleteBack => "delete before the cursor",
            Action::DeleteForward => "delete after the cursor",
            Action::DeleteWord => "delete the word before the cursor",
            Action::DeleteLine => "delete to the start of the line",
            Action::CursorLeft => "cursor left",
            Action::CursorRight => "cursor right",
            Action::CursorHome => "cursor to the start",
            Action::CursorEnd => "cursor to the end",
            Action::CursorUp => "cursor up a line",
            Action::CursorDown => "cursor down a line",
            Action::Submit => "save / confirm",
            Action::CancelInput => "leave (a note's text is kept as a draft)",
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
    fn the_groups_list_each_action_once() {
        let mut seen = std::collections::HashSet::new();
        assert!(Action::all().all(|a| seen.insert(a)));
        assert_eq!(seen.len(), 64);
    }

    #[test]
    fn names_read_back_as_the_action() {
        for a in Action::all() {
            let back: Action = serde_json::from_str(&format!("\"{}\"", a.name())).unwrap();
            assert_eq!(back, a);
        }
        assert!(serde_json::from_str::<Action>("\"insert_char\"").is_err());
    }
}
