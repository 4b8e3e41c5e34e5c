//! Personal data (SSNs, tax IDs, document and account numbers) in a wrapper that never shows it:
//! `Debug` and `Display` print a redaction marker, while serialization sends the real value.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What `Debug` and `Display` print instead of a sensitive value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A value the schema marks `x-sensitive`. Read it on purpose with [`Sensitive::expose`].
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The value itself. Keep it out of logs.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact_but_serialization_does_not() {
        let ssn = Sensitive::new("666989698".to_owned());
        assert_eq!(format!("{ssn:?} {ssn}"), format!("{REDACTED} {REDACTED}"));
        assert_eq!(
            format!("{:?}", Some(ssn.clone())),
            format!("Some({REDACTED})")
        );
        assert_eq!(serde_json::to_string(&ssn).unwrap(), "\"666989698\"");
        let back: Sensitive<String> = serde_json::from_str("\"666989698\"").unwrap();
        assert_eq!(back.expose(), "666989698");
    }
}
