//! Sentences of the page that state a rule between fields, or a condition, that no table row can
//! encode: "Either externalId or customerId must be provided", "Required if type is SHIPPING".
//! A table gives each field its own type, limits and `required`; a rule that joins two fields
//! lives only in prose. Capture never turns prose into a rule (its wording is too loose to
//! compile honestly), but it must not drop it silently either: each such sentence that names a
//! property of the draft becomes a note asking for the overlay or `schemas/doc-issues.md`.
//!
//! A re-capture stays quiet about a sentence the checked-in schema already encodes: overlays quote
//! the sentence a rule comes from in `x-source-quote` (whole, or joined with others), and a
//! subschema that carries a rule keyword may say it in its `description` or `x-message`.

use super::page::Page;
use serde_json::Value;
use std::collections::BTreeSet;

/// Phrases that make a sentence a rule no table encodes. Each joins fields or conditions a field
/// on another's value; a phrase about one field alone ("must be a valid email") is not here, since
/// tables encode those.
const RULE_PHRASES: &[&str] = &[
    // A field required (or to be sent) on a condition: `dependentRequired` or `if`/`then`.
    "required if",
    "required when",
    "required unless",
    "mandatory if",
    "mandatory when",
    "must be provided if",
    "must be provided when",
    "must be provided unless",
    "must be present if",
    "must be present when",
    "must be set if",
    "must be set when",
    "must be specified if",
    "must be specified when",
    // A choice among fields: `oneOf`, `anyOf`, `not` of a `required` pair.
    "only one of",
    "exactly one of",
    "at least one of",
    "at most one of",
    "one of the following must",
    "mutually exclusive",
    "cannot be used together",
    "can't be used together",
    "cannot be used with",
    "cannot be combined",
    "cannot both be",
    "but not both",
];

/// A sentence that opens on a condition (`If …`, `When …`) and then requires something of a
/// value: "If taxId is provided, taxIdCountryCode is required." ("If … you must use the
/// /customer/update endpoint" requires nothing of the body: `must` alone is not enough.)
const CONDITIONS: &[&str] = &["if ", "when ", "unless "];
const REQUIREMENTS: &[&str] = &["required", "mandatory", "must be ", "must not "];

/// Keywords of a subschema that encodes a rule between fields.
const RULE_KEYWORDS: &[&str] = &[
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "oneOf",
    "anyOf",
    "allOf",
    "not",
];

/// A longer "sentence" is no prose (a glued field list, a hostile page): it is not read.
const MAX_SENTENCE_BYTES: usize = 4_000;
/// How much of a sentence a note quotes, and how many property names it lists.
const MAX_QUOTE_CHARS: usize = 200;
const MAX_NAMES: usize = 8;
/// How deep the draft and the checked-in schema are walked.
const MAX_DEPTH: usize = 64;

/// One note per sentence of the page that reads as a rule between fields, names a property of
/// `draft` and is not already quoted by `baseline` where it encodes a rule.
pub(super) fn notes(page: &Page, draft: &Value, baseline: Option<&Value>) -> Vec<String> {
    let mut properties = BTreeSet::new();
    property_names(draft, &mut properties, 0);
    let mut quotes = Vec::new();
    if let Some(baseline) = baseline {
        encoded_quotes(baseline, &mut quotes, 0);
    }
    let mut notes = Vec::new();
    for (index, line) in page.lines.iter().enumerate() {
        for sentence in sentences(line) {
            if sentence.len() > MAX_SENTENCE_BYTES || !reads_as_rule(sentence) {
                continue;
            }
            let named = names_in(sentence, &properties);
            if named.is_empty() || is_encoded(sentence, &quotes) {
                continue;
            }
            let label = if named.len() == 1 {
                "property"
            } else {
                "properties"
            };
            notes.push(format!(
                "line {}: the page states a rule no table encodes: \"{}\" ({label} {}); encode it in the overlay or record it in schemas/doc-issues.md",
                Page::number(index),
                quoted(sentence),
                named.join(", ")
            ));
        }
    }
    notes
}

/// The sentences of a line: it is cut after `.`, `!` or `?` followed by white space (not after
/// `e.g.` or `i.e.`).
fn sentences(line: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let ends = matches!(c, '.' | '!' | '?')
            && chars.peek().is_none_or(|(_, next)| next.is_whitespace());
        let abbreviation = || {
            let last = &line.as_bytes()[at.saturating_sub(3)..=at];
            [b"e.g.", b"i.e."]
                .iter()
                .any(|a| last.eq_ignore_ascii_case(&a[..]))
        };
        if ends && !abbreviation() {
            sentences.push(line[start..=at].trim());
            start = at + 1;
        }
    }
    sentences.push(line[start..].trim());
    sentences.retain(|s| !s.is_empty());
    sentences
}

fn reads_as_rule(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    let either_or = lower
        .find("either ")
        .is_some_and(|at| lower[at..].contains(" or "));
    let conditional = CONDITIONS.iter().any(|c| lower.starts_with(c))
        && REQUIREMENTS.iter().any(|r| lower.contains(r));
    either_or || conditional || RULE_PHRASES.iter().any(|p| lower.contains(p))
}

/// The properties `sentence` names, in its order: whole words (inside backticks too), written
/// as the draft writes them.
fn names_in(sentence: &str, properties: &BTreeSet<String>) -> Vec<String> {
    let mut named: Vec<String> = Vec::new();
    for word in sentence.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if properties.contains(word) && !named.iter().any(|n| n == word) {
            named.push(word.to_owned());
            if named.len() == MAX_NAMES {
                break;
            }
        }
    }
    named
}

/// The property names of a schema, everywhere (`$defs`, responses and branches included), and the
/// operation's parameters, but for the `unnamed_N` placeholders of fields the page shows no name
/// for.
fn property_names(schema: &Value, names: &mut BTreeSet<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match schema {
        Value::Object(members) => {
            for (key, value) in members {
                if ["examples", "default", "const", "enum"].contains(&key.as_str()) {
                    continue;
                }
                let named = [
                    "properties",
                    "pathParameters",
                    "queryParameters",
                    "headerParameters",
                ];
                if let (true, Value::Object(properties)) = (named.contains(&key.as_str()), value) {
                    names.extend(
                        properties
                            .keys()
                            .filter(|n| !n.starts_with("unnamed_"))
                            .cloned(),
                    );
                }
                property_names(value, names, depth + 1);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| property_names(item, names, depth + 1)),
        _ => {}
    }
}

/// What the checked-in schema quotes where it encodes a rule: every `x-source-quote`, and the
/// `description` and `x-message` of each subschema that carries a rule keyword. Folded.
fn encoded_quotes(schema: &Value, quotes: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match schema {
        Value::Object(members) => {
            if let Some(Value::String(quote)) = members.get("x-source-quote") {
                quotes.push(comparable(quote));
            }
            if RULE_KEYWORDS.iter().any(|k| members.contains_key(*k)) {
                if let Some(Value::String(description)) = members.get("description") {
                    quotes.push(comparable(description));
                }
                if let Some(Value::Object(messages)) = members.get("x-message") {
                    quotes.extend(messages.values().filter_map(Value::as_str).map(comparable));
                }
            }
            for value in members.values() {
                encoded_quotes(value, quotes, depth + 1);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| encoded_quotes(item, quotes, depth + 1)),
        _ => {}
    }
}

/// Whether a quote holds the sentence, or the sentence holds a rule the quote states (a table
/// row's sentence may carry the row's other cells around it).
fn is_encoded(sentence: &str, quotes: &[String]) -> bool {
    let sentence = comparable(sentence);
    quotes.iter().any(|quote| {
        quote.contains(&sentence)
            || sentences(quote).into_iter().any(|rule| {
                let rule = rule.trim_end_matches('.');
                reads_as_rule(rule) && sentence.contains(rule)
            })
    })
}

/// Text as quotes and sentences compare: the references an overlay adds to a quote (`(see
/// doc-issues.md: …)`) left out, white space (no-break spaces included) folded to single spaces,
/// without a final `.`.
fn comparable(text: &str) -> String {
    let mut kept = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map(|c| open + c + 1);
        match close {
            Some(close) if rest[open..close].contains("doc-issues.md") => {
                kept.push_str(&rest[..open]);
                rest = &rest[close..];
            }
            _ => {
                kept.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    kept.push_str(rest);
    let folded = kept
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    folded.trim_end_matches([' ', '.']).to_owned()
}

/// A sentence as a note quotes it: cut to a readable length.
fn quoted(sentence: &str) -> String {
    match sentence.char_indices().nth(MAX_QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", &sentence[..cut]),
        None => sentence.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn notes_of(text: &str, baseline: Option<&Value>) -> Vec<String> {
        let draft = json!({
            "properties": {"externalId": {}, "customerId": {}, "type": {}, "taxId": {}},
            "$defs": {"Phone": {"properties": {"unnamed_1": {}}}}
        });
        notes(&Page::new(text), &draft, baseline)
    }

    #[test]
    fn a_rule_that_names_a_property_is_noted_with_its_line() {
        assert_eq!(
            notes_of("Intro.\nThe ID. Either `externalId` or customerId must be provided. Thanks.", None),
            ["line 2: the page states a rule no table encodes: \"Either `externalId` or customerId must be provided.\" (properties externalId, customerId); encode it in the overlay or record it in schemas/doc-issues.md"]
        );
        assert_eq!(
            notes_of(
                "Name. Required if type is SHIPPING.\nIf taxId is sent, a country is required.",
                None
            )
            .len(),
            2
        );
    }

    #[test]
    fn sentences_that_name_no_property_or_state_no_rule_are_not_noted() {
        for text in [
            "Either a card or an account must be provided.",
            "The externalId of the customer, e.g. an ID in your system.",
            "Required if unnamed_1 is set.",
            "ExternalId is required if Type is X: the case differs from the draft's names.",
        ] {
            assert_eq!(notes_of(text, None), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn a_rule_the_checked_in_schema_quotes_is_not_noted_again() {
        let text = "Zip code. Required if  type is USA.\nexternalId Either externalId or customerId must be provided No";
        let baseline = json!({
            "x-source-quote": "zipCode: Required if type is USA. stateCode: Required if type is USA.",
            "$defs": {"X": {
                "oneOf": [{}],
                "description": "Either externalId or customerId must be provided (see doc-issues.md: x)."
            }}
        });
        assert_eq!(notes_of(text, Some(&baseline)), Vec::<String>::new());
        // A description without a rule keyword beside it encodes nothing.
        let baseline = json!({"description": "Zip code. Required if type is USA."});
        assert_eq!(notes_of(text, Some(&baseline)).len(), 2);
    }

    #[test]
    fn sentences_are_cut_at_their_ends() {
        assert_eq!(
            sentences("A b, e.g. c. D? E! F.G"),
            ["A b, e.g. c.", "D?", "E!", "F.G"]
        );
        assert_eq!(sentences("  "), Vec::<&str>::new());
    }
}
