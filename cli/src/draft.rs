//! `fuquan draft`: a document of the Plan's procedures drafted from a request
//! (`docs/drafting.md`), as text (stdout), HTML or `.docx`.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

use fuquan::api;

/// The output format of `fuquan draft`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum Format {
    /// Plain text.
    Text,
    /// A printable HTML page (A4).
    Html,
    /// A Word document (needs --out).
    Docx,
}

/// What `fuquan draft` was given (its arguments, as `fuquan draft --help` shows them).
#[derive(clap::Args)]
pub(crate) struct DraftArgs {
    /// The document: transfer, handover, designation_request,
    /// designation_decision, dispute_submission, delegation_acceptance,
    /// entrustment_agreement.
    pub document: String,
    /// The source operation's request (a route case, a designation or
    /// dispute request), or a whole `draft` request; stdin when absent
    /// (unless --grant is given).
    pub request: Option<PathBuf>,
    /// The clerk's fields (JSON: case_number, party, facts, evidence, …).
    #[arg(long)]
    pub fill: Option<PathBuf>,
    /// The grant id (delegation_acceptance, entrustment_agreement).
    #[arg(long)]
    pub grant: Option<String>,
    /// The town id or name (delegation_acceptance, entrustment_agreement).
    #[arg(long)]
    pub town: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the document to this file (required for docx).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// A rule-set directory to use instead of the embedded default (its
    /// templates/<document>.j2 replace the built-in templates).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Print the JSON answer (text, html, blanks, cites).
    #[arg(long)]
    pub json: bool,
}

fn read_json(file: &PathBuf) -> Result<Value, String> {
    let text = crate::input::read_text(Some(file))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{0} 不是 JSON:{e}\n{0} is not JSON: {e}", file.display()))
}

/// The `draft` request: a file holding a whole draft request (it has a
/// `document` key) is taken as it is; otherwise the file is the source
/// operation's request. `--fill`, `--grant` and `--town` are added.
fn request(a: &DraftArgs) -> Result<Value, String> {
    let mut req = match &a.request {
        Some(f) => {
            let v = read_json(f)?;
            if v.get("document").is_some() {
                v
            } else {
                json!({ "document": a.document, "request": v })
            }
        }
        // No file: the source request from stdin, unless a grant names the source.
        None if a.grant.is_none() => {
            let text = crate::input::read_text(None)?;
            let v: Value = serde_json::from_str(&text).map_err(|e| {
                format!(
                    "标准输入不是 JSON:{e}
stdin is not JSON: {e}"
                )
            })?;
            if v.get("document").is_some() {
                v
            } else {
                json!({ "document": a.document, "request": v })
            }
        }
        None => json!({ "document": a.document }),
    };
    if let Value::Object(m) = &mut req {
        m.insert("document".into(), Value::String(a.document.clone()));
        if let Some(f) = &a.fill {
            m.insert("fill".into(), read_json(f)?);
        }
        if let Some(g) = &a.grant {
            m.insert("grant".into(), Value::String(g.clone()));
        }
        if let Some(t) = &a.town {
            m.insert("town".into(), Value::String(t.clone()));
        }
    }
    Ok(req)
}

fn write(out: &PathBuf, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(out, bytes)
        .map_err(|e| format!("无法写入 {0}:{e}\ncannot write {0}: {e}", out.display()))
}

/// Runs `fuquan draft`. Exit codes as every decision: 0 drafted, 1 refused,
/// 3 a file could not be read or written.
pub(crate) fn run(a: &DraftArgs) -> Result<ExitCode, String> {
    let engine = crate::load_engine(a.rules.as_ref())?;
    let req = request(a)?;
    let answer = api::call(&engine, "draft", req.clone());
    if answer["status"] != "ok" {
        if a.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&answer).unwrap_or_default()
            );
        } else {
            for e in answer["errors"].as_array().into_iter().flatten() {
                eprintln!(
                    "[{}] {}: {}\n    {}",
                    e["code"].as_str().unwrap_or_default(),
                    e["path"].as_str().unwrap_or_default(),
                    e["message_zh"].as_str().unwrap_or_default(),
                    e["message_en"].as_str().unwrap_or_default()
                );
            }
        }
        return Ok(ExitCode::from(1));
    }
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&answer).unwrap_or_default()
        );
    }
    match a.format {
        Format::Text | Format::Html => {
            let field = if matches!(a.format, Format::Html) {
                "html"
            } else {
                "text"
            };
            let body = answer[field].as_str().unwrap_or_default();
            match &a.out {
                Some(out) => write(out, body.as_bytes())?,
                None if !a.json => print!("{body}"),
                None => {}
            }
        }
        Format::Docx => {
            let Some(out) = &a.out else {
                return Err(
                    "--format docx 需要 --out 文件名\n--format docx needs --out FILE".to_owned(),
                );
            };
            let drafted = fuquan::drafting::draft_value(&engine, req)
                .map_err(|e| format!("无法生成文书\ncannot draft: {e}"))?;
            let bytes = fuquan::drafting::docx::to_docx(&drafted)
                .map_err(|e| format!("无法生成 .docx\ncannot write the .docx: {e}"))?;
            write(out, &bytes)?;
        }
    }
    if !a.json {
        let blanks = answer["blanks"].as_array().map_or(0, Vec::len);
        if blanks > 0 {
            let list: Vec<&str> = answer["blanks"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|b| b["field"].as_str())
                .collect();
            eprintln!(
                "待填写 {blanks} 处 / {blanks} blank(s): {}",
                list.join(", ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
