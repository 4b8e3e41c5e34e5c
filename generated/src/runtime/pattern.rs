//! Patterns as the generator leaves them: a simple anchored pattern (`^[0-9a-zA-Z]+$`) as a
//! table of character-set repetitions matched greedily, anything else as an ECMA-262 regex.
//! The generator only emits a table when greedy matching decides it exactly (see
//! `codegen/src/patterns.rs`).

use std::sync::OnceLock;

/// One item of an anchored sequence: a character set repeated `min..=max` times.
#[derive(Debug)]
pub struct Piece {
    /// Inclusive character ranges.
    pub ranges: &'static [(char, char)],
    /// True when the set is every character outside `ranges`.
    pub negated: bool,
    /// Fewest repetitions.
    pub min: usize,
    /// Most repetitions, `None` for no limit.
    pub max: Option<usize>,
}

impl Piece {
    #[inline]
    fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

#[derive(Debug)]
enum Matcher {
    Pieces(&'static [Piece]),
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
            matcher: Matcher::Pieces(pieces),
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
            Matcher::Pieces(pieces) => pieces_match(pieces, s),
            Matcher::Regex(cell) => {
                let regex = cell.get_or_init(|| super::regex::compile(self.source));
                super::regex::is_match(regex, s)
            }
        }
    }
}

/// Greedy matching of an anchored sequence.
fn pieces_match(pieces: &[Piece], s: &str) -> bool {
    let mut chars = s.chars().peekable();
    for piece in pieces {
        let mut count = 0usize;
        while piece.max.is_none_or(|max| count < max)
            && chars.peek().is_some_and(|&c| piece.contains(c))
        {
            chars.next();
            count += 1;
        }
        if count < piece.min {
            return false;
        }
    }
    chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::{Pattern, Piece};

    static ALPHANUMERIC: Pattern = Pattern::pieces(
        "^[0-9a-zA-Z]+$",
        &[Piece {
            ranges: &[('0', '9'), ('a', 'z'), ('A', 'Z')],
            negated: false,
            min: 1,
            max: None,
        }],
    );
    static NO_ANGLES: Pattern = Pattern::pieces(
        "^[^<>]{0,3}$",
        &[Piece {
            ranges: &[('<', '<'), ('>', '>')],
            negated: true,
            min: 0,
            max: Some(3),
        }],
    );
    static DIGITS: Pattern = Pattern::regex("\\d{2}");

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
        assert!(!DIGITS.is_match("x1y"));
    }
}
