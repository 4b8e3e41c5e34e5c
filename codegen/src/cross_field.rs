//! Rules between the fields of an object, in words, for each field's rustdoc `Rules:` line:
//! `required when `type` is "SHIPPING"`, `required when `taxId` is present`. The validators
//! enforce them; this only says them where a consumer reads the field.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The cross-field rules of an object schema, by property name: its own `dependentRequired`
/// and `if`/`then`/`else`, and those of its `allOf` branches.
pub(crate) fn cross_field_rules(object: &Map<String, Value>) -> BTreeMap<String, Vec<String>> {
    let mut rules: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let branches = object
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object);
    for schema in std::iter::once(object).chain(branches) {
        dependent_required(schema, &mut rules);
        conditional(schema, &mut rules);
    }
    rules
}

fn dependent_required(schema: &Map<String, Value>, rules: &mut BTreeMap<String, Vec<String>>) {
    let Some(Value::Object(dependencies)) = schema.get("dependentRequired") else {
        return;
    };
    for (present, dependents) in dependencies {
        for dependent in dependents.as_array().into_iter().flatten() {
            let Some(dependent) = dependent.as_str() else {
                continue;
            };
            push(
                rules,
                dependent,
                format!("required when `{present}` is present"),
            );
            push(rules, present, format!("needs `{dependent}` too"));
        }
    }
}

fn conditional(schema: &Map<String, Value>, rules: &mut BTreeMap<String, Vec<String>>) {
    let Some(condition) = schema.get("if").and_then(Value::as_object) else {
        return;
    };
    let condition = condition_in_words(condition);
    let branches = [
        ("then", format!("when {condition}")),
        ("else", format!("unless {condition}")),
    ];
    for (keyword, when) in branches {
        let Some(branch) = schema.get(keyword).and_then(Value::as_object) else {
            continue;
        };
        for required in branch
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            push(rules, required, format!("required {when}"));
        }
        let properties = branch.get("properties").and_then(Value::as_object);
        for (name, property) in properties.into_iter().flatten() {
            let own = property
                .as_object()
                .and_then(crate::types::rules_in_words)
                .map(|rules| {
                    rules
                        .trim_start_matches("Rules: ")
                        .trim_end_matches('.')
                        .to_owned()
                });
            if let Some(own) = own {
                push(rules, name, format!("{when}: {own}"));
            }
        }
    }
}

/// `` `countryCode` is "USA" `` for an `if` that tests properties by `const` or `enum`;
/// otherwise words that send the reader to the schema, which holds the exact condition.
fn condition_in_words(condition: &Map<String, Value>) -> String {
    let tests: Vec<String> = condition
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(name, test)| {
            if let Some(constant) = test.get("const") {
                return Some(format!("`{name}` is {constant}"));
            }
            let values = test.get("enum")?.as_array()?;
            let listed: Vec<String> = values.iter().map(Value::to_string).collect();
            Some(format!("`{name}` is one of {}", listed.join(", ")))
        })
        .collect();
    let only_tests = condition
        .keys()
        .all(|keyword| matches!(keyword.as_str(), "properties" | "required"));
    match tests.is_empty() || !only_tests {
        true => "the schema's `if` condition holds".to_owned(),
        false => tests.join(" and "),
    }
}

fn push(rules: &mut BTreeMap<String, Vec<String>>, name: &str, rule: String) {
    let list = rules.entry(name.to_owned()).or_default();
    if !list.contains(&rule) {
        list.push(rule);
    }
}

/// `description` with `extra` rules added to its `Rules:` line (made when there is none).
pub(crate) fn with_rules(description: &str, extra: &[String]) -> String {
    let extra = extra.join("; ");
    let (before, last) = match description.rsplit_once("\n\n") {
        Some((before, last)) => (Some(before), last),
        None => (None, description),
    };
    let joined = match last
        .strip_prefix("Rules: ")
        .and_then(|r| r.strip_suffix('.'))
    {
        Some(rules) => format!("Rules: {rules}; {extra}."),
        None if last.is_empty() => format!("Rules: {extra}."),
        None => format!("{last}\n\nRules: {extra}."),
    };
    match before {
        Some(before) => format!("{before}\n\n{joined}"),
        None => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn conditionals_and_dependencies_are_named_by_field() {
        let object = json!({
            "properties": {},
            "dependentRequired": {"taxId": ["taxIdCountryCode"]},
            "allOf": [
                {"if": {"properties": {"type": {"const": "SHIPPING"}}, "required": ["type"]},
                 "then": {"required": ["name"]}},
                {"if": {"properties": {"countryCode": {"enum": ["USA", "CAN"]}}},
                 "then": {"properties": {"zipCode": {"pattern": "^[0-9]{5}$"}}},
                 "else": {"required": ["province"]}},
                {"if": {"minProperties": 3}, "then": {"required": ["id"]}}
            ]
        });
        let rules = cross_field_rules(object.as_object().unwrap());
        assert_eq!(
            rules["taxIdCountryCode"],
            ["required when `taxId` is present"]
        );
        assert_eq!(rules["taxId"], ["needs `taxIdCountryCode` too"]);
        assert_eq!(rules["name"], ["required when `type` is \"SHIPPING\""]);
        assert_eq!(
            rules["zipCode"],
            ["when `countryCode` is one of \"USA\", \"CAN\": matches `^[0-9]{5}$`"]
        );
        assert_eq!(
            rules["province"],
            ["required unless `countryCode` is one of \"USA\", \"CAN\""]
        );
        assert_eq!(
            rules["id"],
            ["required when the schema's `if` condition holds"]
        );
        assert!(!rules.contains_key("type"));
    }

    #[test]
    fn rules_join_the_rules_line_or_start_one() {
        let extra = ["required when `taxId` is present".to_owned()];
        assert_eq!(
            with_rules("Country.\n\nRules: exactly 3 characters.", &extra),
            "Country.\n\nRules: exactly 3 characters; required when `taxId` is present."
        );
        assert_eq!(
            with_rules("Country.", &extra),
            "Country.\n\nRules: required when `taxId` is present."
        );
        assert_eq!(
            with_rules("", &extra),
            "Rules: required when `taxId` is present."
        );
    }
}
