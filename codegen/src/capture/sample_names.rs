//! A request sample that names a field unlike the field list does: `webhookUrl` in the sample
//! where the table says `webhookURL`, `postal_code` where it says `postalCode`. Two names that
//! differ only by case or separators are one field written two ways, and the page does not say
//! which one the API reads: the draft keeps the field list's name (never a guess) and a note names
//! both. A member that matches no field at all is left to each family (Mintlify notes it).
//!
//! The samples are the ones each family already reads (`Body::request_samples`); only the line of
//! a member is looked up here, in the sample's own lines.

use super::nesting::resolve;
use super::page::{Page, Sample};
use serde_json::Value;
use std::collections::BTreeSet;

/// How deep samples and the draft's `$ref`s and branches are followed.
const MAX_DEPTH: usize = 32;
/// How many schemas one member of a sample is held against at most.
const MAX_SCHEMAS: usize = 64;
/// How many notes one page gets at most: a sample written entirely in another convention says
/// so in the first ones.
const MAX_NOTES: usize = 100;
/// How many members may be looked for in vain before lines are no longer looked up.
const MAX_MISSES: usize = 64;

/// One note per member name of a sample that differs from a field of the same place only by case
/// or separators.
pub(super) fn notes(page: &Page, draft: &Value, samples: &[Sample]) -> Vec<String> {
    let mut walk = Walk {
        page,
        draft,
        seen: BTreeSet::new(),
        notes: Vec::new(),
        misses: 0,
    };
    for sample in samples {
        let mut cursor = Cursor {
            line: sample.lines.start,
            column: 0,
            end: sample.lines.end.min(page.lines.len()),
        };
        walk.value(&sample.value, &[draft], &mut cursor, 0);
    }
    walk.notes
}

/// `webhookURL`, `webhook_url` and `Webhook-Url` all fold to `webhookurl`.
fn folded(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Where in the sample's text the walk has got to.
struct Cursor {
    line: usize,
    column: usize,
    end: usize,
}

struct Walk<'p, 'd> {
    page: &'p Page,
    draft: &'d Value,
    /// `(sample name, field name)` pairs already noted: one note each.
    seen: BTreeSet<(String, String)>,
    notes: Vec<String>,
    misses: usize,
}

impl<'d> Walk<'_, 'd> {
    /// Holds `value` (a part of a sample) against the draft's schemas for its place.
    fn value(&mut self, value: &Value, schemas: &[&'d Value], cursor: &mut Cursor, depth: usize) {
        if depth > MAX_DEPTH || self.notes.len() >= MAX_NOTES {
            return;
        }
        let schemas = self.expand(schemas);
        match value {
            Value::Array(items) => {
                let item_schemas: Vec<&Value> =
                    schemas.iter().filter_map(|s| s.get("items")).collect();
                for item in items {
                    self.value(item, &item_schemas, cursor, depth + 1);
                }
            }
            Value::Object(members) => {
                for (name, member) in members {
                    let line = self.line_of(name, cursor);
                    let exact: Vec<&Value> = schemas
                        .iter()
                        .filter_map(|s| s.get("properties")?.get(name))
                        .collect();
                    if !exact.is_empty() {
                        self.value(member, &exact, cursor, depth + 1);
                        continue;
                    }
                    let wanted = folded(name);
                    let Some(listed) = schemas
                        .iter()
                        .filter_map(|s| s.get("properties")?.as_object())
                        .flat_map(|p| p.keys())
                        .find(|listed| folded(listed) == wanted)
                    else {
                        continue;
                    };
                    if self.seen.insert((name.clone(), listed.clone())) {
                        self.notes.push(format!(
                            "line {}: the sample request names \"{}\" where the table names \"{}\"; the table's name is kept",
                            Page::number(line),
                            super::excerpt(name),
                            super::excerpt(listed)
                        ));
                    }
                    let children: Vec<&Value> = schemas
                        .iter()
                        .filter_map(|s| s.get("properties")?.get(listed))
                        .collect();
                    self.value(member, &children, cursor, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// The schemas themselves, `$ref`s followed, and the branches of their `oneOf`, `anyOf` and
    /// `allOf`: any of them may list the members of a value at this place.
    fn expand(&self, schemas: &[&'d Value]) -> Vec<&'d Value> {
        let mut all = Vec::new();
        let mut pending: Vec<(&Value, usize)> = schemas.iter().map(|s| (*s, 0)).collect();
        while let Some((schema, depth)) = pending.pop() {
            if all.len() >= MAX_SCHEMAS {
                break;
            }
            let schema = resolve(self.draft, schema);
            all.push(schema);
            if depth >= MAX_DEPTH {
                continue;
            }
            for key in ["oneOf", "anyOf", "allOf"] {
                if let Some(Value::Array(branches)) = schema.get(key) {
                    pending.extend(branches.iter().map(|b| (b, depth + 1)));
                }
            }
        }
        all
    }

    /// The index of the line where the sample writes member `name`, at or after the cursor,
    /// which moves past it; the cursor's line when the text does not show it plainly.
    fn line_of(&mut self, name: &str, cursor: &mut Cursor) -> usize {
        let plain = !name.contains(['"', '\\']) && !name.chars().any(char::is_control);
        if !plain || self.misses >= MAX_MISSES {
            return cursor.line;
        }
        let quoted = format!("\"{name}\"");
        for index in cursor.line..cursor.end {
            let line = &self.page.lines[index];
            let from = if index == cursor.line {
                cursor.column.min(line.len())
            } else {
                0
            };
            let Some(rest) = line.get(from..) else {
                continue;
            };
            let found = rest
                .match_indices(&quoted)
                .find(|(at, _)| rest[at + quoted.len()..].trim_start().starts_with(':'));
            if let Some((at, _)) = found {
                cursor.line = index;
                cursor.column = from + at + quoted.len();
                return index;
            }
        }
        self.misses += 1;
        cursor.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn notes_of(text: &str, draft: Value) -> Vec<String> {
        let page = Page::new(text);
        let value = serde_json::from_str(text).unwrap();
        let sample = Sample {
            value,
            lines: 0..page.lines.len(),
        };
        notes(&page, &draft, &[sample])
    }

    #[test]
    fn names_that_differ_by_case_or_separators_are_noted_once_with_their_line() {
        let draft = json!({
            "properties": {
                "webhookURL": {"type": "string"},
                "addresses": {"type": "array", "items": {"$ref": "#/$defs/Address"}}
            },
            "$defs": {"Address": {"oneOf": [{"properties": {"postalCode": {}}}]}}
        });
        let text = "{\n\"webhookUrl\": \"x\",\n\"addresses\": [\n{\"postal_code\": \"1\"},\n{\"postal_code\": \"2\"}\n],\n\"other\": 1\n}";
        assert_eq!(
            notes_of(text, draft),
            [
                "line 2: the sample request names \"webhookUrl\" where the table names \"webhookURL\"; the table's name is kept",
                "line 4: the sample request names \"postal_code\" where the table names \"postalCode\"; the table's name is kept",
            ]
        );
    }

    #[test]
    fn matching_names_and_unknown_members_give_no_note() {
        let draft = json!({"properties": {"webhookURL": {}, "a": {"properties": {"b": {}}}}});
        let text = "{\"webhookURL\": 1, \"a\": {\"b\": 2, \"c\": 3}, \"zzz\": 4}";
        assert_eq!(notes_of(text, draft), Vec::<String>::new());
    }
}
