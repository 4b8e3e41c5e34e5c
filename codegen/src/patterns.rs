//! Compiles simple anchored patterns (`^[0-9a-zA-Z]+$`, `^\d{4}-\d{2}-\d{2}$`, connectFi's
//! `^((?![<>]).)*$`) into direct character tests, so the common case costs no regex engine.
//! Anything outside this small grammar returns `None` and is matched by regress at run time.
//!
//! Semantics follow ECMA-262 with the `u` flag: `\d` and `\w` are ASCII, `.` matches anything but
//! a line terminator (`\n`, `\r`, U+2028, U+2029).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// A set of characters: inclusive ranges, possibly negated.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CharSet {
    ranges: Vec<(char, char)>,
    negated: bool,
}

const LINE_TERMINATORS: [(char, char); 4] = [
    ('\n', '\n'),
    ('\r', '\r'),
    ('\u{2028}', '\u{2028}'),
    ('\u{2029}', '\u{2029}'),
];

impl CharSet {
    fn of(ranges: &[(char, char)]) -> CharSet {
        CharSet {
            ranges: ranges.to_vec(),
            negated: false,
        }
    }

    #[cfg(test)]
    fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }

    /// Membership of the 128 ASCII characters, one bit each, negation applied.
    fn ascii_bitmap(&self) -> [u64; 2] {
        let mut bits = [0u64; 2];
        for code in 0u32..128 {
            let c = char::from_u32(code).unwrap_or_default();
            let listed = self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
            if listed != self.negated {
                bits[(code >> 6) as usize] |= 1 << (code & 63);
            }
        }
        bits
    }

    /// True when no character is in both sets. Conservative: `false` when unsure, which only
    /// sends the pattern to regress.
    fn disjoint(&self, other: &CharSet) -> bool {
        let overlap = |a: &[(char, char)], b: &[(char, char)]| {
            a.iter()
                .any(|&(lo, hi)| b.iter().any(|&(l, h)| lo <= h && l <= hi))
        };
        let inside = |a: &[(char, char)], b: &[(char, char)]| {
            a.iter()
                .all(|&(lo, hi)| b.iter().any(|&(l, h)| l <= lo && hi <= h))
        };
        match (self.negated, other.negated) {
            (false, false) => !overlap(&self.ranges, &other.ranges),
            (true, false) => inside(&other.ranges, &self.ranges),
            (false, true) => inside(&self.ranges, &other.ranges),
            (true, true) => false,
        }
    }
}

/// One item of an anchored sequence: a character set repeated `min..=max` times.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    set: CharSet,
    min: usize,
    max: Option<usize>,
}

/// True when a group that contains an unbounded repetition (`*`, `+`, `{n,}`) or alternatives
/// (`|`) is itself repeated without bound: the shapes (`(a+)+`, `(a*)*`, `((ab)+)*`, `(a|a)*`) on
/// which backtracking regex engines, regress included, can take exponential time.
pub(crate) fn has_nested_unbounded_quantifier(pattern: &str) -> bool {
    let chars: Vec<char> = pattern.chars().collect();
    // For each open group: does it contain an unbounded repetition or alternatives?
    let mut groups: Vec<bool> = Vec::new();
    // Whether the group that just closed (the atom a quantifier would apply to) contained one.
    let mut closed_group_repeats = false;
    let mut i = 0;
    while i < chars.len() {
        let unbounded_at = |at: usize| match chars.get(at) {
            Some('*' | '+') => true,
            Some('{') => chars[at..]
                .iter()
                .position(|&c| c == '}')
                .is_some_and(|end| chars[at..at + end].ends_with(&[','])),
            _ => false,
        };
        match chars[i] {
            '\\' => {
                i += 2;
                closed_group_repeats = false;
                continue;
            }
            '[' => {
                // A class is one atom: skip to its closing bracket.
                i += 1;
                while i < chars.len() && chars[i] != ']' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                closed_group_repeats = false;
            }
            '(' => groups.push(false),
            ')' => {
                closed_group_repeats = groups.pop().unwrap_or(false);
                // A group holding such a group holds one too: `((a|b)c)*`.
                if let (true, Some(outer)) = (closed_group_repeats, groups.last_mut()) {
                    *outer = true;
                }
            }
            '|' => {
                if let Some(open) = groups.last_mut() {
                    *open = true;
                }
                closed_group_repeats = false;
            }
            _ if unbounded_at(i) => {
                if closed_group_repeats {
                    return true;
                }
                if let Some(open) = groups.last_mut() {
                    *open = true;
                }
                closed_group_repeats = false;
            }
            _ => closed_group_repeats = false,
        }
        i += 1;
    }
    false
}

/// A pattern `^item item …$`, or `^item … (item …)?$` with one optional group at the end (a ZIP+4
/// code), that greedy matching decides without backtracking.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FastPattern {
    items: Vec<Item>,
    /// The items of the optional group at the end; empty when there is none.
    optional_tail: Vec<Item>,
}

impl FastPattern {
    /// Parses `pattern`, or returns `None` when it is outside the grammar or would need backtracking.
    pub(crate) fn parse(pattern: &str) -> Option<FastPattern> {
        let body = pattern.strip_prefix('^')?.strip_suffix('$')?;
        if body.ends_with('\\') {
            return None; // the `$` was escaped
        }
        let (body, tail) = split_optional_tail(body)?;
        let items = sequence(body)?;
        let optional_tail = match tail {
            Some(tail) => sequence(tail).filter(|tail| tail.first().is_some_and(|t| t.min > 0))?,
            None => Vec::new(),
        };
        // Greedy matching stays exact across the group when the last item, if variable, cannot
        // take the group's first character.
        if let (Some(last), Some(first)) = (items.last(), optional_tail.first()) {
            if last.max != Some(last.min) && !last.set.disjoint(&first.set) {
                return None;
            }
        }
        Some(FastPattern {
            items,
            optional_tail,
        })
    }

    /// Reference interpretation, used by tests to check the emitted code's logic against regress.
    #[cfg(test)]
    pub(crate) fn is_match(&self, s: &str) -> bool {
        let consumed = |items: &[Item], s: &str| -> Option<String> {
            let mut chars = s.chars().peekable();
            for item in items {
                let mut count = 0;
                while item.max.is_none_or(|max| count < max)
                    && chars.peek().is_some_and(|&c| item.set.contains(c))
                {
                    chars.next();
                    count += 1;
                }
                if count < item.min {
                    return None;
                }
            }
            Some(chars.collect())
        };
        match consumed(&self.items, s) {
            Some(rest) if rest.is_empty() => true,
            Some(rest) if !self.optional_tail.is_empty() => {
                consumed(&self.optional_tail, &rest).is_some_and(|rest| rest.is_empty())
            }
            _ => false,
        }
    }
}

/// A `static NAME: Pattern` item for `source`: a table of character-set repetitions when the
/// pattern takes the fast path (the runtime's `Pattern::pieces`), else a regex compiled on first
/// use. `runtime` is the path of the runtime module.
pub(crate) fn pattern_static(name: &Ident, source: &str, runtime: &TokenStream) -> TokenStream {
    let table = |items: &[Item]| {
        let pieces = items.iter().map(|item| {
                let ranges = item.set.ranges.iter().map(|(lo, hi)| quote!((#lo, #hi)));
                let (negated, min) = (item.set.negated, Literal::usize_unsuffixed(item.min));
                let [low, high] = item
                    .set
                    .ascii_bitmap()
                    .map(|bits| syn::LitInt::new(&format!("{bits:#018x}"), proc_macro2::Span::call_site()));
                let max = match item.max.map(Literal::usize_unsuffixed) {
                    Some(max) => quote!(Some(#max)),
                    None => quote!(None),
                };
                quote! { #runtime::Piece { ascii: [#low, #high], ranges: &[#(#ranges),*], negated: #negated, min: #min, max: #max } }
        });
        quote! { &[#(#pieces),*] }
    };
    let value = match FastPattern::parse(source) {
        Some(fast) if fast.optional_tail.is_empty() => {
            let pieces = table(&fast.items);
            quote! { #runtime::Pattern::pieces(#source, #pieces) }
        }
        Some(fast) => {
            let (pieces, tail) = (table(&fast.items), table(&fast.optional_tail));
            quote! { #runtime::Pattern::pieces_then_optional(#source, #pieces, #tail) }
        }
        None => quote! { #runtime::Pattern::regex(#source) },
    };
    quote! { static #name: #runtime::Pattern = #value; }
}

/// `body` without a final `(…)?` group, and the group's inside; the group may hold no other
/// group or alternation.
fn split_optional_tail(body: &str) -> Option<(&str, Option<&str>)> {
    let Some(inside_and_open) = body.strip_suffix(")?") else {
        return Some((body, None));
    };
    let open = inside_and_open.rfind('(')?;
    let (head, inside) = (&inside_and_open[..open], &inside_and_open[open + 1..]);
    if head.ends_with('\\') || inside.contains(['(', ')', '|']) || inside.is_empty() {
        return None;
    }
    Some((head, Some(inside)))
}

/// The items of a sequence with no group, each variable-length item followed by a required item
/// with a disjoint set, or by the end: then greedy matching is exact.
fn sequence(body: &str) -> Option<Vec<Item>> {
    let chars: Vec<char> = body.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (set, next) = atom(&chars, i)?;
        let (min, max, next) = quantifier(&chars, next)?;
        items.push(Item { set, min, max });
        i = next;
    }
    for pair in items.windows(2) {
        let (current, next) = (&pair[0], &pair[1]);
        if current.max != Some(current.min) && (next.min == 0 || !current.set.disjoint(&next.set)) {
            return None;
        }
    }
    Some(items)
}

fn atom(chars: &[char], i: usize) -> Option<(CharSet, usize)> {
    const LOOKAHEAD_DOT_OPEN: &str = "((?![";
    let rest: String = chars[i..].iter().collect();
    if let Some(after) = rest.strip_prefix(LOOKAHEAD_DOT_OPEN) {
        // `((?![xyz]).)`: any character but x, y, z and the line terminators.
        let close = after.find("]).)")?;
        let inner: Vec<char> = after[..close].chars().collect();
        let (excluded, _) = class_body(&inner, 0, inner.len())?;
        if excluded.negated {
            return None;
        }
        let mut ranges = excluded.ranges;
        ranges.extend(LINE_TERMINATORS);
        let consumed =
            LOOKAHEAD_DOT_OPEN.chars().count() + after[..close].chars().count() + "]).)".len();
        return Some((
            CharSet {
                ranges,
                negated: true,
            },
            i + consumed,
        ));
    }
    match chars[i] {
        '[' => {
            let end = (i + 1..chars.len()).find(|&j| chars[j] == ']' && chars[j - 1] != '\\')?;
            let (set, _) = class_body(chars, i + 1, end)?;
            Some((set, end + 1))
        }
        '\\' => Some((escape(*chars.get(i + 1)?)?, i + 2)),
        '.' => Some((
            CharSet {
                ranges: LINE_TERMINATORS.to_vec(),
                negated: true,
            },
            i + 1,
        )),
        c if "()|*+?{}^$".contains(c) => None,
        c => Some((CharSet::of(&[(c, c)]), i + 1)),
    }
}

/// `\d`, `\w` and escaped punctuation; anything else is left to regress.
fn escape(c: char) -> Option<CharSet> {
    match c {
        'd' => Some(CharSet::of(&[('0', '9')])),
        'w' => Some(CharSet::of(&[
            ('0', '9'),
            ('A', 'Z'),
            ('_', '_'),
            ('a', 'z'),
        ])),
        c if c.is_ascii_punctuation() => Some(CharSet::of(&[(c, c)])),
        _ => None,
    }
}

/// The inside of `[...]` between `start` and `end` (exclusive).
fn class_body(chars: &[char], start: usize, end: usize) -> Option<(CharSet, usize)> {
    let mut i = start;
    let negated = chars.get(i) == Some(&'^');
    if negated {
        i += 1;
    }
    let mut ranges = Vec::new();
    while i < end {
        let (lo, next) = match chars[i] {
            '\\' => {
                let set = escape(*chars.get(i + 1)?)?;
                if set.ranges.len() > 1 || set.ranges[0].0 != set.ranges[0].1 {
                    ranges.extend(set.ranges);
                    i += 2;
                    continue;
                }
                (set.ranges[0].0, i + 2)
            }
            '[' => return None,
            c => (c, i + 1),
        };
        if chars.get(next) == Some(&'-') && next + 1 < end {
            let hi = match chars[next + 1] {
                '\\' => return None,
                c => c,
            };
            if hi < lo {
                return None;
            }
            ranges.push((lo, hi));
            i = next + 2;
        } else {
            ranges.push((lo, lo));
            i = next;
        }
    }
    if ranges.is_empty() {
        return None;
    }
    Some((CharSet { ranges, negated }, end))
}

fn quantifier(chars: &[char], i: usize) -> Option<(usize, Option<usize>, usize)> {
    match chars.get(i) {
        Some('*') => Some((0, None, i + 1)),
        Some('+') => Some((1, None, i + 1)),
        Some('?') => Some((0, Some(1), i + 1)),
        Some('{') => {
            let close = (i..chars.len()).find(|&j| chars[j] == '}')?;
            let inside: String = chars[i + 1..close].iter().collect();
            let (min, max) = match inside.split_once(',') {
                None => {
                    let n = inside.parse().ok()?;
                    (n, Some(n))
                }
                Some((lo, "")) => (lo.parse().ok()?, None),
                Some((lo, hi)) => (lo.parse().ok()?, Some(hi.parse().ok()?)),
            };
            if max.is_some_and(|max| max < min) {
                return None;
            }
            Some((min, max, close + 1))
        }
        _ => Some((1, Some(1), i)),
    }
}

#[cfg(test)]
mod tests {
    use super::{has_nested_unbounded_quantifier, FastPattern};

    #[test]
    fn nested_unbounded_repetition_is_found() {
        for bad in [
            "^(a+)+$",
            "(a*)*",
            "((ab)+)*",
            "(x+){2,}",
            "^(\\d+\\s?)+$",
            "([a-z]+)*@",
            "^(a|a)*$",
            "^(a|ab)+$",
            "((a|b)c)*",
        ] {
            assert!(has_nested_unbounded_quantifier(bad), "{bad}");
        }
        for fine in [
            "^[0-9]{5}(-[0-9]{4})?$",
            "^((?![<>]).)*$",
            "(a+)?",
            "(ab)+",
            "[(a+)+]",
            "\\(a+\\)+",
            "^\\+?[0-9]+$",
            "(a|b)?",
            "(a|b){2}",
            "a|b+",
            "[a|b]+",
            "\\|+",
        ] {
            assert!(!has_nested_unbounded_quantifier(fine), "{fine}");
        }
    }
    use proptest::prelude::*;

    /// Every pattern of the captured schemas that the grammar takes, plus tricky neighbours.
    const PATTERNS: &[&str] = &[
        r"^[0-9a-zA-Z]+$",
        r"^((?![<>]).)*$",
        r"^[0-9a-zA-Z-]+$",
        r"^[A-Z]{3}$",
        r"^\d+$",
        r"^\d{4}-\d{2}-\d{2}$",
        r"^[0-9a-zA-Z_]+$",
        r"^[0-9]{9}$",
        r"^[A-Z]{2,3}$",
        r"^\+?[0-9]+$",
        r"^\+[1-9][0-9]{1,14}$",
        r"^[A-Za-z0-9_-]+$",
        r"^[0-9 +()-]+$",
        r"^[0-9]{1,4}$",
        r"^[A-Za-z0-9 _-]+$",
        r"^a.c$",
        r"^\w*$",
        r"^[0-9]{5}(-[0-9]{4})?$",
        r"^[a-z]+(-[0-9]{2,4})?$",
        r"^[^abc]{2}x$",
    ];

    #[test]
    fn the_schema_patterns_take_the_fast_path() {
        for pattern in PATTERNS {
            assert!(FastPattern::parse(pattern).is_some(), "{pattern}");
        }
    }

    #[test]
    fn patterns_that_need_a_regex_engine_do_not() {
        for pattern in [
            r"^a*a$",
            r"^[a-z0-9-]+(-[0-9])?$",
            r"^a(b(c))?$",
            r"abc",
            r"^\p{L}+$",
            r"^a|b$",
            r"^[a-z]*[a-c]$",
            r"^\s+$",
            r"^x\$",
        ] {
            assert_eq!(FastPattern::parse(pattern), None, "{pattern}");
        }
    }

    fn alphabet() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            'a', 'z', 'A', 'Z', '0', '5', '9', '_', '-', '+', ' ', '(', ')', '<', '>', '\n', '\r',
            '\u{2028}', '\u{2029}', '\u{a0}', '٣', 'é', '😀', 'x', 'b', 'c',
        ]);
        prop::collection::vec(chars, 0..20).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn fast_patterns_agree_with_regress(s in alphabet(), index in 0..PATTERNS.len()) {
            let pattern = PATTERNS[index];
            let fast = FastPattern::parse(pattern).unwrap();
            let regress = regress::Regex::with_flags(pattern, "u").unwrap();
            prop_assert_eq!(fast.is_match(&s), regress.find(&s).is_some(), "{} on {:?}", pattern, s);
        }
    }
}
