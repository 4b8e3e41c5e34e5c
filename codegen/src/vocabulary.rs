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

/// Every format the generator knows, sorted: JSON Schema 2020-12's (section 7.3 of the
/// validation vocabulary), OpenAPI's (`byte`, `binary`, `password`, `int32`, `int64`, `float`,
/// `double`) and connectFi's `dateISO` (an RFC 3339 full-date). `format_role` says what each
/// does. Any other format must be declared in the root's `x-annotation-formats`.
pub const FORMATS: &[&str] = &[
    "binary",
    "byte",
    "date",
    "date-time",
    "dateISO",
    "double",
    "duration",
    "email",
    "float",
    "hostname",
    "idn-email",
    "idn-hostname",
    "int32",
    "int64",
    "ipv4",
    "ipv6",
    "iri",
    "iri-reference",
    "json-pointer",
    "password",
    "regex",
    "relative-json-pointer",
    "time",
    "uri",
    "uri-reference",
    "uri-template",
    "uuid",
];

/// What generated code does with a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatRole {
    /// A string value is checked by this function of `runtime::formats` (other values pass).
    String(&'static str),
    /// A number is checked by this function of `runtime::formats::number_formats` (other
    /// values pass).
    Number(&'static str),
    /// Nothing is asserted: OpenAPI's `binary` (raw octets, which JSON carries only as a
    /// string) and `password` (made `Sensitive` in the Rust types, see `is_sensitive_format`),
    /// as for the formats a schema declares in `x-annotation-formats`.
    Annotation,
}

/// The role of a known format, or `None` when `format` is not in `FORMATS`.
pub fn format_role(format: &str) -> Option<FormatRole> {
    use FormatRole::{Annotation, Number, String};
    Some(match format {
        "date" | "dateISO" => String("is_date"),
        "time" => String("is_time"),
        "date-time" => String("is_date_time"),
        "duration" => String("is_duration"),
        "email" => String("is_email"),
        "idn-email" => String("is_idn_email"),
        "hostname" => String("is_hostname"),
        "idn-hostname" => String("is_idn_hostname"),
        "ipv4" => String("is_ipv4"),
        "ipv6" => String("is_ipv6"),
        "uri" => String("is_uri"),
        "uri-reference" => String("is_uri_reference"),
        "iri" => String("is_iri"),
        "iri-reference" => String("is_iri_reference"),
        "uri-template" => String("is_uri_template"),
        "uuid" => String("is_uuid"),
        "json-pointer" => String("is_json_pointer"),
        "relative-json-pointer" => String("is_relative_json_pointer"),
        "regex" => String("is_regex"),
        "byte" => String("is_byte"),
        "int32" => Number("is_int32"),
        "int64" => Number("is_int64"),
        "float" => Number("is_float"),
        "double" => Number("is_double"),
        "binary" | "password" => Annotation,
        _ => return None,
    })
}

/// The runtime function (in `runtime::formats`) that asserts a string format.
pub(crate) fn format_check(format: &str) -> Option<&'static str> {
    match format_role(format) {
        Some(FormatRole::String(function)) => Some(function),
        _ => None,
    }
}

/// A format whose values are personal or secret: their Rust type is `Sensitive<T>`, as an
/// `x-sensitive` value's is.
pub fn is_sensitive_format(format: &str) -> bool {
    format == "password"
}

/// The root keyword that declares a schema's own formats (`["decimal", "base64url"]`) as
/// annotations: what is read nowhere else, so that a format nobody defines is never ignored
/// silently.
pub const ANNOTATION_FORMATS: &str = "x-annotation-formats";

/// The known format `format` is most likely a misspelling of: the closest by edit distance,
/// ignoring case, when at most 2 edits away (`date-tme`, `uuid4`, `DateTime`, `url`).
pub fn closest_format(format: &str) -> Option<&'static str> {
    let format = format.to_lowercase();
    FORMATS
        .iter()
        .map(|known| {
            (
                crate::suggest::distance(&format, &known.to_lowercase()),
                *known,
            )
        })
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, known)| known)
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
    fn every_known_format_has_a_role_and_the_list_is_sorted() {
        assert!(FORMATS.windows(2).all(|pair| pair[0] < pair[1]));
        for format in FORMATS {
            assert!(format_role(format).is_some(), "{format}");
        }
        assert_eq!(format_role("decimal"), None);
        assert_eq!(format_check("int32"), None);
        assert_eq!(format_role("int32"), Some(FormatRole::Number("is_int32")));
        assert_eq!(format_role("password"), Some(FormatRole::Annotation));
    }

    #[test]
    fn typos_name_the_closest_format() {
        for (typo, known) in [
            ("date-tme", "date-time"),
            ("datetime", "date-time"),
            ("DateTime", "date-time"),
            ("uuid4", "uuid"),
            ("url", "uri"),
            ("e-mail", "email"),
            ("ipv5", "ipv4"),
            ("int", "int32"),
            ("hostnam", "hostname"),
            ("dateiso", "dateISO"),
        ] {
            assert_eq!(closest_format(typo), Some(known), "{typo}");
        }
        for vendor in ["decimal", "base64url", "phone-number", "currency"] {
            assert_eq!(closest_format(vendor), None, "{vendor}");
        }
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
