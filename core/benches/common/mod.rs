//! Shared by the benches: the workload of `bench/manifest.json` (the same cases the
//! Python, Node and zen-engine harnesses route), and the generated province-scale
//! rule set, 200-person roster and dispute replay.
#![allow(dead_code)]

use std::path::PathBuf;

use fuquan::ruleset::source::{
    GrantDocument, GrantMode, GrantSpec, Grantee, ItemKind, RuleSetDocument, TownClass, TownKind,
    TownSpec,
};
use fuquan::time::Date;
use fuquan::Engine;
use serde_json::{json, Value};

/// `bench/manifest.json`, parsed.
pub fn manifest() -> Value {
    // From core/ (the criterion benches) or from bench/peer/ (the zen-engine peer).
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = [
        dir.join("../bench/manifest.json"),
        dir.join("../manifest.json"),
    ]
    .into_iter()
    .find(|p| p.is_file())
    .expect("bench/manifest.json exists");
    let text = std::fs::read_to_string(&path).expect("bench/manifest.json is readable");
    serde_json::from_str(&text).expect("bench/manifest.json is JSON")
}

/// The manifest's 32-bit LCG (same constants in bench.py and bench.mjs).
pub struct Lcg(pub u32);

impl Lcg {
    pub fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        self.0
    }
}

/// `n` cases of the manifest's mix, as JSON values (what the bindings receive).
pub fn cases(m: &Value, n: usize) -> Vec<Value> {
    let seed = m["seed"].as_u64().expect("seed") as u32;
    let fields: Vec<&str> = m["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f.as_str().expect("field name"))
        .collect();
    let choices = &m["choices"];
    let mut rng = Lcg(seed);
    (0..n)
        .map(|_| {
            let mut pick = std::collections::HashMap::new();
            for f in &fields {
                let opts = choices[*f].as_array().expect("choices");
                let i = (rng.next() >> 8) as usize % opts.len();
                pick.insert(*f, opts[i].clone());
            }
            let mut case = json!({
                "items": [pick["item"]],
                "location": pick["location"],
                "party": pick["party"],
                "business_activity": pick["business_activity"],
                "dates": {"filing": pick["filing"]},
                "fine": pick["fine"],
            });
            if let (Some(obj), Some(tpl)) = (case.as_object_mut(), m["case_template"].as_object()) {
                for (k, v) in tpl {
                    obj.insert(k.clone(), v.clone());
                }
            }
            case
        })
        .collect()
}

/// Money text ("49999.99") in fen.
pub fn fen(s: &str) -> i64 {
    let (yuan, frac) = s.split_once('.').unwrap_or((s, ""));
    let frac = format!("{frac:0<2}");
    yuan.parse::<i64>().expect("yuan") * 100 + frac[..2].parse::<i64>().expect("fen")
}

/// The manifest's reference rule (what the zen table and the plain-Python code implement).
pub fn reference_disposition(m: &Value, case: &Value) -> &'static str {
    let r = &m["reference_rule"];
    let loc = case["location"].as_str().unwrap_or("");
    let item = &case["items"][0];
    let filing = case["dates"]["filing"].as_str().unwrap_or("");
    let listed = r["classes"]
        .as_object()
        .expect("classes")
        .values()
        .any(|c| {
            c["towns"]
                .as_array()
                .is_some_and(|t| t.iter().any(|x| x == loc))
                && c["items"].as_array().is_some_and(|i| i.contains(item))
        });
    // Not on the list, not yet in force, or within the transition: the department's.
    let before_town_competence = filing < r["effective"].as_str().unwrap_or("")
        || filing <= r["transition_last_day"].as_str().unwrap_or("");
    if !listed || before_town_competence {
        "department"
    } else if fen(case["fine"].as_str().unwrap_or("0")) >= r["major_fine_fen"].as_i64().unwrap_or(0)
    {
        "transfer"
    } else {
        "keep"
    }
}

fn date(s: &str) -> Date {
    serde_json::from_value(json!(s)).expect("a date")
}

/// A province-scale rule set, built in memory from the embedded one's departments,
/// parameters and calendar: `towns` towns across the three classes, `items` penalty
/// items, and `grants` per-town delegations of two items each.
pub fn province(towns: usize, items: usize, grants: usize) -> RuleSetDocument {
    let base = Engine::embedded().expect("embedded rule set");
    let mut doc = base.document().clone();
    let departments: Vec<String> = doc.departments.iter().map(|d| d.id.clone()).collect();
    let template = doc
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Penalty && i.in_guiding_catalogue)
        .expect("a penalty in the catalogue")
        .clone();
    let grant_template = doc
        .grants
        .iter()
        .find(|g| g.mode == GrantMode::Delegation && g.revoked.is_none())
        .expect("a delegation")
        .clone();
    let classes = [
        (TownClass::DevelopedTown, TownKind::Town),
        (TownClass::KeyIndustryTown, TownKind::Town),
        (TownClass::MainUrbanSubdistrict, TownKind::Subdistrict),
    ];
    doc.towns = (0..towns)
        .map(|t| {
            let (class, kind) = classes[t % classes.len()];
            TownSpec {
                id: format!("town-{t:05}"),
                name_zh: format!("第{t}镇"),
                name_en: format!("Town {t}"),
                kind,
                class: Some(class),
                hands_over_to: None,
            }
        })
        .collect();
    // Items 2m and 2m+1 share department m % departments.
    let pairs = items / 2;
    let dept_of_pair = |m: usize| departments[m % departments.len()].clone();
    doc.items = (0..items)
        .map(|i| {
            let mut it = template.clone();
            it.code = format!("P-{i:04}");
            it.name_zh = format!("事项{i}");
            it.name_en = format!("Item {i}");
            it.department = dept_of_pair(i / 2);
            it.related_items = Vec::new();
            it
        })
        .collect();
    let per_town = grants.div_ceil(towns).min(pairs);
    // One document for every grant, shared as a document read from JSON shares it.
    let document = std::sync::Arc::new(GrantDocument {
        number: "鲁政字〔2024〕99号".into(),
        title_zh: "省级赋权决定（基准测试生成）".into(),
        title_en: "Provincial delegation decision (generated for the benchmark)".into(),
    });
    doc.grants = (0..grants)
        .map(|g| {
            let t = g % towns;
            let k = g / towns % per_town;
            let m = (t * 3 + k) % pairs;
            GrantSpec {
                id: format!("G-{g:06}"),
                mode: GrantMode::Delegation,
                grantor: dept_of_pair(m),
                grantee: Grantee::Towns(vec![format!("town-{t:05}")]),
                items: vec![format!("P-{:04}", 2 * m), format!("P-{:04}", 2 * m + 1)],
                document: std::sync::Arc::clone(&document),
                signed: grant_template.signed,
                published: grant_template.published,
                effective: date("2024-05-15"),
                revoked: None,
                acceptance_confirmation: grant_template.acceptance_confirmation,
                entrustment: None,
            }
        })
        .collect();
    doc
}

/// A town roster of `people` staff on 2025-03-01 (mixed establishments and roles).
pub fn roster(people: usize) -> Value {
    let people: Vec<Value> = (0..people)
        .map(|i| {
            let (est, role) = match i % 10 {
                0 => ("administrative", "legal_reviewer"),
                1 => ("career", "clerk"),
                2 => ("auxiliary", "assistant"),
                _ if i % 2 == 0 => ("administrative", "enforcement_officer"),
                _ => ("career", "enforcement_officer"),
            };
            let mut p = json!({
                "id": format!("p{i:03}"), "name": format!("人员{i}"),
                "establishment": est, "role": role, "centre_staff": est != "auxiliary",
                "front_line_since": format!("{}-03-01", 2016 + i % 9),
            });
            if est != "auxiliary" {
                p["certificate"] = json!({"number": format!("鲁威执-{i}"),
                    "valid_from": "2024-01-01", "valid_to": "2029-12-31"});
            }
            if role == "legal_reviewer" {
                p["legal_reviewer"] = json!(true);
                p["legal_qualification"] = json!(true);
            }
            p
        })
        .collect();
    json!({"town": "zhangcun", "as_of": "2025-03-01", "people": people})
}

/// The request of a conformance case file under `fixtures/cases/`.
pub fn fixture_request(rel: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/cases")
        .join(rel);
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    let v: Value = serde_json::from_str(&text).expect("fixture JSON");
    v["request"].clone()
}

/// Peak resident set size of this process so far (VmHWM), in kB; Linux only.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Current resident set size (VmRSS), in kB; Linux only.
pub fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
