//! The error collector that generated validators write into.

use super::error::{Branch, ErrorKind, ValidationError, ValidationErrors};
use super::path::InstancePath;
use super::schema_path::SchemaPath;

/// Limits that protect a service from hostile documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of arrays and objects that is validated; deeper values are an error.
    pub max_depth: usize,
    /// Largest document, in bytes, that the parse functions accept.
    pub max_document_bytes: usize,
    /// Most errors collected before validation stops early.
    pub max_errors: usize,
    /// Longest array whose items are validated; a longer one is an error and its items are skipped.
    pub max_array_len: usize,
}

impl Default for Limits {
    /// 128 levels (serde_json's own parse limit), 10 MiB, 1,000 errors, 10,000 array items.
    fn default() -> Self {
        Limits {
            max_depth: 128,
            max_document_bytes: 10 * 1024 * 1024,
            max_errors: 1000,
            max_array_len: 10_000,
        }
    }
}

/// Collects errors. In verdict mode it stops at the first error, which is all `anyOf`, `oneOf`,
/// `not`, `if` and `contains` need to know about a branch.
#[derive(Debug)]
pub struct Report {
    errors: Vec<ValidationError>,
    /// In tolerant mode (`Report::tolerant`), the drift outside any `oneOf`/`anyOf` branch:
    /// departures a response may make, kept apart from the errors and capped like them.
    drift: Vec<ValidationError>,
    tolerant: bool,
    /// In verdict mode a failure is only this flag: no error value, no pointer string is built.
    failed: bool,
    verdict_only: bool,
    limits: Limits,
    /// One number per top-level validation, shared by its probes: what a validation remembers
    /// (the answers `keywords::matches` remembers) is never used by another.
    validation: u64,
    /// The subschema (its JSON pointer) whose members and items the single pass checked as they
    /// arrived: its `properties`, `additionalProperties` and `items` are skipped.
    streamed: Option<&'static str>,
}

/// Numbers top-level validations.
static VALIDATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Report {
    fn new(verdict_only: bool, limits: Limits, validation: u64) -> Report {
        Report {
            errors: Vec::new(),
            drift: Vec::new(),
            tolerant: false,
            failed: false,
            verdict_only,
            limits,
            validation,
            streamed: None,
        }
    }

    fn next_validation() -> u64 {
        VALIDATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// A report that collects every error, up to `limits.max_errors`.
    pub fn collect_all(limits: Limits) -> Report {
        Report::new(false, limits, Report::next_validation())
    }

    /// A report that collects every error, and keeps drift (`ErrorKind::is_drift`) apart as
    /// warnings, for a response: drift alone leaves the report valid. Inside a `oneOf` or
    /// `anyOf` branch drift is an error still, since it decides which branch the value is.
    pub fn tolerant(limits: Limits) -> Report {
        Report {
            tolerant: true,
            ..Report::collect_all(limits)
        }
    }

    /// A report that stops at the first error.
    pub fn verdict_only(limits: Limits) -> Report {
        Report::new(true, limits, Report::next_validation())
    }

    /// A fresh verdict-only report with the same limits, for trying a branch.
    pub fn probe(&self) -> Report {
        Report::new(true, self.limits, self.validation)
    }

    /// A fresh report in the same mode and limits, for collecting a branch's errors (strict:
    /// a branch's drift is one of its errors).
    pub fn sibling(&self) -> Report {
        Report::new(self.verdict_only, self.limits, self.validation)
    }

    /// True in tolerant mode (`Report::tolerant`).
    pub(crate) fn is_tolerant(&self) -> bool {
        self.tolerant
    }

    /// A tolerant report with the same limits, for asking whether a branch matches but for
    /// drift, once no branch matches strictly.
    pub(crate) fn tolerant_sibling(&self) -> Report {
        Report {
            tolerant: true,
            ..Report::new(false, self.limits, self.validation)
        }
    }

    /// Takes the drift of the one branch a tolerant report matched.
    pub(crate) fn absorb_drift(&mut self, branch: Report) {
        let room = self.limits.max_errors.saturating_sub(self.drift.len());
        self.drift.extend(branch.drift.into_iter().take(room));
    }

    /// Makes the next checks a validation of their own, which remembers nothing of earlier ones.
    pub(crate) fn renew(&mut self) {
        self.validation = Report::next_validation();
    }

    /// See [`Report::skips_children`].
    pub(crate) fn set_streamed(&mut self, pointer: Option<&'static str>) {
        self.streamed = pointer;
    }

    /// True when the subschema at `at` had its members or items checked as they arrived (by
    /// the single pass), so its `properties`, `additionalProperties` and `items` have nothing
    /// left to do. Subschemas applied in place to the same value sit elsewhere and still run.
    #[inline]
    pub fn skips_children(&self, at: &SchemaPath<'_>) -> bool {
        match (self.streamed, at) {
            (Some(streamed), SchemaPath::Root { pointer, .. }) => *pointer == streamed,
            _ => false,
        }
    }

    /// The top-level validation this report belongs to.
    pub(crate) fn validation(&self) -> u64 {
        self.validation
    }

    /// True when validation can stop: an error was found in verdict mode, or the error cap is hit
    /// (with a cap of zero, at the first error: nothing is reported, and the document is still
    /// rejected).
    #[inline]
    pub fn done(&self) -> bool {
        self.failed || (!self.errors.is_empty() && self.errors.len() >= self.limits.max_errors)
    }

    /// True when no error was recorded.
    #[inline]
    pub fn is_valid(&self) -> bool {
        !self.failed && self.errors.is_empty()
    }

    /// Records the failure of `keyword` of the subschema at `at`.
    #[cold]
    pub fn fail_because(
        &mut self,
        path: &InstancePath<'_>,
        at: &SchemaPath<'_>,
        keyword: &'static str,
        kind: ErrorKind,
        because: Option<&'static str>,
    ) {
        self.record(
            path,
            || at.keyword_location(keyword),
            keyword,
            kind,
            because,
        );
    }

    /// Records an error located at the subschema itself rather than at one of its keywords (the
    /// `false` schema, the limits).
    #[cold]
    pub fn fail_here(
        &mut self,
        path: &InstancePath<'_>,
        at: &SchemaPath<'_>,
        keyword: &'static str,
        kind: ErrorKind,
    ) {
        self.record(path, || at.to_location(), keyword, kind, None);
    }

    /// Stores the error, or only the verdict: no string is built in verdict mode.
    fn record(
        &mut self,
        path: &InstancePath<'_>,
        schema_location: impl FnOnce() -> String,
        keyword: &'static str,
        kind: ErrorKind,
        because: Option<&'static str>,
    ) {
        let drift = self.tolerant && kind.is_drift();
        let error = || ValidationError {
            instance_path: path.to_redacted_pointer(),
            exact_path: path.has_unnamed_key().then(|| path.to_pointer()),
            schema_location: schema_location(),
            keyword,
            kind,
            branch: None,
            because,
        };
        if drift {
            if self.drift.len() < self.limits.max_errors {
                self.drift.push(error());
            }
        } else if self.verdict_only || self.errors.len() >= self.limits.max_errors {
            self.failed = true;
        } else {
            self.errors.push(error());
        }
    }

    /// Records a `TooDeep` error and returns true when `path` is deeper than the limit.
    #[inline]
    pub fn too_deep(&mut self, at: &SchemaPath<'_>, path: &InstancePath<'_>) -> bool {
        if path.depth() <= self.limits.max_depth {
            return false;
        }
        let limit = self.limits.max_depth;
        self.fail_here(path, at, "depth", ErrorKind::TooDeep { limit });
        true
    }

    /// Records a `TooLong` error and returns true when an array is longer than the limit.
    #[inline]
    pub fn too_long(&mut self, at: &SchemaPath<'_>, path: &InstancePath<'_>, len: usize) -> bool {
        if len <= self.limits.max_array_len {
            return false;
        }
        let limit = self.limits.max_array_len;
        self.fail_here(path, at, "arrayLength", ErrorKind::TooLong { limit });
        true
    }

    /// Moves the errors of branch `index` of the combinator at `schema_location` into this report,
    /// marking each with that branch.
    pub fn absorb_branch(&mut self, schema_location: &str, index: usize, branch: Report) {
        self.failed |= branch.failed;
        for mut error in branch.errors {
            if self.errors.len() >= self.limits.max_errors {
                break;
            }
            error.branch = Some(Branch {
                schema_location: schema_location.to_owned(),
                index,
            });
            self.errors.push(error);
        }
    }

    /// The collected errors.
    pub fn into_errors(self) -> ValidationErrors {
        ValidationErrors(self.errors)
    }

    /// The collected errors and, in tolerant mode, the drift.
    pub fn into_errors_and_drift(self) -> (ValidationErrors, Vec<ValidationError>) {
        (ValidationErrors(self.errors), self.drift)
    }
}
