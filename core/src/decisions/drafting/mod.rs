//! Drafting the Plan's documents from a ruling (`docs/drafting.md`): 案件移送书,
//! 案件移交函, 指定管辖申请书 and 决定书, 管辖争议提请书, 赋权事项承接确认书 and
//! 行政处罚委托书 (委托协议).
//!
//! The engine re-runs the source decision itself (routing, designation, the
//! dispute ladder, or reads the grant) and never trusts a client's answer. A
//! minijinja template per document (data: `templates/*.j2`, or a district's
//! override in its rule-set directory) renders the answer's fields to a small
//! line markup ([`markup`]), one parser reads it into blocks, and text, HTML
//! ([`render`]) and `.docx` (`docx`, with the `docx` feature) are renderers of
//! those blocks. What the engine cannot know comes from `fill`; whatever is
//! still missing is a visible blank ＿＿＿＿ and is listed in `blanks`.

mod context;
#[cfg(feature = "docx")]
pub mod docx;
pub mod fill;
pub mod markup;
pub mod operation;
pub mod render;

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

pub use fill::Fill;
pub use markup::Block;

use crate::answer::{RuleView, RulesetRef, Text};
use crate::citation::CitationText;
use crate::diagnostic::{Diagnostic, InputError};
use crate::rules::RuleId;
use crate::ruleset::Engine;

/// The documents the engine drafts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 案件移送书 (Plan §13): from a `route` request whose disposition is `transfer`.
    Transfer,
    /// 案件移交函 (Plan §13): from a `route` request whose disposition is `handover`.
    Handover,
    /// 指定管辖申请书 (Plan §14): from a town's `designation_request` request.
    DesignationRequest,
    /// 指定管辖决定书 (Plan §14): from a decided `designation_request` request.
    DesignationDecision,
    /// 管辖争议提请书 (Plan §14, §11): from a `dispute` request at the platform or
    /// the district government.
    DisputeSubmission,
    /// 赋权事项承接确认书 (Plan §1): a delegation grant and one town.
    DelegationAcceptance,
    /// 行政处罚委托书 (委托协议) (Plan §1; 行政处罚法 Art. 20): an entrustment and one town.
    EntrustmentAgreement,
}

impl DocumentKind {
    /// Every document, in the order above.
    pub const ALL: [DocumentKind; 7] = [
        DocumentKind::Transfer,
        DocumentKind::Handover,
        DocumentKind::DesignationRequest,
        DocumentKind::DesignationDecision,
        DocumentKind::DisputeSubmission,
        DocumentKind::DelegationAcceptance,
        DocumentKind::EntrustmentAgreement,
    ];

    /// The wire name, which is also the template's file stem (`transfer.j2`).
    pub const fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Transfer => "transfer",
            DocumentKind::Handover => "handover",
            DocumentKind::DesignationRequest => "designation_request",
            DocumentKind::DesignationDecision => "designation_decision",
            DocumentKind::DisputeSubmission => "dispute_submission",
            DocumentKind::DelegationAcceptance => "delegation_acceptance",
            DocumentKind::EntrustmentAgreement => "entrustment_agreement",
        }
    }

    /// The document's Chinese name.
    pub const fn title_zh(self) -> &'static str {
        match self {
            DocumentKind::Transfer => "案件移送书",
            DocumentKind::Handover => "案件移交函",
            DocumentKind::DesignationRequest => "指定管辖申请书",
            DocumentKind::DesignationDecision => "指定管辖决定书",
            DocumentKind::DisputeSubmission => "管辖争议提请书",
            DocumentKind::DelegationAcceptance => "赋权事项承接确认书",
            DocumentKind::EntrustmentAgreement => "行政处罚委托书",
        }
    }

    /// The document's English name.
    pub const fn title_en(self) -> &'static str {
        match self {
            DocumentKind::Transfer => "case transfer letter",
            DocumentKind::Handover => "case handover letter",
            DocumentKind::DesignationRequest => "request for designation of jurisdiction",
            DocumentKind::DesignationDecision => "decision on designation of jurisdiction",
            DocumentKind::DisputeSubmission => "submission of a jurisdiction dispute",
            DocumentKind::DelegationAcceptance => "confirmation of accepting delegated powers",
            DocumentKind::EntrustmentAgreement => "penalty entrustment agreement",
        }
    }

    /// The drafting rule the document rests on.
    pub const fn rule(self) -> RuleId {
        match self {
            DocumentKind::Transfer => RuleId::DraftTransfer,
            DocumentKind::Handover => RuleId::DraftHandover,
            DocumentKind::DesignationRequest | DocumentKind::DesignationDecision => {
                RuleId::DraftDesignation
            }
            DocumentKind::DisputeSubmission => RuleId::DraftDisputeSubmission,
            DocumentKind::DelegationAcceptance => RuleId::DraftDelegationAcceptance,
            DocumentKind::EntrustmentAgreement => RuleId::DraftEntrustmentAgreement,
        }
    }

    /// The built-in template.
    pub const fn builtin_template(self) -> &'static str {
        match self {
            DocumentKind::Transfer => include_str!("templates/transfer.j2"),
            DocumentKind::Handover => include_str!("templates/handover.j2"),
            DocumentKind::DesignationRequest => include_str!("templates/designation_request.j2"),
            DocumentKind::DesignationDecision => {
                include_str!("templates/designation_decision.j2")
            }
            DocumentKind::DisputeSubmission => include_str!("templates/dispute_submission.j2"),
            DocumentKind::DelegationAcceptance => {
                include_str!("templates/delegation_acceptance.j2")
            }
            DocumentKind::EntrustmentAgreement => {
                include_str!("templates/entrustment_agreement.j2")
            }
        }
    }
}

/// The request of the `draft` decision.
///
/// `request` is the source operation's request exactly as that operation takes
/// it (a `route` case for `transfer` and `handover`, a `designation_request`
/// request for the two designation documents, a `dispute` request for
/// `dispute_submission`); `grant` and `town` name the grant and the town for
/// `delegation_acceptance` and `entrustment_agreement`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DraftRequest {
    /// Which document.
    pub document: DocumentKind,
    /// The source operation's request (case-based documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<serde_json::Value>,
    /// The grant id (grant-based documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<String>,
    /// The town id or name (grant-based documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town: Option<String>,
    /// What the clerk supplies.
    #[serde(default)]
    pub fill: Fill,
}

/// A field the document leaves blank.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Blank {
    /// The request path that fills it, e.g. `fill.party.name`.
    pub field: String,
    /// What it is, in Chinese.
    pub zh: &'static str,
    /// What it is, in English.
    pub en: &'static str,
}

/// The mark a blank prints as.
pub const BLANK: &str = "＿＿＿＿";

/// A drafted document: the `draft` answer (`status: ok`). The blocks are the
/// typed model the text, HTML and `.docx` are rendered from.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Drafted<'e> {
    /// Always `ok`.
    pub status: &'static str,
    /// The rule set that answered.
    pub ruleset: RulesetRef,
    /// Which document.
    pub document: DocumentKind,
    /// Its title, as the template wrote it.
    pub title_zh: String,
    /// 主送机关, as the template wrote it (null where the document has none).
    pub addressee: Option<String>,
    /// 发文机关署名 lines, as the template wrote them.
    pub signatories: Vec<String>,
    /// The document as plain text.
    pub text: String,
    /// The document as a complete printable HTML page.
    pub html: String,
    /// The fields left blank, in the order the document first needs them.
    pub blanks: Vec<Blank>,
    /// The clauses the source ruling cited and the document's own bases, once each.
    pub cites: Vec<CitationText>,
    /// The typed blocks (not serialised: `to_docx` reads them).
    #[serde(skip)]
    pub blocks: Vec<Block>,
    /// Ids of the rules applied (the source ruling's and the drafting rule), sorted.
    pub rule_ids: Vec<&'static str>,
    /// The rules with titles and citations, in registry order.
    pub rules: Vec<RuleView<'e>>,
    /// A short explanation.
    pub summary: Text,
    /// The source decision's warnings.
    pub warnings: Vec<Diagnostic>,
}

fn template_error(document: DocumentKind, zh: String, en: String) -> InputError {
    InputError::single(Diagnostic::error(
        "draft.template_error",
        "document",
        format!("文书模板 {}.j2 无法生成：{zh}", document.as_str()),
        format!("the template {}.j2 failed: {en}", document.as_str()),
    ))
}

fn cn_num(n: i64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |i: i64| {
        usize::try_from(i)
            .ok()
            .and_then(|i| D.get(i))
            .copied()
            .unwrap_or("")
    };
    match n {
        0..=9 => digit(n).to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { digit(n - 10) }),
        20..=99 => format!(
            "{}十{}",
            digit(n / 10),
            if n % 10 == 0 { "" } else { digit(n % 10) }
        ),
        _ => n.to_string(),
    }
}

/// `2024-09-05` as `2024年9月5日` (anything else unchanged).
fn cn_date(s: &str) -> String {
    let mut parts = s.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => match (m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(m), Ok(d)) => format!("{y}年{m}月{d}日"),
            _ => s.to_owned(),
        },
        _ => s.to_owned(),
    }
}

fn lookup<'v>(v: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

fn present(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.trim().is_empty() => None,
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(a) if a.is_empty() => None,
        other => Some(other.to_string()),
    }
}

/// Renders a template over a context to blocks, recording the blanks.
pub(crate) fn render_template(
    document: DocumentKind,
    source: &str,
    ctx: &serde_json::Value,
    fill: &serde_json::Value,
) -> Result<(Vec<Block>, Vec<Blank>), InputError> {
    use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};

    let blanks: Arc<Mutex<Vec<Blank>>> = Arc::new(Mutex::new(Vec::new()));
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| template_error(document, e.to_string(), e.to_string()))?;
    env.set_syntax(syntax);
    env.set_formatter(|out, _state, value| {
        if value.is_none() || value.is_undefined() {
            return Ok(());
        }
        let s: String = value
            .to_string()
            .chars()
            .map(|c| match c {
                '|' => markup::VALUE_BAR,
                '\n' => markup::VALUE_BREAK,
                '\r' => ' ',
                c => c,
            })
            .collect();
        std::fmt::Write::write_str(out, &s).map_err(Error::from)
    });
    // The few filters the templates use, rather than minijinja's `builtins`
    // (about 100 KB gzipped in the WebAssembly module): docs/drafting.md lists them.
    env.add_filter(
        "join",
        |v: minijinja::Value, sep: String| -> Result<String, Error> {
            Ok(v.try_iter()?
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(&sep))
        },
    );
    env.add_filter("length", |v: minijinja::Value| v.len().unwrap_or(0));
    env.add_filter("replace", |s: String, from: String, to: String| {
        s.replace(&from, &to)
    });
    env.add_filter("cites", |v: minijinja::Value| -> Result<String, Error> {
        let mut out = Vec::new();
        for c in v.try_iter()? {
            out.push(c.get_attr("zh")?.to_string());
        }
        Ok(out.join("；"))
    });
    env.add_filter("cn_date", |s: String| cn_date(&s));
    env.add_filter("cn_num", |n: i64| cn_num(n));
    env.add_function("label", |vocabulary: String, code: String| {
        crate::decisions::labels::label(&vocabulary, &code)
            .map(|l| l.zh.to_owned())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("no label for {vocabulary}.{code}"),
                )
            })
    });
    let fill = fill.clone();
    let record = blanks.clone();
    env.add_function("blank", move |field: String| -> Result<String, Error> {
        let Some((zh, en)) = fill::field(&field) else {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("blank({field:?}): not a fill field"),
            ));
        };
        if let Some(v) = present(lookup(&fill, &field)) {
            return Ok(match field.as_str() {
                "date" | "review_date" | "approval_date" | "term_from" | "term_to" => cn_date(&v),
                _ => v,
            });
        }
        let path = format!("fill.{field}");
        if let Ok(mut b) = record.lock() {
            if !b.iter().any(|x| x.field == path) {
                b.push(Blank {
                    field: path,
                    zh,
                    en,
                });
            }
        }
        Ok(BLANK.to_owned())
    });
    let rendered = env
        .render_str(source, minijinja::Value::from(minijinja::value::Serde(ctx)))
        .map_err(|e| {
            let what = e
                .detail()
                .map_or_else(|| e.kind().to_string(), |d| format!("{}: {d}", e.kind()));
            match e.line() {
                Some(l) => template_error(
                    document,
                    format!("第 {l} 行：{what}"),
                    format!("line {l}: {what}"),
                ),
                None => template_error(document, what.clone(), what),
            }
        })?;
    let blocks = markup::parse(&rendered).map_err(|e| template_error(document, e.zh, e.en))?;
    let blanks = blanks.lock().map(|b| b.clone()).unwrap_or_default();
    Ok((blocks, blanks))
}

/// Drafts a document from a typed request (names in `town` resolved already;
/// the source request's names are resolved by its own decision).
pub fn draft<'e>(engine: &'e Engine, req: &DraftRequest) -> Result<Drafted<'e>, InputError> {
    let mut source = context::gather(engine, req)?;
    let party = source
        .context
        .get("case")
        .and_then(|c| c.get("party"))
        .and_then(serde_json::Value::as_str);
    source
        .warnings
        .extend(unused_party_fields(party, &req.fill.party));
    let fill = serde_json::to_value(&req.fill).map_err(|_| InputError::internal("fill"))?;
    if let serde_json::Value::Object(m) = &mut source.context {
        m.insert("fill".into(), fill.clone());
    }
    let template = engine
        .template_override(req.document.as_str())
        .unwrap_or_else(|| req.document.builtin_template());
    let (blocks, blanks) = render_template(req.document, template, &source.context, &fill)?;
    let mut rules = source.rules;
    rules.insert(req.document.rule());
    let rule_views = RuleView::list(engine, rules);
    let mut cites: Vec<CitationText> = Vec::new();
    for r in &rule_views {
        for c in r.citations() {
            if !cites.contains(c) {
                cites.push(c.clone());
            }
        }
    }
    let title_zh = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_else(|| req.document.title_zh().to_owned());
    let addressee = blocks.iter().find_map(|b| match b {
        Block::To(t) => Some(t.trim_end_matches(['：', ':']).to_owned()),
        _ => None,
    });
    let signatories = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Signature(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let summary = Text {
        zh: if blanks.is_empty() {
            format!("已生成{}，无待填写项。", req.document.title_zh())
        } else {
            format!(
                "已生成{}，尚有 {} 处待填写：{}。",
                req.document.title_zh(),
                blanks.len(),
                blanks.iter().map(|b| b.zh).collect::<Vec<_>>().join("、")
            )
        },
        en: if blanks.is_empty() {
            format!(
                "Drafted the {}; nothing is left blank.",
                req.document.title_en()
            )
        } else {
            format!(
                "Drafted the {}; {} field(s) left blank: {}.",
                req.document.title_en(),
                blanks.len(),
                blanks.iter().map(|b| b.en).collect::<Vec<_>>().join(", ")
            )
        },
    };
    Ok(Drafted {
        status: "ok",
        ruleset: RulesetRef::of(engine),
        document: req.document,
        text: render::text(&blocks),
        html: render::html(&title_zh, &blocks),
        title_zh,
        addressee,
        signatories,
        blanks,
        cites,
        blocks,
        rule_ids: rules.sorted_ids(),
        rules: rule_views,
        summary,
        warnings: source.warnings,
    })
}

/// Party fields of the other kind of party than the case's (a credit code for
/// a citizen, an ID number for an organisation): not printed, so said.
fn unused_party_fields(party: Option<&str>, p: &fill::PartyFill) -> Vec<Diagnostic> {
    let unused: &[(&str, bool)] = match party {
        Some("individual") => &[
            ("credit_code", p.credit_code.is_some()),
            ("legal_representative", p.legal_representative.is_some()),
        ],
        Some("organisation") => &[("id_number", p.id_number.is_some())],
        _ => &[],
    };
    unused
        .iter()
        .filter(|(_, given)| *given)
        .map(|(field, _)| {
            Diagnostic::warning(
                "draft.fill_not_used",
                format!("fill.party.{field}"),
                format!(
                    "案件的当事人类型为{}，fill.party.{field} 不会写入文书",
                    match party {
                        Some("individual") => "公民",
                        _ => "法人或者其他组织",
                    }
                ),
                format!(
                    "the case's party is {}: fill.party.{field} is not printed",
                    party.unwrap_or_default()
                ),
            )
        })
        .collect()
}

/// Drafts from a JSON request as the `draft` operation reads it (unknown fields
/// refused, names resolved): what the bindings call for `.docx` bytes.
pub fn draft_value(engine: &Engine, request: serde_json::Value) -> Result<Drafted<'_>, InputError> {
    use crate::decision::Decision;
    let req: DraftRequest = crate::decode::from_value(request).map_err(InputError::single)?;
    operation::Draft::decide_named(engine, req)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_and_dates() {
        assert_eq!(cn_num(1), "一");
        assert_eq!(cn_num(10), "十");
        assert_eq!(cn_num(12), "十二");
        assert_eq!(cn_num(20), "二十");
        assert_eq!(cn_num(31), "三十一");
        assert_eq!(cn_num(100), "100");
        assert_eq!(cn_date("2024-09-05"), "2024年9月5日");
        assert_eq!(cn_date("not a date"), "not a date");
    }

    #[test]
    fn every_document_has_its_builtin_template_and_the_loader_knows_it() {
        for d in DocumentKind::ALL {
            assert!(crate::ruleset::templates::check(d.as_str(), d.builtin_template()).is_ok());
        }
        assert_eq!(
            DocumentKind::ALL.map(DocumentKind::as_str),
            crate::ruleset::templates::DOCUMENTS
        );
    }
}
