//! A schema document into the generator: Rust that parses, or errors of one line each naming the
//! file, never a panic. (Whether the Rust builds is checked by `tests/pipeline.rs` on the
//! hostile schemas; a compiler per input would make this target too slow to explore.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(document) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let file = codegen::SchemaFile {
        display_path: "schemas/fuzz/endpoint.json".to_owned(),
        provider: "fuzz".to_owned(),
        endpoint: "endpoint".to_owned(),
        document,
    };
    match codegen::endpoint_source(file) {
        Ok(source) => {
            let rust = source.split_once("\n\n").map_or(source.as_str(), |(_, code)| code);
            if let Err(err) = syn::parse_file(rust) {
                panic!("generated code does not parse: {err}");
            }
        }
        Err(errors) => {
            for error in errors {
                let line = error.to_string();
                assert!(!line.contains('\n'), "an error spans lines: {line}");
                assert!(line.starts_with("schemas/fuzz/endpoint.json"), "{line}");
            }
        }
    }
});
