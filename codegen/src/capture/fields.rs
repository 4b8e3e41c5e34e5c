//! The fields a draft has that the checked-in schema has not, and the reverse: for page families
//! whose names come from the page itself (samples, named field lists), every re-capture says
//! which fields appeared and which are gone, as `nesting` does for pages that lost their nesting.
//! `losses` says whether a page looks cut short, so that a bad save never replaces a schema.

use super::nesting::resolve;
use super::page::folded;
use serde_json::Value;
use std::collections::BTreeSet;

/// How far `$ref` chains and nesting are followed.
const MAX_DEPTH: usize = 32;
/// How many paths are collected at most (a schema whose `$ref`s fan out stops there).
const MAX_PATHS: usize = 100_000;

/// Notes for fields of the request body added or removed since `baseline`.
pub(crate) fn changes(baseline: &Value, draft: &Value) -> Vec<String> {
    let (old, new) = (paths(baseline), paths(draft));
    let added = new
        .iter()
        .filter(|p| !old.contains(*p))
        .filter(|p| parent(p).is_none_or(|parent| old.contains(parent)))
        .map(|p| format!("`{p}` is new: check it"));
    let removed = old
        .iter()
        .filter(|p| !new.contains(*p))
        .filter(|p| parent(p).is_none_or(|parent| new.contains(parent)))
        .map(|p| format!("`{p}` is in the checked-in schema but no longer on the page: removed"));
    added.chain(removed).collect()
}

fn parent(path: &str) -> Option<&str> {
    path.rsplit_once('/')
        .map(|(parent, _)| parent)
        .filter(|p| !p.is_empty())
}

/// Every property path of the body, `/business_details/website`, array items included.
fn paths(document: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    collect(document, document, "", 0, &mut found);
    found
}

/// Every property path of the request body and of each documented response, the latter as
/// `response:200/customer_id`.
fn all_paths(document: &Value) -> BTreeSet<String> {
    let mut found = paths(document);
    for (status, body) in responses(document) {
        let mut response = BTreeSet::new();
        collect(document, body, "", 0, &mut response);
        found.extend(
            response
                .into_iter()
                .map(|p| format!("response:{status}{p}")),
        );
    }
    found
}

fn responses(document: &Value) -> Vec<(&str, &Value)> {
    let Some(Value::Object(responses)) = document.pointer("/x-endpoint/responses") else {
        return Vec::new();
    };
    responses
        .iter()
        .filter_map(|(status, target)| {
            let pointer = target.as_str()?.strip_prefix('#')?;
            Some((status.as_str(), document.pointer(pointer)?))
        })
        .collect()
}

/// What a re-capture would lose against the checked-in schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Losses {
    /// Landmarks of the page the schema was captured from (`x-source.section`, comma-separated)
    /// that this page does not contain.
    pub missing_landmarks: Vec<String>,
    /// Response bodies the schema documents and the draft does not.
    pub lost_responses: Vec<String>,
    /// Field paths of the schema that the draft no longer has.
    pub removed: Vec<String>,
    /// How many field paths the schema has.
    pub known: usize,
}

/// More than this share of known fields gone (and at least `MIN_REMOVED`) is a page cut short,
/// not a provider's change.
const MAX_REMOVED_SHARE: f64 = 0.2;
const MIN_REMOVED: usize = 3;

impl Losses {
    /// True when the page looks cut short: capture must not write without an explicit
    /// `--accept-removals`.
    pub fn look_like_a_cut_page(&self) -> bool {
        !self.missing_landmarks.is_empty()
            || !self.lost_responses.is_empty()
            || (self.removed.len() >= MIN_REMOVED
                && self.removed.len() as f64 > MAX_REMOVED_SHARE * self.known as f64)
    }

    /// One sentence per loss, for the refusal message.
    pub fn reasons(&self) -> Vec<String> {
        let mut reasons = Vec::new();
        if !self.missing_landmarks.is_empty() {
            reasons.push(format!(
                "the page lacks {} of the schema's source (`x-source.section`), so it may end early",
                quoted_list(&self.missing_landmarks)
            ));
        }
        if !self.lost_responses.is_empty() {
            reasons.push(format!(
                "the response bodies {} are no longer on the page",
                quoted_list(&self.lost_responses)
            ));
        }
        if !self.removed.is_empty() {
            let shown: Vec<String> = self.removed.iter().take(8).cloned().collect();
            let more = self.removed.len() - shown.len();
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            reasons.push(format!(
                "{} of {} known fields are missing: {}{tail}",
                self.removed.len(),
                self.known,
                quoted_list(&shown)
            ));
        }
        reasons
    }
}

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What capturing `page_text` as `draft` would lose against `baseline`.
pub fn losses(baseline: &Value, draft: &Value, page_text: &str) -> Losses {
    let page = folded(page_text);
    let missing_landmarks = baseline
        .pointer("/x-source/section")
        .and_then(Value::as_str)
        .map(|sections| {
            sections
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty() && !page.contains(&folded(s)))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let kept: BTreeSet<&str> = responses(draft).into_iter().map(|(s, _)| s).collect();
    let lost_responses = responses(baseline)
        .into_iter()
        .filter(|(status, _)| !kept.contains(status))
        .map(|(status, _)| status.to_owned())
        .collect();
    let (old, new) = (all_paths(baseline), all_paths(draft));
    let removed = old.iter().filter(|p| !new.contains(*p)).cloned().collect();
    Losses {
        missing_landmarks,
        lost_responses,
        removed,
        known: old.len(),
    }
}

fn collect(document: &Value, node: &Value, at: &str, depth: usize, found: &mut BTreeSet<String>) {
    if depth > MAX_DEPTH || found.len() > MAX_PATHS {
        return;
    }
    let node = resolve(document, node);
    if let Some(Value::Object(properties)) = node.get("properties") {
        for (name, child) in properties {
            let path = format!("{at}/{name}");
            collect(document, child, &path, depth + 1, found);
            found.insert(path);
        }
    }
    if let Some(items) = node.get("items") {
        collect(document, items, at, depth + 1, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_page_cut_short_is_told_from_a_provider_change() {
        let baseline = json!({
            "x-source": {"section": "Request Body, SAMPLE RESPONSE"},
            "x-endpoint": {"responses": {"200": "#/$defs/R"}},
            "properties": {"a": {}, "b": {}, "c": {}, "d": {}, "e": {}, "f": {}, "g": {}, "h": {}, "i": {}, "j": {}},
            "$defs": {"R": {"properties": {"id": {}}}}
        });
        let whole = "Request Body\n...\nSample  response\n";
        // One field gone on a whole page: a change to review, not a cut.
        let mut one_gone = baseline.clone();
        one_gone["properties"].as_object_mut().unwrap().remove("a");
        let change = losses(&baseline, &one_gone, whole);
        assert_eq!(change.removed, ["/a"]);
        assert!(!change.look_like_a_cut_page(), "{change:?}");
        // The same draft from a page that ends before its last landmark.
        let cut = losses(&baseline, &one_gone, "Request Body\n...");
        assert_eq!(cut.missing_landmarks, ["SAMPLE RESPONSE"]);
        assert!(cut.look_like_a_cut_page());
        // Three of ten fields and the response gone.
        let gutted =
            json!({"properties": {"d": {}, "e": {}, "f": {}, "g": {}, "h": {}, "i": {}, "j": {}}});
        let gone = losses(&baseline, &gutted, whole);
        assert_eq!(gone.lost_responses, ["200"]);
        assert_eq!(gone.removed.len(), 4, "{gone:?}");
        assert!(gone.look_like_a_cut_page());
        assert_eq!(gone.reasons().len(), 2);
    }

    #[test]
    fn added_and_removed_fields_are_named_once_at_their_top() {
        let baseline = json!({"properties": {"a": {"$ref": "#/$defs/A"}, "gone": {"properties": {"x": {}}}},
            "$defs": {"A": {"properties": {"b": {}}}}});
        let draft = json!({"properties": {"a": {"items": {"properties": {"b": {}, "c": {}}}},
            "new": {"properties": {"y": {}}}}});
        assert_eq!(
            changes(&baseline, &draft),
            [
                "`/a/c` is new: check it",
                "`/new` is new: check it",
                "`/gone` is in the checked-in schema but no longer on the page: removed",
            ]
        );
        assert_eq!(changes(&baseline, &baseline), Vec::<String>::new());
    }
}
