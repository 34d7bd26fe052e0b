//! Which key does what. The defaults live in `assets/keymap.toml`, embedded in the binary,
//! so the help overlay, the status bar hints and the handlers all read one table; a user
//! file in the same format overrides only the actions it names.
//!
//! Keys live in two contexts: the reader's (panes and windows) and typing's (the note
//! editor, the search and the export prompt, the file's `[text]` table). While something
//! is being typed, a key bound to a typing action is that action, any other printable
//! character is [`Action::InsertChar`], and the rest fall back to the reader's keys.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;

/// The default keymap, as shipped.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A keymap file that could not be used, and why.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("keymap is not valid TOML: {0}")]
    Syntax(String),
    #[error("unknown action {0:?} in keymap")]
    UnknownAction(String),
    #[error("unknown key {0:?} in keymap")]
    UnknownKey(String),
    #[error("{0:?} is not a typing action: only they go in the [text] table")]
    NotTyping(String),
}

/// A key with its modifiers, normalised so that `G` and `shift-g` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl Key {
    /// The key of a terminal event.
    pub fn from_event(event: &KeyEvent) -> Key {
        Key::normalised(event.code, event.modifiers)
    }

    fn normalised(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    /// A terminal event of this key, as a press.
    pub fn event(self) -> KeyEvent {
        KeyEvent::new(self.code, self.modifiers)
    }

    /// Parses a key as written in the keymap: `j`, `G`, `space`, `ctrl-c`, `shift-tab`.
    pub fn parse(spec: &str) -> Result<Key, KeymapError> {
        let bad = || KeymapError::UnknownKey(spec.to_owned());
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = spec;
        while rest.chars().count() > 1 {
            let Some((prefix, tail)) = rest.split_once('-') else {
                break;
            };
            modifiers |= match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => KeyModifiers::CONTROL,
                "alt" | "a" | "m" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => return Err(bad()),
            };
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => named_key(&rest.to_ascii_lowercase()).ok_or_else(bad)?,
        };
        Ok(Key::normalised(code, modifiers))
    }
}

fn named_key(name: &str) -> Option<KeyCode> {
    Some(match name {
        "space" => KeyCode::Char(' '),
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "insert" => KeyCode::Insert,
        "delete" => KeyCode::Delete,
        f if f.starts_with('f') => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
        }
        _ => return None,
    })
}

/// Keys bound to actions, and the keys of each action as written, for display.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<Key, Action>,
    typing: HashMap<Key, Action>,
    names: HashMap<Action, Vec<String>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::empty()
            .with_overrides(DEFAULT_KEYMAP)
            .expect("the bundled keymap is valid")
    }
}

impl Keymap {
    fn empty() -> Keymap {
        Keymap {
            bindings: HashMap::new(),
            typing: HashMap::new(),
            names: HashMap::new(),
        }
    }

    /// This keymap with the actions named in `toml` rebound to the keys listed there.
    /// Typing actions may be named at the top level or in the `[text]` table.
    pub fn with_overrides(mut self, toml: &str) -> Result<Keymap, KeymapError> {
        let table: toml::Table =
            toml::from_str(toml).map_err(|e| KeymapError::Syntax(e.message().to_owned()))?;
        for (name, value) in table {
            match value {
                toml::Value::Table(text) if name == "text" => {
                    for (name, value) in text {
                        let action = parse_action(&name)?;
                        if !action.is_typing() {
                            return Err(KeymapError::NotTyping(name));
                        }
                        self.bind(action, &name, value)?;
                    }
                }
                value => self.bind(parse_action(&name)?, &name, value)?,
            }
        }
        for (action, specs) in &mut self.names {
            let context = if action.is_typing() {
                &self.typing
            } else {
                &self.bindings
            };
            specs.retain(|s| Key::parse(s).is_ok_and(|k| context.get(&k) == Some(action)));
        }
        Ok(self)
    }

    /// Binds `action` to exactly the keys listed in `value`.
    fn bind(&mut self, action: Action, name: &str, value: toml::Value) -> Result<(), KeymapError> {
        let specs: Vec<String> = value
            .try_into()
            .map_err(|_| KeymapError::Syntax(format!("{name}: expected a list of keys")))?;
        let keys = specs
            .iter()
            .map(|s| Key::parse(s))
            .collect::<Result<Vec<_>, _>>()?;
        let context = if action.is_typing() {
            &mut self.typing
        } else {
            &mut self.bindings
        };
        context.retain(|_, a| *a != action);
        for key in keys {
            context.insert(key, action);
        }
        self.names.insert(action, specs);
        Ok(())
    }

    /// The action bound to a key event in the panes and windows, if any.
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.bindings.get(&Key::from_event(event)).copied()
    }

    /// The action of a key event while text is typed: a typing action's key, else a
    /// printable character typed, else the reader's action for the key.
    pub fn typing_action(&self, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        if let Some(&action) = self.typing.get(&key) {
            return Some(action);
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match event.code {
            KeyCode::Char(c) if plain && !c.is_control() => Some(Action::InsertChar(c)),
            _ => self.action(event),
        }
    }

    /// The keys of an action as written in the keymap (empty when unbound).
    pub fn keys(&self, action: Action) -> &[String] {
        self.names.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The action bound to a key, if any.
    pub fn action_of(&self, key: &Key) -> Option<Action> {
        self.bindings.get(key).copied()
    }

    /// The typing action bound to a key while text is typed, if any.
    pub fn typing_of(&self, key: &Key) -> Option<Action> {
        self.typing.get(key).copied()
    }

    /// The first key of an action, for short hints.
    pub fn hint(&self, action: Action) -> Option<&str> {
        self.keys(action).first().map(String::as_str)
    }
}

/// The action of a keymap name (`next`, `search_previous`).
pub fn parse_action(name: &str) -> Result<Action, KeymapError> {
    toml::Value::String(name.to_owned())
        .try_into()
        .map_err(|_| KeymapError::UnknownAction(name.to_owned()))
}

/// The key of a typed character with no modifier, as a terminal reports it.
pub fn typed(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn default_binds_every_action() {
        let k = Keymap::default();
        for a in Action::all() {
            assert!(!k.keys(a).is_empty(), "{a:?} has no key");
        }
        assert_eq!(
            k.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Next)
        );
        assert_eq!(
            k.action(&press(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Next)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Exit)
        );
    }

    #[test]
    fn typing_keys_come_first_then_characters_then_the_readers() {
        let k = Keymap::default();
        let ctrl = |c| press(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(k.typing_action(&ctrl('w')), Some(Action::DeleteWord));
        assert_eq!(k.typing_action(&ctrl('u')), Some(Action::DeleteLine));
        assert_eq!(k.typing_action(&typed('q')), Some(Action::InsertChar('q')));
        assert_eq!(
            k.typing_action(&press(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Submit)
        );
        assert_eq!(k.typing_action(&ctrl('o')), None);
        assert_eq!(
            k.action(&ctrl('w')),
            None,
            "typing keys stay out of the panes"
        );
        let remapped = k
            .with_overrides("[text]\ndelete_word = [\"alt-backspace\"]")
            .unwrap();
        assert_eq!(remapped.typing_action(&ctrl('w')), None);
        assert_eq!(
            remapped.typing_action(&press(KeyCode::Backspace, KeyModifiers::ALT)),
            Some(Action::DeleteWord)
        );
        assert_eq!(
            Keymap::default()
                .with_overrides("[text]\nnext = [\"x\"]")
                .unwrap_err(),
            KeymapError::NotTyping("next".into())
        );
    }

    #[test]
    fn shifted_letters_and_backtab_are_normalised() {
        let k = Keymap::default();
        assert_eq!(
            k.action(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('G'), KeyModifiers::NONE)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(&press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrevious)
        );
        assert_eq!(Key::parse("shift-tab"), Key::parse("backtab"));
        assert_eq!(
            Key::parse("-"),
            Ok(Key::normalised(KeyCode::Char('-'), KeyModifiers::NONE))
        );
    }

    #[test]
    fn overrides_replace_only_what_they_name() {
        let k = Keymap::default()
            .with_overrides("next = [\"ctrl-n\"]")
            .unwrap();
        assert_eq!(
            k.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::Next)
        );
        assert_eq!(k.keys(Action::Exit), ["Q", "ctrl-c"]);
    }

    #[test]
    fn a_key_taken_by_another_action_leaves_the_first() {
        let k = Keymap::default().with_overrides("top = [\"q\"]").unwrap();
        assert_eq!(
            k.action(&press(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Top)
        );
        assert!(k.keys(Action::Quit).is_empty());
    }

    #[test]
    fn bad_files_are_errors() {
        let k = Keymap::default();
        assert!(matches!(
            k.clone().with_overrides("next = "),
            Err(KeymapError::Syntax(_))
        ));
        assert_eq!(
            k.clone().with_overrides("fly = [\"x\"]").unwrap_err(),
            KeymapError::UnknownAction("fly".into())
        );
        assert_eq!(
            k.with_overrides("next = [\"hyper-x\"]").unwrap_err(),
            KeymapError::UnknownKey("hyper-x".into())
        );
    }
}
