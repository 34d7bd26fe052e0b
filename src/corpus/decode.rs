//! Bytes to text: UTF-8 (BOM stripped) or else Windows-1252, line ends made `\n`, then the
//! sanitiser. What comes out is the text every offset in recoupe refers to.

use super::sanitize::sanitize;

/// Why a file's bytes are not an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file (NUL bytes), skipped")]
    Binary,
    #[error("empty file, skipped")]
    Empty,
}

/// Which encoding the bytes were read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Windows1252,
}

/// Decodes, normalises line ends and sanitises.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    let (text, enc) = decode_raw(bytes)?;
    let text = sanitize(&text).into_owned();
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok((text, enc))
}

/// Decodes and normalises line ends, without sanitising: for formats whose markup must be
/// read (and its character references decoded) before the sanitiser runs.
pub fn decode_raw(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (raw, enc) = match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => {
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (undefined_bytes_removed(s), Encoding::Windows1252)
        }
    };
    let text = normalize_newlines(&raw);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok((text, enc))
}

/// Windows-1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) and the decoder
/// passes them through as C1 controls. They are stray bytes, not escape sequences: removed
/// one by one here, so that the sanitiser does not read 0x9D as an OSC and drop the rest of
/// the line with it.
fn undefined_bytes_removed(s: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    let c1 = |c: char| ('\u{80}'..='\u{9F}').contains(&c);
    if s.contains(c1) {
        std::borrow::Cow::Owned(s.chars().filter(|&c| !c1(c)).collect())
    } else {
        s
    }
}

/// CRLF and lone CR become LF.
///
/// The Unicode line and paragraph separators (U+2028, U+2029) are line ends too: they
/// become a line break and a paragraph break, so that no terminal or editor is left to
/// guess what to do with them.
pub fn normalize_newlines(s: &str) -> String {
    if !s.contains(['\r', '\u{2028}', '\u{2029}']) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\r' => {
                if it.peek() == Some(&'\n') {
                    it.next();
                }
                out.push('\n');
            }
            '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found while fuzzing: a 0x9D byte in a Windows-1252 file became a C1 OSC that took the
    /// rest of its line with it.
    #[test]
    fn undefined_windows_1252_bytes_drop_alone() {
        let (text, enc) = decode(b"caf\xe9 \x9d au lait \x81\x8d\x8f\x90 chaud\nfin").unwrap();
        assert_eq!(enc, Encoding::Windows1252);
        assert_eq!(text, "café  au lait  chaud\nfin");
        let (text, _) = decode(b"\x93guillemets\x94 \x80 5").unwrap();
        assert_eq!(text, "\u{201C}guillemets\u{201D} \u{20AC} 5");
    }

    #[test]
    fn latin1_is_read_as_windows_1252() {
        let (t, enc) = decode(b"donn\xE9es \x80").unwrap();
        assert_eq!(t, "données €");
        assert_eq!(enc, Encoding::Windows1252);
    }

    #[test]
    fn bom_and_crlf() {
        let (t, _) = decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap();
        assert_eq!(t, "a\nb\nc");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"ab\0cd"), Err(DecodeError::Binary));
        assert_eq!(decode(b" \n\n "), Err(DecodeError::Empty));
    }
}
