//! Format assertions: `date`, `date-time` (RFC 3339), `email` (RFC 5321 mailbox), `uri` (RFC 3986),
//! `uuid` (RFC 9562).

/// RFC 3339 `full-date`: `YYYY-MM-DD` with a real calendar day. connectFi's `dateISO` is the same.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
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

/// RFC 3339 `date-time`, including the leap-second rule (second 60 only at 23:59 UTC).
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20
        || !matches!(b[10], b'T' | b't')
        || !s.is_char_boundary(10)
        || !is_date(&s[..10])
    {
        return false;
    }
    let time = &b[11..];
    if time[2] != b':' || time[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        digits(&time[0..2]),
        digits(&time[3..5]),
        digits(&time[6..8]),
    ) else {
        return false;
    };
    let mut rest = &time[8..];
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
            let total = (oh * 60 + om) as i64;
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
        let utc_minutes = ((hour * 60 + minute) as i64 - offset_minutes).rem_euclid(24 * 60);
        return utc_minutes == 23 * 60 + 59;
    }
    true
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// An RFC 5321 mailbox: dot-atom or quoted local part, then a host name or an address literal.
pub fn is_email(s: &str) -> bool {
    let Some(at) = s.rfind('@') else { return false };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    is_local_part(local) && is_mail_domain(domain)
}

fn is_local_part(local: &str) -> bool {
    if let Some(quoted) = local.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        let mut chars = quoted.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if !chars.next().is_some_and(|e| (' '..='~').contains(&e)) {
                        return false;
                    }
                }
                '"' => return false,
                c if (' '..='~').contains(&c) => {}
                _ => return false,
            }
        }
        return !local.is_empty();
    }
    !local.is_empty() && local.len() <= 64 && is_dot_atom(local.as_bytes())
}

/// RFC 5322 `atext`: the characters an unquoted local part may use besides dots.
const ATEXT: [u64; 2] = ascii_set(b"!#$%&'*+-/=?^_`{|}~", true);
/// A host name label's characters.
const LABEL: [u64; 2] = ascii_set(b"-", true);

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

/// Non-empty atoms of `atext` separated by single dots.
fn is_dot_atom(local: &[u8]) -> bool {
    let mut atom_started = false;
    for &byte in local {
        if byte == b'.' && atom_started {
            atom_started = false;
        } else if in_set(&ATEXT, byte) {
            atom_started = true;
        } else {
            return false;
        }
    }
    atom_started
}

fn is_mail_domain(domain: &str) -> bool {
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return match literal.strip_prefix("IPv6:") {
            Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
            None => literal.parse::<std::net::Ipv4Addr>().is_ok(),
        };
    }
    is_hostname(domain)
}

fn is_hostname(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.as_bytes().split(|&b| b == b'.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label[0] != b'-'
                && label[label.len() - 1] != b'-'
                && label.iter().all(|&b| in_set(&LABEL, b))
        })
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

/// An RFC 3986 URI with a scheme (relative references are not URIs).
pub fn is_uri(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    let valid_scheme = scheme
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !valid_scheme {
        return false;
    }
    let rest = &s[colon + 1..];
    let (rest, fragment) = split_once_or(rest, '#');
    let (hier, query) = split_once_or(rest, '?');
    let query_ok = |part: Option<&str>| part.is_none_or(|p| all_uri_chars(p, "/?:@"));
    if !query_ok(query) || !query_ok(fragment) {
        return false;
    }
    match hier.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            is_authority(&after[..end]) && all_uri_chars(&after[end..], "/:@")
        }
        None => all_uri_chars(hier, "/:@"),
    }
}

fn split_once_or(s: &str, c: char) -> (&str, Option<&str>) {
    match s.split_once(c) {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}

/// Unreserved, percent-encoded, sub-delims, and the `extra` characters.
fn all_uri_chars(s: &str, extra: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if i + 2 >= b.len() || !b[i + 1].is_ascii_hexdigit() || !b[i + 2].is_ascii_hexdigit() {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = c.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=".contains(&c)
            || extra.as_bytes().contains(&c);
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

fn is_authority(authority: &str) -> bool {
    let (userinfo, host_port) = match authority.rfind('@') {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    if userinfo.is_some_and(|u| !all_uri_chars(u, ":")) {
        return false;
    }
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        let Some(end) = inner.find(']') else {
            return false;
        };
        if !is_ip_literal(&inner[..end]) {
            return false;
        }
        let port = match &inner[end + 1..] {
            "" => None,
            after => match after.strip_prefix(':') {
                Some(port) => Some(port),
                None => return false,
            },
        };
        ("", port)
    } else {
        match host_port.rfind(':') {
            Some(c) => (&host_port[..c], Some(&host_port[c + 1..])),
            None => (host_port, None),
        }
    };
    port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit())) && all_uri_chars(host, "")
}

/// RFC 3986 `IP-literal` without its brackets: `IPv6address / IPvFuture`.
fn is_ip_literal(literal: &str) -> bool {
    is_ipv_future(literal)
        || (literal.parse::<std::net::Ipv6Addr>().is_ok() && !has_leading_zero_ipv4(literal))
}

/// RFC 3986 `IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`; the `v` is
/// case-insensitive, as every ABNF literal is.
fn is_ipv_future(literal: &str) -> bool {
    let Some(rest) = literal.strip_prefix(['v', 'V']) else {
        return false;
    };
    let Some((version, address)) = rest.split_once('.') else {
        return false;
    };
    !version.is_empty()
        && version.bytes().all(|b| b.is_ascii_hexdigit())
        && !address.is_empty()
        && address
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:".contains(&b))
}

/// RFC 3986's IPv4 part of an IPv6 literal forbids leading zeros, which std accepts.
fn has_leading_zero_ipv4(literal: &str) -> bool {
    let tail = literal.rsplit(':').next().unwrap_or("");
    tail.contains('.')
        && tail
            .split('.')
            .any(|octet| octet.len() > 1 && octet.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2020-02-29"));
        assert!(!is_date("2019-02-29"));
        assert!(!is_date("2020-13-01"));
        assert!(!is_date("1963-06-1৪"));
        assert!(is_date_time("1963-06-19T08:30:06.283185Z"));
        assert!(is_date_time("1998-12-31T15:59:60.123-08:00"));
        assert!(!is_date_time("1998-12-31T22:59:60Z"));
        assert!(!is_date_time("1990-12-31T15:59:59-24:00"));
    }

    #[test]
    fn emails() {
        assert!(is_email("joe.bloggs@example.com"));
        assert!(is_email("\"joe..bloggs\"@example.com"));
        assert!(is_email("joe.bloggs@[IPv6:::1]"));
        assert!(!is_email("te..st@example.com"));
        assert!(!is_email("joe.bloggs@[127.0.0.300]"));
        assert!(!is_email("joe bloggs@example.com"));
        assert!(!is_email(".joe@example.com"));
        assert!(!is_email("joe.@example.com"));
        assert!(!is_email("jo\u{e9}@example.com"));
        assert!(!is_email("joe@-example.com"));
        assert!(!is_email("joe@example-.com"));
        assert!(!is_email("joe@exa_mple.com"));
        assert!(!is_email("joe@example..com"));
        assert!(is_email("o'brien+tag@a-b.example.com"));
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("2eb8aa08-aa98-11ea-b4aa-73b441d16380"));
        assert!(is_uuid("2EB8AA08-AA98-11EA-B4AA-73B441D16380"));
        assert!(!is_uuid("2eb8aa08aa9811eab4aa73b441d16380"));
        assert!(!is_uuid("2eb8aa08-aa98-11ea-b4aa-73b441d1638"));
        assert!(!is_uuid("2eb8aa08-aa98-11ea-73b4-41d16380b4aa0"));
        assert!(!is_uuid("2eb8aa08-aa98-11ea-b4ga-73b441d16380"));
        assert!(!is_uuid("2eb8-aa08-aa98-11ea-b4aa73b441d16380"));
    }

    #[test]
    fn uris() {
        assert!(is_uri("ldap://[2001:db8::7]/c=GB?objectClass?one"));
        assert!(is_uri(
            "urn:oasis:names:specification:docbook:dtd:xml:4.1.2"
        ));
        assert!(!is_uri("//foo.bar/?baz=qux#quux"));
        assert!(!is_uri("http://example.com/%6G"));
        assert!(!is_uri("http://[::ffff:01.2.3.4]"));
        assert!(!is_uri("http:/[::1]"));
        // IPvFuture literals (RFC 3986 section 3.2.2).
        for future in [
            "http://[v1.x]/",
            "http://[V1.x]/",
            "http://[vF.a:b]/",
            "foo://[v1.fe80::a+en1]/x",
            "http://[v1a.b~c]:8080",
        ] {
            assert!(is_uri(future), "{future}");
        }
        for malformed in [
            "http://[v.x]/",
            "http://[v1.]/",
            "http://[vg.x]/",
            "http://[v1.x/",
            "http://[v1.x y]/",
            "http://[w1.x]/",
            "http://[v1x]/",
        ] {
            assert!(!is_uri(malformed), "{malformed}");
        }
    }
}
