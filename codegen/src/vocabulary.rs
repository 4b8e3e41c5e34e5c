//! The declared vocabulary: every keyword a schema may use, and what the generator does with it.
//! `schemas/VOCABULARY.md` explains each one for schema authors.

/// What the generator does with a keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordRole {
    /// Enforced by generated validator code.
    Assertion,
    /// Holds subschemas or references; enforced through them.
    Applicator,
    /// Carried into docs or ignored by validation on purpose.
    Annotation,
    /// Names a schema resource (`$id`) or a location (`$anchor`) for `$ref` to resolve.
    Identifier,
}

/// Every keyword the generator accepts, sorted by name. `x-` prefixed keys are annotations too.
pub const KEYWORDS: &[(&str, KeywordRole)] = &[
    ("$anchor", KeywordRole::Identifier),
    ("$comment", KeywordRole::Annotation),
    ("$defs", KeywordRole::Applicator),
    ("$dynamicAnchor", KeywordRole::Identifier),
    ("$dynamicRef", KeywordRole::Applicator),
    ("$id", KeywordRole::Identifier),
    ("$ref", KeywordRole::Applicator),
    ("$schema", KeywordRole::Annotation),
    ("$vocabulary", KeywordRole::Annotation),
    ("additionalProperties", KeywordRole::Applicator),
    ("allOf", KeywordRole::Applicator),
    ("anyOf", KeywordRole::Applicator),
    ("const", KeywordRole::Assertion),
    ("contains", KeywordRole::Applicator),
    ("contentEncoding", KeywordRole::Annotation),
    ("contentMediaType", KeywordRole::Annotation),
    ("contentSchema", KeywordRole::Annotation),
    ("default", KeywordRole::Annotation),
    ("dependentRequired", KeywordRole::Assertion),
    ("dependentSchemas", KeywordRole::Applicator),
    ("deprecated", KeywordRole::Annotation),
    ("description", KeywordRole::Annotation),
    ("else", KeywordRole::Applicator),
    ("enum", KeywordRole::Assertion),
    ("examples", KeywordRole::Annotation),
    ("exclusiveMaximum", KeywordRole::Assertion),
    ("exclusiveMinimum", KeywordRole::Assertion),
    ("format", KeywordRole::Assertion),
    ("if", KeywordRole::Applicator),
    ("isNotOnlyWhitespace", KeywordRole::Assertion),
    ("items", KeywordRole::Applicator),
    ("maxContains", KeywordRole::Assertion),
    ("maxItems", KeywordRole::Assertion),
    ("maxLength", KeywordRole::Assertion),
    ("maxProperties", KeywordRole::Assertion),
    ("maximum", KeywordRole::Assertion),
    ("minContains", KeywordRole::Assertion),
    ("minItems", KeywordRole::Assertion),
    ("minLength", KeywordRole::Assertion),
    ("minProperties", KeywordRole::Assertion),
    ("minimum", KeywordRole::Assertion),
    ("multipleOf", KeywordRole::Assertion),
    ("not", KeywordRole::Applicator),
    ("nullable", KeywordRole::Assertion),
    ("oneOf", KeywordRole::Applicator),
    ("pattern", KeywordRole::Assertion),
    ("patternProperties", KeywordRole::Applicator),
    ("prefixItems", KeywordRole::Applicator),
    ("properties", KeywordRole::Applicator),
    ("propertyNames", KeywordRole::Applicator),
    ("readOnly", KeywordRole::Annotation),
    ("required", KeywordRole::Assertion),
    ("then", KeywordRole::Applicator),
    ("title", KeywordRole::Annotation),
    ("type", KeywordRole::Assertion),
    ("unevaluatedItems", KeywordRole::Applicator),
    ("unevaluatedProperties", KeywordRole::Applicator),
    ("uniqueItems", KeywordRole::Assertion),
    ("writeOnly", KeywordRole::Annotation),
];

/// Formats that generated code asserts. `dateISO` is connectFi's name for an RFC 3339 full-date.
pub const FORMATS: &[&str] = &["date", "date-time", "dateISO", "email", "uri", "uuid"];

/// The runtime function (in `runtime::formats`) that asserts a format.
pub(crate) fn format_check(format: &str) -> Option<&'static str> {
    match format {
        "date" | "dateISO" => Some("is_date"),
        "date-time" => Some("is_date_time"),
        "email" => Some("is_email"),
        "uri" => Some("is_uri"),
        "uuid" => Some("is_uuid"),
        _ => None,
    }
}

/// What kind of personal data an `x-sensitive` value is. Every one is redacted alike; the
/// category says why, for reviewers and for consumers that treat some kinds differently.
pub const SENSITIVE_CATEGORIES: &[&str] = &[
    "account-number",
    "address",
    "birth-date",
    "document-number",
    "email",
    "name",
    "phone",
    "postal-code",
    "tax-id",
];

/// The role of `keyword`, or `None` when it is outside the vocabulary.
pub fn keyword_role(keyword: &str) -> Option<KeywordRole> {
    if keyword.starts_with("x-") {
        return Some(KeywordRole::Annotation);
    }
    standard_keyword(keyword).map(|(_, role)| role)
}

/// A keyword of the table, with its `'static` name (which errors carry) and its role.
pub(crate) fn standard_keyword(keyword: &str) -> Option<(&'static str, KeywordRole)> {
    KEYWORDS
        .binary_search_by(|(name, _)| name.cmp(&keyword))
        .ok()
        .map(|index| KEYWORDS[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_table_is_sorted_so_binary_search_works() {
        assert!(KEYWORDS.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn roles() {
        assert_eq!(keyword_role("pattern"), Some(KeywordRole::Assertion));
        assert_eq!(keyword_role("x-sensitive"), Some(KeywordRole::Annotation));
        assert_eq!(
            keyword_role("patternProperties"),
            Some(KeywordRole::Applicator)
        );
        assert_eq!(keyword_role("$anchor"), Some(KeywordRole::Identifier));
        assert_eq!(keyword_role("patternProperty"), None);
        assert_eq!(keyword_role("discriminator"), None);
    }
}
