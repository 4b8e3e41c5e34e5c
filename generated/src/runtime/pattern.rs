//! Patterns as the generator leaves them: a simple anchored pattern (`^[0-9a-zA-Z]+$`) as a
//! table of character-set repetitions matched greedily, anything else as an ECMA-262 regex.
//! The generator only emits a table when greedy matching decides it exactly (see
//! `codegen/src/patterns.rs`).

use std::sync::OnceLock;

/// One item of an anchored sequence: a character set repeated `min..=max` times.
#[derive(Debug)]
pub struct Piece {
    /// Membership of the 128 ASCII characters, one bit each (negation already applied): most
    /// input is ASCII, so most characters cost one bit test.
    pub ascii: [u64; 2],
    /// Inclusive character ranges, for characters beyond ASCII.
    pub ranges: &'static [(char, char)],
    /// True when the set is every character outside `ranges`.
    pub negated: bool,
    /// Fewest repetitions.
    pub min: usize,
    /// Most repetitions, `None` for no limit.
    pub max: Option<usize>,
}

impl Piece {
    #[inline(always)]
    fn contains_ascii(&self, byte: u8) -> bool {
        (self.ascii[usize::from(byte >> 6)] >> (byte & 63)) & 1 == 1
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.contains_ascii(c as u8);
        }
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

#[derive(Debug)]
enum Matcher {
    /// The sequence, then an optional group of its own pieces (empty when there is none).
    Pieces(&'static [Piece], &'static [Piece]),
    Regex(OnceLock<regress::Regex>),
}

/// A `pattern` keyword's regular expression and how it is matched.
#[derive(Debug)]
pub struct Pattern {
    /// The pattern as the schema writes it.
    pub source: &'static str,
    matcher: Matcher,
}

impl Pattern {
    /// A pattern the generator compiled to character tests.
    pub const fn pieces(source: &'static str, pieces: &'static [Piece]) -> Pattern {
        Pattern {
            source,
            matcher: Matcher::Pieces(pieces, &[]),
        }
    }

    /// A pattern `^…(…)?$` the generator compiled to character tests: the sequence, then an
    /// optional group at the end.
    pub const fn pieces_then_optional(
        source: &'static str,
        pieces: &'static [Piece],
        optional: &'static [Piece],
    ) -> Pattern {
        Pattern {
            source,
            matcher: Matcher::Pieces(pieces, optional),
        }
    }

    /// A pattern matched by regress (with the `u` flag), compiled on first use.
    pub const fn regex(source: &'static str) -> Pattern {
        Pattern {
            source,
            matcher: Matcher::Regex(OnceLock::new()),
        }
    }

    /// True when the pattern matches `s` (a regex anywhere in it, as JSON Schema specifies).
    pub fn is_match(&self, s: &str) -> bool {
        match &self.matcher {
            Matcher::Pieces(pieces, optional) => match consume(pieces, s) {
                Some("") => true,
                Some(rest) => !optional.is_empty() && consume(optional, rest) == Some(""),
                None => false,
            },
            Matcher::Regex(cell) => {
                let regex = cell.get_or_init(|| super::regex::compile(self.source));
                super::regex::is_match(regex, s)
            }
        }
    }
}

/// Greedy matching of a sequence from the start of `s`: what is left of `s`, or `None` when an
/// item does not reach its minimum. ASCII bytes are tested one at a time against the bitmap;
/// only a non-ASCII byte decodes its character.
fn consume<'s>(pieces: &[Piece], s: &'s str) -> Option<&'s str> {
    let bytes = s.as_bytes();
    let mut at = 0;
    for piece in pieces {
        let limit = piece.max.unwrap_or(usize::MAX);
        let mut count = 0usize;
        while count < limit {
            let Some(&byte) = bytes.get(at) else { break };
            let width = if byte < 0x80 {
                if !piece.contains_ascii(byte) {
                    break;
                }
                1
            } else {
                // `at` is on a character boundary: only whole characters are consumed.
                let c = s[at..].chars().next()?;
                if !piece.contains(c) {
                    break;
                }
                c.len_utf8()
            };
            count += 1;
            at += width;
        }
        if count < piece.min {
            return None;
        }
    }
    Some(&s[at..])
}

/// The ASCII bitmap of a set of ranges, negated or not: what the generator writes in
/// `Piece::ascii` (used by tests here).
#[cfg(test)]
fn ascii_bitmap(ranges: &[(char, char)], negated: bool) -> [u64; 2] {
    let mut bits = [0u64; 2];
    for code in 0u32..128 {
        let c = char::from_u32(code).unwrap_or_default();
        if ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != negated {
            bits[(code >> 6) as usize] |= 1 << (code & 63);
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::{Pattern, Piece};

    static ALPHANUMERIC: Pattern = Pattern::pieces(
        "^[0-9a-zA-Z]+$",
        &[Piece {
            ascii: [0x03ff_0000_0000_0000, 0x07ff_fffe_07ff_fffe],
            ranges: &[('0', '9'), ('a', 'z'), ('A', 'Z')],
            negated: false,
            min: 1,
            max: None,
        }],
    );
    static NO_ANGLES: Pattern = Pattern::pieces(
        "^[^<>]{0,3}$",
        &[Piece {
            ascii: [!0x5000_0000_0000_0000, !0],
            ranges: &[('<', '<'), ('>', '>')],
            negated: true,
            min: 0,
            max: Some(3),
        }],
    );
    static DIGITS: Pattern = Pattern::regex("\\d{2}");
    const DIGIT_BITS: [u64; 2] = [0x03ff_0000_0000_0000, 0];
    static ZIP: Pattern = Pattern::pieces_then_optional(
        "^[0-9]{2}(-[0-9]{1})?$",
        &[Piece {
            ascii: DIGIT_BITS,
            ranges: &[('0', '9')],
            negated: false,
            min: 2,
            max: Some(2),
        }],
        &[
            Piece {
                ascii: [1 << 45, 0],
                ranges: &[('-', '-')],
                negated: false,
                min: 1,
                max: Some(1),
            },
            Piece {
                ascii: DIGIT_BITS,
                ranges: &[('0', '9')],
                negated: false,
                min: 1,
                max: Some(1),
            },
        ],
    );

    #[test]
    fn the_ascii_bitmaps_above_are_their_ranges() {
        assert_eq!(
            super::ascii_bitmap(&[('0', '9'), ('a', 'z'), ('A', 'Z')], false),
            ALPHANUMERIC_BITS
        );
        assert_eq!(
            super::ascii_bitmap(&[('<', '<'), ('>', '>')], true),
            NO_ANGLES_BITS
        );
        assert!(NO_ANGLES.is_match("é😀"));
        assert!(!ALPHANUMERIC.is_match("é"));
    }

    const ALPHANUMERIC_BITS: [u64; 2] = [0x03ff_0000_0000_0000, 0x07ff_fffe_07ff_fffe];
    const NO_ANGLES_BITS: [u64; 2] = [!0x5000_0000_0000_0000, !0];

    #[test]
    fn tables_and_regexes_match_as_the_schema_means() {
        assert!(ALPHANUMERIC.is_match("Ref1"));
        assert!(!ALPHANUMERIC.is_match(""));
        assert!(!ALPHANUMERIC.is_match("Ref 1"));
        assert!(NO_ANGLES.is_match(""));
        assert!(NO_ANGLES.is_match("abc"));
        assert!(!NO_ANGLES.is_match("abcd"));
        assert!(!NO_ANGLES.is_match("a<"));
        assert!(DIGITS.is_match("x12y"));
        assert!(ZIP.is_match("12") && ZIP.is_match("12-3"));
        assert!(!ZIP.is_match("12-") && !ZIP.is_match("1-3") && !ZIP.is_match("12-34"));
        assert_eq!(super::ascii_bitmap(&[('-', '-')], false), [1 << 45, 0]);
        assert!(!DIGITS.is_match("x1y"));
    }
}
