//! Pages that lost every name (seed 003): labels in document order, matched to the sample's
//! top-level members only where the match is unique.

use super::constraints::apply;
use super::pane::Samples;
use super::tokens::Token;
use super::Bodies;
use crate::capture::page::Page;
use crate::capture::samples::{self, SampleNote, MINTLIFY};
use crate::capture::CaptureError;
use serde_json::{json, Map, Value};

/// Seed 003: labels in document order, matched to the sample's top-level members.
pub(super) fn unnamed_rendering(
    tokens: &[(usize, Token)],
    request: Option<Map<String, Value>>,
    samples: &Samples,
    unreadable: &mut Vec<CaptureError>,
    notes: &mut Vec<String>,
) -> Bodies {
    let mut responses: Vec<(Option<String>, Map<String, Value>)> = samples
        .responses
        .iter()
        .map(|(status, value)| {
            let mut sample_notes: Vec<SampleNote> = Vec::new();
            (
                status.clone(),
                samples::schema_of(value, &MINTLIFY, "", &mut sample_notes),
            )
        })
        .collect();
    let labels: Vec<&(usize, Token)> = tokens
        .iter()
        .filter(|(index, _)| *index + 1 >= samples.last_end)
        .filter(|(_, t)| !matches!(t, Token::Heading(_)))
        .collect();
    let Some(mut request) = request else {
        return (None, responses);
    };
    let used = match label_members(&labels, &mut request, true, unreadable) {
        Some(used) => used,
        None => {
            notes.push("the page's labels could not be matched to the request sample's members one to one: no description or constraint was taken from them, check them".to_owned());
            labels.len()
        }
    };
    let rest = &labels[used..];
    if let Some((_, first)) = responses.first_mut() {
        let mut matched = first.clone();
        let fits = label_members(rest, &mut matched, true, unreadable) == Some(rest.len());
        if fits {
            *first = matched;
        } else if !rest.is_empty() {
            notes.push("the labels after the request's could not be matched to the response sample's members one to one: none was taken, check them".to_owned());
        }
    }
    (Some(request), responses)
}

/// Matches labels to the members of `object` in order: each member takes at most one text line
/// (its description), then its constraints and examples, then `Show child attributes` exactly
/// when it is an object or an array of objects. Lines before the first member are the preamble
/// (`preamble`: the request's, where authorizations and the body's own description sit).
/// Returns how many labels were used, or `None` when no assignment fits.
pub(super) fn label_members(
    labels: &[&(usize, Token)],
    object: &mut Map<String, Value>,
    preamble: bool,
    unreadable: &mut Vec<CaptureError>,
) -> Option<usize> {
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return Some(0);
    };
    let members: Vec<(String, bool)> = properties
        .iter()
        .map(|(name, schema)| (name.clone(), has_children(schema)))
        .collect();
    // The first label a member may start at: the preamble is all text lines before the first
    // non-text label, except those the first members take.
    let start = if preamble {
        preamble_length(labels, &members)?
    } else {
        0
    };
    let mut at = start;
    let mut assigned: Vec<(usize, Option<usize>, Vec<usize>)> = Vec::new();
    for (index, (_, container)) in members.iter().enumerate() {
        let mut text = None;
        let mut attributes = Vec::new();
        if let Some((_, Token::Text(_))) = labels.get(at).map(|l| (l.0, &l.1)) {
            // A text line is this member's only if what follows fits it; otherwise it is the
            // next member's.
            let next_is_children =
                matches!(labels.get(at + 1).map(|l| &l.1), Some(Token::Children));
            if *container || !next_is_children {
                text = Some(at);
                at += 1;
            }
        }
        while let Some(label) = labels.get(at) {
            match &label.1 {
                Token::Constraint(_) | Token::Example(_) => {
                    attributes.push(at);
                    at += 1;
                }
                _ => break,
            }
        }
        if *container {
            match labels.get(at).map(|l| &l.1) {
                Some(Token::Children) => at += 1,
                _ => return None,
            }
        } else if matches!(labels.get(at).map(|l| &l.1), Some(Token::Text(_))) && text.is_none() {
            // A leaf followed by text that is not its own: fine, the next member takes it.
        }
        let _ = index;
        assigned.push((index, text, attributes));
    }
    for (index, text, attributes) in assigned {
        let name = &members[index].0;
        let Some(Value::Object(schema)) = properties.get_mut(name) else {
            continue;
        };
        if let Some(Token::Text(description)) = text.map(|t| &labels[t].1) {
            schema.insert("description".into(), json!(description));
        }
        for attribute in attributes {
            if let Err(problem) = apply(&labels[attribute].1, schema) {
                unreadable.push(CaptureError::at(Page::number(labels[attribute].0), problem));
            }
        }
    }
    Some(at)
}

/// How many text lines open the labels before the first member's: every text line before the
/// first non-text label, minus one for each leading member that takes one.
pub(super) fn preamble_length(
    labels: &[&(usize, Token)],
    members: &[(String, bool)],
) -> Option<usize> {
    let texts = labels
        .iter()
        .take_while(|l| matches!(l.1, Token::Text(_)))
        .count();
    // Members before the first anchor: leaves without constraints take one line each, the
    // member whose anchor this is takes the last one.
    let anchor_is_children = matches!(labels.get(texts).map(|l| &l.1), Some(Token::Children));
    let leading = members
        .iter()
        .position(|(_, container)| *container || !anchor_is_children)
        .map_or(members.len(), |p| p + 1);
    let taken = leading.min(texts);
    Some(texts - taken)
}

pub(super) fn has_children(schema: &Value) -> bool {
    schema.get("properties").is_some() || schema.pointer("/items/properties").is_some()
}
