#![no_main]
//! Fuzz target: see `recoupe::fuzzing::check_analysis`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| recoupe::fuzzing::check_analysis(data));
