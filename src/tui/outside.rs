//! What the reader hands to the world outside the terminal: the sentence under the cursor
//! to the clipboard (`y`, through the terminal's OSC 52 escape) and the article's web
//! address to the system's opener (`o`: `xdg-open`, `open` on macOS, run directly, never
//! through a shell, and only for http and https addresses).

use super::app::App;
use crate::corpus::sanitize_line;

impl App {
    /// Asks for the sentence under the cursor, without control characters, to be copied.
    pub(super) fn copy_sentence(&mut self) {
        let text = (self.article())
            .and_then(|a| {
                let s = a.structure.sentences.get(self.reader.cursor)?;
                Some(a.slice(s.span))
            })
            .map(sanitize_line);
        match text {
            Some(t) if !t.trim().is_empty() => {
                let words = t.split_whitespace().count();
                self.message = Some(format!(
                    "copied the sentence ({})",
                    crate::text::counted(words, "word", "words")
                ));
                self.clipboard = Some(t);
            }
            _ => self.message = Some("no sentence to copy".into()),
        }
    }

    /// Opens the open article's web address with the system's opener.
    pub(super) fn open_url(&mut self) {
        let url = self.article().and_then(|a| a.meta.url.clone());
        let Some(url) = url else {
            self.message = Some("this article has no web address".into());
            return;
        };
        let Some(url) = openable(&url) else {
            self.message = Some(format!(
                "not an http or https address: {}",
                sanitize_line(&url)
            ));
            return;
        };
        let Some(program) = self.open_with else {
            self.message = Some(format!("web address: {}", sanitize_line(url)));
            return;
        };
        self.message = Some(match spawn_opener(program, url) {
            Ok(()) => format!("opening {}", sanitize_line(url)),
            Err(e) => format!("could not open {}: {e}", sanitize_line(url)),
        });
    }
}

/// The address, if it is an http or https one with no spaces or control characters that
/// an opener could misread.
pub fn openable(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (scheme && clean && !url.starts_with('-')).then_some(url)
}

/// The system's program for opening web addresses.
pub fn system_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    }
}

/// Starts `program` on `url`, detached from the terminal; a thread reaps it.
fn spawn_opener(program: &str, url: &str) -> std::io::Result<()> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::openable;

    #[test]
    fn only_plain_web_addresses_are_opened() {
        assert_eq!(
            openable(" https://example.org/a?b=1 "),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(openable("HTTP://example.org"), Some("HTTP://example.org"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://example.org/a b",
            "https://example.org/\u{1b}]0;x\u{7}",
            "--help",
            "",
        ] {
            assert_eq!(openable(bad), None, "{bad:?}");
        }
    }
}
