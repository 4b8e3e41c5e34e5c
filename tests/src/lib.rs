//! Integration, snapshot and conformance tests for the workspace. The library holds the
//! JSON-Schema-Test-Suite runner, and runs the README's code blocks as doctests so the documented
//! usage always compiles and works.

#![doc = include_str!("../../README.md")]

pub mod referees;
pub mod suite;
