//! Any bytes through the CSDL reader and, when they read, the resolver: errors are fine,
//! panics, hangs and runaway memory are findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = codegen::csdl::read_document("fuzz.csdl", data) {
        let _ = codegen::model::resolve(std::slice::from_ref(&doc));
    }
});
