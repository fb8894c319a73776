//! The staffing decisions (see `docs/staffing.md`, whose section numbers the comments follow).

use crate::answer::{BodyView, RulesetRef, Tracer};
use std::collections::{BTreeMap, HashMap, HashSet};

use super::report::{
    Check, CheckLevel, DistrictReport, Figures, RotationEntry, RotationStatus, StaffingReport,
    Threshold, TownRow,
};
use super::roster::{DistrictStaffing, Person, Role, Roster};
use crate::answer::TraceStep;
use crate::citation::CitationText;
use crate::diagnostic::{Diagnostic, InputError};
use crate::limits;
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::engine::in_force;
use crate::ruleset::source::{Dated, Ratio};
use crate::ruleset::{Body, BodyKind, Engine};
use crate::time::{add_months, Date};

/// Art. 42: never fewer than two officers.
const MIN_OFFICERS: u64 = 2;

fn err(code: &str, path: impl Into<String>, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, path, zh, en)
}

/// ⌈n × num / den⌉ in integers (den > 0 is guaranteed by validation; 0 yields 0).
pub(crate) fn ceil_share(n: u64, r: Ratio) -> u64 {
    let den = u64::from(r.denominator);
    if den == 0 {
        return 0;
    }
    (n * u64::from(r.numerator)).div_ceil(den)
}

fn figures<const N: usize>(pairs: [(&'static str, u64); N]) -> Figures {
    BTreeMap::from(pairs)
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn ids<'p>(people: impl Iterator<Item = &'p Person>) -> Vec<String> {
    people.map(|p| p.id.clone()).collect()
}

/// [`named`] for an English message.
fn named_en(roster: &Roster, ids: &[String]) -> String {
    named(roster, ids).replace('、', ", ")
}

/// People as a clerk knows them: `陈静(zc-05)`, in the given order.
fn named(roster: &Roster, ids: &[String]) -> String {
    ids.iter()
        .map(|id| match roster.people.iter().find(|p| &p.id == id) {
            Some(p) if !p.name.is_empty() => format!("{}({id})", p.name),
            _ => id.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The parameters a roster check reads, in force on the roster date.
struct Params<'e> {
    min_staff: &'e Dated<u32>,
    reviewer_share: &'e Dated<Ratio>,
    rotation: &'e Dated<crate::ruleset::source::RotationYears>,
}

fn town_view(b: &Body) -> BodyView {
    BodyView::of(b)
}

impl Engine {
    /// Checks a town's roster on its date (Plan §3, §7, §8, §9; 行政处罚法 Art. 42, 58).
    /// Pure: no I/O, no global state.
    pub fn check_staffing(&self, roster: &Roster) -> Result<StaffingReport, InputError> {
        self.staffing_with(roster, "", &mut Tracer(None))
    }

    /// [`Engine::check_staffing`], recording the step-by-step explanation in `trace`.
    pub fn check_staffing_traced(
        &self,
        roster: &Roster,
        trace: &mut Vec<TraceStep>,
    ) -> Result<StaffingReport, InputError> {
        self.staffing_with(roster, "", &mut Tracer(Some(trace)))
    }

    /// Checks the district's secondment share and every roster given (Plan §7).
    pub fn check_staffing_district(
        &self,
        request: &DistrictStaffing,
    ) -> Result<DistrictReport, InputError> {
        self.district_with(request, &mut Tracer(None))
    }

    /// [`Engine::check_staffing_district`], recording the step-by-step explanation in `trace`.
    pub fn check_staffing_district_traced(
        &self,
        request: &DistrictStaffing,
        trace: &mut Vec<TraceStep>,
    ) -> Result<DistrictReport, InputError> {
        self.district_with(request, &mut Tracer(Some(trace)))
    }

    fn staffing_town(&self, id: &str, path: String) -> Result<&Body, Diagnostic> {
        self.body(id)
            .filter(|b| matches!(b.kind, BodyKind::Town | BodyKind::Subdistrict))
            .ok_or_else(|| {
                err(
                    "staffing.unknown_town",
                    path,
                    format!("{id} 不是规则集中的镇或街道"),
                    format!("{id:?} is not a town or subdistrict of the rule set"),
                )
                .expected("a town or subdistrict id")
            })
    }

    /// §0: input checks. `prefix` is the path of the roster inside a larger request.
    fn check_roster(&self, roster: &Roster, prefix: &str) -> Result<&Body, InputError> {
        limits::check_len(
            &format!("{prefix}people"),
            roster.people.len(),
            limits::MAX_ROSTER_PEOPLE,
        )?;
        let mut errors = Vec::new();
        let town = match self.staffing_town(&roster.town, format!("{prefix}town")) {
            Ok(b) => Some(b),
            Err(d) => {
                errors.push(d);
                None
            }
        };
        let mut seen = HashSet::new();
        let mut certificates: HashMap<&str, usize> = HashMap::new();
        for (i, p) in roster.people.iter().enumerate() {
            let at = |field: &str| format!("{prefix}people[{i}].{field}");
            // One certificate is one person: the same number under two ids
            // would count one officer twice in every quota.
            if let Some(c) = p
                .certificate
                .as_ref()
                .filter(|_| !seen.contains(p.id.as_str()))
            {
                let number = c.number.trim();
                if let Some(&first) = certificates.get(number) {
                    errors.push(
                        err(
                            "staffing.duplicate_certificate",
                            at("certificate.number"),
                            format!(
                                "执法证号 {number} 已用于 people[{first}]（同一人不能以两个标识计入名册）"
                            ),
                            format!(
                                "certificate number {number} is already used by people[{first}]: one person cannot be counted under two ids"
                            ),
                        )
                        .with_value(number),
                    );
                } else if !number.is_empty() {
                    certificates.insert(number, i);
                }
            }
            if !seen.insert(p.id.as_str()) {
                errors.push(err(
                    "staffing.duplicate_person",
                    at("id"),
                    format!("人员标识 {} 重复", p.id),
                    format!("person id {} is listed twice", p.id),
                ));
            }
            if let Some(c) = &p.certificate {
                if c.valid_to < c.valid_from {
                    errors.push(
                        err(
                            "staffing.dates_out_of_order",
                            at("certificate.valid_to"),
                            format!("执法证有效期止日 {} 早于起日 {}", c.valid_to, c.valid_from),
                            format!(
                                "the certificate's valid_to {} is before its valid_from {}",
                                c.valid_to, c.valid_from
                            ),
                        )
                        .expected("valid_from ≤ valid_to"),
                    );
                }
            }
            if let Some(s) = &p.secondment {
                if self.body(&s.from).map(|b| b.kind) != Some(BodyKind::Department) {
                    errors.push(
                        err(
                            "staffing.unknown_department",
                            at("secondment.from"),
                            format!("{} 不是规则集中的区级部门", s.from),
                            format!("{:?} is not a department of the rule set", s.from),
                        )
                        .expected("a department id"),
                    );
                }
                if s.since > roster.as_of {
                    errors.push(
                        err(
                            "staffing.dates_out_of_order",
                            at("secondment.since"),
                            format!("下沉日期 {} 晚于名册日期 {}", s.since, roster.as_of),
                            format!(
                                "the secondment date {} is after the roster date {}",
                                s.since, roster.as_of
                            ),
                        )
                        .expected("since ≤ as_of"),
                    );
                }
            }
            if let Some(since) = p.front_line_since {
                if since > roster.as_of {
                    errors.push(
                        err(
                            "staffing.dates_out_of_order",
                            at("front_line_since"),
                            format!("到执法一线日期 {since} 晚于名册日期 {}", roster.as_of),
                            format!(
                                "front_line_since {since} is after the roster date {}",
                                roster.as_of
                            ),
                        )
                        .expected("front_line_since ≤ as_of"),
                    );
                }
            }
            if p.role == Role::LegalReviewer && !p.legal_reviewer {
                errors.push(
                    err(
                        "staffing.reviewer_role_without_designation",
                        at("legal_reviewer"),
                        format!("{} 的岗位是法制审核，但未明确为法制审核人员", p.id),
                        format!(
                            "{} holds the legal-reviewer post but is not designated a legal reviewer",
                            p.id
                        ),
                    )
                    .expected("true"),
                );
            }
        }
        match town {
            Some(t) if errors.is_empty() => Ok(t),
            _ => Err(InputError {
                diagnostics: errors,
            }),
        }
    }

    fn staffing_params(&self, d: Date) -> Result<Params<'_>, InputError> {
        let p = self.parameters();
        Ok(Params {
            min_staff: in_force(&p.centre_min_formal_staff, d)
                .ok_or_else(|| self.parameter_not_in_force("centre_min_formal_staff", d))?,
            reviewer_share: in_force(&p.legal_reviewer_share, d)
                .ok_or_else(|| self.parameter_not_in_force("legal_reviewer_share", d))?,
            rotation: in_force(&p.rotation_years, d)
                .ok_or_else(|| self.parameter_not_in_force("rotation_years", d))?,
        })
    }

    fn rule_citations(&self, rule: RuleId, param: Option<CitationText>) -> Vec<CitationText> {
        let mut c = self.render_citations(rule);
        if let Some(p) = param {
            if !c.contains(&p) {
                c.push(p);
            }
        }
        c
    }

    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        rule: RuleId,
        level: CheckLevel,
        passed: bool,
        figures: Figures,
        people: Vec<String>,
        param: Option<CitationText>,
        zh: String,
        en: String,
    ) -> Check {
        Check {
            id: rule.id(),
            rule,
            level,
            passed,
            figures,
            people,
            citations: self.rule_citations(rule, param),
            message_zh: zh,
            message_en: en,
        }
    }

    fn staffing_with(
        &self,
        roster: &Roster,
        prefix: &str,
        t: &mut Tracer<'_>,
    ) -> Result<StaffingReport, InputError> {
        let town = self.check_roster(roster, prefix)?;
        let d = roster.as_of;
        let params = self.staffing_params(d)?;
        let plan = self.plan_title();
        let people = &roster.people;
        let mut checks = Vec::with_capacity(8);

        // §1 Centre formal staff (Plan §3).
        let formal: Vec<String> = ids(people
            .iter()
            .filter(|p| p.centre_staff && p.establishment.is_formal()));
        let required = u64::from(params.min_staff.value);
        let n_formal = count(formal.len());
        let ok = n_formal >= required;
        checks.push(self.check(
            RuleId::StaffingCentreMinimum,
            CheckLevel::Requirement,
            ok,
            figures([
                ("formal_staff", n_formal),
                ("required", required),
                ("missing", required.saturating_sub(n_formal)),
            ]),
            formal,
            Some(params.min_staff.citation.render(plan)),
            if ok {
                format!("综合执法中心有正式工作人员 {n_formal} 名，不少于 {required} 名")
            } else {
                format!(
                    "综合执法中心仅有正式工作人员 {n_formal} 名，少于 {required} 名，缺 {} 名",
                    required - n_formal
                )
            },
            if ok {
                format!("the enforcement centre has {n_formal} formal staff, at least {required}")
            } else {
                format!(
                    "the enforcement centre has only {n_formal} formal staff, fewer than {required}: {} missing",
                    required - n_formal
                )
            },
        ));

        // §2 Legal reviewers ≥ ⌈N × share⌉ (Plan §8).
        let n_enf = count(
            people
                .iter()
                .filter(|p| p.establishment.is_formal() && p.role.is_enforcement())
                .count(),
        );
        let share = params.reviewer_share.value;
        let needed = ceil_share(n_enf, share);
        let reviewers: Vec<String> = ids(people
            .iter()
            .filter(|p| p.legal_reviewer && p.establishment.is_formal()));
        let n_rev = count(reviewers.len());
        let ok = n_rev >= needed;
        checks.push(self.check(
            RuleId::StaffingReviewerShare,
            CheckLevel::Requirement,
            ok,
            figures([
                ("enforcement_staff", n_enf),
                ("numerator", u64::from(share.numerator)),
                ("denominator", u64::from(share.denominator)),
                ("required", needed),
                ("legal_reviewers", n_rev),
                ("missing", needed.saturating_sub(n_rev)),
            ]),
            reviewers,
            Some(params.reviewer_share.citation.render(plan)),
            format!(
                "执法人员 {n_enf} 名，按 {} 向上取整需法制审核人员 {needed} 名，现有 {n_rev} 名{}",
                share.percent(),
                if ok {
                    String::new()
                } else {
                    format!("，缺 {} 名", needed - n_rev)
                }
            ),
            format!(
                "{n_enf} enforcement staff need ⌈{n_enf} × {}⌉ = {needed} legal reviewer(s); there are {n_rev}{}",
                share.percent(),
                if ok {
                    String::new()
                } else {
                    format!(", {} missing", needed - n_rev)
                }
            ),
        ));

        // §3 Certificates (Plan §8).
        let holders: Vec<&Person> = people
            .iter()
            .filter(|p| match p.establishment {
                super::Establishment::Administrative => true,
                super::Establishment::Career => p.role.is_enforcement(),
                super::Establishment::Auxiliary => false,
            })
            .collect();
        let lacking: Vec<String> = ids(holders
            .iter()
            .copied()
            .filter(|p| !p.certificate.as_ref().is_some_and(|c| c.valid_on(d))));
        let n_hold = count(holders.len());
        let n_lack = count(lacking.len());
        let ok = lacking.is_empty();
        let (zh, en) = if ok {
            (
                format!("应持证人员 {n_hold} 名均持有 {d} 有效的执法证"),
                format!("all {n_hold} people who must hold a certificate hold one valid on {d}"),
            )
        } else {
            (
                format!(
                    "应持证人员 {n_hold} 名中 {n_lack} 名在 {d} 无有效执法证：{}",
                    named(roster, &lacking)
                ),
                format!(
                    "{n_lack} of {n_hold} people who must hold a certificate hold none valid on {d}: {}",
                    named_en(roster, &lacking)
                ),
            )
        };
        checks.push(self.check(
            RuleId::StaffingCertificates,
            CheckLevel::Requirement,
            ok,
            figures([
                ("required_holders", n_hold),
                ("valid", n_hold - n_lack),
                ("lacking", n_lack),
            ]),
            lacking,
            None,
            zh,
            en,
        ));

        // §4 Auxiliary staff assist only (Plan §9).
        let n_aux = count(
            people
                .iter()
                .filter(|p| !p.establishment.is_formal())
                .count(),
        );
        let offending: Vec<String> = ids(people.iter().filter(|p| {
            !p.establishment.is_formal()
                && (p.role.is_enforcement() || p.role == Role::LegalReviewer || p.legal_reviewer)
        }));
        let n_off = count(offending.len());
        let ok = offending.is_empty();
        let (zh, en) = if ok {
            (
                format!("辅助人员 {n_aux} 名均只从事辅助性事务"),
                format!("all {n_aux} auxiliary staff only assist"),
            )
        } else {
            (
                format!(
                    "辅助人员担任执法或法制审核岗位：{}（辅助人员只能配合执法人员从事辅助性事务）",
                    named(roster, &offending)
                ),
                format!(
                    "auxiliary staff hold an enforcement or legal-review post: {} (they may only assist)",
                    named_en(roster, &offending)
                ),
            )
        };
        checks.push(self.check(
            RuleId::StaffingAuxiliary,
            CheckLevel::Requirement,
            ok,
            figures([("auxiliary", n_aux), ("in_enforcement_posts", n_off)]),
            offending,
            None,
            zh,
            en,
        ));

        // §5 First-time reviewers hold the legal-profession qualification (Art. 58(2)).
        let first: Vec<&Person> = people
            .iter()
            .filter(|p| p.legal_reviewer && p.first_time_reviewer)
            .collect();
        let unqualified: Vec<String> =
            ids(first.iter().copied().filter(|p| !p.legal_qualification));
        let n_first = count(first.len());
        let n_unq = count(unqualified.len());
        let ok = unqualified.is_empty();
        let (zh, en) = if ok {
            (
                format!("初次从事法制审核的人员 {n_first} 名均已取得法律职业资格"),
                format!("all {n_first} first-time legal reviewers hold the legal-profession qualification"),
            )
        } else {
            (
                format!(
                    "初次从事法制审核的人员未取得法律职业资格：{}",
                    named(roster, &unqualified)
                ),
                format!(
                    "first-time legal reviewers without the legal-profession qualification: {}",
                    named_en(roster, &unqualified)
                ),
            )
        };
        checks.push(self.check(
            RuleId::StaffingReviewerQualification,
            CheckLevel::Requirement,
            ok,
            figures([("first_time_reviewers", n_first), ("unqualified", n_unq)]),
            unqualified,
            None,
            zh,
            en,
        ));

        // §6 At least two certified officers (Art. 42).
        let officers: Vec<String> = ids(people.iter().filter(|p| {
            p.establishment.is_formal()
                && p.role.is_enforcement()
                && p.certificate.as_ref().is_some_and(|c| c.valid_on(d))
        }));
        let n_off = count(officers.len());
        let ok = n_off >= MIN_OFFICERS;
        checks.push(self.check(
            RuleId::StaffingTwoOfficers,
            CheckLevel::Requirement,
            ok,
            figures([("certified_officers", n_off), ("required", MIN_OFFICERS)]),
            officers,
            None,
            format!(
                "{d} 持有效执法证的执法人员 {n_off} 名，{}",
                if ok {
                    "不少于两人"
                } else {
                    "少于两人"
                }
            ),
            format!(
                "{n_off} certified officer(s) on {d}: {}",
                if ok { "at least two" } else { "fewer than two" }
            ),
        ));

        // §7 Rotation (Plan §7; 民法典 Art. 201–203, 1259).
        let years = params.rotation.value;
        let mut rotation = Vec::new();
        for (i, p) in people.iter().enumerate() {
            let Some(since) = p.front_line_since else {
                continue;
            };
            if !p.establishment.is_formal() {
                continue;
            }
            let path = format!("{prefix}people[{i}].front_line_since");
            let may = threshold(since, years.may, &path)?;
            let must = threshold(since, years.must, &path)?;
            let status = if d >= must.reached_from {
                RotationStatus::Must
            } else if d >= may.reached_from {
                RotationStatus::May
            } else {
                RotationStatus::NotYet
            };
            rotation.push(RotationEntry {
                person: p.id.clone(),
                name: p.name.clone(),
                front_line_since: since,
                may,
                must,
                status,
            });
        }
        let rot_cite = params.rotation.citation.render(plan);
        let may_ids: Vec<String> = rotation
            .iter()
            .filter(|r| r.status == RotationStatus::May)
            .map(|r| r.person.clone())
            .collect();
        let must_ids: Vec<String> = rotation
            .iter()
            .filter(|r| r.status == RotationStatus::Must)
            .map(|r| r.person.clone())
            .collect();
        let n_may = count(may_ids.len());
        let n_must = count(must_ids.len());
        checks.push(self.check(
            RuleId::StaffingRotationMay,
            CheckLevel::Information,
            true,
            figures([("years", u64::from(years.may)), ("may_rotate", n_may)]),
            may_ids.clone(),
            Some(rot_cite.clone()),
            if may_ids.is_empty() {
                format!("{d} 无在执法一线工作满{}年（未满{}年）的干部", years.may, years.must)
            } else {
                format!(
                    "在执法一线工作满{}年（未满{}年）、可以交流的干部：{}",
                    years.may,
                    years.must,
                    named(roster, &may_ids)
                )
            },
            if may_ids.is_empty() {
                format!(
                    "on {d} no cadre has {} full years (but fewer than {}) on the front line",
                    years.may, years.must
                )
            } else {
                format!(
                    "cadres with {} full years (fewer than {}) on the front line, who may be rotated: {}",
                    years.may,
                    years.must,
                    named_en(roster, &may_ids)
                )
            },
        ));
        let ok = must_ids.is_empty();
        checks.push(self.check(
            RuleId::StaffingRotationMust,
            CheckLevel::Requirement,
            ok,
            figures([("years", u64::from(years.must)), ("must_rotate", n_must)]),
            must_ids.clone(),
            Some(rot_cite),
            if ok {
                format!("{d} 无在执法一线工作满{}年的干部", years.must)
            } else {
                format!(
                    "在执法一线工作满{}年、必须交流的干部：{}",
                    years.must,
                    named(roster, &must_ids)
                )
            },
            if ok {
                format!(
                    "on {d} no cadre has {} full years on the front line",
                    years.must
                )
            } else {
                format!(
                    "cadres with {} full years on the front line, who must be rotated: {}",
                    years.must,
                    named_en(roster, &must_ids)
                )
            },
        ));

        let mut rules = RuleSet::new();
        for c in &checks {
            rules.insert(c.rule);
            let rule = c.rule;
            t.step(Some(rule), || {
                let mark = |zh: bool| match (c.level, c.passed, zh) {
                    (CheckLevel::Information, _, true) => "提示",
                    (CheckLevel::Information, _, false) => "info",
                    (_, true, true) => "符合",
                    (_, true, false) => "pass",
                    (_, false, true) => "不符合",
                    (_, false, false) => "FAIL",
                };
                (
                    format!("[{}] {}", mark(true), c.message_zh),
                    format!("[{}] {}", mark(false), c.message_en),
                )
            });
        }
        let passed = checks.iter().all(|c| c.passed);
        let seconded = count(
            people
                .iter()
                .filter(|p| p.secondment.is_some() && p.establishment.is_formal())
                .count(),
        );
        Ok(StaffingReport {
            ruleset: RulesetRef::of(self),
            town: town_view(town),
            as_of: d,
            passed,
            figures: figures([
                ("people", count(people.len())),
                ("formal_centre_staff", n_formal),
                ("enforcement_staff", n_enf),
                ("legal_reviewers", n_rev),
                ("legal_reviewers_required", needed),
                ("certified_officers", n_off),
                ("seconded", seconded),
                ("auxiliary", n_aux),
            ]),
            checks,
            rotation,
            rules,
        })
    }

    fn district_with(
        &self,
        req: &DistrictStaffing,
        t: &mut Tracer<'_>,
    ) -> Result<DistrictReport, InputError> {
        limits::check_len("seconded", req.seconded.len(), limits::MAX_DISTRICT_TOWNS)?;
        limits::check_len("rosters", req.rosters.len(), limits::MAX_DISTRICT_TOWNS)?;
        let d = req.as_of;
        let mut errors = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut rows = Vec::new();
        for (i, s) in req.seconded.iter().enumerate() {
            match self.staffing_town(&s.town, format!("seconded[{i}].town")) {
                Ok(b) => rows.push(TownRow {
                    town: town_view(b),
                    source: "count",
                    seconded: u64::from(s.seconded),
                    passed: None,
                    failed: Vec::new(),
                    figures: Figures::new(),
                }),
                Err(e) => errors.push(e),
            }
            if !seen.insert(s.town.as_str()) {
                errors.push(duplicate_town(format!("seconded[{i}].town"), &s.town));
            }
        }
        for (i, r) in req.rosters.iter().enumerate() {
            if !seen.insert(r.town.as_str()) {
                errors.push(duplicate_town(format!("rosters[{i}].town"), &r.town));
            }
            if r.as_of != d {
                errors.push(
                    err(
                        "staffing.as_of_mismatch",
                        format!("rosters[{i}].as_of"),
                        format!("名册日期 {} 与区级数据日期 {d} 不一致", r.as_of),
                        format!(
                            "the roster date {} differs from the district date {d}",
                            r.as_of
                        ),
                    )
                    .expected(d.to_string()),
                );
            }
        }
        if req.district_strength == 0 {
            errors.push(
                err(
                    "staffing.district_strength_zero",
                    "district_strength",
                    "区级执法力量总数应大于零".into(),
                    "the district enforcement strength must be more than zero".into(),
                )
                .expected("a positive count"),
            );
        }
        if !errors.is_empty() {
            return Err(InputError {
                diagnostics: errors,
            });
        }
        let share_param = in_force(&self.parameters().district_secondment_share, d)
            .ok_or_else(|| self.parameter_not_in_force("district_secondment_share", d))?;
        let mut rules = RuleSet::new();
        let mut totals = Figures::new();
        let mut add = |k: &'static str, v: u64| *totals.entry(k).or_insert(0) += v;
        let mut rosters_ok = true;
        for (i, r) in req.rosters.iter().enumerate() {
            let prefix = format!("rosters[{i}].");
            let report = self.staffing_with(r, &prefix, &mut Tracer(None))?;
            for id in report.rules.iter() {
                rules.insert(id);
            }
            rosters_ok &= report.passed;
            add("rosters", 1);
            add(
                if report.passed {
                    "rosters_passed"
                } else {
                    "rosters_failed"
                },
                1,
            );
            for key in [
                "formal_centre_staff",
                "enforcement_staff",
                "legal_reviewers",
                "certified_officers",
            ] {
                add(key, report.figures.get(key).copied().unwrap_or(0));
            }
            let seconded = report.figures.get("seconded").copied().unwrap_or(0);
            let failed: Vec<&'static str> = report
                .checks
                .iter()
                .filter(|c| !c.passed)
                .map(|c| c.id)
                .collect();
            t.step(None, || {
                (
                    format!(
                        "{}:{}",
                        report.town.name_zh(),
                        if failed.is_empty() {
                            "各项要求均符合".to_owned()
                        } else {
                            format!("不符合 {}", failed.join("、"))
                        }
                    ),
                    format!(
                        "{}: {}",
                        report.town.name_en(),
                        if failed.is_empty() {
                            "every requirement met".to_owned()
                        } else {
                            format!("fails {}", failed.join(", "))
                        }
                    ),
                )
            });
            rows.push(TownRow {
                town: report.town,
                source: "roster",
                seconded,
                passed: Some(report.passed),
                failed,
                figures: report.figures,
            });
        }
        let total: u64 = rows.iter().map(|r| r.seconded).sum();
        let strength = u64::from(req.district_strength);
        if total > strength {
            return Err(InputError::single(
                err(
                    "staffing.seconded_exceeds_strength",
                    "district_strength",
                    format!("下沉人数合计 {total} 超过区级执法力量总数 {strength}"),
                    format!("the seconded total {total} exceeds the district strength {strength}"),
                )
                .expected(format!("at least {total}")),
            ));
        }
        add("towns", count(rows.len()));
        add("seconded", total);
        add("district_strength", strength);
        let share = share_param.value;
        let required = ceil_share(strength, share);
        // 以上 includes the number (民法典 Art. 1259): seconded / strength ≥ num / den.
        let ok = total * u64::from(share.denominator) >= strength * u64::from(share.numerator);
        let pct_zh = share.percent();
        let check = self.check(
            RuleId::StaffingDistrictSecondment,
            CheckLevel::Requirement,
            ok,
            figures([
                ("seconded", total),
                ("district_strength", strength),
                ("numerator", u64::from(share.numerator)),
                ("denominator", u64::from(share.denominator)),
                ("required", required),
                ("missing", required.saturating_sub(total)),
            ]),
            Vec::new(),
            Some(share_param.citation.render(self.plan_title())),
            format!(
                "区级执法力量 {strength} 名中下沉镇(街道) {total} 名；{pct_zh}以上（含本数）需至少 {required} 名，{}",
                if ok {
                    "符合".to_owned()
                } else {
                    format!("缺 {} 名", required - total)
                }
            ),
            format!(
                "{total} of the district's {strength} enforcement staff are seconded to towns; {pct_zh} or more (the number included) needs at least {required}: {}",
                if ok {
                    "met".to_owned()
                } else {
                    format!("{} missing", required - total)
                }
            ),
        );
        rules.insert(RuleId::StaffingDistrictSecondment);
        t.step(Some(RuleId::StaffingDistrictSecondment), || {
            (check.message_zh.clone(), check.message_en.clone())
        });
        Ok(DistrictReport {
            ruleset: RulesetRef::of(self),
            as_of: d,
            passed: ok && rosters_ok,
            checks: vec![check],
            towns: rows,
            totals,
            rules,
        })
    }
}

fn duplicate_town(path: String, town: &str) -> Diagnostic {
    err(
        "staffing.duplicate_town",
        path,
        format!("镇(街道) {town} 重复出现"),
        format!("town {town} appears twice"),
    )
}

/// The period of `years` whole years from `since` (民法典 Art. 201–202): its last day is the
/// corresponding day `years × 12` months later (that month's last day where there is none);
/// the years are full (满) from the next day, once the last day has run to its end (Art. 203 ¶2).
fn threshold(since: Date, years: u32, path: &str) -> Result<Threshold, InputError> {
    let out_of_range = || {
        InputError::single(err(
            "date.invalid",
            path,
            "日期超出可计算范围".into(),
            "the date is outside the range periods can be counted in".into(),
        ))
    };
    let last_day = add_months(since, years.saturating_mul(12)).ok_or_else(out_of_range)?;
    let reached_from = last_day.0.succ_opt().map(Date).ok_or_else(out_of_range)?;
    Ok(Threshold {
        years,
        last_day,
        reached_from,
    })
}

impl StaffingReport {
    /// A short explanation: `(Chinese, English)`.
    pub fn summary(&self) -> (String, String) {
        summarise(
            self.town.name_zh(),
            self.town.name_en(),
            self.as_of,
            &self.checks,
        )
    }
}

impl DistrictReport {
    /// A short explanation: `(Chinese, English)`.
    pub fn summary(&self) -> (String, String) {
        let rosters = self.totals.get("rosters").copied().unwrap_or(0);
        let failed = self.totals.get("rosters_failed").copied().unwrap_or(0);
        let (mut zh, mut en) = self
            .checks
            .first()
            .map(|c| (c.message_zh.clone(), c.message_en.clone()))
            .unwrap_or_default();
        zh.push_str(&format!("。核查名册 {rosters} 份，不符合 {failed} 份。"));
        en.push_str(&format!(". {rosters} roster(s) checked, {failed} failing."));
        (zh, en)
    }
}

fn summarise(town_zh: &str, town_en: &str, d: Date, checks: &[Check]) -> (String, String) {
    let reqs = checks
        .iter()
        .filter(|c| c.level == CheckLevel::Requirement)
        .count();
    let failed: Vec<&str> = checks.iter().filter(|c| !c.passed).map(|c| c.id).collect();
    if failed.is_empty() {
        (
            format!("{town_zh} {d} 人员配备 {reqs} 项要求均符合。"),
            format!("{town_en} on {d}: all {reqs} staffing requirements are met."),
        )
    } else {
        (
            format!(
                "{town_zh} {d} 人员配备 {reqs} 项要求中 {} 项不符合：{}。",
                failed.len(),
                failed
                    .iter()
                    .map(|id| super::CHECK_NAMES.get(id).map_or(*id, |l| l.zh))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            format!(
                "{town_en} on {d}: {} of {reqs} staffing requirements fail: {}.",
                failed.len(),
                failed
                    .iter()
                    .map(|id| super::CHECK_NAMES.get(id).map_or(*id, |l| l.en))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn reviewer_share_rounds_up_in_integers() {
        let five = Ratio {
            numerator: 5,
            denominator: 100,
        };
        let got: Vec<u64> = [0, 1, 19, 20, 21, 40, 41]
            .iter()
            .map(|n| ceil_share(*n, five))
            .collect();
        assert_eq!(got, vec![0, 1, 1, 1, 2, 2, 3]);
    }

    #[test]
    fn full_years_are_reached_the_day_after_the_last_day() {
        let t = threshold(d("2020-02-29"), 6, "").unwrap();
        assert_eq!(
            (t.last_day, t.reached_from),
            (d("2026-02-28"), d("2026-03-01"))
        );
        let t = threshold(d("2022-02-28"), 3, "").unwrap();
        assert_eq!(
            (t.last_day, t.reached_from),
            (d("2025-02-28"), d("2025-03-01"))
        );
        let t = threshold(d("2021-02-28"), 3, "").unwrap();
        assert_eq!(
            (t.last_day, t.reached_from),
            (d("2024-02-28"), d("2024-02-29"))
        );
    }
}
