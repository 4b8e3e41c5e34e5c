//! URI references (RFC 3986) and IRI references (RFC 3987), in one pass over the text: the
//! grammar of an IRI is the URI's with `ucschar` added where an unreserved character may stand
//! (and `iprivate` in the query).

/// Which grammar, and whether a scheme is required.
#[derive(Clone, Copy)]
pub(super) struct Grammar {
    /// RFC 3987: non-ASCII characters of `ucschar` (and `iprivate` in the query) are allowed.
    pub iri: bool,
    /// `URI` / `IRI` (a scheme first); otherwise `URI-reference` / `IRI-reference`, which may be
    /// a relative reference.
    pub absolute: bool,
}

impl Grammar {
    pub const URI: Grammar = Grammar {
        iri: false,
        absolute: true,
    };
    pub const URI_REFERENCE: Grammar = Grammar {
        iri: false,
        absolute: false,
    };
    pub const IRI: Grammar = Grammar {
        iri: true,
        absolute: true,
    };
    pub const IRI_REFERENCE: Grammar = Grammar {
        iri: true,
        absolute: false,
    };
}

/// True when `s` is a reference of `grammar`.
pub(super) fn is_reference(s: &str, grammar: Grammar) -> bool {
    let (rest, fragment) = split(s, '#');
    let (rest, query) = split(rest, '?');
    let iri = grammar.iri;
    if fragment.is_some_and(|f| !all_allowed(f, b"/?:@", iri, false))
        || query.is_some_and(|q| !all_allowed(q, b"/?:@", iri, true))
    {
        return false;
    }
    // A colon in the first segment ends the scheme; a relative reference has none there
    // (`path-noscheme`), so `1:b` is neither.
    let first_segment = &rest[..rest.find('/').unwrap_or(rest.len())];
    let hierarchy = match first_segment.find(':') {
        Some(colon) if is_scheme(&rest[..colon]) => &rest[colon + 1..],
        Some(_) => return false,
        None if grammar.absolute => return false,
        None => rest,
    };
    match hierarchy.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            is_authority(&after[..end], iri) && all_allowed(&after[end..], b"/:@", iri, false)
        }
        None => all_allowed(hierarchy, b"/:@", iri, false),
    }
}

fn split(s: &str, c: char) -> (&str, Option<&str>) {
    match s.split_once(c) {
        Some((before, after)) => (before, Some(after)),
        None => (s, None),
    }
}

/// `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
fn is_scheme(scheme: &str) -> bool {
    scheme
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// Every character is unreserved, a sub-delimiter, percent-encoded or one of `extra`; for an
/// IRI, also a `ucschar` (and an `iprivate` where `private`).
fn all_allowed(s: &str, extra: &[u8], iri: bool, private: bool) -> bool {
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        let allowed = match c {
            '%' => {
                let mut hex = || chars.next().is_some_and(|h| h.is_ascii_hexdigit());
                hex() && hex()
            }
            c if c.is_ascii() => {
                let b = c as u8;
                b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&b) || extra.contains(&b)
            }
            c => iri && (is_ucschar(c) || (private && is_iprivate(c))),
        };
        if !allowed {
            return false;
        }
    }
    true
}

/// RFC 3987 `ucschar`.
pub(super) fn is_ucschar(c: char) -> bool {
    let code = u32::from(c);
    match code {
        0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF | 0xE1000..=0xEFFFD => true,
        // Planes 1 to 13, but their last two code points (noncharacters).
        0x10000..=0xDFFFF => code & 0xFFFF <= 0xFFFD,
        _ => false,
    }
}

/// RFC 3987 `iprivate`.
pub(super) fn is_iprivate(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// `authority = [ userinfo "@" ] host [ ":" port ]`.
fn is_authority(authority: &str, iri: bool) -> bool {
    let (userinfo, host_port) = match authority.rfind('@') {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    // A second `@` lands in the user information, which cannot hold it.
    if userinfo.is_some_and(|u| !all_allowed(u, b":", iri, false)) {
        return false;
    }
    let port = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((address, after)) = literal.split_once(']') else {
            return false;
        };
        if !is_ip_literal(address) {
            return false;
        }
        match after {
            "" => "",
            after => match after.strip_prefix(':') {
                Some(port) => port,
                None => return false,
            },
        }
    } else {
        let (host, port) = match host_port.rfind(':') {
            Some(colon) => (&host_port[..colon], &host_port[colon + 1..]),
            None => (host_port, ""),
        };
        // `reg-name`, which every `IPv4address` is too.
        if !all_allowed(host, b"", iri, false) {
            return false;
        }
        port
    };
    port.bytes().all(|b| b.is_ascii_digit())
}

/// `IP-literal` without its brackets: `IPv6address / IPvFuture`.
fn is_ip_literal(literal: &str) -> bool {
    super::is_ipv6(literal) || is_ipv_future(literal)
}

/// `IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`; the `v` is
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
