//! What generated builders share: `X::builder().field(value)….build()` converts each value into
//! the field's type as it is set, and `build()` reports every missing or invalid field by its
//! JSON name at once. Reasons come from the types' constructors, which never quote the value.

use std::fmt;

/// What a setter accepts for a field of type `T`: anything `T` can be built from (`TryFrom`:
/// `&str` or `String` for a constrained string, the value itself), converted at once through
/// `T`'s constructor, so the builder never holds an unchecked value.
pub trait Convert<T> {
    /// `T` built from this value, or the constructor's reason (never the value).
    fn convert(self) -> Result<T, String>;
}

impl<T, V> Convert<T> for V
where
    T: TryFrom<V>,
    T::Error: fmt::Display,
{
    fn convert(self) -> Result<T, String> {
        T::try_from(self).map_err(|error| error.to_string())
    }
}

/// A builder's field: not set yet, or set to a checked value or the reason it could not be.
pub type Slot<T> = Option<Result<T, String>>;

/// A builder's field that holds personal data: wrapped as soon as it is set, so that the
/// builder's `Debug` redacts it too.
pub type SensitiveSlot<T> = Slot<super::Sensitive<T>>;

/// What a setter stores: `value` converted into `T`.
pub fn set<T>(value: impl Convert<T>) -> Slot<T> {
    Some(value.convert())
}

/// What a setter of personal data stores: `value` converted into `T` and wrapped.
pub fn set_sensitive<T>(value: impl Convert<T>) -> SensitiveSlot<T> {
    Some(value.convert().map(super::Sensitive::new))
}

/// Why one field could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildReason {
    /// A required field was never set.
    Missing,
    /// The value given breaks the field's rules; the constructor's reason, without the value.
    Invalid(String),
}

/// One field that stopped `build()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildProblem {
    /// The field's name in JSON, e.g. `firstName`.
    pub field: &'static str,
    /// What is wrong with it.
    pub reason: BuildReason,
}

/// Every field that stopped a builder's `build()`, in declaration order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildErrors {
    /// The Rust type being built.
    pub type_name: &'static str,
    /// The fields, each with its reason.
    pub problems: Vec<BuildProblem>,
}

impl BuildErrors {
    /// No problem yet, for `type_name`.
    pub fn new(type_name: &'static str) -> Self {
        BuildErrors {
            type_name,
            problems: Vec::new(),
        }
    }

    /// True when every field could be built.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// A required field's value, or `None` after recording why there is none.
    pub fn required<T>(
        &mut self,
        field: &'static str,
        set: Option<Result<T, String>>,
    ) -> Option<T> {
        if set.is_none() {
            self.problems.push(BuildProblem {
                field,
                reason: BuildReason::Missing,
            });
        }
        self.optional(field, set)
    }

    /// An optional field's value if it was set and valid; an invalid one is recorded.
    pub fn optional<T>(
        &mut self,
        field: &'static str,
        set: Option<Result<T, String>>,
    ) -> Option<T> {
        match set {
            Some(Ok(value)) => Some(value),
            Some(Err(reason)) => {
                self.invalid(field, reason);
                None
            }
            None => None,
        }
    }

    fn invalid(&mut self, field: &'static str, reason: String) {
        self.problems.push(BuildProblem {
            field,
            reason: BuildReason::Invalid(reason),
        });
    }
}

impl fmt::Display for BuildErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build {}: ", self.type_name)?;
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            match &problem.reason {
                BuildReason::Missing => {
                    write!(f, "`{}` is required but was not set", problem.field)?
                }
                BuildReason::Invalid(reason) => write!(f, "`{}`: {reason}", problem.field)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for BuildErrors {}

impl BuildProblem {
    /// RFC 6901 pointer to the field in the value being built: `/firstName`.
    pub fn pointer(&self) -> String {
        format!("/{}", super::path::escape_token(self.field))
    }

    /// What is wrong, without the field's name: the constructor's reason, or that it is missing.
    pub fn message(&self) -> String {
        match &self.reason {
            BuildReason::Missing => "is required but was not set".to_owned(),
            BuildReason::Invalid(reason) => reason.clone(),
        }
    }
}

/// `{"field", "pointer", "reason": "missing" | "invalid", "message"}`; like the message, never
/// the value.
impl serde::Serialize for BuildProblem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let reason = match self.reason {
            BuildReason::Missing => "missing",
            BuildReason::Invalid(_) => "invalid",
        };
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("field", self.field)?;
        map.serialize_entry("pointer", &self.pointer())?;
        map.serialize_entry("reason", reason)?;
        map.serialize_entry("message", &self.message())?;
        map.end()
    }
}

/// `{"type": "<Rust type>", "problems": [...]}`, for logs and API error bodies.
impl serde::Serialize for BuildErrors {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("type", self.type_name)?;
        map.serialize_entry("problems", &self.problems)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_reported_by_field() {
        let mut errors = BuildErrors::new("Contact");
        assert_eq!(errors.required::<u8>("firstName", None), None);
        assert_eq!(
            errors.required(
                "lastName",
                Some(Err::<u8, _>("longer than 40 characters".into()))
            ),
            None
        );
        assert_eq!(errors.optional::<u8>("middleName", None), None);
        assert_eq!(errors.optional("primary", Some(Ok(true))), Some(true));
        assert_eq!(
            errors.to_string(),
            "cannot build Contact: `firstName` is required but was not set; `lastName`: longer than 40 characters"
        );
        assert_eq!(
            Convert::<u8>::convert(300i64).unwrap_err(),
            "out of range integral type conversion attempted"
        );
        assert_eq!(Convert::<String>::convert("x"), Ok("x".to_owned()));
        assert_eq!(
            serde_json::to_value(&errors).unwrap(),
            serde_json::json!({"type": "Contact", "problems": [
                {"field": "firstName", "pointer": "/firstName", "reason": "missing",
                 "message": "is required but was not set"},
                {"field": "lastName", "pointer": "/lastName", "reason": "invalid",
                 "message": "longer than 40 characters"}
            ]})
        );
    }
}
