//! Validation of a rule-set document against the law (see `docs/validation.md`).
//!
//! Errors stop loading; warnings do not. Each diagnostic carries a stable code,
//! the path of the offending field, Chinese and English messages and, where a
//! clause makes it a defect, the citation.

use std::collections::HashMap;

use super::source::{
    DepartmentKind, GrantMode, GrantSpec, Grantee, ItemKind, ItemSpec, PowerOf, RuleSetDocument,
    TownClass, TownKind, SCHEMA_VERSION,
};
use crate::citation::{CitationText, Instrument, PlanTitle, StaticCitation};
use crate::diagnostic::Diagnostic;
use crate::time::Date;

const fn cite(instrument: Instrument, zh: &'static str, en: &'static str) -> StaticCitation {
    StaticCitation { instrument, zh, en }
}

const ART_20: StaticCitation = cite(Instrument::Xzcff, "第二十条", "Art. 20");
const ART_20_2: StaticCitation = cite(Instrument::Xzcff, "第二十条第二款", "Art. 20(2)");
const ART_20_4: StaticCitation = cite(Instrument::Xzcff, "第二十条第四款", "Art. 20(4)");
const ART_24: StaticCitation = cite(Instrument::Xzcff, "第二十四条", "Art. 24");
const FYF_24_4: StaticCitation = cite(Instrument::Xzfyf, "第二十四条第四款", "Art. 24(4)");
const XZCFF_63: StaticCitation = cite(Instrument::Xzcff, "第六十三条", "Art. 63");
const QZF_17_1: StaticCitation = cite(Instrument::Xzqzf, "第十七条第一款", "Art. 17(1)");
const QZF_17: StaticCitation = cite(Instrument::Xzqzf, "第十七条", "Art. 17");
const MFD_203: StaticCitation = cite(Instrument::Mfd, "第二百零三条", "Art. 203");
const PLAN_PREAMBLE: StaticCitation = cite(Instrument::Plan, "前言", "preamble");
const PLAN_1: StaticCitation = cite(Instrument::Plan, "第二部分第1项", "§1");
const PLAN_12: StaticCitation = cite(Instrument::Plan, "第二部分第12项", "§12");
const PLAN_13: StaticCitation = cite(Instrument::Plan, "第二部分第13项", "§13");

#[path = "validate_staffing.rs"]
mod staffing;

/// What a body id names, for reference checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BodyRole {
    District,
    Department,
    Town(TownKind),
}

/// The in-force interval of a grant, both ends included; `None` if it is never in force.
pub(crate) fn in_force_interval(g: &GrantSpec) -> Option<(Date, Date)> {
    let mut start = g.effective;
    let mut end: Option<Date> = None;
    if let Some(term) = g.entrustment.as_ref().and_then(|e| e.term) {
        start = start.max(term.from);
        end = Some(term.to);
    }
    if let Some(revoked) = g.revoked {
        let last = Date(revoked.0.pred_opt()?);
        end = Some(end.map_or(last, |e| e.min(last)));
    }
    let end = end.unwrap_or(Date(chrono::NaiveDate::MAX));
    (start <= end).then_some((start, end))
}

/// A grant's towns and in-force interval, for the overlap checks.
struct Validator<'d> {
    doc: &'d RuleSetDocument,
    plan: PlanTitle,
    diags: Vec<Diagnostic>,
    bodies: HashMap<&'d str, BodyRole>,
    items: HashMap<&'d str, &'d ItemSpec>,
    /// Grant ids seen so far (a set: a province has hundreds of thousands of grants).
    grant_ids: std::collections::HashSet<&'d str>,
}

/// Validates a rule-set document. The diagnostics come in document order.
pub fn validate(doc: &RuleSetDocument) -> Vec<Diagnostic> {
    let mut v = Validator {
        doc,
        plan: PlanTitle {
            short_zh: doc.meta.plan.short_zh.clone(),
            short_en: doc.meta.plan.short_en.clone(),
        },
        diags: Vec::new(),
        bodies: HashMap::new(),
        items: HashMap::new(),
        grant_ids: std::collections::HashSet::new(),
    };
    v.run();
    v.diags
}

impl<'d> Validator<'d> {
    fn cite(&self, c: StaticCitation) -> CitationText {
        c.render(&self.plan)
    }

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn error(
        &mut self,
        code: &str,
        path: String,
        zh: String,
        en: String,
        c: Option<StaticCitation>,
    ) {
        let mut d = Diagnostic::error(code, path, zh, en);
        if let Some(c) = c {
            d = d.cite(self.cite(c));
        }
        self.push(d);
    }

    fn warning(
        &mut self,
        code: &str,
        path: String,
        zh: String,
        en: String,
        c: Option<StaticCitation>,
    ) {
        let mut d = Diagnostic::warning(code, path, zh, en);
        if let Some(c) = c {
            d = d.cite(self.cite(c));
        }
        self.push(d);
    }

    fn unknown(&mut self, path: String, what_zh: &str, what_en: &str, id: &str) {
        self.error(
            "ruleset.unknown_reference",
            path,
            format!("引用了不存在的{what_zh}：{id}"),
            format!("no {what_en} with id {id:?}"),
            None,
        );
    }

    fn duplicate(&mut self, path: String, id: &str) {
        self.error(
            "ruleset.duplicate_id",
            path,
            format!("标识重复：{id}"),
            format!("duplicate id {id:?}"),
            None,
        );
    }

    fn run(&mut self) {
        let doc = self.doc;
        if doc.schema_version != SCHEMA_VERSION {
            self.push(
                Diagnostic::error(
                    "ruleset.schema_version",
                    "schema_version",
                    format!("不支持的版本 {:?}", doc.schema_version),
                    format!("unsupported schema version {:?}", doc.schema_version),
                )
                .expected(SCHEMA_VERSION),
            );
        }
        self.register_bodies();
        self.check_parameters();
        self.check_calendar();
        self.check_towns();
        self.check_items();
        for (i, g) in doc.grants.iter().enumerate() {
            self.check_grant(i, g);
        }
        self.check_grant_overlaps();
        self.check_intake_examples();
    }

    /// Labelled example reports: each names an item of the catalogue (or none)
    /// and says something; the same words filed under two answers are flagged.
    fn check_intake_examples(&mut self) {
        let doc = self.doc;
        let mut seen: std::collections::HashMap<&str, (usize, Option<&str>)> =
            std::collections::HashMap::new();
        for (i, e) in doc.intake_examples.iter().enumerate() {
            let text = e.text.trim();
            let chars = text.chars().count();
            if text.is_empty() {
                self.error(
                    "intake_example.empty_text",
                    format!("intake_examples[{i}].text"),
                    "诉求样例的内容为空".to_owned(),
                    "the example report's text is empty".to_owned(),
                    None,
                );
            } else if chars > crate::limits::MAX_INTAKE_TEXT_CHARS {
                self.error(
                    "intake_example.text_too_long",
                    format!("intake_examples[{i}].text"),
                    format!(
                        "诉求样例共 {chars} 字，超过受理内容上限 {} 字",
                        crate::limits::MAX_INTAKE_TEXT_CHARS
                    ),
                    format!(
                        "the example report has {chars} characters, more than intake reads ({})",
                        crate::limits::MAX_INTAKE_TEXT_CHARS
                    ),
                    None,
                );
            }
            if let Some(code) = e.item.as_deref() {
                if !self.items.contains_key(code) {
                    self.unknown(format!("intake_examples[{i}].item"), "事项", "item", code);
                }
            }
            if text.is_empty() {
                continue;
            }
            match seen.get(text) {
                Some(&(j, other)) if other != e.item.as_deref() => self.warning(
                    "intake_example.conflicting_labels",
                    format!("intake_examples[{i}].item"),
                    format!(
                        "诉求样例“{text}”与第 {} 条内容相同而所归事项不同（{} 与 {}）",
                        j + 1,
                        other.unwrap_or("不属于清单事项"),
                        e.item.as_deref().unwrap_or("不属于清单事项")
                    ),
                    format!(
                        "the example report {text:?} is also example {} with another answer ({} and {})",
                        j + 1,
                        other.unwrap_or("none"),
                        e.item.as_deref().unwrap_or("none")
                    ),
                    None,
                ),
                Some(&(j, _)) => self.warning(
                    "intake_example.duplicate",
                    format!("intake_examples[{i}].text"),
                    format!("诉求样例“{text}”与第 {} 条重复", j + 1),
                    format!("the example report {text:?} repeats example {}", j + 1),
                    None,
                ),
                None => {
                    seen.insert(text, (i, e.item.as_deref()));
                }
            }
        }
    }

    fn register_bodies(&mut self) {
        let doc = self.doc;
        for (path, id) in [
            (
                "district.government.id",
                doc.district.government.id.as_str(),
            ),
            (
                "district.platform_office.id",
                doc.district.platform_office.id.as_str(),
            ),
        ] {
            if self.bodies.insert(id, BodyRole::District).is_some() {
                self.duplicate(path.to_owned(), id);
            }
        }
        let mut domains = HashMap::new();
        for (i, d) in doc.domains.iter().enumerate() {
            if domains.insert(d.id.as_str(), ()).is_some() {
                self.duplicate(format!("domains[{i}].id"), &d.id);
            }
        }
        for (i, d) in doc.departments.iter().enumerate() {
            if self
                .bodies
                .insert(d.id.as_str(), BodyRole::Department)
                .is_some()
            {
                self.duplicate(format!("departments[{i}].id"), &d.id);
            }
        }
        // The city governments of branches: one body per id, shared by its branches.
        let mut city_governments: HashMap<&str, ()> = HashMap::new();
        for (i, d) in doc.departments.iter().enumerate() {
            let p = format!("departments[{i}]");
            match (d.kind, &d.branch_of) {
                (DepartmentKind::CityDepartmentBranch, None) => self.error(
                    "department.branch_of_missing",
                    format!("{p}.branch_of"),
                    format!("{} 是市级部门的派出机构，应载明设立它的市级部门和市人民政府", d.id),
                    format!("{} is a branch of a city department: state the city department that set it up and the city government", d.id),
                    Some(FYF_24_4),
                ),
                (DepartmentKind::DistrictDepartment, Some(_)) => self.error(
                    "department.branch_of_unexpected",
                    format!("{p}.branch_of"),
                    format!("{} 是区级部门，不应载明 branch_of（派出机构才有）", d.id),
                    format!("{} is a district department: only a branch states branch_of", d.id),
                    None,
                ),
                (_, Some(b)) => {
                    let id = b.city_government.id.as_str();
                    if city_governments.insert(id, ()).is_none()
                        && self.bodies.insert(id, BodyRole::District).is_some()
                    {
                        self.duplicate(format!("{p}.branch_of.city_government.id"), id);
                    }
                }
                _ => {}
            }
        }
        match self.bodies.get(doc.district.justice_bureau.as_str()) {
            Some(BodyRole::Department) => {}
            _ => self.unknown(
                "district.justice_bureau".to_owned(),
                "部门",
                "department",
                &doc.district.justice_bureau,
            ),
        }
    }

    fn check_dated_order(&mut self, name: &str, froms: &[Date]) {
        if froms.is_empty() {
            self.error(
                "parameter.empty",
                format!("parameters.{name}"),
                format!("参数 {name} 没有任何取值"),
                format!("parameter {name} has no values"),
                None,
            );
        }
        for (i, pair) in froms.windows(2).enumerate() {
            if let [a, b] = pair {
                if a >= b {
                    self.error(
                        "parameter.dates_out_of_order",
                        format!("parameters.{name}[{}].from", i + 1),
                        format!("参数 {name} 的生效日期应严格递增：{b} 不晚于 {a}"),
                        format!(
                            "parameter {name}: dates must strictly increase, {b} is not after {a}"
                        ),
                        None,
                    );
                }
            }
        }
    }

    fn check_parameters(&mut self) {
        let p = &self.doc.parameters;
        let froms = |v: Vec<Date>| v;
        self.check_dated_order(
            "major_decision_sanctions",
            &froms(p.major_decision_sanctions.iter().map(|d| d.from).collect()),
        );
        self.check_dated_order(
            "major_decision_fine",
            &froms(p.major_decision_fine.iter().map(|d| d.from).collect()),
        );
        self.check_dated_order(
            "transition_months",
            &froms(p.transition_months.iter().map(|d| d.from).collect()),
        );
        for (i, d) in p.transition_months.iter().enumerate() {
            if d.value == 0 || d.value > 120 {
                self.error(
                    "parameter.out_of_range",
                    format!("parameters.transition_months[{i}].value"),
                    format!("过渡期月数应在 1 至 120 之间，实际为 {}", d.value),
                    format!(
                        "transition months must be between 1 and 120, got {}",
                        d.value
                    ),
                    Some(PLAN_12),
                );
            }
        }
        self.check_dated_order(
            "hearing_large_fine",
            &froms(p.hearing_large_fine.iter().map(|d| d.from).collect()),
        );
        self.check_dated_order(
            "hearing_large_confiscation",
            &froms(
                p.hearing_large_confiscation
                    .iter()
                    .map(|d| d.from)
                    .collect(),
            ),
        );
        self.check_staffing_parameters();
        self.check_hearing_parameters();
        let p = &self.doc.parameters;
        let optional: [(&str, Vec<Date>); 4] = [
            (
                "platform_weekly_meeting",
                p.platform_weekly_meeting.iter().map(|d| d.from).collect(),
            ),
            (
                "platform_monthly_meeting",
                p.platform_monthly_meeting.iter().map(|d| d.from).collect(),
            ),
            (
                "platform_quarterly_report",
                p.platform_quarterly_report.iter().map(|d| d.from).collect(),
            ),
            (
                "supervision_thresholds",
                p.supervision_thresholds.iter().map(|d| d.from).collect(),
            ),
        ];
        for (name, froms) in &optional {
            self.check_optional_order(name, froms);
        }
        for d in super::parameters::validate_parameters(&self.doc.parameters) {
            self.push(d);
        }
    }

    /// The share-of-maximum and sector "large fine" standards (行政处罚法 Art. 63).
    fn check_hearing_parameters(&mut self) {
        let p = &self.doc.parameters;
        let name = "hearing_large_fine_share_of_maximum";
        let froms: Vec<Date> = p
            .hearing_large_fine_share_of_maximum
            .iter()
            .map(|d| d.from)
            .collect();
        self.check_optional_order(name, &froms);
        let floors: Vec<Date> = p.hearing_large_fine_floor.iter().map(|d| d.from).collect();
        self.check_optional_order("hearing_large_fine_floor", &floors);
        for (i, d) in p.hearing_large_fine_share_of_maximum.iter().enumerate() {
            let r = d.value;
            if r.denominator == 0 || r.numerator > r.denominator {
                self.error(
                    "parameter.out_of_range",
                    format!("parameters.{name}[{i}].value"),
                    format!("比例 {}/{} 无效：分母应大于零且不小于分子", r.numerator, r.denominator),
                    format!("share {}/{} is invalid: the denominator must be more than zero and not less than the numerator", r.numerator, r.denominator),
                    Some(XZCFF_63),
                );
            }
        }
        let froms: Vec<Date> = p
            .entrustment_carries_inspections
            .iter()
            .map(|d| d.from)
            .collect();
        self.check_optional_order("entrustment_carries_inspections", &froms);
        let mut ids: HashMap<&str, ()> = HashMap::new();
        for (i, sector) in p.hearing_large_fine_sectors.iter().enumerate() {
            let path = format!("parameters.hearing_large_fine_sectors[{i}]");
            if ids.insert(sector.id.as_str(), ()).is_some() {
                self.duplicate(format!("{path}.id"), &sector.id);
            }
            for (j, dep) in sector.departments.iter().enumerate() {
                if self.bodies.get(dep.as_str()) != Some(&BodyRole::Department) {
                    self.unknown(
                        format!("{path}.departments[{j}]"),
                        "部门",
                        "department",
                        dep,
                    );
                }
            }
            let froms: Vec<Date> = sector.values.iter().map(|d| d.from).collect();
            self.check_dated_order(&format!("hearing_large_fine_sectors[{i}].values"), &froms);
        }
    }

    fn check_calendar(&mut self) {
        let c = &self.doc.calendar;
        if c.covers.from > c.covers.to {
            self.error(
                "calendar.invalid_range",
                "calendar.covers.to".to_owned(),
                "日历覆盖范围的起日晚于止日".to_owned(),
                "calendar coverage starts after it ends".to_owned(),
                Some(MFD_203),
            );
        }
        for (i, h) in c.holidays.iter().enumerate() {
            if h.from > h.to {
                self.error(
                    "calendar.invalid_range",
                    format!("calendar.holidays[{i}].to"),
                    format!("假日 {} 的起日晚于止日", h.name_zh),
                    format!("holiday {} starts after it ends", h.name_en),
                    Some(MFD_203),
                );
            }
        }
    }

    fn check_towns(&mut self) {
        let doc = self.doc;
        // Register all towns first so a centre may name a town listed after it.
        let mut dup = Vec::new();
        for (i, t) in doc.towns.iter().enumerate() {
            if self
                .bodies
                .insert(t.id.as_str(), BodyRole::Town(t.kind))
                .is_some()
            {
                dup.push(i);
            }
        }
        for (i, t) in doc.towns.iter().enumerate() {
            if dup.contains(&i) {
                self.duplicate(format!("towns[{i}].id"), &t.id);
            }
            if let Some(target) = &t.hands_over_to {
                if !self.bodies.contains_key(target.as_str()) {
                    self.unknown(
                        format!("towns[{i}].hands_over_to"),
                        "镇(街道)",
                        "town",
                        target,
                    );
                }
            }
            if t.kind != TownKind::ManagementCentre && t.class.is_none() {
                self.error(
                    "town.class_missing",
                    format!("towns[{i}].class"),
                    format!("{} 未标明类别（经济发达镇/重点产业镇/主城区街道）", t.name_zh),
                    format!("{} has no class (developed town / key-industry town / main-urban subdistrict)", t.name_en),
                    Some(PLAN_1),
                );
            }
            if t.kind == TownKind::ManagementCentre {
                let ok = match t.hands_over_to.as_deref() {
                    None => false,
                    Some(target) => match self.bodies.get(target) {
                        Some(BodyRole::Town(TownKind::Town | TownKind::Subdistrict)) => true,
                        None => true, // already reported as an unknown reference
                        Some(_) => false,
                    },
                };
                if !ok {
                    self.error(
                        "town.centre_without_handover",
                        format!("towns[{i}].hands_over_to"),
                        format!("{} 不是乡镇人民政府，须指明移交案件的镇(街道)", t.name_zh),
                        format!("{} is not a town government and must name the town it hands cases over to", t.name_en),
                        Some(PLAN_13),
                    );
                }
            }
        }
    }

    fn check_items(&mut self) {
        let doc = self.doc;
        let domains: Vec<&str> = doc.domains.iter().map(|d| d.id.as_str()).collect();
        for (i, item) in doc.items.iter().enumerate() {
            if self.items.insert(item.code.as_str(), item).is_some() {
                self.duplicate(format!("items[{i}].code"), &item.code);
            }
        }
        for (i, item) in doc.items.iter().enumerate() {
            if !domains.contains(&item.domain.as_str()) {
                self.unknown(format!("items[{i}].domain"), "领域", "domain", &item.domain);
            }
            for (j, r) in item.fine_ranges.iter().flatten().enumerate() {
                let dup = item
                    .fine_ranges
                    .iter()
                    .flatten()
                    .take(j)
                    .any(|o| o.party == r.party);
                let inverted = matches!((r.min, r.max), (Some(a), Some(b)) if a > b);
                if dup || inverted {
                    self.error(
                        "item.fine_range_invalid",
                        format!("items[{i}].fine_ranges[{j}]"),
                        format!("事项 {} 的罚款幅度无效：下限高于上限，或同一当事人类别列了两次", item.code),
                        format!("item {}: invalid fine range (minimum above maximum, or the same party listed twice)", item.code),
                        None,
                    );
                }
            }
            if self.bodies.get(item.department.as_str()) != Some(&BodyRole::Department) {
                self.unknown(
                    format!("items[{i}].department"),
                    "部门",
                    "department",
                    &item.department,
                );
            }
            let mut invalid = Vec::new();
            for (j, code) in item.related_items.iter().enumerate() {
                match self.items.get(code.as_str()) {
                    None => self.unknown(
                        format!("items[{i}].related_items[{j}]"),
                        "事项",
                        "item",
                        code,
                    ),
                    Some(rel) => {
                        if item.kind == ItemKind::Penalty
                            && (rel.kind == ItemKind::Penalty || rel.department != item.department)
                        {
                            invalid.push((j, code));
                        }
                    }
                }
            }
            if item.kind != ItemKind::Penalty && !item.related_items.is_empty() {
                self.error(
                    "item.related_invalid",
                    format!("items[{i}].related_items"),
                    format!("事项 {} 不是行政处罚，不能关联其他事项", item.code),
                    format!(
                        "item {} is not a penalty and cannot name related items",
                        item.code
                    ),
                    Some(PLAN_PREAMBLE),
                );
            }
            for (j, w) in item.everyday_words.iter().enumerate() {
                if w.trim().is_empty() {
                    self.error(
                        "item.everyday_word_empty",
                        format!("items[{i}].everyday_words[{j}]"),
                        format!("事项 {} 的日常用语为空", item.code),
                        format!("item {}: an everyday word is empty", item.code),
                        None,
                    );
                } else if w.trim().contains(char::is_whitespace) {
                    self.warning(
                        "item.everyday_word_space",
                        format!("items[{i}].everyday_words[{j}]"),
                        format!("事项 {} 的日常用语“{}”含空格，分词后不会整体出现，不参与匹配", item.code, w.trim()),
                        format!("item {}: the everyday word {:?} has a space inside; it can never be one token and is not matched", item.code, w.trim()),
                        None,
                    );
                } else if item
                    .everyday_words
                    .iter()
                    .take(j)
                    .any(|o| o.trim() == w.trim())
                {
                    self.warning(
                        "item.everyday_word_duplicate",
                        format!("items[{i}].everyday_words[{j}]"),
                        format!("事项 {} 的日常用语“{}”重复列出", item.code, w.trim()),
                        format!(
                            "item {}: the everyday word {:?} is listed twice",
                            item.code,
                            w.trim()
                        ),
                        None,
                    );
                }
            }
            for (j, code) in invalid {
                self.error(
                    "item.related_invalid",
                    format!("items[{i}].related_items[{j}]"),
                    format!("相关事项 {code} 无效：只有行政处罚事项可关联同一部门的行政检查、行政强制措施事项"),
                    format!("related item {code} is invalid: only a penalty may name inspections or compulsory measures of its own department"),
                    Some(PLAN_PREAMBLE),
                );
            }
        }
    }

    fn check_grant(&mut self, i: usize, g: &'d GrantSpec) {
        let p = format!("grants[{i}]");
        if !self.grant_ids.insert(g.id.as_str()) {
            self.duplicate(format!("{p}.id"), &g.id);
        }
        // Unknown references.
        let grantor_ok = self.bodies.get(g.grantor.as_str()) == Some(&BodyRole::Department);
        if !grantor_ok {
            self.unknown(format!("{p}.grantor"), "部门", "department", &g.grantor);
        }
        if let Grantee::Towns(towns) = &g.grantee {
            for (j, t) in towns.iter().enumerate() {
                if !matches!(self.bodies.get(t.as_str()), Some(BodyRole::Town(_))) {
                    self.unknown(format!("{p}.grantee.towns[{j}]"), "镇(街道)", "town", t);
                }
            }
        }
        for (j, code) in g.items.iter().enumerate() {
            if !self.items.contains_key(code.as_str()) {
                self.unknown(format!("{p}.items[{j}]"), "事项", "item", code);
            }
        }
        // Shape.
        match (g.mode, g.entrustment.is_some()) {
            (GrantMode::Delegation, true) => self.error(
                "grant.shape",
                format!("{p}.entrustment"),
                "赋权不应包含委托信息".to_owned(),
                "a delegation must not carry an entrustment block".to_owned(),
                None,
            ),
            (GrantMode::Entrustment, false) => self.error(
                "grant.shape",
                p.clone(),
                "委托须载明审核、批准、期限和协议内容".to_owned(),
                "an entrustment must carry its review, approval, term and agreement".to_owned(),
                Some(ART_20),
            ),
            _ => {}
        }
        if g.items.is_empty() {
            self.error(
                "grant.empty",
                format!("{p}.items"),
                "赋权/委托未列明任何事项".to_owned(),
                "the grant lists no items".to_owned(),
                None,
            );
        }
        if let Grantee::Towns(towns) = &g.grantee {
            if towns.is_empty() {
                self.error(
                    "grant.empty",
                    format!("{p}.grantee.towns"),
                    "未列明承接的镇(街道)".to_owned(),
                    "the grant names no towns".to_owned(),
                    None,
                );
            }
        }
        if grantor_ok {
            for (j, code) in g.items.iter().enumerate() {
                if let Some(item) = self.items.get(code.as_str()) {
                    if item.department != g.grantor {
                        self.error(
                            "grant.item_department_mismatch",
                            format!("{p}.items[{j}]"),
                            format!(
                                "事项 {code} 属于 {}，不属于授出部门 {}",
                                item.department, g.grantor
                            ),
                            format!(
                                "item {code} belongs to {}, not to the grantor {}",
                                item.department, g.grantor
                            ),
                            Some(PLAN_1),
                        );
                    }
                }
            }
        }
        if let Grantee::Towns(towns) = &g.grantee {
            for (j, t) in towns.iter().enumerate() {
                if self.bodies.get(t.as_str()) == Some(&BodyRole::Town(TownKind::ManagementCentre))
                {
                    self.error(
                        "grant.to_management_centre",
                        format!("{p}.grantee.towns[{j}]"),
                        format!("{t} 不是乡镇人民政府或街道办事处，不能承接行政处罚权"),
                        format!("{t} is not a town government or subdistrict office and cannot receive penalty powers"),
                        Some(ART_24),
                    );
                }
            }
        }
        self.check_grant_dates(&p, g);
        match g.mode {
            GrantMode::Delegation => self.check_delegation(&p, g),
            GrantMode::Entrustment => self.check_entrustment(&p, g),
        }
    }

    fn order(
        &mut self,
        p: &str,
        earlier: Option<Date>,
        later: Option<Date>,
        later_field: &str,
        strict: bool,
    ) {
        if let (Some(a), Some(b)) = (earlier, later) {
            if b < a || (strict && b == a) {
                self.error(
                    "grant.dates_out_of_order",
                    format!("{p}.{later_field}"),
                    if b == a {
                        format!("日期顺序错误：{later_field} 为 {b}，与应在其前的日期相同（须晚于 {a}）")
                    } else {
                        format!("日期顺序错误：{later_field} 为 {b}，早于应在其前的 {a}")
                    },
                    if b == a {
                        format!("dates out of order: {later_field} is {b}, the same day as {a}, which it must follow")
                    } else {
                        format!("dates out of order: {later_field} is {b}, before {a} which must precede it")
                    },
                    None,
                );
            }
        }
    }

    fn check_grant_dates(&mut self, p: &str, g: &GrantSpec) {
        self.order(p, Some(g.signed), g.published, "published", false);
        if g.published.is_some() {
            self.order(p, g.published, Some(g.effective), "effective", false);
        } else {
            self.order(p, Some(g.signed), Some(g.effective), "effective", false);
        }
        self.order(p, Some(g.effective), g.revoked, "revoked", true);
        self.order(
            p,
            g.acceptance_confirmation,
            Some(g.effective),
            "effective",
            false,
        );
        if let Some(e) = &g.entrustment {
            self.order(
                p,
                e.justice_bureau_review,
                e.district_government_approval,
                "entrustment.district_government_approval",
                false,
            );
            self.order(
                p,
                e.district_government_approval,
                Some(g.signed),
                "signed",
                false,
            );
            if let Some(term) = e.term {
                self.order(
                    p,
                    Some(term.from),
                    Some(term.to),
                    "entrustment.term.to",
                    false,
                );
            }
        }
    }

    fn check_delegation(&mut self, p: &str, g: &GrantSpec) {
        let branch = self
            .doc
            .departments
            .iter()
            .find(|d| d.id == g.grantor && d.kind == DepartmentKind::CityDepartmentBranch);
        if let Some(b) = branch {
            let parent = b
                .branch_of
                .as_ref()
                .map_or("-", |o| o.department.name_zh.as_str());
            let parent_en = b
                .branch_of
                .as_ref()
                .map_or("-", |o| o.department.name_en.as_str());
            for j in 0..g.items.len() {
                self.error(
                    "grant.delegation_from_branch",
                    format!("{p}.items[{j}]"),
                    format!(
                        "{}是{}的派出机构，不是县级人民政府部门；行政处罚法第二十四条只允许将县级人民政府部门的行政处罚权交由乡镇人民政府、街道办事处行使，赋予派出机构的事项缺少法律依据（须有法律、法规另行规定）；可改由区级部门行使的事项赋权，或不列入清单",
                        b.name_zh, parent
                    ),
                    format!(
                        "{} is a branch of {}, not a department of the county-level government: Art. 24 lets a province hand towns only the penalty powers of county-level government departments, so delegating a branch's item lacks a legal basis (it would need a law or regulation of its own); delegate a district department's item instead, or leave it off the list",
                        b.name_en, parent_en
                    ),
                    Some(ART_24),
                );
            }
        }
        for (j, code) in g.items.iter().enumerate() {
            if let Some(item) = self.items.get(code.as_str()) {
                if !item.in_guiding_catalogue {
                    self.error(
                        "grant.delegation_outside_catalogue",
                        format!("{p}.items[{j}]"),
                        format!("事项 {code} 不在省指导目录内，不能赋权，只能依法委托"),
                        format!("item {code} is outside the provincial guiding catalogue: it cannot be delegated, only entrusted"),
                        Some(ART_24),
                    );
                }
            }
        }
        self.check_delegation_reach(p, g);
        if g.published.is_none() {
            self.error(
                "grant.delegation_unpublished",
                format!("{p}.published"),
                "赋权决定应当公布".to_owned(),
                "a delegation decision must be published".to_owned(),
                Some(ART_24),
            );
        }
        if g.acceptance_confirmation.is_none() {
            self.warning(
                "grant.delegation_missing_acceptance",
                format!("{p}.acceptance_confirmation"),
                "原行政执法部门与镇(街道)尚未签订赋权事项承接确认书".to_owned(),
                "no acceptance confirmation has been signed by the department and the town"
                    .to_owned(),
                Some(PLAN_1),
            );
        }
    }

    /// What a delegation can never bring to the town (docs/readings.md §5): an item whose
    /// statutory minimum fine is already a major decision (Plan §13 sends every case
    /// back), and a compulsory measure that is a power of the government, not of the
    /// department (行政强制法 Art. 17 ¶1; 行政处罚法 Art. 24).
    fn check_delegation_reach(&mut self, p: &str, g: &GrantSpec) {
        let threshold = self
            .doc
            .parameters
            .major_decision_fine
            .iter()
            .rev()
            .find(|v| v.from <= g.effective)
            .map(|v| v.value);
        for (j, code) in g.items.iter().enumerate() {
            let Some(item) = self.items.get(code.as_str()).copied() else {
                continue;
            };
            if let (Some(t), Some(ranges)) = (threshold, item.fine_ranges.as_deref()) {
                let all_major =
                    !ranges.is_empty() && ranges.iter().all(|r| r.min.is_some_and(|m| m >= t));
                if item.kind == ItemKind::Penalty && all_major {
                    self.warning(
                        "grant.delegation_always_major",
                        format!("{p}.items[{j}]"),
                        format!("事项 {code} 的法定最低罚款已达到 {t} 元以上，凡罚款的案件均属重大行政处罚，仍由行政执法部门管辖，赋予镇(街道)没有实际内容"),
                        format!("item {code}: its statutory minimum fine is already {t} yuan or more, so every fined case is a major decision that stays with the department: the delegation gives the town nothing"),
                        Some(PLAN_13),
                    );
                }
            }
            let mut reached = vec![item];
            if item.kind == ItemKind::Penalty {
                reached.extend(
                    item.related_items
                        .iter()
                        .filter_map(|r| self.items.get(r.as_str()).copied()),
                );
            }
            for r in reached {
                if r.kind == ItemKind::CompulsoryMeasure && r.power_of == PowerOf::Government {
                    let rc = &r.code;
                    self.warning(
                        "grant.delegation_government_power",
                        format!("{p}.items[{j}]"),
                        format!("行政强制措施 {rc} 的依据（{}）规定的是人民政府的职权，不是部门的职权，不能随部门的行政处罚权交由镇(街道)行使", r.establishing_basis),
                        format!("compulsory measure {rc} rests on a power of the people's government ({}), not of the department: it cannot go to the town with the department's penalty power", r.establishing_basis),
                        Some(QZF_17_1),
                    );
                }
            }
        }
    }

    fn check_entrustment(&mut self, p: &str, g: &GrantSpec) {
        for (j, code) in g.items.iter().enumerate() {
            if let Some(item) = self.items.get(code.as_str()) {
                if item.kind == ItemKind::CompulsoryMeasure {
                    self.error(
                        "grant.entrustment_compulsory_measure",
                        format!("{p}.items[{j}]"),
                        format!("事项 {code} 是行政强制措施，行政强制措施权不得委托"),
                        format!("item {code} is a compulsory measure, and compulsory-measure powers cannot be entrusted"),
                        Some(QZF_17),
                    );
                }
            }
        }
        let Some(e) = &g.entrustment else { return };
        if e.justice_bureau_review.is_none() {
            self.error(
                "grant.entrustment_missing_review",
                format!("{p}.entrustment.justice_bureau_review"),
                "委托须经司法局审核".to_owned(),
                "an entrustment must be reviewed by the justice bureau".to_owned(),
                Some(PLAN_1),
            );
        }
        if e.district_government_approval.is_none() {
            self.error(
                "grant.entrustment_missing_approval",
                format!("{p}.entrustment.district_government_approval"),
                "委托须报区政府批准".to_owned(),
                "an entrustment must be approved by the district government".to_owned(),
                Some(PLAN_1),
            );
        }
        if e.term.is_none() {
            self.error(
                "grant.entrustment_missing_term",
                format!("{p}.entrustment.term"),
                "委托书应当载明委托期限".to_owned(),
                "the entrustment must state its term".to_owned(),
                Some(ART_20_2),
            );
        } else if !e.agreement.term {
            self.error(
                "grant.entrustment_missing_term",
                format!("{p}.entrustment.agreement.term"),
                "委托协议未载明委托期限".to_owned(),
                "the entrustment agreement does not state the term".to_owned(),
                Some(ART_20_2),
            );
        }
        if g.published.is_none() {
            self.error(
                "grant.entrustment_unpublished",
                format!("{p}.published"),
                "委托书应当向社会公布".to_owned(),
                "the entrustment must be published".to_owned(),
                Some(ART_20_2),
            );
        }
        if e.onward_entrustment {
            self.error(
                "grant.entrustment_onward",
                format!("{p}.entrustment.onward_entrustment"),
                "受委托组织不得再委托其他组织或者个人实施行政处罚".to_owned(),
                "the entrusted body may not entrust anyone else in turn".to_owned(),
                Some(ART_20_4),
            );
        }
        for (field, stated, zh) in [
            ("items", e.agreement.items, "委托事项"),
            ("scope", e.agreement.scope, "委托权限"),
        ] {
            if !stated {
                self.error(
                    "grant.entrustment_agreement_incomplete",
                    format!("{p}.entrustment.agreement.{field}"),
                    format!("委托书应当载明{zh}"),
                    format!("the entrustment agreement must state its {field}"),
                    Some(ART_20_2),
                );
            }
        }
        for (field, stated, zh) in [
            ("basis", e.agreement.basis, "委托依据"),
            (
                "rights_and_duties",
                e.agreement.rights_and_duties,
                "委托双方的权利与义务",
            ),
            ("liabilities", e.agreement.liabilities, "应承担的责任"),
        ] {
            if !stated {
                self.warning(
                    "grant.entrustment_agreement_lacks_plan_terms",
                    format!("{p}.entrustment.agreement.{field}"),
                    format!("委托协议未明确{zh}"),
                    format!(
                        "the entrustment agreement does not state the {}",
                        field.replace('_', " ")
                    ),
                    Some(PLAN_1),
                );
            }
        }
    }

    /// The towns a grant reaches (classes expanded through `by_class`), as ids.
    fn grantee_towns(
        g: &'d GrantSpec,
        by_class: &HashMap<TownClass, Vec<&'d str>>,
    ) -> Vec<&'d str> {
        match &g.grantee {
            Grantee::Class(class) => by_class.get(class).cloned().unwrap_or_default(),
            Grantee::Towns(towns) => towns.iter().map(String::as_str).collect(),
        }
    }

    fn check_grant_overlaps(&mut self) {
        let doc = self.doc;
        let mut by_class: HashMap<TownClass, Vec<&'d str>> = HashMap::new();
        for t in &doc.towns {
            if let Some(class) = t.class {
                by_class.entry(class).or_default().push(t.id.as_str());
            }
        }
        let intervals: Vec<Option<(Date, Date)>> =
            doc.grants.iter().map(in_force_interval).collect();
        // Item codes and town ids as numbers, as written (unknown ones included:
        // they are reported elsewhere).
        let mut codes: HashMap<&'d str, u32> = HashMap::new();
        let mut town_ids: HashMap<&'d str, u32> = HashMap::new();
        let number = |ids: &mut HashMap<&'d str, u32>, s: &'d str| {
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            *ids.entry(s).or_insert(next)
        };
        // Every (item, town, grant) of the grants in force at some time, sorted: the
        // earlier grants that can overlap a later grant of an item at a town are one
        // run of it. (Comparing every pair of grants was quadratic: minutes for a
        // province's 200,000 grants; a map of vectors per (item, town) cost ~60 MB.)
        let mut reach: Vec<(u32, u32, u32)> = Vec::new();
        for ((g, gs), interval) in (0u32..).zip(&doc.grants).zip(&intervals) {
            if interval.is_none() {
                continue;
            }
            let towns = Validator::grantee_towns(gs, &by_class);
            for code in &gs.items {
                let c = number(&mut codes, code.as_str());
                for t in &towns {
                    reach.push((c, number(&mut town_ids, t), g));
                }
            }
        }
        reach.sort_unstable();
        reach.dedup();
        for ((b, gb), interval) in (0u32..).zip(&doc.grants).zip(&intervals) {
            let Some((sb, eb)) = interval else {
                continue;
            };
            let towns_b = Validator::grantee_towns(gb, &by_class);
            for (k, code) in gb.items.iter().enumerate() {
                let mut conflict = None;
                let mut duplicate = None;
                let mut candidates: Vec<u32> = Vec::new();
                if let Some(&c) = codes.get(code.as_str()) {
                    for t in &towns_b {
                        let Some(&ti) = town_ids.get(t) else {
                            continue;
                        };
                        let from = reach.partition_point(|e| *e < (c, ti, 0));
                        let run = reach.get(from..).unwrap_or_default().iter();
                        candidates.extend(
                            run.take_while(|e| e.0 == c && e.1 == ti && e.2 < b)
                                .map(|e| e.2),
                        );
                    }
                }
                candidates.sort_unstable();
                candidates.dedup();
                for a in candidates {
                    let a = a as usize;
                    let (Some(ga), Some(Some((sa, ea)))) = (doc.grants.get(a), intervals.get(a))
                    else {
                        continue;
                    };
                    let overlaps = sa <= eb && sb <= ea;
                    if !overlaps {
                        continue;
                    }
                    let towns_a = Validator::grantee_towns(ga, &by_class);
                    let Some(town) = towns_b.iter().find(|t| towns_a.contains(t)) else {
                        continue;
                    };
                    if ga.mode != gb.mode {
                        conflict.get_or_insert((a, *town));
                    } else {
                        duplicate.get_or_insert((a, *town));
                    }
                }
                if let Some((a, town)) = conflict {
                    let ida = &doc.grants.get(a).map_or("", |g| g.id.as_str()).to_owned();
                    self.error(
                        "grant.mode_conflict",
                        format!("grants[{b}].items[{k}]"),
                        format!("事项 {code} 在同一期间对 {town} 既赋权又委托（与 {ida} 冲突）"),
                        format!("item {code} is both delegated and entrusted to {town} on overlapping dates (conflicts with {ida})"),
                        Some(ART_20),
                    );
                } else if let Some((a, town)) = duplicate {
                    let ida = doc.grants.get(a).map_or("", |g| g.id.as_str()).to_owned();
                    self.warning(
                        "grant.duplicate_coverage",
                        format!("grants[{b}].items[{k}]"),
                        format!("事项 {code} 在同一期间以相同方式重复授予 {town}（另见 {ida}）"),
                        format!("item {code} is granted twice in the same mode to {town} on overlapping dates (see also {ida})"),
                        None,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::ruleset::source::GrantMode;

    /// The overlap check as it was before its sorted index: a map of earlier
    /// grants by (item, town). Returns (path, code, message_en) in order.
    fn reference_overlaps(doc: &RuleSetDocument) -> Vec<(String, String, String)> {
        let mut by_class: HashMap<TownClass, Vec<&str>> = HashMap::new();
        for t in &doc.towns {
            if let Some(class) = t.class {
                by_class.entry(class).or_default().push(t.id.as_str());
            }
        }
        let towns_of = |g: &GrantSpec| -> Vec<String> {
            match &g.grantee {
                Grantee::Class(c) => by_class
                    .get(c)
                    .map(|v| v.iter().map(|s| (*s).to_owned()).collect())
                    .unwrap_or_default(),
                Grantee::Towns(t) => t.clone(),
            }
        };
        let mut out = Vec::new();
        let mut earlier: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (b, gb) in doc.grants.iter().enumerate() {
            let Some((sb, eb)) = in_force_interval(gb) else {
                continue;
            };
            let towns_b = towns_of(gb);
            for (k, code) in gb.items.iter().enumerate() {
                let mut cands: Vec<usize> = towns_b
                    .iter()
                    .filter_map(|t| earlier.get(&(code.clone(), t.clone())))
                    .flatten()
                    .copied()
                    .collect();
                cands.sort_unstable();
                cands.dedup();
                let (mut conflict, mut duplicate) = (None, None);
                for a in cands {
                    let ga = &doc.grants[a];
                    let (sa, ea) = in_force_interval(ga).unwrap();
                    if !(sa <= eb && sb <= ea) {
                        continue;
                    }
                    let towns_a = towns_of(ga);
                    let Some(town) = towns_b.iter().find(|t| towns_a.contains(t)) else {
                        continue;
                    };
                    if ga.mode != gb.mode {
                        conflict.get_or_insert((a, town.clone()));
                    } else {
                        duplicate.get_or_insert((a, town.clone()));
                    }
                }
                let path = format!("grants[{b}].items[{k}]");
                if let Some((a, town)) = conflict {
                    let ida = &doc.grants[a].id;
                    out.push((path, "grant.mode_conflict".to_owned(), format!("item {code} is both delegated and entrusted to {town} on overlapping dates (conflicts with {ida})")));
                } else if let Some((a, town)) = duplicate {
                    let ida = &doc.grants[a].id;
                    out.push((path, "grant.duplicate_coverage".to_owned(), format!("item {code} is granted twice in the same mode to {town} on overlapping dates (see also {ida})")));
                }
            }
            for code in &gb.items {
                for town in &towns_b {
                    let list = earlier.entry((code.clone(), town.clone())).or_default();
                    if list.last() != Some(&b) {
                        list.push(b);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn overlap_index_agrees_with_the_map_of_earlier_grants() {
        let base = crate::Engine::embedded().unwrap().document().clone();
        let towns: Vec<String> = base.towns.iter().map(|t| t.id.clone()).collect();
        let codes: Vec<String> = base.items.iter().map(|i| i.code.clone()).collect();
        let classes = [
            TownClass::DevelopedTown,
            TownClass::KeyIndustryTown,
            TownClass::MainUrbanSubdistrict,
        ];
        let template = base.grants[0].clone();
        let mut state = 7u32;
        let mut next = |n: usize| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 8) as usize % n
        };
        let mut checked = 0;
        for _ in 0..40 {
            let mut doc = base.clone();
            for g in 0..30 {
                let mut spec = template.clone();
                spec.id = format!("T-{g}");
                spec.mode = if next(2) == 0 {
                    GrantMode::Delegation
                } else {
                    GrantMode::Entrustment
                };
                spec.grantee = if next(4) == 0 {
                    Grantee::Class(classes[next(3)])
                } else {
                    Grantee::Towns(
                        (0..1 + next(3))
                            .map(|_| towns[next(towns.len())].clone())
                            .collect(),
                    )
                };
                // A few codes only, so grants collide; now and then an unknown one.
                spec.items = (0..1 + next(3))
                    .map(|_| match next(8) {
                        0 => "NO-SUCH".to_owned(),
                        i => codes[i % 4].clone(),
                    })
                    .collect();
                let day = |n: usize| {
                    Date(
                        chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
                            + chrono::Days::new(n as u64),
                    )
                };
                spec.effective = day(next(400));
                spec.revoked = (next(3) == 0).then(|| day(next(600)));
                doc.grants.push(spec);
            }
            let expected = reference_overlaps(&doc);
            let got: Vec<(String, String, String)> = validate(&doc)
                .into_iter()
                .filter(|d| d.code == "grant.mode_conflict" || d.code == "grant.duplicate_coverage")
                .map(|d| (d.path, d.code.to_string(), d.message_en))
                .collect();
            assert_eq!(got, expected);
            checked += expected.len();
        }
        assert!(checked > 50, "the draws should overlap often: {checked}");
    }
}
