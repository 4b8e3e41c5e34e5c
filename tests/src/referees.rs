//! Where the third-party referee inputs are: the official JSON-Schema-Test-Suite and the saved
//! seed pages. One setting finds them: `BAAS_SHARED_DIR`, by default `../shared` beside the
//! repository. Without them, the tests that need them say what did not run and pass; with
//! `REQUIRE_REFEREES=1` (as `.ci/run` sets), their absence fails.

use std::io::Write;
use std::path::PathBuf;

/// The environment variable naming the folder of referee inputs.
pub const SHARED_DIR_VARIABLE: &str = "BAAS_SHARED_DIR";
/// The environment variable that makes missing referee inputs a failure.
pub const REQUIRE_VARIABLE: &str = "REQUIRE_REFEREES";

/// The folder the setting names, whether or not it exists.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os(SHARED_DIR_VARIABLE) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    }
}

/// `relative` inside the referee folder if it is there. Otherwise one line on the terminal says
/// which test did not run and why (written past the test harness's capture, so it is seen), and
/// `None` lets the test pass, unless `REQUIRE_REFEREES` is set, which makes it fail.
pub fn referee_input(relative: &str, test: &str) -> Option<PathBuf> {
    let path = shared_dir().join(relative);
    if path.exists() {
        return Some(path);
    }
    let why = format!(
        "{test}: not run: {} is missing (set {SHARED_DIR_VARIABLE} to the folder holding {relative})",
        path.display()
    );
    if std::env::var_os(REQUIRE_VARIABLE).is_some() {
        panic!("{why}; {REQUIRE_VARIABLE} is set, so referee inputs are required");
    }
    let _ = writeln!(std::io::stderr().lock(), "note: {why}");
    None
}
