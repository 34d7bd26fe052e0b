//! Timestamps and note ids without a date library: RFC 3339 UTC strings with microseconds,
//! strictly increasing within a process so that "newest wins" never sees a tie between two
//! changes made here, and ids unique across processes.

use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// The last timestamp handed out, in microseconds since the epoch.
static LAST_MICROS: Mutex<u64> = Mutex::new(0);
static ID_COUNTER: AtomicU64 = AtomicU64::new(0);

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
    let (date, secs) = civil(system_micros() / 1_000_000);
    let (y, m, d) = date;
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    format!("{y:04}{m:02}{d:02}T{hh:02}{mm:02}{ss:02}Z")
}

/// Formats microseconds since the epoch as RFC 3339 UTC.
pub fn format_micros(micros: u64) -> String {
    let (date, secs) = civil(micros / 1_000_000);
    let (y, m, d) = date;
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    let frac = micros % 1_000_000;
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{frac:06}Z")
}

/// Splits seconds since the epoch into a (year, month, day) date and seconds of the day.
/// The day count is turned into a proleptic Gregorian date with the usual 400-year era
/// arithmetic (eras of 146 097 days, years starting in March so leap days fall last).
fn civil(secs: u64) -> ((i64, u32, u32), u64) {
    let days = (secs / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    ((y, m, d), secs % 86_400)
}

/// A new note id: a random-looking UUID (version 4 layout) from the time, the process id
/// and a counter, so two processes adding notes at once never collide.
pub fn new_id() -> String {
    let mut h = Sha256::new();
    h.update(system_micros().to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update(ID_COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update(format!("{:?}", std::thread::current().id()).as_bytes());
    let mut b: [u8; 16] = h.finalize()[..16].try_into().expect("16 bytes");
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
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
    }
}
