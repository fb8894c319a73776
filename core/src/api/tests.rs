//! Tests of the boundary over every operation: the path-tracking decoder
//! against serde_path_to_error on mutated requests of every operation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

/// Every request of the conformance and bad-input corpora, with its operation.
fn corpus() -> Vec<(String, serde_json::Value)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let mut out = Vec::new();
    let mut dirs = vec![root.join("cases"), root.join("bad-input")];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let v: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                let op = v["operation"].as_str().unwrap_or("route").to_owned();
                // Bad-input files carry JSON text; keep those that parse.
                let request = match &v["input"] {
                    serde_json::Value::String(text) => match serde_json::from_str(text) {
                        Ok(r) => r,
                        Err(_) => continue,
                    },
                    _ => v["request"].clone(),
                };
                out.push((op, request));
            }
        }
    }
    assert!(out.len() > 300, "corpus found: {}", out.len());
    out
}

/// A replacement for the node at `pick` (in pre-order), or its removal.
fn mutate(v: &mut serde_json::Value, pick: &mut usize, with: &serde_json::Value) -> bool {
    use serde_json::Value;
    if *pick == 0 {
        *v = with.clone();
        return true;
    }
    *pick -= 1;
    match v {
        Value::Array(items) => items.iter_mut().any(|x| mutate(x, pick, with)),
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for k in keys {
                if *pick == 0 && with.as_str() == Some("<delete>") {
                    map.remove(&k);
                    return true;
                }
                if mutate(map.get_mut(&k).unwrap(), pick, with) {
                    return true;
                }
            }
            false
        }
        _ => false,
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    /// The path-tracking `Value` deserializer gives the same answer, field
    /// path and message as serde_path_to_error did, for every operation's
    /// request with one node replaced by a value of another shape, or removed.
    #[test]
    fn same_diagnostics_as_serde_path_to_error(
        case in 0usize..10_000,
        pick in 0usize..400,
        with in 0usize..16,
    ) {
        use serde_json::json;
        let corpus = CORPUS.with(|c| c.clone());
        let (op, request) = &corpus[case % corpus.len()];
        let replacements = [
            json!(null), json!(true), json!(0), json!(-1), json!(1.5),
            json!(4294967296u64), json!("x"), json!("2024-02-30"), json!("50000.001"),
            json!([]), json!([1]), json!({}), json!({"zz": 1}), json!({"towns": ["zhangcun"]}),
            json!("<delete>"), json!("delegation"),
        ];
        let mut mutated = request.clone();
        let mut p = pick;
        mutate(&mut mutated, &mut p, &replacements[with]);
        let engine = crate::ruleset::Engine::embedded().unwrap();
        let new = crate::api::call(&engine, op, mutated.clone());
        crate::decode::REFERENCE.with(|r| r.set(true));
        let old = crate::api::call(&engine, op, mutated);
        crate::decode::REFERENCE.with(|r| r.set(false));
        if new != old {
            // The one intended difference: a struct written as a positional
            // array, which serde_json's `Value` took and this refuses.
            // (`validate` reports it among its diagnostics, the others as an error.)
            let d = if new["errors"].is_array() { &new["errors"][0] } else { &new["diagnostics"][0] };
            proptest::prop_assert_eq!(&d["code"], "input.invalid_type", "{} vs {}", new, old);
            proptest::prop_assert!(
                d["message_en"].as_str().is_some_and(|m| m.starts_with("invalid type: sequence, expected struct")),
                "{} vs {}", new, old
            );
        }
    }
}

thread_local! {
    static CORPUS: std::rc::Rc<Vec<(String, serde_json::Value)>> = std::rc::Rc::new(corpus());
}

#[test]
fn a_struct_written_as_an_array_is_refused() {
    use serde_json::json;
    let e =
        crate::decode::from_value::<crate::time::DateRange>(json!(["2024-01-01", "2024-12-31"]))
            .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("input.invalid_type", "")
    );
    assert!(e
        .message_en
        .starts_with("invalid type: sequence, expected struct DateRange"));
    let engine = crate::ruleset::Engine::embedded().unwrap();
    let answer = crate::api::call(&engine, "route", json!([["CJ-P001"], "zhangcun"]));
    assert_eq!(
        answer["errors"][0]["code"], "input.invalid_type",
        "{answer}"
    );
}
