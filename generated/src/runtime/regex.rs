//! ECMA-262 regular expressions, as JSON Schema specifies, through regress with the `u` flag.

pub use regress::Regex;

/// Compiles a pattern that the generator has already compiled with the same regress version,
/// so it cannot fail here.
pub fn compile(pattern: &str) -> Regex {
    Regex::with_flags(pattern, "u").expect("pattern was checked when the code was generated")
}

/// True when the pattern matches anywhere in `s` (patterns are not implicitly anchored).
#[inline]
pub fn is_match(regex: &Regex, s: &str) -> bool {
    regex.find(s).is_some()
}
