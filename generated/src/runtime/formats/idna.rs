//! Host names with internationalized labels: IDNA2008 (RFC 5890 to 5893) and Punycode
//! (RFC 3492), over the table of code point properties in `idna_table`.
//!
//! A label is an NR-LDH label (ASCII letters, digits and hyphens), an A-label (`xn--` and the
//! Punycode of a U-label) or, where Unicode is allowed, a U-label. A U-label, given or decoded,
//! is checked for every rule of RFC 5891 section 5.4 but normalization: its code points are
//! PVALID, or CONTEXTJ and CONTEXTO with their rule satisfied (RFC 5892 appendix A); it neither
//! starts nor ends with a hyphen nor has two in the third and fourth positions; it does not start
//! with a combining mark; its A-label is at most 63 octets; and in a name with a right-to-left
//! label every label satisfies the Bidi rule (RFC 5893). Whether a U-label is in NFC is not
//! checked: that needs the normalization tables, and the combining sequences it would refuse
//! are made of PVALID code points.
//!
//! Every step is bounded: a name longer than 253 characters is refused before any label is
//! decoded, and Punycode (quadratic in its label) only runs on labels of at most 63 characters.

use super::idna_table::{PROPERTIES, RUNS};

/// The longest name in its ASCII form, without a trailing dot (RFC 1034 section 3.1).
const MAX_NAME: usize = 253;
/// The longest label in its ASCII form (RFC 1034 section 3.1).
const MAX_LABEL: usize = 63;

/// Which characters separate labels.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Names {
    /// ASCII only, `.` between labels: a `hostname`.
    Ascii,
    /// U-labels allowed, `.` between labels: the domain of an `idn-email`.
    Unicode,
    /// U-labels allowed, and the full stops RFC 3490 section 3.1 names (`。`, `．`, `｡`) separate
    /// labels like `.`: an `idn-hostname`.
    UnicodeWithFullStops,
}

/// True for a host name of the kind `names` says.
pub(super) fn is_name(name: &str, names: Names) -> bool {
    if name.is_empty() || (names == Names::Ascii && !name.is_ascii()) {
        return false;
    }
    // Every character takes at least one octet of the ASCII form.
    if name.chars().count() > MAX_NAME {
        return false;
    }
    let separator = |c: char| {
        c == '.'
            || (names == Names::UnicodeWithFullStops
                && matches!(c, '\u{3002}' | '\u{FF0E}' | '\u{FF61}'))
    };
    let mut ascii_length = 0;
    let mut bidi = BidiName::default();
    for label in name.split(separator) {
        let Some(length) = label_length(label, &mut bidi) else {
            return false;
        };
        ascii_length += length + 1;
    }
    ascii_length - 1 <= MAX_NAME && bidi.holds()
}

/// The length of the label's ASCII form when it is a valid label, with its Bidi facts added to
/// `bidi`.
fn label_length(label: &str, bidi: &mut BidiName) -> Option<usize> {
    if label.is_ascii() {
        let bytes = label.as_bytes();
        let ldh = bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-');
        if bytes.is_empty() || bytes.len() > MAX_LABEL || !ldh || has_bad_hyphens(bytes) {
            return None;
        }
        if bytes.get(2..4) == Some(&b"--"[..]) {
            // Reserved: only an A-label may have hyphens there (RFC 5891 section 4.2.3.1).
            if !bytes[..2].eq_ignore_ascii_case(b"xn") {
                return None;
            }
            let u_label = decode_a_label(&bytes[4..])?;
            bidi.add(&u_label);
            return is_u_label(&u_label).then_some(bytes.len());
        }
        bidi.add_ascii(bytes);
        return Some(bytes.len());
    }
    let u_label: Vec<char> = label.chars().collect();
    if u_label.len() > MAX_LABEL || !is_u_label(&u_label) {
        return None;
    }
    let length = 4 + punycode::encode(&u_label)?.len();
    bidi.add(&u_label);
    (length <= MAX_LABEL).then_some(length)
}

/// An A-label's U-label: decodable, not all ASCII, and the label it encodes back to.
fn decode_a_label(encoded: &[u8]) -> Option<Vec<char>> {
    let u_label = punycode::decode(encoded)?;
    if u_label.iter().all(char::is_ascii) {
        return None;
    }
    let again = punycode::encode(&u_label)?;
    again
        .as_bytes()
        .eq_ignore_ascii_case(encoded)
        .then_some(u_label)
}

/// A leading or trailing hyphen, which no label may have.
fn has_bad_hyphens(label: &[u8]) -> bool {
    label.first() == Some(&b'-') || label.last() == Some(&b'-')
}

/// RFC 5891 section 5.4 for a U-label, but NFC and the Bidi rule (checked on the whole name).
fn is_u_label(label: &[char]) -> bool {
    let (Some(&first), Some(&last)) = (label.first(), label.last()) else {
        return false;
    };
    if first == '-' || last == '-' || (label.get(2) == Some(&'-') && label.get(3) == Some(&'-')) {
        return false;
    }
    if properties(first).is_mark() {
        return false;
    }
    let mut japanese = false;
    let (mut arabic_indic, mut extended_arabic_indic) = (false, false);
    for &c in label {
        let script = properties(c).script();
        japanese |= matches!(script, Script::Hiragana | Script::Katakana | Script::Han);
        arabic_indic |= ('\u{0660}'..='\u{0669}').contains(&c);
        extended_arabic_indic |= ('\u{06F0}'..='\u{06F9}').contains(&c);
    }
    label.iter().enumerate().all(|(i, &c)| {
        let before = i.checked_sub(1).map(|b| label[b]);
        let after = label.get(i + 1).copied();
        match properties(c).kind() {
            Kind::Pvalid => true,
            Kind::Disallowed => false,
            // RFC 5892 appendix A.1 and A.2.
            Kind::ContextJ => {
                before.is_some_and(|b| properties(b).is_virama())
                    || (c == '\u{200C}' && joins_both_sides(label, i))
            }
            // RFC 5892 appendix A.3 to A.9.
            Kind::ContextO => match c {
                '\u{00B7}' => before == Some('l') && after == Some('l'),
                '\u{0375}' => after.is_some_and(|a| properties(a).script() == Script::Greek),
                '\u{05F3}' | '\u{05F4}' => {
                    before.is_some_and(|b| properties(b).script() == Script::Hebrew)
                }
                '\u{30FB}' => japanese,
                '\u{0660}'..='\u{0669}' => !extended_arabic_indic,
                '\u{06F0}'..='\u{06F9}' => !arabic_indic,
                _ => false,
            },
        }
    })
}

/// RFC 5892 appendix A.1: the ZERO WIDTH NON-JOINER at `at` is between a character that joins
/// to the left (L or D) and one that joins to the right (R or D), transparent ones aside.
fn joins_both_sides(label: &[char], at: usize) -> bool {
    let joining = |c: &char| properties(*c).joining();
    let left = label[..at]
        .iter()
        .rev()
        .map(joining)
        .find(|j| *j != Joining::Transparent);
    let right = label[at + 1..]
        .iter()
        .map(joining)
        .find(|j| *j != Joining::Transparent);
    matches!(left, Some(Joining::Left | Joining::Dual))
        && matches!(right, Some(Joining::Right | Joining::Dual))
}

/// What the Bidi rule (RFC 5893 section 2) needs to know of a name: whether it has a
/// right-to-left label, and whether every label satisfies the rule.
#[derive(Default)]
struct BidiName {
    /// Some label has a character of class R, AL or AN.
    right_to_left: bool,
    /// Some label breaks the rule (which only matters when `right_to_left`).
    broken: bool,
}

impl BidiName {
    fn holds(&self) -> bool {
        !(self.right_to_left && self.broken)
    }

    fn add_ascii(&mut self, label: &[u8]) {
        // Letters are L, digits EN and the hyphen ES: the rule fails only when it starts with a
        // digit, or ends with a hyphen (which no label may).
        self.broken |= !label.first().is_some_and(u8::is_ascii_alphabetic);
    }

    fn add(&mut self, label: &[char]) {
        use Bidi::*;
        let classes = label.iter().map(|&c| bidi_class(c));
        self.right_to_left |= classes.clone().any(|b| matches!(b, R | AL | AN));
        let last = classes.clone().rev().find(|b| *b != NSM);
        let rule = match classes.clone().next() {
            // Rules 2 to 4: a right-to-left label.
            Some(R | AL) => {
                classes
                    .clone()
                    .all(|b| matches!(b, R | AL | AN | EN | ES | CS | ET | ON | BN | NSM))
                    && matches!(last, Some(R | AL | EN | AN))
                    && !(classes.clone().any(|b| b == EN) && classes.clone().any(|b| b == AN))
            }
            // Rules 5 and 6: a left-to-right label.
            Some(L) => {
                classes
                    .clone()
                    .all(|b| matches!(b, L | EN | ES | CS | ET | ON | BN | NSM))
                    && matches!(last, Some(L | EN))
            }
            // Rule 1: the first character is L, R or AL.
            _ => false,
        };
        self.broken |= !rule;
    }
}

/// The Bidi_Class of a code point that may be in a label (ASCII included).
fn bidi_class(c: char) -> Bidi {
    match c {
        'a'..='z' | 'A'..='Z' => Bidi::L,
        '0'..='9' => Bidi::EN,
        '-' => Bidi::ES,
        _ => properties(c).bidi(),
    }
}

/// The properties of a code point, found by binary search in the runs of `idna_table`.
fn properties(c: char) -> Properties {
    let code = u32::from(c);
    let run = RUNS.partition_point(|run| run >> 8 <= code) - 1;
    Properties(PROPERTIES[(RUNS[run] & 0xFF) as usize])
}

/// One entry of `idna_table::PROPERTIES`: bits 0-1 the IDNA2008 property (`Kind`), 2-5 the
/// Bidi_Class (`Bidi`), 6 General_Category Mark, 7 Canonical_Combining_Class Virama, 8-10 the
/// Joining_Type (`Joining`), 11-13 the Script (`Script`). A DISALLOWED code point has no other
/// property: no rule reads it.
#[derive(Clone, Copy)]
struct Properties(u16);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Disallowed,
    Pvalid,
    ContextJ,
    ContextO,
}

/// The Bidi classes RFC 5893 names; `Other` for the rest.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(clippy::upper_case_acronyms)]
enum Bidi {
    Other,
    L,
    R,
    AL,
    AN,
    EN,
    ES,
    CS,
    ET,
    ON,
    BN,
    NSM,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Joining {
    None,
    Left,
    Dual,
    Right,
    Transparent,
    Causing,
}

/// The scripts RFC 5892's contextual rules name; `Other` for the rest.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Other,
    Greek,
    Hebrew,
    Hiragana,
    Katakana,
    Han,
}

impl Properties {
    fn kind(self) -> Kind {
        [
            Kind::Disallowed,
            Kind::Pvalid,
            Kind::ContextJ,
            Kind::ContextO,
        ][usize::from(self.0 & 3)]
    }

    fn bidi(self) -> Bidi {
        use Bidi::*;
        const CLASSES: [Bidi; 12] = [Other, L, R, AL, AN, EN, ES, CS, ET, ON, BN, NSM];
        CLASSES
            .get(usize::from(self.0 >> 2 & 15))
            .copied()
            .unwrap_or(Other)
    }

    fn is_mark(self) -> bool {
        self.0 >> 6 & 1 == 1
    }

    fn is_virama(self) -> bool {
        self.0 >> 7 & 1 == 1
    }

    fn joining(self) -> Joining {
        use Joining::*;
        [None, Left, Dual, Right, Transparent, Causing]
            .get(usize::from(self.0 >> 8 & 7))
            .copied()
            .unwrap_or(None)
    }

    fn script(self) -> Script {
        use Script::*;
        [Other, Greek, Hebrew, Hiragana, Katakana, Han]
            .get(usize::from(self.0 >> 11 & 7))
            .copied()
            .unwrap_or(Other)
    }
}

/// RFC 3492, with the parameters of IDNA (section 5).
mod punycode {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    const INITIAL_BIAS: u32 = 72;
    const INITIAL_N: u32 = 0x80;

    fn adapt(delta: u32, points: u32, first: bool) -> u32 {
        let mut delta = if first { delta / DAMP } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    }

    fn threshold(k: u32, bias: u32) -> u32 {
        k.saturating_sub(bias).clamp(T_MIN, T_MAX)
    }

    fn digit_value(byte: u8) -> Option<u32> {
        match byte {
            b'a'..=b'z' => Some(u32::from(byte - b'a')),
            b'A'..=b'Z' => Some(u32::from(byte - b'A')),
            b'0'..=b'9' => Some(u32::from(byte - b'0') + 26),
            _ => None,
        }
    }

    fn digit(value: u32) -> char {
        let value = value as u8;
        char::from(if value < 26 {
            b'a' + value
        } else {
            b'0' + value - 26
        })
    }

    /// The code points `input` encodes, or `None` when it is not Punycode.
    pub(super) fn decode(input: &[u8]) -> Option<Vec<char>> {
        // The basic code points precede the last delimiter, when anything does.
        let (basic, encoded) = match input.iter().rposition(|&b| b == b'-') {
            Some(at) if at > 0 => (&input[..at], &input[at + 1..]),
            _ => (&input[..0], input),
        };
        let mut output: Vec<char> = basic.iter().map(|&b| char::from(b)).collect();
        let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
        let mut digits = encoded.iter().peekable();
        while digits.peek().is_some() {
            let previous = i;
            let mut weight = 1u32;
            let mut k = BASE;
            loop {
                let digit = digit_value(*digits.next()?)?;
                i = i.checked_add(digit.checked_mul(weight)?)?;
                let t = threshold(k, bias);
                if digit < t {
                    break;
                }
                weight = weight.checked_mul(BASE - t)?;
                k += BASE;
            }
            let points = u32::try_from(output.len()).ok()? + 1;
            bias = adapt(i - previous, points, previous == 0);
            n = n.checked_add(i / points)?;
            i %= points;
            output.insert(i as usize, char::from_u32(n)?);
            i += 1;
        }
        Some(output)
    }

    /// The Punycode of `input`, or `None` when a count overflows.
    pub(super) fn encode(input: &[char]) -> Option<String> {
        let mut output: String = input.iter().filter(|c| c.is_ascii()).collect();
        let basic = u32::try_from(output.len()).ok()?;
        if basic > 0 {
            output.push('-');
        }
        let total = u32::try_from(input.len()).ok()?;
        let (mut n, mut delta, mut bias, mut handled) = (INITIAL_N, 0u32, INITIAL_BIAS, basic);
        while handled < total {
            let next = input
                .iter()
                .map(|&c| u32::from(c))
                .filter(|&c| c >= n)
                .min()?;
            delta = delta.checked_add((next - n).checked_mul(handled + 1)?)?;
            n = next;
            for &c in input {
                let c = u32::from(c);
                if c < n {
                    delta = delta.checked_add(1)?;
                }
                if c == n {
                    let mut q = delta;
                    let mut k = BASE;
                    loop {
                        let t = threshold(k, bias);
                        if q < t {
                            break;
                        }
                        output.push(digit(t + (q - t) % (BASE - t)));
                        q = (q - t) / (BASE - t);
                        k += BASE;
                    }
                    output.push(digit(q));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled += 1;
                }
            }
            delta = delta.checked_add(1)?;
            n += 1;
        }
        Some(output)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn round_trips_rfc_3492_samples() {
            for (text, encoded) in [
                ("bücher", "bcher-kva"),
                ("例え", "r8jz45g"),
                ("ü", "tda"),
                ("실례", "9n2bp8q"),
            ] {
                let chars: Vec<char> = text.chars().collect();
                assert_eq!(encode(&chars).as_deref(), Some(encoded), "{text}");
                assert_eq!(decode(encoded.as_bytes()), Some(chars), "{encoded}");
            }
            assert_eq!(decode(b"-9uc"), None);
            assert_eq!(decode(b"99999999999"), None, "overflow is not a panic");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_gives_the_rfc_5892_properties() {
        assert_eq!(super::super::UNICODE_VERSION, "14.0.0");
        for (c, kind) in [
            ('a', Kind::Pvalid),
            ('A', Kind::Disallowed),
            ('-', Kind::Pvalid),
            ('_', Kind::Disallowed),
            ('ß', Kind::Pvalid),
            ('\u{0640}', Kind::Disallowed),
            ('\u{302E}', Kind::Disallowed),
            ('\u{200C}', Kind::ContextJ),
            ('\u{00B7}', Kind::ContextO),
            ('\u{0660}', Kind::ContextO),
            ('\u{212A}', Kind::Disallowed),
            ('\u{FF21}', Kind::Disallowed),
            ('丈', Kind::Pvalid),
            ('\u{10FFFF}', Kind::Disallowed),
        ] {
            assert_eq!(properties(c).kind(), kind, "{c:?}");
        }
        assert_eq!(properties('א').bidi(), Bidi::R);
        assert_eq!(properties('א').script(), Script::Hebrew);
        assert_eq!(properties('ب').bidi(), Bidi::AL);
        assert_eq!(properties('ب').joining(), Joining::Dual);
        assert_eq!(properties('\u{0301}').bidi(), Bidi::NSM);
        assert!(properties('\u{0301}').is_mark());
        assert_eq!(properties('\u{0301}').joining(), Joining::Transparent);
        assert!(properties('\u{094D}').is_virama());
        assert_eq!(properties('α').script(), Script::Greek);
        assert_eq!(properties('ぁ').script(), Script::Hiragana);
        assert_eq!(properties('ァ').script(), Script::Katakana);
        assert_eq!(properties('丈').script(), Script::Han);
    }
}
