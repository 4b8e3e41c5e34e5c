//! Qualifiers: the groups of a `Possible values:` line, and the literals of `Default value:`,
//! `Constant value:` and `Example:`.

use super::lines::strip_prefix_folded;
use crate::capture::excerpt;
use serde_json::{json, Number, Value};

// ---------------------------------------------------------------------------------------------
// Qualifiers

/// One group of a qualifier message, as `getQualifierMessage` joins them with ", ".
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Group {
    Values(Vec<String>),
    MinLength(u64),
    MaxLength(u64),
    /// `>= N` (`false`) or `> N` (`true`).
    Lower(Number, bool),
    Upper(Number, bool),
    Pattern(String),
}

const QUALIFIER_FORMS: &str = "expected `[a, b]`, `non-empty`, `>= N characters`, `<= N characters`, `>= N`, `> N`, `<= N`, `< N` or `Value must match regular expression …`, joined by `, ` or ` and `";

/// The groups of `[M, F, O]`, `>= 2 characters and <= 4 characters`, `>= 1, <= 5`, ….
pub(super) fn groups(text: &str) -> Result<Vec<Group>, String> {
    let mut found = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let Some(end) = inner.find(']') else {
                return Err(format!(
                    "`{}`: the list of values has no closing `]`",
                    excerpt(text)
                ));
            };
            let values = inner[..end]
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect();
            found.push(Group::Values(values));
            rest = next_group(&inner[end + 1..], text)?;
        } else if let Some(pattern) =
            strip_prefix_folded(rest, "value must match regular expression")
        {
            // The pattern runs to the end, but for the groups the plugin prints after it.
            let (pattern, after) = split_trailing_groups(pattern);
            found.push(Group::Pattern(pattern.to_owned()));
            rest = after;
            if let Some(after) = rest.strip_prefix(',') {
                rest = after.trim();
            }
        } else {
            let (group, after) = rest.split_once(", ").unwrap_or((rest, ""));
            for part in group.split(" and ") {
                found.push(bound(part.trim()).ok_or_else(|| {
                    format!("unknown qualifier `{}`: {QUALIFIER_FORMS}", excerpt(part))
                })?);
            }
            rest = after.trim();
        }
    }
    Ok(found)
}

/// What follows a group: nothing, or `, ` and the next group.
fn next_group<'a>(rest: &'a str, whole: &str) -> Result<&'a str, String> {
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(rest);
    }
    rest.strip_prefix(',')
        .map(str::trim)
        .ok_or_else(|| format!("unknown qualifier `{}`: {QUALIFIER_FORMS}", excerpt(whole)))
}

/// A pattern, and the groups after it (`, [a, b]` of a discriminator, `, >= 1` of `minItems`).
fn split_trailing_groups(pattern: &str) -> (&str, &str) {
    let mut cut = pattern.len();
    loop {
        let head = &pattern[..cut];
        let found = match head.ends_with(']') {
            true => head.rfind(", ["),
            false => head.rfind(", "),
        };
        let Some(at) = found else { break };
        let tail = &head[at + 2..];
        let is_group = (tail.starts_with('[') && tail.ends_with(']'))
            || (bound(tail).is_some() && !tail.contains("characters"));
        if !is_group {
            break;
        }
        cut = at;
    }
    (pattern[..cut].trim(), pattern[cut..].trim())
}

/// `non-empty`, `>= 2 characters`, `<= 4 characters`, `>= 1`, `> 0.5`, `<= 64`, `< 5`.
fn bound(part: &str) -> Option<Group> {
    if part == "non-empty" {
        return Some(Group::MinLength(1));
    }
    let (op, rest) = [">=", "<=", ">", "<"]
        .iter()
        .find_map(|op| part.strip_prefix(op).map(|rest| (*op, rest.trim())))?;
    if let Some(count) = rest.strip_suffix("characters") {
        let count: u64 = count.trim().parse().ok()?;
        return match op {
            ">=" => Some(Group::MinLength(count)),
            "<=" => Some(Group::MaxLength(count)),
            _ => None,
        };
    }
    let number = number(rest)?;
    Some(match op {
        ">=" => Group::Lower(number, false),
        ">" => Group::Lower(number, true),
        "<=" => Group::Upper(number, false),
        _ => Group::Upper(number, true),
    })
}

pub(super) fn number(text: &str) -> Option<Number> {
    match text.parse::<i64>() {
        Ok(whole) => Some(whole.into()),
        Err(_) => text.parse::<f64>().ok().and_then(Number::from_f64),
    }
}

/// A value printed by `Default value:`, `Constant value:` or `Example:`: as written for strings,
/// as JSON otherwise (the plugin prints non-strings with `JSON.stringify`).
pub(super) fn literal(text: &str, base: Option<&str>) -> Result<Value, String> {
    let json = || serde_json::from_str::<Value>(text).ok();
    match base {
        Some("string") => Ok(json!(text)),
        Some("integer" | "number") => number(text)
            .map(Value::Number)
            .ok_or_else(|| format!("`{}`: expected a number", excerpt(text))),
        Some("boolean") => match text {
            "true" => Ok(json!(true)),
            "false" => Ok(json!(false)),
            _ => Err(format!("`{}`: expected true or false", excerpt(text))),
        },
        Some(_) => json().ok_or_else(|| format!("`{}`: expected JSON", excerpt(text))),
        None => Ok(json()
            .filter(|v| !v.is_string())
            .unwrap_or_else(|| json!(text))),
    }
}
