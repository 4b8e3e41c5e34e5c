//! Format assertions: every format of JSON Schema 2020-12 (section 7.3 of the validation
//! vocabulary) and OpenAPI's `byte`, `int32`, `int64`, `float` and `double`. Each check is one
//! linear pass over its value (or bounded by a length it checks first), allocates only for
//! internationalized host names, and never panics.
//!
//! | format | definition |
//! |---|---|
//! | `date`, `time`, `date-time` | RFC 3339 `full-date`, `full-time`, `date-time` (leap seconds at 23:59:60 UTC only) |
//! | `duration` | RFC 3339 appendix A `duration` |
//! | `email`, `idn-email` | RFC 5321 `Mailbox`; RFC 6531's, with UTF-8 in the local part and U-labels in the domain |
//! | `hostname`, `idn-hostname` | RFC 1123 names whose A-labels are valid; IDNA2008 names (see `idna`) |
//! | `ipv4`, `ipv6` | RFC 2673 `dotted-quad`; RFC 4291 section 2.2 |
//! | `uri`, `uri-reference`, `iri`, `iri-reference` | RFC 3986 `URI`, `URI-reference`; RFC 3987 `IRI`, `IRI-reference` |
//! | `uri-template` | RFC 6570, level 4 |
//! | `uuid` | RFC 9562 string form |
//! | `json-pointer`, `relative-json-pointer` | RFC 6901; draft-bhutton-relative-json-pointer-00 |
//! | `regex` | ECMA-262 with the `u` flag, as `pattern` is compiled |
//! | `byte` | RFC 4648 section 4 base64, padded |
//! | `int32`, `int64`, `float`, `double` | a number in the range of the named type (`number_formats`) |

mod idna;
mod idna_table;
mod uri;

use idna::Names;
use uri::Grammar;

/// The Unicode version of the IDNA2008 properties `idn-hostname` and `idn-email` check.
pub use idna_table::UNICODE_VERSION;

/// RFC 3339 `full-date`: `YYYY-MM-DD` with a real calendar day. connectFi's `dateISO` is the same.
pub fn is_date(s: &str) -> bool {
    full_date(s.as_bytes())
}

fn full_date(b: &[u8]) -> bool {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) =
        (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// RFC 3339 `full-time`: `HH:MM:SS`, an optional fraction, and `Z` or a numeric offset. Second
/// 60 (a leap second) only at 23:59 UTC.
pub fn is_time(s: &str) -> bool {
    full_time(s.as_bytes())
}

/// RFC 3339 `date-time`: a `full-date`, `T` (or `t`), a `full-time`.
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 11 && matches!(b[10], b'T' | b't') && full_date(&b[..10]) && full_time(&b[11..])
}

fn full_time(b: &[u8]) -> bool {
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) =
        (digits(&b[0..2]), digits(&b[3..5]), digits(&b[6..8]))
    else {
        return false;
    };
    let mut rest = &b[8..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if count == 0 {
            return false;
        }
        rest = &fraction[count..];
    }
    let offset_minutes: i64 = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (Some(oh), Some(om)) = (digits(&[*h1, *h2]), digits(&[*m1, *m2])) else {
                return false;
            };
            if oh > 23 || om > 59 {
                return false;
            }
            let total = i64::from(oh * 60 + om);
            if *sign == b'+' {
                total
            } else {
                -total
            }
        }
        _ => return false,
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    if second == 60 {
        let utc_minutes = (i64::from(hour * 60 + minute) - offset_minutes).rem_euclid(24 * 60);
        return utc_minutes == 23 * 60 + 59;
    }
    true
}

/// The value of a run of ASCII digits (at most 4 of them here).
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// RFC 3339 appendix A `duration`: `P` then weeks alone (`P2W`), or date units in the order
/// `Y M D` and, after `T`, time units in the order `H M S`. A unit may only follow the one
/// just before it (`P1Y2D` and `PT1H2S` skip the month and the minute). Whole numbers only.
pub fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let Some(date_units) = units(date) else {
        return false;
    };
    if date_units == "W" {
        return time.is_none();
    }
    let date_ok = ["", "Y", "YM", "YMD", "M", "MD", "D"].contains(&date_units.as_str());
    let time_ok = match time.map(units) {
        None => !date_units.is_empty(),
        Some(Some(time_units)) => ["H", "HM", "HMS", "M", "MS", "S"].contains(&time_units.as_str()),
        Some(None) => false,
    };
    date_ok && time_ok
}

/// The unit letters of a duration part, in order: at most 3, as no part has more.
#[derive(Default)]
struct Units {
    letters: [u8; 3],
    count: usize,
}

impl Units {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.letters[..self.count]).unwrap_or_default()
    }

    fn is_empty(&self) -> bool {
        self.count == 0
    }
}

impl PartialEq<&str> for Units {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The unit letters of `1*DIGIT unit` components, or `None` when a component has no digits or
/// a unit that is not an uppercase letter, or the part has more than 3 components.
fn units(part: &str) -> Option<Units> {
    let mut units = Units::default();
    let mut bytes = part.bytes().peekable();
    while bytes.peek().is_some() {
        let mut digits = 0;
        while bytes.next_if(u8::is_ascii_digit).is_some() {
            digits += 1;
        }
        let unit = bytes.next()?;
        if digits == 0 || !unit.is_ascii_uppercase() || units.count == 3 {
            return None;
        }
        units.letters[units.count] = unit;
        units.count += 1;
    }
    Some(units)
}

/// An RFC 5321 mailbox: dot-atom or quoted local part of at most 64 octets, then a host name
/// (see `is_hostname`) or an address literal.
pub fn is_email(s: &str) -> bool {
    mailbox(s, false)
}

/// An RFC 6531 mailbox: `email`, with any non-ASCII character allowed in the local part (dot-atom
/// or quoted) and an internationalized host name (see `is_idn_hostname`, with `.` between
/// labels) after the `@`.
pub fn is_idn_email(s: &str) -> bool {
    mailbox(s, true)
}

fn mailbox(s: &str, international: bool) -> bool {
    // A quoted local part may hold `@`, a domain never does.
    let Some(at) = s.rfind('@') else { return false };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    let names = if international {
        Names::Unicode
    } else {
        Names::Ascii
    };
    is_local_part(local, international) && is_mail_domain(domain, names)
}

fn is_local_part(local: &str, international: bool) -> bool {
    if local.is_empty() || local.len() > 64 {
        return false;
    }
    if let Some(quoted) = local.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        // `qtextSMTP` and `quoted-pairSMTP`, with UTF-8 for RFC 6531.
        let text = |c: char| (' '..='~').contains(&c) || (international && !c.is_ascii());
        let mut chars = quoted.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.next().is_some_and(|e| (' '..='~').contains(&e)) => {}
                '\\' | '"' => return false,
                c if text(c) => {}
                _ => return false,
            }
        }
        return true;
    }
    is_dot_atom(local, international)
}

/// RFC 5322 `atext`: the characters an unquoted local part may use besides dots.
const ATEXT: [u64; 2] = ascii_set(b"!#$%&'*+-/=?^_`{|}~", true);

/// The 128-bit membership set of `extra`, plus letters and digits when `alphanumeric`.
const fn ascii_set(extra: &[u8], alphanumeric: bool) -> [u64; 2] {
    let mut bits = [0u64; 2];
    let mut code = 0u8;
    while code < 128 {
        let mut member = alphanumeric && code.is_ascii_alphanumeric();
        let mut i = 0;
        while i < extra.len() {
            member |= extra[i] == code;
            i += 1;
        }
        if member {
            bits[(code >> 6) as usize] |= 1 << (code & 63);
        }
        code += 1;
    }
    bits
}

#[inline(always)]
fn in_set(set: &[u64; 2], byte: u8) -> bool {
    byte < 128 && (set[usize::from(byte >> 6)] >> (byte & 63)) & 1 == 1
}

/// Non-empty atoms of `atext` (and of non-ASCII characters, for RFC 6531) separated by single
/// dots.
fn is_dot_atom(local: &str, international: bool) -> bool {
    let mut atom_started = false;
    for &byte in local.as_bytes() {
        if byte == b'.' && atom_started {
            atom_started = false;
        } else if in_set(&ATEXT, byte) || (international && byte >= 0x80) {
            atom_started = true;
        } else {
            return false;
        }
    }
    atom_started
}

fn is_mail_domain(domain: &str, names: Names) -> bool {
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return match literal.strip_prefix("IPv6:") {
            Some(v6) => is_ipv6(v6),
            None => is_ipv4(literal),
        };
    }
    idna::is_name(domain, names)
}

/// An RFC 1123 host name: ASCII labels of letters, digits and inner hyphens, at most 63
/// octets each and 253 in all, no trailing dot. A label with hyphens in its third and fourth
/// positions must be an A-label (`xn--…`) whose U-label is valid IDNA2008, as for
/// `is_idn_hostname`.
pub fn is_hostname(s: &str) -> bool {
    idna::is_name(s, Names::Ascii)
}

/// An internationalized host name (RFC 5890): labels that are ASCII (as in `is_hostname`) or
/// IDNA2008 U-labels, separated by `.` or the full stops `。`, `．` and `｡`, each at most 63
/// octets and the whole at most 253 in their ASCII form. See the `idna` module for the rules.
pub fn is_idn_hostname(s: &str) -> bool {
    idna::is_name(s, Names::UnicodeWithFullStops)
}

/// RFC 2673 section 3.2 `dotted-quad`: four decimal numbers of 1 to 3 digits, each at most 255
/// (leading zeros allowed, as that grammar does).
pub fn is_ipv4(s: &str) -> bool {
    let mut octets = 0;
    for part in s.split('.') {
        octets += 1;
        let valid =
            (1..=3).contains(&part.len()) && digits(part.as_bytes()).is_some_and(|v| v <= 255);
        if octets > 4 || !valid {
            return false;
        }
    }
    octets == 4
}

/// RFC 4291 section 2.2: eight groups of 1 to 4 hex digits, one run of groups written `::`,
/// the last two groups possibly an IPv4 address (with RFC 3986's `dec-octet`: no leading
/// zeros). No zone, no prefix length, no brackets.
pub fn is_ipv6(s: &str) -> bool {
    let (head, tail) = match s.split_once("::") {
        Some((head, tail)) => (head, Some(tail)),
        None => (s, None),
    };
    let (Some(head_groups), Some(tail_groups)) = (
        groups(head, tail.is_none()),
        tail.map_or(Some(0), |tail| groups(tail, true)),
    ) else {
        return false;
    };
    let written = head_groups + tail_groups;
    match tail {
        Some(_) => written <= 7,
        None => written == 8,
    }
}

/// How many 16-bit groups `part` writes (an IPv4 address counts two, and may end it when
/// `last`), or `None` when it is malformed. An empty part writes none.
fn groups(part: &str, last: bool) -> Option<usize> {
    if part.is_empty() {
        return Some(0);
    }
    let mut count = 0;
    let mut pieces = part.split(':').peekable();
    while let Some(piece) = pieces.next() {
        if last && pieces.peek().is_none() && piece.contains('.') {
            return is_dec_octet_quad(piece).then_some(count + 2);
        }
        if !(1..=4).contains(&piece.len()) || !piece.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        count += 1;
        if count > 8 {
            return None;
        }
    }
    Some(count)
}

/// RFC 3986 `IPv4address`: `dec-octet`s, which have no leading zeros.
fn is_dec_octet_quad(s: &str) -> bool {
    is_ipv4(s)
        && s.split('.')
            .all(|octet| octet == "0" || !octet.starts_with('0'))
}

/// RFC 3986 `URI`: a scheme, then the hierarchical part, query and fragment.
pub fn is_uri(s: &str) -> bool {
    uri::is_reference(s, Grammar::URI)
}

/// RFC 3986 `URI-reference`: a `URI` or a relative reference (the empty string included).
pub fn is_uri_reference(s: &str) -> bool {
    uri::is_reference(s, Grammar::URI_REFERENCE)
}

/// RFC 3987 `IRI`: a `URI` in which non-ASCII characters may stand where unreserved ones do.
pub fn is_iri(s: &str) -> bool {
    uri::is_reference(s, Grammar::IRI)
}

/// RFC 3987 `IRI-reference`: an `IRI` or a relative one.
pub fn is_iri_reference(s: &str) -> bool {
    uri::is_reference(s, Grammar::IRI_REFERENCE)
}

/// RFC 6570 `URI-Template`: literals and `{…}` expressions of any level: an optional operator
/// (`+ # . / ; ? &`, or one of `= , ! @ |` that the grammar reserves), then comma-separated
/// variable names (`a.b`, `%41`), each with an optional `:1`-`:9999` prefix or `*`. Literals
/// are the characters of a URI but `'` is allowed, as the JSON Schema test suite reads it.
pub fn is_uri_template(s: &str) -> bool {
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        let valid = match c {
            '{' => {
                let Some(end) = rest.find(['{', '}']) else {
                    return false;
                };
                let (expression, closing) = (&rest[..end], rest.as_bytes()[end]);
                rest = &rest[end + 1..];
                closing == b'}' && is_expression(expression)
            }
            '%' => {
                let hex = rest.as_bytes().get(..2);
                rest = rest.get(2..).unwrap_or("");
                hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
            }
            c if c.is_ascii() => !c.is_ascii_control() && !" \"%<>\\^`{|}".contains(c),
            c => uri::is_ucschar(c) || uri::is_iprivate(c),
        };
        if !valid {
            return false;
        }
    }
    true
}

/// `[ operator ] variable-list`: what is between an expression's braces.
fn is_expression(expression: &str) -> bool {
    let list = expression
        .strip_prefix(|c| "+#./;?&=,!@|".contains(c))
        .unwrap_or(expression);
    list.split(',').all(is_varspec)
}

/// `varspec = varname [ ":" max-length / "*" ]`.
fn is_varspec(spec: &str) -> bool {
    let (name, modifier) = match spec.find([':', '*']) {
        Some(at) => spec.split_at(at),
        None => (spec, ""),
    };
    let modifier_ok = match modifier.strip_prefix(':') {
        // `max-length = %x31-39 0*3DIGIT`.
        Some(length) => {
            (1..=4).contains(&length.len())
                && !length.starts_with('0')
                && length.bytes().all(|b| b.is_ascii_digit())
        }
        None => modifier.is_empty() || modifier == "*",
    };
    modifier_ok && is_varname(name)
}

/// `varname = varchar *( ["."] varchar )`, `varchar = ALPHA / DIGIT / "_" / pct-encoded`.
fn is_varname(name: &str) -> bool {
    let b = name.as_bytes();
    if b.is_empty() || b[0] == b'.' || b[b.len() - 1] == b'.' {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'.' if b[i - 1] == b'.' => return false,
            b'%' => {
                if !b
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
                {
                    return false;
                }
                i += 2;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' => {}
            _ => return false,
        }
        i += 1;
    }
    true
}

/// An RFC 9562 UUID in its string form: 32 hex digits in groups of 8-4-4-4-12, any case.
pub fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// RFC 6901: empty, or `/`-prefixed reference tokens in which `~` only starts `~0` or `~1`.
pub fn is_json_pointer(s: &str) -> bool {
    s.is_empty() || (s.starts_with('/') && tildes_escaped(s))
}

fn tildes_escaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, &c)| c != b'~' || matches!(b.get(i + 1), Some(b'0' | b'1')))
}

/// draft-bhutton-relative-json-pointer-00: a non-negative integer (no leading zero), an
/// optional index manipulation (`+1`, `-2`), then `#` or a JSON pointer.
pub fn is_relative_json_pointer(s: &str) -> bool {
    let Some(rest) = non_negative_integer(s) else {
        return false;
    };
    let rest = match rest.strip_prefix(['+', '-']) {
        Some(after_sign) => match non_negative_integer(after_sign) {
            Some(rest) => rest,
            None => return false,
        },
        None => rest,
    };
    rest == "#" || is_json_pointer(rest)
}

/// What follows a leading `0` or `[1-9][0-9]*`.
fn non_negative_integer(s: &str) -> Option<&str> {
    let count = s.bytes().take_while(u8::is_ascii_digit).count();
    (count == 1 || (count > 1 && !s.starts_with('0'))).then(|| &s[count..])
}

/// The longest `regex` checked, in UTF-8 octets, and the most alternatives (`|`) it may have:
/// regress compiles alternatives into a nested tree, in time quadratic in their number and
/// with a stack frame per alternative, so an unbounded pattern from a document could take
/// seconds or overflow the stack. Real patterns stay far below both (a list of every country
/// code has 250 alternatives).
pub const MAX_REGEX: usize = 16 * 1024;
/// See `MAX_REGEX`.
pub const MAX_REGEX_ALTERNATIVES: usize = 512;

/// An ECMA-262 regular expression, as JSON Schema's `pattern` is one: compiled by regress with
/// the `u` flag (so `\a` and Python's `(?P<name>…)` are not valid). A pattern longer than
/// `MAX_REGEX` octets or with more than `MAX_REGEX_ALTERNATIVES` alternatives is invalid;
/// regress itself refuses nesting deeper than 256.
pub fn is_regex(s: &str) -> bool {
    s.len() <= MAX_REGEX
        && alternatives(s.as_bytes()) <= MAX_REGEX_ALTERNATIVES
        && regress::Regex::with_flags(s, "u").is_ok()
}

/// The `|` outside character classes and escapes.
fn alternatives(pattern: &[u8]) -> usize {
    let (mut count, mut in_class, mut escaped) = (0, false, false);
    for &b in pattern {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'|' if !in_class => count += 1,
            _ => {}
        }
    }
    count
}

/// RFC 4648 section 4 base64 (OpenAPI's `byte`): groups of four characters of `A-Z a-z 0-9 + /`,
/// the last padded with `=` (none, one or two), and the bits padding leaves unused zero (the
/// canonical encoding, RFC 4648 section 3.5). No white space or line breaks.
pub fn is_byte(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(4) {
        return false;
    }
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let padding = b.iter().rev().take_while(|&&c| c == b'=').count();
    if padding > 2 {
        return false;
    }
    let data = &b[..b.len() - padding];
    if !data.iter().all(|&c| value(c).is_some()) {
        return false;
    }
    // With one `=` the last character carries 2 unused bits, with two `=` 4.
    let unused_mask = [0, 0b11, 0b1111][padding];
    data.last()
        .and_then(|&c| value(c))
        .is_none_or(|last| last & unused_mask == 0)
}

/// OpenAPI's numeric formats, which apply to numbers as string formats apply to strings. A
/// whole number written with a fraction (`1.0`) is an integer, as JSON Schema's `integer` is.
pub mod number_formats {
    use serde_json::Number;

    /// The value when it is a whole number (and fits an `i128`, which every `i64` does).
    fn whole(n: &Number) -> Option<i128> {
        if let Some(i) = n.as_i64() {
            return Some(i128::from(i));
        }
        if let Some(u) = n.as_u64() {
            return Some(i128::from(u));
        }
        let f = n.as_f64()?;
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e38).then_some(f as i128)
    }

    /// `int32`: a whole number from -2^31 to 2^31 - 1.
    pub fn is_int32(n: &Number) -> bool {
        whole(n).is_some_and(|v| i32::try_from(v).is_ok())
    }

    /// `int64`: a whole number from -2^63 to 2^63 - 1.
    pub fn is_int64(n: &Number) -> bool {
        whole(n).is_some_and(|v| i64::try_from(v).is_ok())
    }

    /// `float`: a number an `f32` holds, to its precision: finite once rounded to the nearest
    /// `f32` (so no larger in magnitude than `f32::MAX` and half its last digit).
    pub fn is_float(n: &Number) -> bool {
        n.as_f64().is_some_and(|f| (f as f32).is_finite())
    }

    /// `double`: a finite number (an `f64`). serde_json holds no other, so this only refuses
    /// what another representation might carry.
    pub fn is_double(n: &Number) -> bool {
        n.as_f64().is_some_and(f64::is_finite)
    }
}

#[cfg(test)]
mod tests {
    use super::number_formats::*;
    use super::*;

    /// A format's name, its check, values it accepts and values it refuses.
    type Cases<T> = (
        &'static str,
        fn(&T) -> bool,
        &'static [&'static str],
        &'static [&'static str],
    );

    /// Every string check.
    const CASES: &[Cases<str>] = &[
        (
            "date",
            is_date,
            &["2020-02-29", "1963-06-19"],
            &["2019-02-29", "2020-13-01", "1963-06-1৪", "2020-1-01", ""],
        ),
        (
            "time",
            is_time,
            &[
                "08:30:06Z",
                "23:59:60Z",
                "15:59:60-08:00",
                "08:30:06.283185+00:20",
            ],
            &[
                "22:59:60Z",
                "12:00:00",
                "24:00:00Z",
                "08:30:06 PST",
                "1২:00:00Z",
                "08:30",
            ],
        ),
        (
            "date-time",
            is_date_time,
            &[
                "1963-06-19T08:30:06.283185Z",
                "1998-12-31T15:59:60.123-08:00",
            ],
            &[
                "1998-12-31T22:59:60Z",
                "1990-12-31T15:59:59-24:00",
                "2020-01-01T",
                "2020-01-01",
            ],
        ),
        (
            "duration",
            is_duration,
            &["P4DT12H30M5S", "P2W", "PT36H", "P1Y2M", "PT1M2S", "P0D"],
            &[
                "P", "PT", "P1YT", "P2D1Y", "P1Y2D", "PT1H2S", "P1Y2W", "PT0.5S", "-P1D", "P1WT1H",
            ],
        ),
        (
            "email",
            is_email,
            &[
                "first.last+tag@sub.example.co.uk",
                "joe.bloggs@example.com",
                "\"joe..bloggs\"@example.com",
                "joe.bloggs@[IPv6:::1]",
                "o'brien+tag@a-b.example.com",
                "x@xn--9n2bp8q.xn--9t4b11yi5a",
            ],
            &[
                "te..st@example.com",
                "joe.bloggs@[127.0.0.300]",
                "joe bloggs@example.com",
                ".joe@example.com",
                "joe.@example.com",
                "jo\u{e9}@example.com",
                "joe@-example.com",
                "joe@exa_mple.com",
                "joe@example..com",
                "x@xn--X",
                "x@실례.테스트",
            ],
        ),
        (
            "idn-email",
            is_idn_email,
            &[
                "실례@실례.테스트",
                "δοκιμή@example.com",
                "\"δοκιμή\"@example.com",
                "\u{85}@example.com",
                "joe.bloggs@example.com",
            ],
            &[
                "2962",
                "user＠example.com",
                "δοκιμή@",
                "a..b@example.com",
                "x@a。b",
            ],
        ),
        (
            "hostname",
            is_hostname,
            &[
                "localhost",
                "EXAMPLE.COM",
                "www.example.com",
                "1host",
                "a--b.com",
                "xn--9n2bp8q.xn--9t4b11yi5a",
                "XN--9N2BP8Q",
            ],
            &[
                "",
                ".",
                "example.",
                "host_name",
                "-hostname",
                "\u{212A}elvin.example.com",
                "xn--X",
                "ab--c",
                "xn--07jt112bpxg.xn--9t4b11yi5a",
                "example\u{ff0e}com",
            ],
        ),
        (
            "idn-hostname",
            is_idn_hostname,
            &[
                "münchen.de",
                "xn--mnchen-3ya.de",
                "日本語.jp",
                "실례.테스트",
                "a。b",
                "l·l",
                "α͵β",
                "א׳ב",
                "・ぁ",
                "क्‍ष",
                "بي‌بي",
                "ßς་〇",
                "xn--ihqwcrb4cv8a8dqg056pqjye",
            ],
            &[
                "〮실례.테스트",
                "a·l",
                "α͵S",
                "A׳ב",
                "def・abc",
                "ب٠۰",
                "क‍ष",
                "ःhello",
                "0a.א",
                "aא",
                "Bücher",
                "xn--example-",
                "a..b",
                "-hello",
            ],
        ),
        (
            "ipv4",
            is_ipv4,
            &["192.168.0.1", "0.0.0.0", "255.255.255.255", "087.10.0.1"],
            &[
                "127.0.0.0.1",
                "256.256.256.256",
                "127.1",
                "0x7f000001",
                "1২7.0.0.1",
                "192.168.0.1\n",
                "",
                "1.2.3.4.",
                "+1.2.3.4",
            ],
        ),
        (
            "ipv6",
            is_ipv6,
            &[
                "::1",
                "::",
                "d6::",
                "1:d6::42",
                "::ffff:192.168.0.1",
                "1:2:3:4:5:6:7:8",
                "1000:1000:1000:1000:1000:1000:255.255.255.255",
            ],
            &[
                "12345::",
                "1::d6::42",
                "1:2:3:4:5:::8",
                "1:2:3:4:5:6:7",
                ":2:3:4:5:6:7:8",
                "1:2:3:4:5:6:7:",
                "::ffff:192.168.0.01",
                "fe80::a%eth1",
                "[::1]",
                "1:2:3:4:5:6:7:8:9",
                "1::2:3:4:5:6:7:8",
            ],
        ),
        (
            "uri",
            is_uri,
            &[
                "ldap://[2001:db8::7]/c=GB?objectClass?one",
                "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
                "http://[v1.fe80::a+en1]/x",
                "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com",
            ],
            &[
                "//foo.bar/?baz=qux#quux",
                "http://example.com/%6G",
                "http://[::ffff:01.2.3.4]",
                "http:/[::1]",
                "abc",
                "1http://example.com",
                "https://[@example.org/test.txt",
                "http://example.com:abc/path",
                "http://[v.x]/",
            ],
        ),
        (
            "uri-reference",
            is_uri_reference,
            &[
                "",
                "//",
                "?query=1",
                "#fragment",
                "./this:that",
                "/abc",
                "http://087.10.0.1/",
            ],
            &[
                "1:b",
                "/[::1]",
                "#frag\\ment",
                "/foobar®.txt",
                "//a@b@example.com/",
                "/%zz",
            ],
        ),
        (
            "iri",
            is_iri,
            &[
                "http://ƒøø.ßår/?∂éœ=πîx#πîüx",
                "http://ƒøø.ßår/?q=\u{F0000}",
                "urn:example:resource",
            ],
            &[
                "/abc",
                "âππ",
                "http://ƒøø.ßår/\n",
                "http://2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                "http://ƒøø.ßår/#\u{F0000}",
            ],
        ),
        (
            "iri-reference",
            is_iri_reference,
            &["âππ", "/âππ", "#ƒrägmênt", "//ƒøø.ßår/?∂éœ=πîx#πîüx"],
            &["\\\\WINDOWS\\filëßåré", "#ƒräg\\mênt", "a\u{FFFE}"],
        ),
        (
            "uri-template",
            is_uri_template,
            &[
                "https://api.example.com/users/{id}{?fields*}",
                "",
                "http://example.com/dictionary/{term:1}/{term}",
                "{+var}",
                "{x,y}",
                "{a.b}",
                "{%41}",
                "{v:1000}",
                "a'b",
                "a😀b",
                "{var*}",
            ],
            &[
                "{}",
                "{a,,b}",
                "{v:0}",
                "{v:10000}",
                "foo}bar",
                "{a..b}",
                "{v:01}",
                "a b",
                "{a,}",
                "{var=def}",
                "{,+var}",
                "{term",
                "{a{b}}",
                "a\u{7f}b",
            ],
        ),
        (
            "uuid",
            is_uuid,
            &[
                "2eb8aa08-aa98-11ea-b4aa-73b441d16380",
                "2EB8AA08-AA98-11EA-B4AA-73B441D16380",
            ],
            &[
                "2eb8aa08aa9811eab4aa73b441d16380",
                "2eb8aa08-aa98-11ea-b4ga-73b441d16380",
                "2eb8-aa08-aa98-11ea-b4aa73b441d16380",
            ],
        ),
        (
            "json-pointer",
            is_json_pointer,
            &[
                "",
                "/",
                "/foo/bar~0/baz~1/%a",
                "/foo//bar",
                "/~1.1",
                "/foo\u{0}bar",
            ],
            &["/foo/bar~", "#", "#/", "a", "/~2", "/~-1", "/~~"],
        ),
        (
            "relative-json-pointer",
            is_relative_json_pointer,
            &[
                "1",
                "0/foo/bar",
                "0#",
                "120/foo/bar",
                "0//",
                "2+1/0",
                "0-1#",
            ],
            &[
                "/foo/bar",
                "-1/foo/bar",
                "+1/foo/bar",
                "١/foo",
                "0##",
                "01/a",
                "",
                "1#/foo/bar",
                "1\n",
                "0+/a",
            ],
        ),
        (
            "regex",
            is_regex,
            &["([abc])+\\s+$", "(?<name>x)", "(?<=a+)b", "[]", "\\cA"],
            &["^(abc]", "\\a", "(?P<name>x)", "(?i)abc"],
        ),
        (
            "byte",
            is_byte,
            &["", "QQ==", "QUI=", "QUJD", "+/+/", "aGVsbG8gd29ybGQ="],
            &[
                "QQ", "Q===", "QR==", "QUJ=", "QU JD", "QUJD\n", "QUJD=", "=QUJ", "QU=D", "-_-_",
            ],
        ),
    ];

    #[test]
    fn every_format_accepts_and_refuses() {
        for (format, check, valid, invalid) in CASES {
            for value in *valid {
                assert!(check(value), "{format}: {value:?} should be valid");
            }
            for value in *invalid {
                assert!(!check(value), "{format}: {value:?} should be invalid");
            }
        }
    }

    #[test]
    fn number_formats_are_ranges() {
        let n = |text: &str| -> serde_json::Number { serde_json::from_str(text).unwrap() };
        let cases: &[Cases<serde_json::Number>] = &[
            (
                "int32",
                is_int32,
                &["0", "-2147483648", "2147483647", "1.0"],
                &["2147483648", "-2147483649", "1.5", "1e300"],
            ),
            (
                "int64",
                is_int64,
                &["-9223372036854775808", "9223372036854775807", "-1", "4e18"],
                &["9223372036854775808", "18446744073709551615", "0.5", "1e19"],
            ),
            (
                "float",
                is_float,
                &["0", "3.4028234663852886e38", "-1.5", "18446744073709551615"],
                &["3.5e38", "-1e39", "1e300"],
            ),
            (
                "double",
                is_double,
                &["0", "1.7976931348623157e308", "-1e-300"],
                &[],
            ),
        ];
        for (format, check, valid, invalid) in cases {
            for value in *valid {
                assert!(check(&n(value)), "{format}: {value} should be valid");
            }
            for value in *invalid {
                assert!(!check(&n(value)), "{format}: {value} should be invalid");
            }
        }
    }

    /// Hostile values: long, deep or repetitive strings are decided without panicking, in time
    /// that grows with their length only (a quadratic check of 1 MB would take minutes).
    #[test]
    fn hostile_values_are_decided_quickly() {
        let megabyte = 1 << 20;
        let hostile = [
            "a".repeat(megabyte),
            "~".repeat(megabyte),
            "/".repeat(megabyte),
            "/~0".repeat(megabyte / 3),
            format!("1{}", "/a".repeat(megabyte / 2)),
            "(".repeat(megabyte),
            format!("{}{}", "(".repeat(300), ")".repeat(300)),
            "(?<a>x)|".repeat(MAX_REGEX_ALTERNATIVES),
            "a|".repeat(MAX_REGEX / 2),
            format!(
                "{}{}{}",
                "(".repeat(250),
                "a|".repeat(MAX_REGEX_ALTERNATIVES),
                ")".repeat(250)
            ),
            "{".repeat(megabyte),
            format!("{{{}}}", "a,".repeat(megabyte / 2)),
            "%".repeat(megabyte),
            "a.".repeat(megabyte / 2),
            "xn--".repeat(megabyte / 4),
            format!("xn--{}", "9".repeat(59)),
            "ü".repeat(megabyte / 2),
            "\u{200C}".repeat(60),
            format!("a{}b", "\u{0301}".repeat(60)),
            "1:".repeat(megabyte / 2),
            "::".repeat(megabyte / 2),
            "1.".repeat(megabyte / 2),
            format!("P{}", "1Y".repeat(megabyte / 2)),
            format!("P{}D", "9".repeat(megabyte)),
            "@".repeat(megabyte),
            format!("{}@example.com", "a".repeat(megabyte)),
            format!("a@{}", "a.".repeat(megabyte / 2)),
            format!("\"{}\"@example.com", "\\".repeat(megabyte)),
            format!("http://{}", "[".repeat(megabyte)),
            format!("http://example.com/{}", "%41".repeat(megabyte / 3)),
            format!("http://{}@x", ":".repeat(megabyte)),
            "=".repeat(megabyte),
            "A".repeat(megabyte),
        ];
        let started = std::time::Instant::now();
        for value in &hostile {
            for (_, check, _, _) in CASES {
                check(value);
            }
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{:?}",
            started.elapsed()
        );
    }
}
