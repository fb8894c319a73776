//! The spreadsheet commands (crate `fuquan-office`, docs/office.md): `import`,
//! `export`, `publish`, `diff`, and roster sheets for `staffing`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fuquan::ruleset::source::{GrantDocument, RuleSetDocument};
use fuquan::time::Date;
use fuquan::Engine;
use fuquan_office::columns::Mapping;
use fuquan_office::{
    diff, export, import, publish, reports, roster, OfficeError, RowDiagnostic, Severity,
};
use serde_json::{json, Value};

use crate::{Lang, Output};

/// `fuquan import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The files: .xlsx (any number of sheets: items, grants, towns, departments) or .csv.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The rule-set directory to write (written whole or not at all).
    #[arg(long)]
    out: PathBuf,
    /// The rule set the sheets are read onto (meta, district, domains, parameters,
    /// calendar; towns and departments unless a sheet gives them). Default: the embedded one.
    #[arg(long)]
    base: Option<PathBuf>,
    /// A JSON mapping file: {"headers": {"our column": "事项名称", ...}}.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// The grant document's number for item lists without a 文号 column, e.g. 威环政发〔2024〕5号.
    #[arg(long)]
    document: Option<String>,
    /// That document's title.
    #[arg(long)]
    document_title: Option<String>,
    /// The effective day for item lists without a 生效日期 column.
    #[arg(long)]
    effective: Option<String>,
    /// meta.version of the result.
    #[arg(long = "set-version")]
    set_version: Option<String>,
    /// meta.effective_from of the result.
    #[arg(long)]
    effective_from: Option<String>,
    /// Replace an existing, non-empty output directory.
    #[arg(long)]
    force: bool,
    /// Write the rule set even when rows were refused (they are left out).
    #[arg(long)]
    partial: bool,
    /// Also write the report as JSON to this file.
    #[arg(long)]
    report: Option<PathBuf>,
    #[command(flatten)]
    out_fmt: Output,
}

/// `fuquan import-reports`.
#[derive(clap::Args)]
pub struct ImportReportsArgs {
    /// The files: .xlsx or .csv with a 诉求内容 and a 事项编码 column (清单外 or - for a matter outside the catalogue).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The rule-set directory to write: the base with these reports as its example reports.
    #[arg(long)]
    out: PathBuf,
    /// The rule set whose items the reports name. Default: the embedded one.
    #[arg(long)]
    base: Option<PathBuf>,
    /// A JSON mapping file: {"headers": {"our column": "诉求内容", ...}}.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Add the reports to the base's own instead of replacing them.
    #[arg(long)]
    append: bool,
    /// Replace an existing, non-empty output directory.
    #[arg(long)]
    force: bool,
    /// Write the rule set even when rows were refused (they are left out).
    #[arg(long)]
    partial: bool,
    #[command(flatten)]
    out_fmt: Output,
}

/// `fuquan export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// The .xlsx workbook to write (sheets 事项, 赋权, 镇街, 部门).
    #[arg(long)]
    out: PathBuf,
    /// A rule-set directory to use instead of the embedded default.
    #[arg(long)]
    rules: Option<PathBuf>,
}

/// `fuquan publish`.
#[derive(clap::Args)]
pub struct PublishArgs {
    /// The day the lists are in force on, YYYY-MM-DD.
    #[arg(long)]
    date: String,
    /// The directory to write (written whole or not at all).
    #[arg(long)]
    out: PathBuf,
    /// A rule-set directory to use instead of the embedded default.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Formats, comma-separated: xlsx,csv,html (default all three).
    #[arg(long, default_value = "xlsx,csv,html")]
    format: String,
    /// Replace an existing, non-empty output directory.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    out_fmt: Output,
}

/// `fuquan diff`.
#[derive(clap::Args)]
pub struct DiffArgs {
    /// The old rule-set directory.
    old: PathBuf,
    /// The new rule-set directory.
    new: PathBuf,
    /// Also write the annex as .xlsx.
    #[arg(long)]
    xlsx: Option<PathBuf>,
    #[command(flatten)]
    out_fmt: Output,
}

/// Roster sheets for `fuquan staffing`.
#[derive(clap::Args)]
pub struct RosterSheetArgs {
    /// For a .xlsx/.csv roster (花名册): the town or subdistrict id.
    #[arg(long)]
    town: Option<String>,
    /// For a .xlsx/.csv roster: the date it is checked on, YYYY-MM-DD.
    #[arg(long)]
    as_of: Option<String>,
}

fn load_doc(dir: Option<&PathBuf>) -> Result<RuleSetDocument, String> {
    crate::load_engine(dir).map(|e| e.document().clone())
}

fn date(s: &str, flag: &str) -> Result<Date, String> {
    fuquan_office::text::date(s).ok_or_else(|| format!("{flag}: not a date: {s:?} (YYYY-MM-DD)"))
}

fn office_error(e: &OfficeError) -> String {
    e.to_string().trim_end().to_owned()
}

fn line(d: &RowDiagnostic, lang: Lang) -> String {
    let sev = match (d.severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Info, Lang::Zh) => "说明",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Info, Lang::En) => "note",
    };
    let cell = if d.cell.is_empty() {
        String::new()
    } else {
        format!(" 「{}」", d.cell)
    };
    match lang {
        Lang::Zh => format!(
            "  {sev} [{}] {}{cell}:{}",
            d.code,
            d.place_zh(),
            d.message_zh
        ),
        Lang::En => format!(
            "  {sev} [{}] {}{cell}: {}",
            d.code,
            d.place_en(),
            d.message_en
        ),
    }
}

fn read_mapping(path: Option<&PathBuf>) -> Result<Mapping, String> {
    match path {
        None => Ok(Mapping::default()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            serde_json::from_str(&text).map_err(|e| {
                format!(
                    "[{}] {}: {e}",
                    fuquan_office::diag::codes::BAD_MAPPING,
                    p.display()
                )
            })
        }
    }
}

/// Runs `fuquan import-reports`: a district's labelled 12345 / grid records as
/// the rule set's example reports for `intake` (docs/intake.md).
pub fn run_import_reports(a: ImportReportsArgs) -> Result<ExitCode, String> {
    let mut doc = load_doc(a.base.as_ref())?;
    let mapping = read_mapping(a.mapping.as_ref())?;
    let read = match reports::from_files(&a.files, &doc, &mapping) {
        Ok(r) => r,
        Err(e) => {
            for d in &e.diagnostics {
                eprintln!("{}", line(d, a.out_fmt.lang));
            }
            return Ok(ExitCode::from(1));
        }
    };
    let kept = if a.append {
        doc.intake_examples.len()
    } else {
        0
    };
    if !a.append {
        doc.intake_examples.clear();
    }
    doc.intake_examples.extend(read.examples.iter().cloned());
    // The result is checked as a whole rule set before anything is written.
    let validation = fuquan::ruleset::validate::validate(&doc);
    let invalid = validation.iter().any(fuquan::Diagnostic::is_error);
    let write = !invalid && (read.ok() || a.partial);
    if write {
        import::write_ruleset_dir(&doc, &a.out, a.force).map_err(|e| office_error(&e))?;
    }
    let report = json!({
        "status": if read.ok() && !invalid { "ok" } else { "error" },
        "written": write.then(|| a.out.display().to_string()),
        "reports": read.examples.len(),
        "outside_catalogue": read.outside(),
        "kept_from_base": kept,
        "diagnostics": read.diagnostics,
        "validation": validation
            .iter()
            .filter(|d| d.path.starts_with("intake_examples"))
            .collect::<Vec<_>>(),
    });
    if a.out_fmt.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        let (n, outside) = (read.examples.len(), read.outside());
        let refused = read.diagnostics.iter().filter(|d| d.is_error()).count();
        match a.out_fmt.lang {
            Lang::Zh => println!(
                "读入 {n} 条诉求样例（其中 {outside} 条不属于清单事项），{refused} 行有误未导入；基础规则集的样例保留 {kept} 条"
            ),
            Lang::En => println!(
                "{n} example reports read ({outside} outside the catalogue), {refused} rows refused; {kept} of the base's kept"
            ),
        }
        for d in &read.diagnostics {
            println!("{}", line(d, a.out_fmt.lang));
        }
        for d in validation
            .iter()
            .filter(|d| d.path.starts_with("intake_examples"))
        {
            println!(
                "  [{}] {}: {}",
                d.code,
                d.path,
                match a.out_fmt.lang {
                    Lang::Zh => &d.message_zh,
                    Lang::En => &d.message_en,
                }
            );
        }
        match (write, a.out_fmt.lang) {
            (true, Lang::Zh) => println!("已写入 {}", a.out.display()),
            (true, Lang::En) => println!("written to {}", a.out.display()),
            (false, Lang::Zh) => println!("未写入（有误的行可用 --partial 略去）"),
            (false, Lang::En) => {
                println!("nothing written (--partial leaves the refused rows out)")
            }
        }
    }
    Ok(if read.ok() && !invalid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Runs `fuquan import`.
pub fn run_import(a: ImportArgs) -> Result<ExitCode, String> {
    let base = load_doc(a.base.as_ref())?;
    let options = import::ImportOptions {
        mapping: read_mapping(a.mapping.as_ref())?,
        document: a.document.as_ref().map(|n| {
            let number = fuquan_office::text::document_number(n);
            GrantDocument {
                title_zh: a.document_title.clone().unwrap_or_else(|| number.clone()),
                title_en: format!("Document {number}"),
                number,
            }
        }),
        effective: a
            .effective
            .as_deref()
            .map(|s| date(s, "--effective"))
            .transpose()?,
        version: a.set_version.clone(),
        effective_from: a
            .effective_from
            .as_deref()
            .map(|s| date(s, "--effective-from"))
            .transpose()?,
    };
    let report = match import::import_files(&a.files, &base, &options) {
        Ok(r) => r,
        Err(e) => {
            if a.out_fmt.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(
                        &json!({"status": "error", "diagnostics": e.diagnostics})
                    )
                    .unwrap_or_default()
                );
            } else {
                for d in &e.diagnostics {
                    eprintln!("{}", line(d, a.out_fmt.lang));
                }
            }
            return Ok(ExitCode::from(1));
        }
    };
    let write =
        report.ok || (a.partial && !report.validation.iter().any(fuquan::Diagnostic::is_error));
    let mut written = false;
    if write {
        import::write_ruleset_dir(&report.document, &a.out, a.force)
            .map_err(|e| office_error(&e))?;
        written = true;
    }
    let json_report = json!({
        "status": if report.ok { "ok" } else { "error" },
        "written": written.then(|| a.out.display().to_string()),
        "counts": report.counts,
        "diagnostics": report.diagnostics,
        "validation": report.validation,
    });
    if let Some(p) = &a.report {
        let text = serde_json::to_string_pretty(&json_report).unwrap_or_default() + "\n";
        fuquan_office::sheets::write_atomically(p, text.as_bytes())
            .map_err(|e| office_error(&e))?;
    }
    if a.out_fmt.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json_report).unwrap_or_default()
        );
    } else {
        let c = &report.counts;
        let zh = a.out_fmt.lang == Lang::Zh;
        if zh {
            println!(
                "读取 {} 张表：{} 行成为数据，{} 行跳过（空行、标题、重复表头），{} 行未导入",
                c.sheets, c.data_rows, c.skipped_rows, c.refused_rows
            );
            println!(
                "规则集：{} 个事项，{} 项赋权/委托，{} 个镇街，{} 个部门",
                c.items, c.grants, c.towns, c.departments
            );
        } else {
            println!("{} sheets read: {} rows became data, {} skipped (blank, title, repeated header), {} refused", c.sheets, c.data_rows, c.skipped_rows, c.refused_rows);
            println!(
                "rule set: {} items, {} grants, {} towns, {} departments",
                c.items, c.grants, c.towns, c.departments
            );
        }
        let shown: Vec<&RowDiagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info || d.row == 0)
            .collect();
        for d in &shown {
            println!("{}", line(d, a.out_fmt.lang));
        }
        let infos = report.diagnostics.len() - shown.len();
        if infos > 0 {
            println!(
                "{}",
                if zh {
                    format!("  另有 {infos} 条逐行说明（跳过的空行等），见 --json 或 --report")
                } else {
                    format!(
                        "  and {infos} row notes (skipped blank rows, …): see --json or --report"
                    )
                }
            );
        }
        // At most three validation diagnostics of one code, then how many more.
        let mut per_code: std::collections::BTreeMap<&str, usize> =
            std::collections::BTreeMap::new();
        for d in &report.validation {
            let n = per_code.entry(d.code.as_str()).or_default();
            *n += 1;
            if *n > 3 {
                continue;
            }
            let kind = match (d.is_error(), zh) {
                (true, true) => "校验错误",
                (true, false) => "validation error",
                (false, true) => "校验警告",
                (false, false) => "validation warning",
            };
            println!(
                "  {kind} [{}] {}: {}",
                d.code,
                d.path,
                if zh { &d.message_zh } else { &d.message_en }
            );
        }
        for (code, n) in per_code.iter().filter(|(_, n)| **n > 3) {
            if zh {
                println!(
                    "  另有 {} 条同类校验结果 [{code}](--json 或 --report 列出全部)",
                    n - 3
                );
            } else {
                println!(
                    "  and {} more [{code}] (all of them with --json or --report)",
                    n - 3
                );
            }
        }
        if written {
            println!(
                "{} {}",
                if zh { "已写入" } else { "written:" },
                a.out.display()
            );
        } else {
            println!(
                "{}",
                if zh {
                    "未写入任何文件（有错误；--partial 可略去出错的行后写入）"
                } else {
                    "nothing written (errors; --partial writes without the refused rows)"
                }
            );
        }
    }
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Runs `fuquan export`.
pub fn run_export(a: ExportArgs) -> Result<ExitCode, String> {
    let doc = load_doc(a.rules.as_ref())?;
    export::write(&doc, &a.out).map_err(|e| office_error(&e))?;
    println!(
        "wrote {} ({} items, {} grants, {} towns, {} departments)",
        a.out.display(),
        doc.items.len(),
        doc.grants.len(),
        doc.towns.len(),
        doc.departments.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs `fuquan publish`.
pub fn run_publish(a: PublishArgs) -> Result<ExitCode, String> {
    let engine = crate::load_engine(a.rules.as_ref())?;
    let d = date(&a.date, "--date")?;
    let mut formats = publish::Formats {
        xlsx: false,
        csv: false,
        html: false,
    };
    for f in a.format.split(',') {
        match f.trim() {
            "xlsx" => formats.xlsx = true,
            "csv" => formats.csv = true,
            "html" => formats.html = true,
            other => {
                return Err(format!(
                    "--format: unknown format {other:?} (xlsx, csv, html)"
                ))
            }
        }
    }
    let p = publish::write(&engine, d, &a.out, formats, a.force).map_err(|e| office_error(&e))?;
    if a.out_fmt.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&publish::summary_json(&p)).unwrap_or_default()
        );
    } else {
        let zh = a.out_fmt.lang == Lang::Zh;
        for t in &p.towns {
            if zh {
                println!(
                    "{}：执法事项 {} 项，巡查事项 {} 项",
                    t.name_zh,
                    t.enforcement.rows.len(),
                    t.inspection.rows.len()
                );
            } else {
                println!(
                    "{}: {} enforcement items, {} inspection items",
                    t.town,
                    t.enforcement.rows.len(),
                    t.inspection.rows.len()
                );
            }
        }
        println!(
            "{} {}",
            if zh { "已写入" } else { "written:" },
            a.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn engine_at(dir: &Path) -> Result<Engine, String> {
    crate::load_engine(Some(&dir.to_path_buf())).map_err(|e| format!("{}: {e}", dir.display()))
}

/// Runs `fuquan diff`.
pub fn run_diff(a: DiffArgs) -> Result<ExitCode, String> {
    let old = engine_at(&a.old)?;
    let new = engine_at(&a.new)?;
    let d = diff::diff(&old, &new);
    if let Some(p) = &a.xlsx {
        diff::write_xlsx(&d, p).map_err(|e| office_error(&e))?;
    }
    if a.out_fmt.json {
        println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default());
    } else {
        print!("{}", diff::text(&d, a.out_fmt.lang == Lang::En));
    }
    Ok(ExitCode::SUCCESS)
}

/// The `staffing` request: JSON as before, or a .xlsx/.csv roster with `--town` and `--as-of`.
/// A roster sheet with any refused row is not checked: the diagnostics are the answer.
pub fn staffing_request(
    file: Option<&PathBuf>,
    sheet: &RosterSheetArgs,
    rules: Option<&PathBuf>,
) -> Result<Result<Value, String>, String> {
    let is_sheet = file
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| e == "xlsx" || e == "csv");
    let Some(path) = file.filter(|_| is_sheet) else {
        return crate::decisions::request_from_file(file);
    };
    let town = sheet
        .town
        .as_deref()
        .ok_or("a .xlsx/.csv roster needs --town (the town or subdistrict id)")?;
    let as_of = date(
        sheet
            .as_of
            .as_deref()
            .ok_or("a .xlsx/.csv roster needs --as-of YYYY-MM-DD")?,
        "--as-of",
    )?;
    let base = load_doc(rules)?;
    let r = roster::from_file(path, town, as_of, &base, &Mapping::default())
        .map_err(|e| office_error(&e))?;
    if !r.ok() {
        let lines: Vec<String> = r
            .diagnostics
            .iter()
            .map(|d| line(d, Lang::Zh) + "\n" + &line(d, Lang::En))
            .collect();
        return Err(format!(
            "花名册中有无法读取的行,未作检查:\nthe roster has rows that could not be read; nothing was checked:\n{}",
            lines.join("\n")
        ));
    }
    serde_json::to_value(&r.roster)
        .map(Ok)
        .map_err(|e| e.to_string())
}
