//! The day an article was published, from what its file says of itself (front matter, a
//! page's or a feed's metadata): ISO 8601 dates ("2018-08-06", "2018-08-06T10:00:00Z") and
//! RFC 2822 ones ("Mon, 06 Aug 2018 10:00:00 GMT"). Anything else is no date: dates help
//! the grouping when present and are never required.

/// Days since 1970-01-01 of a date written in `s`, if it is one recoupe reads.
pub fn day(s: &str) -> Option<i32> {
    let s = s.trim();
    iso(s).or_else(|| rfc2822(s))
}

/// The `YYYY-MM-DD` a string starts with.
fn iso(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    civil(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// `[Day,] DD Mon YYYY ...`.
fn rfc2822(s: &str) -> Option<i32> {
    let s = s.split_once(',').map_or(s, |(_, rest)| rest);
    let mut parts = s.split_whitespace();
    let d: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?.get(..3)?.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = MONTHS.iter().position(|&x| x == month)? as u32 + 1;
    let y: i32 = parts.next()?.parse().ok()?;
    civil(y, m, d)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil(y: i32, m: u32, d: u32) -> Option<i32> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=9999).contains(&y) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` of a day number.
pub fn format(day: i32) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_rfc2822_dates_give_days() {
        assert_eq!(day("1970-01-01"), Some(0));
        assert_eq!(
            day("2018-08-06T10:00:00Z"),
            day("Mon, 06 Aug 2018 10:00:00 GMT")
        );
        assert_eq!(day("2018-08-07").unwrap() - day("2018-08-06").unwrap(), 1);
        assert_eq!(day("2000-03-01").unwrap() - day("2000-02-28").unwrap(), 2);
        assert_eq!(format(day("2024-02-29").unwrap()), "2024-02-29");
        for bad in [
            "",
            "yesterday",
            "2018-13-01",
            "2018-08",
            "06 Foo 2018",
            "99999-01-01",
        ] {
            assert_eq!(day(bad), None, "{bad}");
        }
    }
}
