//! Page text into capture: a draft or an error with the unreadable lines, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = codegen::capture::capture_page(&text, "fuzz.txt", None);
});
