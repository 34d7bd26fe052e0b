//! The user's configuration applied to the reader: theme colours by role, key overrides by
//! action name, and the export defaults. A role, action or key the reader cannot use is
//! named in the status bar and skipped; the rest of the configuration still applies.

use super::app::App;
use super::theme::Theme;
use crate::config::{self, Config};
use crate::notes::Format;
use ratatui::style::{Color, Style};
use std::collections::BTreeMap;

/// A configuration colour as a terminal colour.
pub fn terminal_color(c: config::Color) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        config::Color::Named(i) => NAMED.get(i as usize).copied().unwrap_or(Color::Reset),
        config::Color::Indexed(i) => Color::Indexed(i),
        config::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

impl Theme {
    /// This theme with the colours of `roles` (role name → colour as written in the
    /// configuration). Without colours (`NO_COLOR`) it is returned unchanged. Returns the
    /// problems found, one line each.
    pub fn with_colours(
        mut self,
        no_color: bool,
        roles: &BTreeMap<String, String>,
    ) -> (Theme, Vec<String>) {
        let mut problems = Vec::new();
        if no_color {
            return (self, problems);
        }
        for (role, value) in roles {
            let Some(c) = config::parse_color(value).map(terminal_color) else {
                problems.push(format!("theme.{role}: `{value}` is not a colour, ignored"));
                continue;
            };
            let marked = Style::new().fg(Color::Black).bg(c);
            let a = &mut self.analysis;
            match role.as_str() {
                "highlight" => self.highlight = marked,
                "search" => self.search_match = marked,
                "cursor" => self.cursor = self.cursor.bg(c),
                "per" => a.person = a.person.fg(c),
                "org" => a.organisation = a.organisation.fg(c),
                "loc" => a.place = a.place.fg(c),
                "product" => a.product = a.product.fg(c),
                "other" => a.other_name = a.other_name.fg(c),
                "figure" => a.figure = a.figure.fg(c),
                "reported" => a.reported = a.reported.fg(c),
                "disagree" => a.disagrees = a.disagrees.bg(c),
                "only_here" => a.exclusive = a.exclusive.fg(c),
                // The configuration's own check names unknown roles.
                _ => {}
            }
        }
        (self, problems)
    }
}

impl App {
    /// Applies a configuration: colours (none with `no_color`), key overrides, export
    /// defaults. What cannot be used is reported in the status bar and ignored.
    pub fn configure(&mut self, config: &Config, no_color: bool) {
        let (theme, mut problems) = Theme::new(no_color).with_colours(no_color, &config.theme);
        self.theme = theme;
        for (action, keys) in &config.keys {
            let mut table = toml::Table::new();
            table.insert(action.clone(), keys.clone().into());
            let text = toml::to_string(&table).unwrap_or_default();
            match self.keymap.clone().with_overrides(&text) {
                Ok(keymap) => self.keymap = keymap,
                Err(e) => problems.push(format!("keys.{action}: {e}, ignored")),
            }
        }
        match Format::from_name(&config.export.format) {
            Some(f) => self.notes.export_format = f,
            None => problems.push(format!(
                "export.format: `{}` is not markdown, json or w3c, ignored",
                config.export.format
            )),
        }
        self.notes.export_dir = config.export.dir.clone();
        for p in problems {
            self.add_message(format!("config: {}", crate::corpus::sanitize_line(&p)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_set_their_styles_and_bad_colours_are_named() {
        let mut roles = BTreeMap::new();
        roles.insert("highlight".to_owned(), "#102030".to_owned());
        roles.insert("search".to_owned(), "lightred".to_owned());
        roles.insert("cursor".to_owned(), "purple-ish".to_owned());
        let (t, problems) = Theme::new(false).with_colours(false, &roles);
        assert_eq!(t.highlight.bg, Some(Color::Rgb(0x10, 0x20, 0x30)));
        assert_eq!(t.search_match.bg, Some(Color::LightRed));
        assert_eq!(t.cursor, Theme::new(false).cursor);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("theme.cursor"));
        let (mono, none) = Theme::new(true).with_colours(true, &roles);
        assert_eq!((mono, none), (Theme::new(true), Vec::new()));
    }

    /// The defaults the configuration file documents are the reader's own colours.
    #[test]
    fn the_documented_colours_are_the_defaults() {
        let documented = &Config::default().theme;
        let (t, problems) = Theme::new(false).with_colours(false, documented);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(t, Theme::new(false));
    }

    /// Each role of the [theme] table changes what it names, and only that.
    #[test]
    fn every_theme_role_takes_effect() {
        let plain = Theme::new(false);
        let mut seen = Vec::new();
        for role in Config::default().theme.keys() {
            let roles = BTreeMap::from([(role.clone(), "#010203".to_owned())]);
            let (t, problems) = plain.clone().with_colours(false, &roles);
            assert!(problems.is_empty(), "{role}: {problems:?}");
            assert_ne!(t, plain, "theme.{role} changes nothing");
            assert!(
                !seen.contains(&t),
                "theme.{role} changes what another role does"
            );
            seen.push(t);
        }
        assert_eq!(seen.len(), 12);
    }
}
