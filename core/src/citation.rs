//! Citations: every rule and parameter names the clause it comes from.

use serde::{Deserialize, Serialize};

/// The instruments fuquan cites. National statutes are fixed; `Plan` is the rule
/// set's own district plan, titled by its `meta.plan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// The district plan the rule set implements (for the default: 威环政发〔2024〕2号).
    Plan,
    /// 中华人民共和国行政处罚法 (2021 revision).
    Xzcff,
    /// 中华人民共和国行政强制法 (2011).
    Xzqzf,
    /// 中华人民共和国行政复议法 (2023 revision).
    Xzfyf,
    /// 中华人民共和国行政诉讼法 (2017 amendment).
    Xzssf,
    /// 中华人民共和国民法典 (2020).
    Mfd,
    /// Anything else; the citation then carries its own title.
    Other,
}

impl Instrument {
    /// Short Chinese title with book-title marks, e.g. `《行政处罚法》`.
    pub fn short_zh(self) -> &'static str {
        match self {
            Instrument::Plan => "《实施方案》",
            Instrument::Xzcff => "《行政处罚法》",
            Instrument::Xzqzf => "《行政强制法》",
            Instrument::Xzfyf => "《行政复议法》",
            Instrument::Xzssf => "《行政诉讼法》",
            Instrument::Mfd => "《民法典》",
            Instrument::Other => "",
        }
    }

    /// Short English title.
    pub fn short_en(self) -> &'static str {
        match self {
            Instrument::Plan => "Plan",
            Instrument::Xzcff => "Administrative Penalty Law",
            Instrument::Xzqzf => "Administrative Compulsion Law",
            Instrument::Xzfyf => "Administrative Reconsideration Law",
            Instrument::Xzssf => "Administrative Litigation Law",
            Instrument::Mfd => "Civil Code",
            Instrument::Other => "",
        }
    }
}

/// A citation compiled into the engine (for its rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaticCitation {
    /// The instrument.
    pub instrument: Instrument,
    /// The provision in Chinese, e.g. `第二十条`.
    pub zh: &'static str,
    /// The provision in English, e.g. `Art. 20`.
    pub en: &'static str,
}

/// A citation as written in rule-set data (for parameters and the calendar).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CitationSpec {
    /// The instrument.
    pub instrument: Instrument,
    /// The provision in Chinese (may be empty when the whole instrument is meant).
    pub zh: String,
    /// The provision in English.
    pub en: String,
    /// Chinese title, required for `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_zh: Option<String>,
    /// English title, required for `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
}

/// A citation rendered for people: `{zh: "《行政处罚法》第二十条", en: "Administrative Penalty Law Art. 20"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CitationText {
    /// Chinese label.
    pub zh: String,
    /// English label.
    pub en: String,
}

/// How the rule set's own plan is titled in citations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanTitle {
    /// e.g. `《实施方案》`.
    pub short_zh: String,
    /// e.g. `Huancui Plan`.
    pub short_en: String,
}

impl Default for PlanTitle {
    fn default() -> Self {
        PlanTitle {
            short_zh: Instrument::Plan.short_zh().to_owned(),
            short_en: Instrument::Plan.short_en().to_owned(),
        }
    }
}

fn join(title: &str, provision: &str, sep: &str) -> String {
    if provision.is_empty() {
        title.to_owned()
    } else if title.is_empty() {
        provision.to_owned()
    } else {
        format!("{title}{sep}{provision}")
    }
}

impl StaticCitation {
    /// Renders the citation with the plan's title.
    pub fn render(&self, plan: &PlanTitle) -> CitationText {
        let (zh_title, en_title) = match self.instrument {
            Instrument::Plan => (plan.short_zh.as_str(), plan.short_en.as_str()),
            other => (other.short_zh(), other.short_en()),
        };
        CitationText {
            zh: join(zh_title, self.zh, ""),
            en: join(en_title, self.en, " "),
        }
    }
}

impl CitationSpec {
    /// Renders the citation with the plan's title.
    pub fn render(&self, plan: &PlanTitle) -> CitationText {
        let (zh_title, en_title) = match self.instrument {
            Instrument::Plan => (plan.short_zh.clone(), plan.short_en.clone()),
            Instrument::Other => (
                self.title_zh
                    .as_deref()
                    .map(|t| format!("《{t}》"))
                    .unwrap_or_default(),
                self.title_en.clone().unwrap_or_default(),
            ),
            other => (other.short_zh().to_owned(), other.short_en().to_owned()),
        };
        CitationText {
            zh: join(&zh_title, &self.zh, ""),
            en: join(&en_title, &self.en, " "),
        }
    }
}
