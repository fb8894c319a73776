//! Diagnostics and errors: one serialisable shape with a stable code, the path
//! of the offending field, what was expected, both languages, and the clause.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::citation::CitationText;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Stops loading, or refuses the request.
    Error,
    /// Reported; does not stop anything.
    Warning,
}

crate::vocabulary::labelled!(Severity, "severity", "严重程度", "severity", {
    Error => "error", "错误", "error";
    Warning => "warning", "提示", "warning";
});

/// A finding about input: a rule-set defect, a refused request, or a warning on a ruling.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Diagnostic {
    /// Stable code, e.g. `grant.entrustment_compulsory_measure`.
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// Path of the offending field, e.g. `grants[2].items[0]` (empty for the whole input).
    pub path: String,
    /// What the field should have held, where that helps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the field should have held, in Chinese (beside `expected`, which is English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_zh: Option<String>,
    /// The offending value as given, cut to 80 characters, where echoing it helps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Ids the value may have meant (near misses, or the candidates of an
    /// ambiguous name), best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// Chinese message.
    pub message_zh: String,
    /// English message.
    pub message_en: String,
    /// The clause that makes it a defect, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<CitationText>,
}

impl Diagnostic {
    /// An error.
    pub fn error(
        code: &str,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: code.to_owned(),
            severity: Severity::Error,
            path: path.into(),
            expected: None,
            expected_zh: None,
            value: None,
            suggestions: Vec::new(),
            message_zh: zh.into(),
            message_en: en.into(),
            citation: None,
        }
    }

    /// A warning.
    pub fn warning(
        code: &str,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, zh, en)
        }
    }

    /// Adds what was expected, in English; the Chinese `expected_zh` is worded
    /// from it ([`expected_in_chinese`]) unless one was given.
    pub fn expected(mut self, expected: impl Into<String>) -> Diagnostic {
        let en = expected.into();
        if self.expected_zh.is_none() {
            self.expected_zh = Some(expected_in_chinese(&en));
        }
        self.expected = Some(en);
        self
    }

    /// Adds what was expected, in Chinese and in English.
    pub fn expected_both(mut self, zh: impl Into<String>, en: impl Into<String>) -> Diagnostic {
        self.expected_zh = Some(zh.into());
        self.expected = Some(en.into());
        self
    }

    /// Echoes the offending value (cut to 80 characters).
    pub fn with_value(mut self, value: &str) -> Diagnostic {
        const MAX: usize = 80;
        let mut v: String = value.chars().take(MAX).collect();
        if value.chars().count() > MAX {
            v.push('…');
        }
        self.value = Some(v);
        self
    }

    /// Adds ids the value may have meant.
    pub fn suggest(mut self, ids: Vec<String>) -> Diagnostic {
        self.suggestions = ids;
        self
    }

    /// Adds the citation.
    pub fn cite(mut self, citation: CitationText) -> Diagnostic {
        self.citation = Some(citation);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.path.is_empty() {
            write!(f, "{sev}[{}]: {}", self.code, self.message_en)
        } else {
            write!(
                f,
                "{sev}[{}] at {}: {}",
                self.code, self.path, self.message_en
            )
        }
    }
}

/// Input refused: one or more error diagnostics.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", first_line(.diagnostics))]
pub struct InputError {
    /// What is wrong; never empty, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

fn first_line(d: &[Diagnostic]) -> String {
    match d.first() {
        Some(first) if d.len() > 1 => format!("{first} (and {} more)", d.len() - 1),
        Some(first) => first.to_string(),
        None => "invalid input".to_owned(),
    }
}

impl InputError {
    /// A single-diagnostic error.
    pub fn single(diagnostic: Diagnostic) -> InputError {
        InputError {
            diagnostics: vec![diagnostic],
        }
    }

    /// A parameter a decision needs has no value in force on `d`
    /// (`parameter.not_in_force`).
    pub fn not_in_force(name: &str, d: crate::time::Date) -> InputError {
        InputError::single(
            Diagnostic::error(
                "parameter.not_in_force",
                format!("parameters.{name}"),
                format!("参数 {name} 在 {d} 没有有效取值"),
                format!("parameter {name} has no value in force on {d}"),
            )
            .expected(format!("a value of {name} in force on {d}")),
        )
    }

    /// An internal index that should always resolve after validation (`ruleset.internal`).
    pub fn internal(what: &str) -> InputError {
        InputError::single(Diagnostic::error(
            "ruleset.internal",
            "",
            format!("内部错误：{what}"),
            format!("internal inconsistency: {what}"),
        ))
    }

    /// The first diagnostic's code.
    pub fn code(&self) -> &str {
        self.diagnostics
            .first()
            .map_or("input.invalid_value", |d| d.code.as_str())
    }
}

impl From<Diagnostic> for InputError {
    fn from(d: Diagnostic) -> InputError {
        InputError::single(d)
    }
}

/// The engine's own `expected` phrases and serde's shapes, with their Chinese wording.
const EXPECTED_ZH: &[(&str, &str)] = &[
    (
        "a town or subdistrict id",
        "规则集中的镇或街道（编号或名称）",
    ),
    (
        "a town, subdistrict or management centre id",
        "规则集中的镇、街道或管理服务中心（编号或名称）",
    ),
    (
        "a department, town or subdistrict id",
        "规则集中的区级部门或镇(街道)（编号或名称）",
    ),
    ("a department id", "规则集中的区级部门（编号或名称）"),
    (
        "an item code of the rule set",
        "规则集中的事项编码（或事项名称）",
    ),
    (
        "a domain id of the rule set",
        "规则集中的执法领域（编号或名称）",
    ),
    (
        "an item on the town's list on the date",
        "当日在该镇(街道)清单内的事项",
    ),
    ("items of one department", "同一部门的事项"),
    (
        "violation ≤ discovery ≤ filing ≤ decision",
        "违法行为发生日 ≤ 发现日 ≤ 立案日 ≤ 决定日（可以是同一天）",
    ),
    (
        "violation ≤ violation_end",
        "违法行为发生日 ≤ 违法行为终了日（可以是同一天）",
    ),
    (
        "valid_from ≤ valid_to",
        "执法证有效期起日 ≤ 止日（可以是同一天）",
    ),
    (
        "period.from ≤ period.to",
        "期间开始日 ≤ 结束日（可以是同一天）",
    ),
    ("from ≤ to", "开始日 ≤ 结束日（可以是同一天）"),
    ("item or domain", "事项(item)或领域(domain)"),
    ("exactly one of dispute, state", "dispute 与 state 二者之一"),
    ("well-formed JSON", "格式正确的 JSON"),
    ("a boolean", "布尔值 true 或 false"),
    ("a string", "字符串"),
    ("a sequence", "数组（列表）"),
    ("a map", "JSON 对象"),
    (
        "a date string YYYY-MM-DD",
        "YYYY-MM-DD 格式的日期字符串，如 \"2025-03-04\"",
    ),
    (
        "a real date YYYY-MM-DD",
        "真实存在的日期，YYYY-MM-DD 格式，如 \"2025-03-04\"",
    ),
    ("a date, e.g. \"2025-01-01\"", "日期，如 \"2025-01-01\""),
    (
        "the fine in yuan, e.g. \"50000\"",
        "以元为单位的罚款金额，如 \"50000\"",
    ),
    (
        "yuan as a string with at most two decimals, e.g. \"50000.00\"",
        "以元为单位、最多两位小数的数字字符串，如 \"50000.00\"",
    ),
    (
        "each key at most once per object",
        "同一对象中每个键只出现一次",
    ),
    ("an integer ≥ 1", "不小于 1 的整数"),
    ("a positive count", "正整数"),
    ("true", "true"),
    ("1 to 3", "1 至 3"),
    ("1 to 28", "1 至 28"),
    ("0 to 6", "0 至 6"),
    ("at most 127 levels of nesting", "嵌套不超过 127 层"),
    ("u8", "非负整数"),
    ("u16", "非负整数"),
    ("u32", "非负整数"),
    ("u64", "非负整数"),
    ("usize", "非负整数"),
    ("i8", "整数"),
    ("i16", "整数"),
    ("i32", "整数"),
    ("i64", "整数"),
    ("isize", "整数"),
];

/// The Chinese wording of an `expected` phrase: the engine's own phrases and
/// the shapes serde words (`a boolean`, `u32`, `struct Case`, ``one of `a`, `b` ``).
/// Codes and ids, which are the same in both languages, pass through; so does a
/// phrase this table does not know (a test over every refusal in the fixtures
/// keeps that from happening).
pub fn expected_in_chinese(en: &str) -> String {
    if let Some((_, zh)) = EXPECTED_ZH.iter().find(|(e, _)| *e == en) {
        return (*zh).to_owned();
    }
    let rules: [(&str, &str, &str); 12] = [
        ("a relevant date on or after ", "不早于 ", " 的适用日期"),
        ("a date on or after ", "不早于 ", " 的日期"),
        ("a period within ", "在 ", " 之间的期间"),
        ("a value of ", "参数 ", " 的有效取值"),
        ("an item of ", "属于 ", " 的事项"),
        ("at least ", "不少于 ", ""),
        ("one of: ", "以下之一：", ""),
        ("one of ", "以下之一：", ""),
        ("struct ", "JSON 对象(", ")"),
        (
            "one town or subdistrict id or full name",
            "唯一的镇(街道)编号或全称",
            "",
        ),
        ("a value in force on ", "在 ", " 有效的取值"),
        ("at most ", "至多 ", ""),
    ];
    for (prefix, zh_pre, zh_post) in rules {
        if let Some(rest) = en.strip_prefix(prefix) {
            let rest = rest
                .replace('`', "")
                .replace(", ", "、")
                .replace(" to ", " 至 ")
                .replace(" in force on ", " 在 ")
                .replace(" visits per object", " 次/每个对象")
                .replace(" entries", " 项")
                .replace(" bytes", " 字节")
                .replace(" days", " 天");
            return format!("{zh_pre}{rest}{zh_post}");
        }
    }
    if en.contains(" ≤ ") {
        return format!("先后顺序：{en}");
    }
    // Ids and codes (`zhangcun or comprehensive_enforcement`, `route, validate`).
    en.replace(" or ", " 或 ").replace(", ", "、")
}
