//! Timestamps and note ids: RFC 3339 UTC strings with microseconds, strictly increasing
//! within a process so that "newest wins" never sees a tie between two changes made here,
//! and random (version 4) UUIDs, unique across processes.

use chrono::{DateTime, Utc};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// The last timestamp handed out, in microseconds since the epoch.
static LAST_MICROS: Mutex<u64> = Mutex::new(0);

fn system_micros() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(0)
}

/// Microseconds since the epoch, strictly greater than any earlier call in this process.
fn next_micros() -> u64 {
    let mut last = LAST_MICROS.lock().unwrap_or_else(|e| e.into_inner());
    let now = system_micros().max(*last + 1);
    *last = now;
    now
}

/// Now, as `YYYY-MM-DDTHH:MM:SS.ffffffZ`. Strings from here sort in time order.
pub fn now() -> String {
    format_micros(next_micros())
}

/// Now, as `YYYYMMDDTHHMMSSZ`: for file names.
pub fn now_compact() -> String {
    at(system_micros()).format("%Y%m%dT%H%M%SZ").to_string()
}

/// Formats microseconds since the epoch as RFC 3339 UTC.
pub fn format_micros(micros: u64) -> String {
    at(micros).format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

fn at(micros: u64) -> DateTime<Utc> {
    let micros = i64::try_from(micros).unwrap_or(i64::MAX);
    DateTime::from_timestamp_micros(micros).unwrap_or(DateTime::UNIX_EPOCH)
}

/// A new note id: a random UUID (version 4), so two processes adding notes at once never
/// collide.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_micros(0), "1970-01-01T00:00:00.000000Z");
        // 2000-02-29 (a leap day in a century year) 12:34:56.789012
        assert_eq!(
            format_micros(951_827_696_789_012),
            "2000-02-29T12:34:56.789012Z"
        );
        assert_eq!(
            format_micros(1_798_761_599_000_000),
            "2026-12-31T23:59:59.000000Z"
        );
    }

    #[test]
    fn file_name_stamps_have_no_separators() {
        let s = now_compact();
        assert_eq!(s.len(), 16, "{s}");
        assert!(s.ends_with('Z') && s.chars().nth(8) == Some('T'), "{s}");
    }

    #[test]
    fn now_strictly_increases() {
        let a = now();
        let b = now();
        assert!(b > a, "{a} then {b}");
        assert_eq!(a.len(), 27);
    }

    #[test]
    fn ids_are_distinct_uuids() {
        let a = new_id();
        let b = new_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(a.chars().all(|c| c.is_ascii_hexdigit() || c == '-'), "{a}");
    }
}
