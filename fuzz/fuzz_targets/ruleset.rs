//! Rule-set loading: any text into `Engine::from_json_str` (parse, validate,
//! index) and `api::validate_json_str` must answer, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = fuquan::Engine::from_json_str(text);
        let answer = fuquan::api::validate_json_str(text);
        assert!(answer.starts_with('{'), "validate answered {answer}");
    }
});
