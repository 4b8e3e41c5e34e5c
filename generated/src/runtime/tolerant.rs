//! A value read from a response, where the provider may send what the docs do not list: a new
//! enum value, a name longer than documented, a code in another pattern. Response types hold
//! such values as [`Tolerant<T>`]: the documented type when the text is one, the text itself
//! otherwise. Request types never do, so what is sent keeps every rule.

use serde::de::{Deserialize, Deserializer, IntoDeserializer};
use serde::{Serialize, Serializer};
use std::fmt;

/// A response's string value: `Documented` when it satisfies the rules of `T` (an enum value the
/// docs list, a string within its documented limits), `Undocumented` with the text as sent
/// otherwise. `Debug` never shows the undocumented text: it may be personal data.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Tolerant<T> {
    /// A value the docs document.
    Documented(T),
    /// A value the docs do not list, as the provider sent it. `runtime::from_response` reports
    /// each one as a drift warning with its pointer.
    Undocumented(String),
}

impl<T> Tolerant<T> {
    /// The documented value, if it is one.
    pub fn documented(&self) -> Option<&T> {
        match self {
            Tolerant::Documented(value) => Some(value),
            Tolerant::Undocumented(_) => None,
        }
    }

    /// The text as sent, when the docs do not list it. Keep it out of logs: it may be personal.
    pub fn undocumented(&self) -> Option<&str> {
        match self {
            Tolerant::Documented(_) => None,
            Tolerant::Undocumented(text) => Some(text),
        }
    }

    /// The documented value, or the error that says the docs do not list it: the way to take a
    /// received value into a request, which must keep every rule.
    pub fn into_documented(self) -> Result<T, UndocumentedValue> {
        match self {
            Tolerant::Documented(value) => Ok(value),
            Tolerant::Undocumented(_) => Err(UndocumentedValue),
        }
    }
}

impl<T> From<T> for Tolerant<T> {
    fn from(value: T) -> Self {
        Tolerant::Documented(value)
    }
}

/// A received value the docs do not list, refused where only documented values may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UndocumentedValue;

impl fmt::Display for UndocumentedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the provider sent a value the docs do not list; a request cannot carry it")
    }
}

impl std::error::Error for UndocumentedValue {}

impl<T: fmt::Debug> fmt::Debug for Tolerant<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tolerant::Documented(value) => f.debug_tuple("Documented").field(value).finish(),
            Tolerant::Undocumented(text) => {
                let length = text.chars().count();
                write!(f, "Undocumented(<{length} characters>)")
            }
        }
    }
}

impl<T: Serialize> Serialize for Tolerant<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Tolerant::Documented(value) => value.serialize(serializer),
            Tolerant::Undocumented(text) => serializer.serialize_str(text),
        }
    }
}

/// Reads a string, then the documented type from it; a string the type refuses is kept as
/// text. Anything but a string is still an error: the shape is not drift.
impl<'de, T: for<'a> Deserialize<'a>> Deserialize<'de> for Tolerant<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let documented: Result<T, serde::de::value::Error> =
            T::deserialize(text.as_str().into_deserializer());
        Ok(match documented {
            Ok(value) => Tolerant::Documented(value),
            Err(_) => Tolerant::Undocumented(text),
        })
    }
}

impl<T: super::to_node::ToTree> super::to_node::ToTree for Tolerant<T> {
    fn to_tree(&self) -> super::Node<'_> {
        match self {
            Tolerant::Documented(value) => value.to_tree(),
            Tolerant::Undocumented(text) => text.to_tree(),
        }
    }
}

impl<T: Default> Default for Tolerant<T> {
    fn default() -> Self {
        Tolerant::Documented(T::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    enum Kind {
        #[serde(rename = "HOME")]
        Home,
    }

    #[test]
    fn a_listed_value_is_documented_and_another_is_kept_as_text() {
        let home: Tolerant<Kind> = serde_json::from_str("\"HOME\"").unwrap();
        assert_eq!(home, Tolerant::Documented(Kind::Home));
        let fax: Tolerant<Kind> = serde_json::from_str("\"FAX\"").unwrap();
        assert_eq!(fax.undocumented(), Some("FAX"));
        assert_eq!(serde_json::to_string(&fax).unwrap(), "\"FAX\"");
        assert_eq!(serde_json::to_string(&home).unwrap(), "\"HOME\"");
        assert!(serde_json::from_str::<Tolerant<Kind>>("7").is_err());
    }

    #[test]
    fn debug_never_shows_the_undocumented_text_and_requests_refuse_it() {
        let text: Tolerant<Kind> = Tolerant::Undocumented("078-05-1120".to_owned());
        assert_eq!(format!("{text:?}"), "Undocumented(<11 characters>)");
        assert_eq!(text.into_documented(), Err(UndocumentedValue));
        assert_eq!(Tolerant::from(Kind::Home).into_documented(), Ok(Kind::Home));
    }
}
