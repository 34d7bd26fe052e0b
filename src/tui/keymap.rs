//! Which key does what. The defaults live in `assets/keymap.toml`, embedded in the binary,
//! so the help overlay, the status bar hints and the handlers all read one table; a user
//! file in the same format overrides only the actions it names.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};

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
            names: HashMap::new(),
        }
    }

    /// This keymap with the actions named in `toml` rebound to the keys listed there.
    pub fn with_overrides(mut self, toml: &str) -> Result<Keymap, KeymapError> {
        let table: BTreeMap<String, Vec<String>> =
            toml::from_str(toml).map_err(|e| KeymapError::Syntax(e.message().to_owned()))?;
        for (name, specs) in table {
            let action = parse_action(&name)?;
            let keys = specs
                .iter()
                .map(|s| Key::parse(s))
                .collect::<Result<Vec<_>, _>>()?;
            self.bindings.retain(|_, a| *a != action);
            for key in keys {
                self.bindings.insert(key, action);
            }
            self.names.insert(action, specs);
        }
        let bindings = &self.bindings;
        for (action, specs) in &mut self.names {
            specs.retain(|s| Key::parse(s).is_ok_and(|k| bindings.get(&k) == Some(action)));
        }
        Ok(self)
    }

    /// The action bound to a key event, if any.
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.bindings.get(&Key::from_event(event)).copied()
    }

    /// The keys of an action as written in the keymap (empty when unbound).
    pub fn keys(&self, action: Action) -> &[String] {
        self.names.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The action bound to a key, if any.
    pub fn action_of(&self, key: &Key) -> Option<Action> {
        self.bindings.get(key).copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn default_binds_every_action() {
        let k = Keymap::default();
        for a in Action::ALL {
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
            Some(Action::Quit)
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
        assert_eq!(k.keys(Action::Quit), ["q", "ctrl-c"]);
    }

    #[test]
    fn a_key_taken_by_another_action_leaves_the_first() {
        let k = Keymap::default().with_overrides("top = [\"q\"]").unwrap();
        assert_eq!(
            k.action(&press(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Top)
        );
        assert_eq!(k.keys(Action::Quit), ["ctrl-c"]);
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
