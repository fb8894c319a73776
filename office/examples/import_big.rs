//! Times the import of a large sheet (for BENCHMARKS.md): generates a CSV of N
//! item rows (default 100,000) in a temporary directory, then reads, imports,
//! validates and writes it, printing each step's wall time.
//! `cargo run --release -p fuquan-office --example import_big [N]`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("fuquan-import-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv =
        String::from("\u{feff}序号,事项代码,事项名称,事项类型,原行使部门,设定依据,处罚依据\n");
    for i in 0..n {
        csv.push_str(&format!(
            "{},BIG-P{i:06},对经营单位第{i}项违法行为的处罚,行政处罚,区综合行政执法局,《威海市城市管理条例》第{}条,《威海市城市管理条例》第{}条\n",
            i + 1,
            i % 90 + 1,
            i % 90 + 2
        ));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, &csv).unwrap();
    let base = fuquan::Engine::embedded().unwrap().document().clone();
    let t = Instant::now();
    let book = fuquan_office::table::read(&path).unwrap();
    let read = t.elapsed();
    let t = Instant::now();
    let report = fuquan_office::import_sheets(&book.sheets, &base, &Default::default()).unwrap();
    let import = t.elapsed();
    let t = Instant::now();
    let out = dir.join("rules");
    fuquan_office::write_ruleset_dir(&report.document, &out, true).unwrap();
    let write = t.elapsed();
    let size: u64 = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    println!(
        "{n} rows, CSV {} bytes: read {:.2} s, import + validate {:.2} s, write {:.2} s; rule set {} bytes; ok={} items={}",
        csv.len(),
        read.as_secs_f64(),
        import.as_secs_f64(),
        write.as_secs_f64(),
        size,
        report.ok,
        report.counts.items
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
