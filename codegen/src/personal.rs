//! Personal data found without marks: a property whose name (or format) says it holds a name, a
//! birth date, a tax id, an email, a phone number, an address, a postal code, a document or an
//! account number is generated as `Sensitive<T>` even where the schema does not mark it, and
//! `regenerate` lists each such mark with its category. `x-sensitive: false` opts out. Imported
//! and hand-written schemas rarely carry marks; what they leak in `Debug` is what this catches.

use serde_json::{Map, Value};

/// Word sequences of a property name, each with the category it signals. A name signals a
/// category when its words contain the sequence: `primaryPhoneNumber` has `phone`,
/// `registration_address_line1` has `address line`.
const SIGNALS: &[(&[&str], &str)] = &[
    (&["first", "name"], "name"),
    (&["given", "name"], "name"),
    (&["middle", "name"], "name"),
    (&["last", "name"], "name"),
    (&["family", "name"], "name"),
    (&["full", "name"], "name"),
    (&["maiden", "name"], "name"),
    (&["nick", "name"], "name"),
    (&["preferred", "name"], "name"),
    (&["surname"], "name"),
    (&["forename"], "name"),
    (&["name", "on", "card"], "name"),
    (&["cardholder", "name"], "name"),
    (&["dob"], "birth-date"),
    (&["birth", "date"], "birth-date"),
    (&["birthdate"], "birth-date"),
    (&["date", "of", "birth"], "birth-date"),
    (&["birthday"], "birth-date"),
    (&["ssn"], "tax-id"),
    (&["itin"], "tax-id"),
    (&["tin"], "tax-id"),
    (&["ein"], "tax-id"),
    (&["tax", "id"], "tax-id"),
    (&["tax", "number"], "tax-id"),
    (&["social", "security"], "tax-id"),
    (&["national", "id"], "tax-id"),
    (&["email"], "email"),
    (&["phone"], "phone"),
    (&["telephone"], "phone"),
    (&["mobile"], "phone"),
    (&["street"], "address"),
    (&["address", "line"], "address"),
    (&["address", "1"], "address"),
    (&["address", "2"], "address"),
    (&["apartment"], "address"),
    (&["city"], "address"),
    (&["postal", "code"], "postal-code"),
    (&["postcode"], "postal-code"),
    (&["zip"], "postal-code"),
    (&["passport"], "document-number"),
    (&["id", "number"], "document-number"),
    (&["document", "number"], "document-number"),
    (&["identification", "code"], "document-number"),
    (&["identification", "number"], "document-number"),
    (&["identifier", "number"], "document-number"),
    (&["license", "number"], "document-number"),
    (&["last", "4"], "document-number"),
    (&["account", "number"], "account-number"),
    (&["card", "number"], "account-number"),
    (&["iban"], "account-number"),
];

/// Last words that make a name describe personal data rather than hold it: `taxIdCountryCode`,
/// `taxNumberType`, `phoneVerified`.
const QUALIFIERS: &[&str] = &[
    "type",
    "kind",
    "status",
    "verified",
    "country",
    "provider",
    "format",
    "source",
    "preference",
    "consent",
    "enabled",
    "count",
    "method",
];

/// Names too generic to say anything alone (`value`, `number`): their object's name decides
/// (`IdentificationDocument.value`, `Phone.number`).
const GENERIC: &[&str] = &["value", "number", "code", "line1", "line2", "text"];

/// The object names that make a generic member personal, with the category.
const HOLDERS: &[(&[&str], &str)] = &[
    (&["identification"], "document-number"),
    (&["document"], "document-number"),
    (&["passport"], "document-number"),
    (&["phone"], "phone"),
    (&["email"], "email"),
    (&["address"], "address"),
    (&["ssn"], "tax-id"),
];

/// The category of personal data the property `name` of the object `holder` holds, when its
/// schema is a value (not an object or an array) and does not opt out.
pub(crate) fn inferred_category(
    name: &str,
    holder: &str,
    schema: &Map<String, Value>,
    is_container: bool,
) -> Option<&'static str> {
    if is_container || schema.contains_key("x-sensitive") {
        return None;
    }
    let format = schema.get("format").and_then(Value::as_str);
    if matches!(format, Some("email" | "idn-email")) {
        return Some("email");
    }
    let words = words(name);
    let qualified = match words.as_slice() {
        [.., last] if QUALIFIERS.contains(&last.as_str()) => true,
        [.., country, code] => country == "country" && code == "code",
        _ => false,
    };
    if qualified {
        return None;
    }
    if let Some(category) = signalled(&words, SIGNALS) {
        return Some(category);
    }
    let generic = words.len() == 1 && GENERIC.contains(&words[0].as_str())
        || matches!(words.as_slice(), [line, digit] if line == "line" && digit.chars().all(|c| c.is_ascii_digit()));
    if generic {
        return signalled(&self::words(holder), HOLDERS);
    }
    None
}

fn signalled(words: &[String], signals: &[(&[&str], &'static str)]) -> Option<&'static str> {
    signals.iter().find_map(|(sequence, category)| {
        words
            .windows(sequence.len())
            .any(|window| window.iter().zip(sequence.iter()).all(|(w, s)| w == s))
            .then_some(*category)
    })
}

/// A name's words in lower case, in any case style: `primaryPhoneNumber`, `first_name`,
/// `FIRST-NAME`, `streetLine1` (`street`, `line`, `1`), `SSN`.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let boundary = match previous {
            Some(p) if p.is_lowercase() && c.is_uppercase() => true,
            Some(p) if p.is_alphabetic() && c.is_ascii_digit() => true,
            Some(p) if p.is_ascii_digit() && c.is_alphabetic() => true,
            // `SSNNumber`: the last capital of a run starts the next word.
            Some(p) if p.is_uppercase() && c.is_uppercase() => {
                next.is_some_and(|n| n.is_lowercase())
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn category(name: &str, holder: &str, schema: Value) -> Option<&'static str> {
        let container = schema.get("properties").is_some() || schema.get("items").is_some();
        inferred_category(name, holder, schema.as_object().unwrap(), container)
    }

    #[test]
    fn names_in_any_case_style_are_split_into_words() {
        assert_eq!(words("primaryPhoneNumber"), ["primary", "phone", "number"]);
        assert_eq!(words("FIRST-NAME"), ["first", "name"]);
        assert_eq!(words("streetLine1"), ["street", "line", "1"]);
        assert_eq!(words("SSNNumber"), ["ssn", "number"]);
        assert_eq!(words("date_of_birth"), ["date", "of", "birth"]);
        assert_eq!(words("last4"), ["last", "4"]);
    }

    #[test]
    fn signals_mark_values_and_leave_everything_else() {
        let text = json!({"type": "string"});
        for (name, expected) in [
            ("first_name", "name"),
            ("givenName", "name"),
            ("FamilyName", "name"),
            ("dob", "birth-date"),
            ("date_of_birth", "birth-date"),
            ("ssn", "tax-id"),
            ("tax_id", "tax-id"),
            ("contactEmail", "email"),
            ("phone", "phone"),
            ("streetLine2", "address"),
            ("address1", "address"),
            ("nickName", "name"),
            ("zipCode", "postal-code"),
            ("passportNumber", "document-number"),
            ("accountNumber", "account-number"),
        ] {
            assert_eq!(category(name, "", text.clone()), Some(expected), "{name}");
        }
        for name in [
            "businessName",
            "legalName",
            "status",
            "type",
            "createdAt",
            "nickname",
            "taxIdCountryCode",
            "taxNumberType",
            "phoneVerified",
            "emailStatus",
        ] {
            assert_eq!(category(name, "", text.clone()), None, "{name}");
        }
        assert_eq!(
            category("contact", "", json!({"format": "email"})),
            Some("email")
        );
        assert_eq!(
            category("value", "IdentificationDocument", text.clone()),
            Some("document-number")
        );
        assert_eq!(category("number", "Phone", text.clone()), Some("phone"));
        assert_eq!(category("value", "Metadata", text.clone()), None);
        // An object is not a value: its members are marked one by one.
        assert_eq!(category("address", "", json!({"properties": {}})), None);
        // The schema's own word wins: a mark, or the opt-out.
        assert_eq!(category("ssn", "", json!({"x-sensitive": false})), None);
    }
}
