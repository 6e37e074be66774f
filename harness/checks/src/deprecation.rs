//! Deprecation (RFC 9745) and sunset (RFC 8594) headers, and HTTP-dates (RFC 9110 §5.6.7).

use hutong_http::Response;
use hutong_model::{msg, sanitize_line, Finding, Message};
use time::{OffsetDateTime, PrimitiveDateTime};

/// The shortest notice between deprecation and sunset OPIS accepts, in days.
pub const MIN_NOTICE_DAYS: i64 = 180;

/// Parses an HTTP-date (RFC 9110 §5.6.7) into Unix seconds. A recipient MUST accept all three
/// formats: the preferred IMF-fixdate, and the obsolete RFC 850 and asctime formats.
pub fn parse_http_date(value: &str) -> Option<i64> {
    let value = value.trim();
    let asctime = time::macros::format_description!(
        "[weekday repr:short] [month repr:short] [day padding:space] [hour]:[minute]:[second] [year]"
    );
    parse_imf_fixdate(value)
        .or_else(|| parse_rfc850_date(value))
        .or_else(|| PrimitiveDateTime::parse(value, &asctime).ok().map(|t| t.assume_utc().unix_timestamp()))
}

fn parse_imf_fixdate(value: &str) -> Option<i64> {
    let imf = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let t = PrimitiveDateTime::parse(value, &imf).ok()?;
    // The day name must be that of the date (the parser reads it without checking).
    let day_name = t.weekday().to_string();
    value.starts_with(&day_name[..3]).then(|| t.assume_utc().unix_timestamp())
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`. Its two-digit year is read as RFC 9110 §5.6.7 says: a year
/// that would be more than 50 years in the future is the most recent past year with those digits.
fn parse_rfc850_date(value: &str) -> Option<i64> {
    const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let (weekday, rest) = value.split_once(", ")?;
    if !WEEKDAYS.contains(&weekday) {
        return None;
    }
    let (date, clock) = rest.split_once(' ')?;
    let mut fields = date.split('-');
    let (day, month, two_digits) = (fields.next()?, fields.next()?, fields.next()?);
    if fields.next().is_some() || two_digits.len() != 2 || !two_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let this_year = OffsetDateTime::now_utc().year();
    let mut year = this_year - this_year.rem_euclid(100) + two_digits.parse::<i32>().ok()?;
    if year > this_year + 50 {
        year -= 100;
    }
    parse_imf_fixdate(&format!("{}, {day} {month} {year} {clock}", &weekday[..3]))
}

/// Parses a structured-field Date (RFC 9651 §3.3.7), as `Deprecation` carries it: `@` and an
/// integer number of seconds since the Unix epoch.
pub fn parse_sf_date(value: &str) -> Option<i64> {
    let digits = value.trim().strip_prefix('@')?;
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    if unsigned.is_empty() || unsigned.len() > 15 || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn day(epoch: i64) -> String {
    OffsetDateTime::from_unix_timestamp(epoch).map(|t| t.date().to_string()).unwrap_or_else(|_| epoch.to_string())
}

/// Checks the deprecation headers of an answer of an operation marked deprecated: `Deprecation`
/// (RFC 9745 §2), `Sunset` (RFC 8594 §3) at least `max(declared_days, MIN_NOTICE_DAYS)` days later,
/// and any `Link: rel="deprecation"` (RFC 9745 §3) a URI reference. `Err` says what is wrong.
pub fn check_deprecation_headers(response: &Response, declared_days: i64) -> Result<(), Message> {
    let deprecation = response.header("deprecation").ok_or_else(|| msg!("deprecation-no-deprecation-header"))?;
    let deprecated_at = parse_sf_date(deprecation)
        .ok_or_else(|| msg!("deprecation-not-sf-date", value = format!("{:?}", sanitize_line(deprecation, 60))))?;
    let sunset = response.header("sunset").ok_or_else(|| msg!("deprecation-no-sunset-header"))?;
    let sunset_at = parse_http_date(sunset).ok_or_else(|| msg!("deprecation-sunset-not-http-date", value = format!("{:?}", sanitize_line(sunset, 60))))?;
    let required_days = declared_days.max(MIN_NOTICE_DAYS);
    let notice_days = (sunset_at - deprecated_at).div_euclid(86_400);
    if sunset_at - deprecated_at < required_days * 86_400 {
        return Err(msg!(
            "deprecation-notice-too-short",
            deprecated = day(deprecated_at),
            sunset = day(sunset_at),
            notice = notice_days.to_string(),
            required = required_days.to_string(),
            declared = declared_days.to_string(),
            minimum = MIN_NOTICE_DAYS
        ));
    }
    for link in response.headers.get_all("link").iter().filter_map(|v| v.to_str().ok()) {
        for part in link.split(',').filter(|p| p.replace(' ', "").contains("rel=\"deprecation\"") || p.replace(' ', "").contains("rel=deprecation")) {
            let target = part.split(';').next().unwrap_or_default().trim();
            let ok = target.strip_prefix('<').and_then(|t| t.strip_suffix('>')).is_some_and(|t| response.url.join(t).is_ok());
            if !ok {
                return Err(msg!("deprecation-link-not-uri", target = format!("{:?}", sanitize_line(target, 80))));
            }
        }
    }
    Ok(())
}

/// Checks that the `Sunset` (RFC 8594 §3) of an answer given with success has not passed: an
/// operation still served after the time it announced as its end announced a date that was not
/// kept, and leaves clients no notice of the real one (OPIS §14, OE-09). `now` is in Unix seconds.
/// `Err` says so.
pub fn check_sunset_not_passed(response: &Response, now: i64) -> Result<(), Message> {
    let Some(sunset) = response.header("sunset") else { return Ok(()) };
    let Some(at) = parse_http_date(sunset) else { return Ok(()) };
    if at < now {
        return Err(msg!("deprecation-sunset-passed", now = day(now), sunset = day(at)));
    }
    Ok(())
}

/// An instant for findings (RFC 3339).
fn instant(epoch: i64) -> String {
    OffsetDateTime::from_unix_timestamp(epoch)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| epoch.to_string())
}

/// OE-20 within one run: an operation that announces a `Sunset` (RFC 8594 §3) still ahead at
/// `now` answers as documented, with success: an error answer before the announced time breaks
/// the promise the header makes.
pub fn check_served_until_sunset(operation: &str, status: u16, sunset: Option<i64>, now: i64) -> Result<(), Finding> {
    match sunset {
        Some(s) if s > now && !(200..300).contains(&status) => Err(Finding::fail(msg!(
            "deprecation-failed-before-sunset",
            operation = sanitize_line(operation, 200),
            status = status,
            sunset = instant(s)
        ))),
        _ => Ok(()),
    }
}

/// OE-20 over time: an operation an earlier run (started at `promised_in`) saw announce the
/// `Sunset` `promised`, still ahead at `now`, still answers with success and announces no earlier
/// `Sunset` (`sunset_now`, `None` when it sends none). A promise already past is OE-09's business.
pub fn check_sunset_kept(operation: &str, promised: i64, promised_in: &str, status: u16, sunset_now: Option<i64>, now: i64) -> Result<(), Finding> {
    if promised <= now {
        return Ok(());
    }
    let op = sanitize_line(operation, 200);
    let run = sanitize_line(promised_in, 40);
    if !(200..300).contains(&status) {
        return Err(Finding::fail(msg!("deprecation-failed-before-promised-sunset", operation = op, status = status, run = run, sunset = instant(promised))));
    }
    match sunset_now {
        Some(s) if s < promised => Err(Finding::fail(msg!(
            "deprecation-sunset-moved-earlier",
            operation = op,
            sunset = instant(s),
            promised = instant(promised),
            run = run
        ))),
        _ => Ok(()),
    }
}

/// The declared notice period (discovery `capabilities.deprecation_notice_days`), or a `fail`.
pub fn declared_notice_days(capabilities: &serde_json::Value) -> Result<i64, Finding> {
    capabilities
        .get("deprecation_notice_days")
        .and_then(serde_json::Value::as_i64)
        .filter(|d| *d >= 0)
        .ok_or_else(|| Finding::fail(msg!("deprecation-no-notice-days")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(headers: &[(&str, &str)]) -> Response {
        let mut map = hutong_http::http::HeaderMap::new();
        for (k, v) in headers {
            map.append(hutong_http::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
        }
        Response::new(200, map, "", url::Url::parse("http://x/a").unwrap())
    }

    #[test]
    fn dates_parse() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784111777));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(784111777));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784111777));
        assert_eq!(parse_http_date("Thursday, 01-Jul-27 00:00:00 GMT"), parse_http_date("Thu, 01 Jul 2027 00:00:00 GMT"));
        assert_eq!(parse_http_date("Monday, 06-Nov-94 08:49:37 GMT"), None, "wrong weekday");
        assert_eq!(parse_http_date("Sunday, 06-Nov-1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("06 Nov 1994"), None);
        assert_eq!(parse_sf_date("@1688169599"), Some(1688169599));
        for bad in ["1688169599", "@", "@12a", "@1.5"] {
            assert_eq!(parse_sf_date(bad), None, "{bad}");
        }
    }

    /// Response headers, the declared notice in days, and whether the check passes.
    type Case<'a> = (&'a [(&'a str, &'a str)], i64, bool);

    #[test]
    fn notice_is_judged() {
        // 2026-01-01 deprecated.
        let cases: &[Case] = &[
            (&[("deprecation", "@1767225600"), ("sunset", "Thu, 01 Jul 2027 00:00:00 GMT")], 365, true),
            (&[("deprecation", "@1767225600"), ("sunset", "Thu, 01 Jul 2027 00:00:00 GMT")], 600, false),
            (&[("deprecation", "@1767225600"), ("sunset", "Wed, 01 Apr 2026 00:00:00 GMT")], 30, false),
            (&[("deprecation", "@1767225600")], 30, false),
            (&[("sunset", "Thu, 01 Jul 2027 00:00:00 GMT")], 30, false),
            (&[("deprecation", "Thu, 01 Jan 2026 00:00:00 GMT"), ("sunset", "Thu, 01 Jul 2027 00:00:00 GMT")], 30, false),
            (&[("deprecation", "@1767225600"), ("sunset", "Thu, 01 Jul 2027 00:00:00 GMT"), ("link", "<https://x/d>; rel=\"deprecation\"")], 30, true),
        ];
        for (headers, declared, ok) in cases {
            let verdict = check_deprecation_headers(&answer(headers), *declared);
            assert_eq!(verdict.is_ok(), *ok, "{headers:?} {declared}: {verdict:?}");
        }
    }

    #[test]
    fn a_passed_sunset_is_found() {
        let sunset = answer(&[("sunset", "Wed, 01 Jan 2025 00:00:00 GMT")]);
        assert!(check_sunset_not_passed(&sunset, 1_700_000_000).is_ok());
        let message = check_sunset_not_passed(&sunset, 1_780_000_000).unwrap_err().en();
        assert!(message.contains("2025-01-01") && message.contains("2026-05-28"), "{message}");
        assert!(check_sunset_not_passed(&answer(&[]), 1_780_000_000).is_ok());
    }
}
