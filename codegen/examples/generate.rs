//! Generates one schema document, wherever it is, and prints the module `regenerate` would write
//! for it, or its errors (one line each). For trying a schema before it joins `schemas/`, and for
//! timing hostile schemas:
//!
//! ```sh
//! cargo run --release -p codegen --example generate -- path/to/schema.json > /dev/null
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: generate <schema.json>");
        return ExitCode::from(2);
    };
    let document = match std::fs::read(&path)
        .map_err(|err| err.to_string())
        .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|err| err.to_string()))
    {
        Ok(document) => document,
        Err(err) => {
            eprintln!("{path}: {err}");
            return ExitCode::from(2);
        }
    };
    let file = codegen::SchemaFile {
        display_path: "schemas/example/endpoint.json".to_owned(),
        provider: "example".to_owned(),
        endpoint: "endpoint".to_owned(),
        document,
    };
    match codegen::endpoint_source(file) {
        Ok(source) => {
            println!("{source}");
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in errors {
                eprintln!("{error}");
            }
            ExitCode::FAILURE
        }
    }
}
