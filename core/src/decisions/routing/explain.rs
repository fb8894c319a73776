//! Human sentences for a ruling: the one-paragraph summary in both languages.

use super::ruling::{Disposition, Ruling};

impl Ruling<'_> {
    /// A short explanation of the ruling: `(Chinese, English)`.
    pub fn summary(&self) -> (String, String) {
        let (mut zh, mut en) = match self.disposition {
            Disposition::Keep
            | Disposition::Handover
            | Disposition::Department
            | Disposition::Transfer => {
                let (h_zh, h_en) = self
                    .handler
                    .map_or(("-", "-"), |b| (b.name_zh.as_str(), b.name_en.as_str()));
                let (n_zh, n_en) = self
                    .acts_in_name_of
                    .map_or(("-", "-"), |b| (b.name_zh.as_str(), b.name_en.as_str()));
                let mut zh = String::new();
                let mut en = String::new();
                if let Some(h) = &self.handover {
                    zh.push_str(&format!("{}应将案件移交{}。", h.from.name_zh, h.to.name_zh));
                    en.push_str(&format!(
                        "{} hands the case over to {}. ",
                        h.from.name_en, h.to.name_en
                    ));
                }
                if let Some(t) = &self.transfer {
                    zh.push_str(&format!(
                        "{}应当及时将案件移送{}（重大行政处罚）。",
                        t.from.name_zh, t.to.name_zh
                    ));
                    en.push_str(&format!(
                        "{} must transfer the case to {} (a major decision). ",
                        t.from.name_en, t.to.name_en
                    ));
                }
                match (self.acts_in_name_of, self.handler) {
                    // A case the centre handed over that then goes to the platform office or
                    // must be split: nobody decides in one name (docs/routing.md §3, §7).
                    (None, Some(_)) => {
                        zh.push_str(&format!("案件涉及多个部门的事项，由{h_zh}裁定责任。"));
                        en.push_str(&format!(
                            "The case involves several departments' items: {h_en} rules on responsibility."
                        ));
                    }
                    (None, None) => {
                        zh.push_str("案件同时涉及赋权事项和委托事项，应分案处理。");
                        en.push_str(
                            "The case mixes delegated and entrusted items and must be split.",
                        );
                    }
                    (Some(_), _) => {
                        zh.push_str(&format!(
                            "由{h_zh}办理，以{n_zh}名义作出决定并承担法律责任。"
                        ));
                        en.push_str(&format!(
                            "{h_en} handles it, deciding in the name of {n_en}, which answers for it."
                        ));
                    }
                }
                (zh, en)
            }
            Disposition::Platform => {
                let (p_zh, p_en) = self.handler.map_or(
                    ("区级综合执法平台办公室", "the platform office"),
                    |b| (b.name_zh.as_str(), b.name_en.as_str()),
                );
                (
                    format!("案件涉及多个部门的事项，由{p_zh}裁定责任。"),
                    format!("The case involves several departments' items: {p_en} rules on responsibility."),
                )
            }
            Disposition::Split => (
                "案件同时涉及赋权事项和委托事项，应分案处理。".to_owned(),
                "The case mixes delegated and entrusted items and must be split.".to_owned(),
            ),
        };
        if let Some(t) = &self.transition {
            if t.in_transition {
                zh.push_str(&format!("赋权过渡期至 {} 止。", t.last_day));
                en.push_str(&format!(
                    " The delegation's transition runs to {}.",
                    t.last_day
                ));
            }
        }
        if self.hearing.right {
            zh.push_str("当事人有权要求听证。");
            en.push_str(" The party has a right to a hearing.");
        }
        if self.legal_review.required {
            zh.push_str("决定前须经法制审核。");
            en.push_str(" Legal review is required before the decision.");
        }
        if self.designation.may_request {
            zh.push_str("镇(街道)可报请区政府指定管辖。");
            en.push_str(" The town may ask the district government for designation.");
        }
        (zh, en)
    }
}
