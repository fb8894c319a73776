//! The routing decision (see `docs/routing.md`, whose step numbers the comments follow).

use super::case::{Case, CaseDates, Party};
use super::ruling::{
    DateBasis, Designation, DesignationGround, Disposition, Hearing, HearingGround, ItemRuling,
    ItemStatus, LegalReview, LegalReviewGround, Movement, Ruling, RulingWarning, TransitionInfo,
};
use crate::answer::{TraceStep, Tracer};
use crate::diagnostic::{Diagnostic, InputError};
use crate::limits;
use crate::money::Money;
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::engine::{in_force, sanction_bit, Cover, Reach};
use crate::ruleset::source::{FineParty, GrantMode, ItemKind, PartyAmounts, Ratio, Sanction};
use crate::ruleset::{Body, BodyKind, Engine};
use crate::time::period_last_day_in_days;
use crate::time::{period_last_day, Date};

/// How the town holds every item of the case.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Delegation,
    Entrustment(u32),
    Mixed,
}

fn err(code: &str, path: impl Into<String>, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, path, zh, en)
}

impl Engine {
    /// Routes a case. Pure: no I/O, no global state; the only allocation is the per-item list.
    pub fn route<'e>(&'e self, case: &Case) -> Result<Ruling<'e>, InputError> {
        self.route_with(case, Tracer(None))
    }

    /// Routes a case and records the step-by-step explanation in `trace`.
    pub fn route_traced<'e>(
        &'e self,
        case: &Case,
        trace: &mut Vec<TraceStep>,
    ) -> Result<Ruling<'e>, InputError> {
        self.route_with(case, Tracer(Some(trace)))
    }

    fn check_case(&self, case: &Case) -> Result<(), InputError> {
        limits::check_len("items", case.items.len(), limits::MAX_LIST_ENTRIES)?;
        limits::check_len("sanctions", case.sanctions.len(), limits::MAX_LIST_ENTRIES)?;
        let mut errors = Vec::new();
        if case.items.is_empty() {
            errors.push(err(
                "case.no_items",
                "items",
                "案件未列明事项".into(),
                "the case names no items".into(),
            ));
        }
        for (i, code) in case.items.iter().enumerate() {
            if !self.inner.item_index.contains_key(code.as_str()) {
                errors.push(
                    err(
                        "case.unknown_item",
                        format!("items[{i}]"),
                        format!("规则集中没有事项 {code}"),
                        format!("no item {code:?} in the rule set"),
                    )
                    .expected("an item code of the rule set"),
                );
            } else if case.items.iter().take(i).any(|c| c == code) {
                errors.push(err(
                    "case.duplicate_item",
                    format!("items[{i}]"),
                    format!("事项 {code} 重复"),
                    format!("item {code} is listed twice"),
                ));
            }
        }
        let location_ok = self.body(&case.location).is_some_and(|b| {
            matches!(
                b.kind,
                BodyKind::Town | BodyKind::Subdistrict | BodyKind::ManagementCentre
            )
        });
        if !location_ok {
            errors.push(
                err(
                    "case.unknown_location",
                    "location",
                    format!("{} 不是规则集中的镇、街道或管理服务中心", case.location),
                    format!(
                        "{:?} is not a town, subdistrict or management centre of the rule set",
                        case.location
                    ),
                )
                .expected("a town, subdistrict or management centre id"),
            );
        }
        let d = &case.dates;
        if d.violation.is_none() && d.discovery.is_none() && d.filing.is_none() {
            errors.push(err(
                "case.no_date",
                "dates",
                "至少应提供违法行为发生日、发现日或立案日之一".into(),
                "give at least one of the violation, discovery or filing dates".into(),
            ));
        }
        if let (Some(v), Some(e)) = (d.violation, d.violation_end) {
            if e < v {
                errors.push(
                    err(
                        "case.dates_out_of_order",
                        "dates.violation_end",
                        format!("违法行为终了日 {e} 早于发生日 {v}"),
                        format!("the violation's end {e} is before its start {v}"),
                    )
                    .expected("violation ≤ violation_end"),
                );
            }
        }
        let seq = [
            ("violation", "违法行为发生日", d.violation),
            ("discovery", "发现日", d.discovery),
            ("filing", "立案日", d.filing),
            ("decision", "决定日", d.decision),
        ];
        let mut latest: Option<(&str, &str, Date)> = None;
        for (name, name_zh, date) in seq {
            let Some(date) = date else { continue };
            if let Some((prev_name, prev_zh, prev)) = latest {
                // Strictly before: the same day is in order.
                if date < prev {
                    errors.push(
                        err(
                            "case.dates_out_of_order",
                            format!("dates.{name}"),
                            format!("{name_zh} {date} 早于{prev_zh} {prev}"),
                            format!("the {name} date {date} is before the {prev_name} date {prev}"),
                        )
                        .expected("violation ≤ discovery ≤ filing ≤ decision"),
                    );
                    continue;
                }
            }
            latest = Some((name, name_zh, date));
        }
        for (i, s) in case.sanctions.iter().enumerate() {
            if case.sanctions.iter().take(i).any(|t| t == s) {
                errors.push(err(
                    "case.duplicate_sanction",
                    format!("sanctions[{i}]"),
                    format!("处罚种类 {} 重复", s.name_zh()),
                    format!("sanction {} is listed twice", s.as_str()),
                ));
            }
        }
        let has_fine = case.sanctions.contains(&Sanction::Fine);
        match (has_fine, case.fine) {
            (true, None) => errors.push(
                err(
                    "case.fine_missing",
                    "fine",
                    "拟处罚款但未给出罚款数额".into(),
                    "a fine is proposed but no amount is given".into(),
                )
                .expected("the fine in yuan, e.g. \"50000\""),
            ),
            (false, Some(_)) => errors.push(err(
                "case.fine_without_sanction",
                "fine",
                "给出了罚款数额，但处罚种类中没有罚款".into(),
                "a fine amount is given but the sanctions do not include a fine".into(),
            )),
            (true, Some(f)) if f.is_zero() => errors.push(err(
                "case.fine_not_positive",
                "fine",
                "罚款数额应大于零".into(),
                "the fine must be more than zero".into(),
            )),
            _ => {}
        }
        if let Some(body) = &case.opened_by {
            if self.body(body).is_none() {
                errors.push(err(
                    "case.unknown_body",
                    "opened_by",
                    format!("规则集中没有机关 {body}"),
                    format!("no body {body:?} in the rule set"),
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(InputError {
                diagnostics: errors,
            })
        }
    }

    /// The status of an item at a town on a date (step 4).
    pub(crate) fn item_status(
        &self,
        town: u32,
        item: u32,
        d: Date,
    ) -> (ItemStatus, Option<&Cover>) {
        let covers = self.inner.coverage.get(town, item);
        if covers.is_empty() {
            return (ItemStatus::OutOfList, None);
        }
        let in_force = |c: &&Cover| c.interval.is_some_and(|(s, e)| s <= d && d <= e);
        let find = |mode: GrantMode, reach: Reach| {
            covers
                .iter()
                .filter(in_force)
                .find(|c| c.mode == mode && c.reach == reach)
        };
        let delegation = find(GrantMode::Delegation, Reach::Direct)
            .or_else(|| find(GrantMode::Delegation, Reach::Carried));
        if let Some(c) = delegation {
            if c.transition_last_day.is_some_and(|last| d <= last) {
                return (ItemStatus::InTransition, Some(c));
            }
            let status = if c.reach == Reach::Direct {
                ItemStatus::Delegated
            } else {
                ItemStatus::CarriedByDelegation
            };
            return (status, Some(c));
        }
        for (reach, status) in [
            (Reach::Direct, ItemStatus::Entrusted),
            (Reach::Carried, ItemStatus::CarriedByEntrustment),
            (
                Reach::CompulsoryExcluded,
                ItemStatus::CompulsoryNotEntrustable,
            ),
        ] {
            if let Some(c) = find(GrantMode::Entrustment, reach) {
                return (status, Some(c));
            }
        }
        // A compulsory measure of an entrusted penalty was never covered (行政强制法 Art. 17),
        // so neither that grant's lapse nor its later start says anything about it: it stays
        // out of the list (docs/routing.md §4).
        let covering = || {
            covers
                .iter()
                .filter(|c| c.reach != Reach::CompulsoryExcluded)
        };
        if let Some(c) = covering().find(|c| c.revoked.is_some_and(|r| r <= d)) {
            return (ItemStatus::Revoked, Some(c));
        }
        if let Some(c) = covering().find(|c| c.term_to.is_some_and(|t| t < d)) {
            return (ItemStatus::Expired, Some(c));
        }
        if let Some(c) = covering().find(|c| c.interval.is_some_and(|(s, _)| d < s)) {
            return (ItemStatus::NotYetEffective, Some(c));
        }
        (ItemStatus::OutOfList, None)
    }

    fn body_ref(&self, i: u32) -> Result<&Body, InputError> {
        self.body_at(i).ok_or_else(|| {
            InputError::single(err(
                "ruleset.internal",
                "",
                "内部错误".into(),
                "internal index out of range".into(),
            ))
        })
    }

    fn route_with<'e>(&'e self, case: &Case, mut t: Tracer<'_>) -> Result<Ruling<'e>, InputError> {
        self.check_case(case)?;
        let inner = &*self.inner;

        // Step 1: the relevant date.
        let dates = &case.dates;
        let (d, basis) = match (dates.filing, dates.discovery, dates.violation) {
            (Some(f), _, _) => (f, DateBasis::Filing),
            (None, Some(x), _) => (x, DateBasis::Discovery),
            (None, None, Some(v)) => (v, DateBasis::Violation),
            (None, None, None) => {
                return Err(InputError::single(err(
                    "case.no_date",
                    "dates",
                    String::new(),
                    String::new(),
                )))
            }
        };
        let mut rules = RuleSet::new();
        rules.insert(RuleId::RelevantDate);
        t.step(Some(RuleId::RelevantDate), || match basis {
            DateBasis::Filing => (format!("以立案日 {d} 确定适用的清单和参数。"), format!("The filing date {d} decides which lists and parameters apply.")),
            DateBasis::Discovery => (format!("案件尚未立案，以发现日 {d} 确定适用的清单和参数。"), format!("The case is not yet filed, so the discovery date {d} decides which lists and parameters apply.")),
            DateBasis::Violation => (format!("未给出立案日和发现日，以违法行为发生日 {d} 确定适用的清单和参数。"), format!("With no filing or discovery date, the violation date {d} decides which lists and parameters apply.")),
        });

        // Step 2: place.
        let loc_idx = inner
            .body_index
            .get(case.location.as_str())
            .copied()
            .unwrap_or(u32::MAX);
        let location = self.body_ref(loc_idx)?;
        rules.insert(RuleId::PlaceOfViolation);
        t.step(Some(RuleId::PlaceOfViolation), || {
            (
                format!("违法行为发生在{}，由当地管辖。", location.name_zh),
                format!(
                    "The violation happened in {}, which has jurisdiction by place.",
                    location.name_en
                ),
            )
        });

        // Step 3: a management centre is judged against its town's list.
        let (town_idx, centre) = if location.kind == BodyKind::ManagementCentre {
            let town = location.hands_over_to.ok_or_else(|| {
                InputError::single(err(
                    "town.centre_without_handover",
                    "location",
                    "管理服务中心未指明移交的镇".into(),
                    "the management centre names no town to hand over to".into(),
                ))
            })?;
            (town, Some(location))
        } else {
            (loc_idx, None)
        };
        let town = self.body_ref(town_idx)?;

        // Step 4: item statuses.
        let mut items = Vec::with_capacity(case.items.len());
        let mut department: Option<u32> = None;
        let mut single_department = true;
        let mut mode: Option<Mode> = None;
        let mut transition: Option<TransitionInfo<'e>> = None;
        let mut all_competent = true;
        for code in &case.items {
            let ii = inner
                .item_index
                .get(code.as_str())
                .copied()
                .unwrap_or(u32::MAX);
            let item = inner
                .items
                .get(ii as usize)
                .ok_or_else(|| self.parameter_not_in_force("items", d))?;
            let (status, cover) = self.item_status(town_idx, ii, d);
            let grant = cover.and_then(|c| inner.grants.get(c.grant as usize));
            // Plan §12: a matter that arose in the transition stays with the department
            // even when the case is filed after it (docs/readings.md §3).
            let carryover = match (status, grant) {
                (ItemStatus::Delegated | ItemStatus::CarriedByDelegation, Some(g)) => g
                    .transition_last_day
                    .and_then(|last| arose_by(dates, g.effective, last).map(|why| (why, last))),
                _ => None,
            };
            let status = if carryover.is_some() {
                ItemStatus::InTransition
            } else {
                status
            };
            let dept = self.body_ref(item.department)?;
            match department {
                None => department = Some(item.department),
                Some(x) if x != item.department => single_department = false,
                Some(_) => {}
            }
            rules.insert(status.rule());
            all_competent &= status.town_competent();
            if status.town_competent() {
                let this = match (status, cover) {
                    (ItemStatus::Delegated | ItemStatus::CarriedByDelegation, _) => {
                        Mode::Delegation
                    }
                    (_, Some(c)) => Mode::Entrustment(
                        inner
                            .grants
                            .get(c.grant as usize)
                            .map_or(u32::MAX, |g| g.grantor),
                    ),
                    _ => Mode::Mixed,
                };
                mode = Some(match mode {
                    None => this,
                    Some(m) if m == this => m,
                    Some(_) => Mode::Mixed,
                });
            }
            if transition.is_none() {
                if let (
                    Some(g),
                    ItemStatus::InTransition
                    | ItemStatus::Delegated
                    | ItemStatus::CarriedByDelegation,
                ) = (grant, status)
                {
                    if let Some(last_day) = g.transition_last_day {
                        transition = Some(TransitionInfo {
                            grant: g,
                            effective: g.effective,
                            last_day,
                            in_transition: d <= last_day,
                        });
                    }
                }
            }
            match carryover {
                Some((why, last)) => {
                    rules.insert(RuleId::TransitionCarryover);
                    t.step(Some(RuleId::TransitionCarryover), || {
                        let (w_zh, w_en) = why.describe();
                        (
                            format!("事项 {code} 已赋予{}，立案日 {d} 晚于过渡期末日 {last}，但{w_zh}，属于过渡期内发生的相关问题，仍由{}承担责任。", town.name_zh, dept.name_zh),
                            format!("Item {code} is delegated to {} and the filing date {d} is after the transition's last day {last}, but {w_en}: a matter that arose in the transition stays with {}.", town.name_en, dept.name_en),
                        )
                    });
                }
                None => t.step(Some(status.rule()), || {
                    item_sentence(code, status, grant.map(|g| g.id.as_str()), town, dept, d)
                }),
            }
            items.push(ItemRuling {
                code: item.spec.code.as_str(),
                status,
                grant,
                department: dept,
            });
        }
        let dept_body = match (single_department, department) {
            (true, Some(x)) => Some(self.body_ref(x)?),
            _ => None,
        };
        if let Some(b) = &case.opened_by {
            let ok = Some(b.as_str()) == dept_body.map(|x| x.id.as_str())
                || *b == town.id
                || *b == case.location;
            if !ok {
                return Err(InputError::single(err(
                    "case.opened_by_without_jurisdiction",
                    "opened_by",
                    format!("{b} 对本案没有管辖权（既不是事项的原行政执法部门，也不是违法行为发生地的镇街）"),
                    format!("{b} has no jurisdiction here: it is neither the items' department nor the town of the place"),
                )));
            }
        }
        let platform = self.body_ref(inner.platform_office)?;
        let government = self.body_ref(inner.government)?;

        // Steps 5–6.
        let mut disposition;
        let mut handover = None;
        let mut transfer = None;
        let mut designation = Designation::default();
        let mut entrusting: Option<&Body> = None;
        // The items' department opened a case the town is competent for: `Some(entrusted)`.
        let mut department_filed: Option<bool> = None;
        if !all_competent {
            if let Some(c) = centre {
                rules.insert(RuleId::CentreNotATown);
                t.step(Some(RuleId::CentreNotATown), || (
                    format!("{}不是乡镇人民政府，不能办理本案；{}对本案事项无权处理，案件由区级部门管辖。", c.name_zh, town.name_zh),
                    format!("{} is not a town government and cannot handle the case; {} holds no power over it, so the district department does.", c.name_en, town.name_en),
                ));
            }
            disposition = Disposition::Department;
        } else if let (Some(c), true) = (
            centre,
            items.iter().any(|i| {
                matches!(
                    i.status,
                    ItemStatus::Entrusted | ItemStatus::CarriedByEntrustment
                )
            }),
        ) {
            // Plan §13 hands the town only what is on its 赋权事项清单: an entrusted item
            // the centre finds goes to the entrusting department (readings §6).
            rules.insert(RuleId::CentreEntrustedToDepartment);
            t.step(Some(RuleId::CentreEntrustedToDepartment), || (
                format!("{}发现的事项是委托{}以部门名义实施的事项，不在赋权事项清单内，不按方案第13项移交，报原行政执法部门处理（部门可按委托协议交由受委托的镇(街道)以部门名义办理）。", c.name_zh, town.name_zh),
                format!("What {} found is an item entrusted to {}, not on its delegated list: it is not handed over under Plan §13 but reported to the department (which may have the entrusted town act in its name under the agreement).", c.name_en, town.name_en),
            ));
            disposition = Disposition::Department;
        } else {
            if let Some(c) = centre {
                handover = Some(Movement { from: c, to: town });
                rules.insert(RuleId::CentreHandover);
                t.step(Some(RuleId::CentreHandover), || (
                    format!("{}发现的违法行为属于{}赋权清单，按程序移交{}立案处理。", c.name_zh, town.name_zh, town.name_zh),
                    format!("What {} found is on {}'s list: it hands the case over to {} to open it.", c.name_en, town.name_en, town.name_en),
                ));
            }
            match mode {
                Some(Mode::Mixed) | None => {
                    rules.insert(RuleId::MixedModes);
                    t.step(Some(RuleId::MixedModes), || (
                        "案件同时涉及赋权事项和委托事项（或多个委托部门），不能以一个名义作出决定，应分案处理。".into(),
                        "The case mixes delegated and entrusted items (or several entrusting departments): it cannot be decided in one name and must be split.".into(),
                    ));
                    disposition = Disposition::Split;
                }
                Some(m) => {
                    if let Mode::Entrustment(g) = m {
                        entrusting = Some(self.body_ref(g)?);
                    }
                    disposition = Disposition::Keep;
                    let f = &case.flags;
                    if f.district_designation {
                        rules.insert(RuleId::Designated);
                        designation.designated = true;
                        t.step(Some(RuleId::Designated), || (
                            "区政府已指定原行政执法部门管辖本案。".into(),
                            "The district government has designated the original department to handle the case.".into(),
                        ));
                        disposition = Disposition::Department;
                    } else {
                        // Art. 25(1) needs two bodies that both have jurisdiction: after the
                        // transition the department keeps only the Plan §13 carve-outs for the
                        // town's listed items, and under an entrustment the town acts in the
                        // department's own name. Its filing does not take the case (readings §4).
                        if case.opened_by.is_some()
                            && case.opened_by.as_deref() == dept_body.map(|b| b.id.as_str())
                        {
                            let entrusted = entrusting.is_some();
                            department_filed = Some(entrusted);
                            rules.insert(RuleId::DepartmentFilingNotConcurrent);
                            t.step(Some(RuleId::DepartmentFilingNotConcurrent), || {
                                if entrusted {
                                    (
                                        "原行政执法部门已立案，但事项已委托镇(街道)以该部门名义实施：同一名义下只有一个案件，不构成两个以上机关都有管辖权，由受委托的镇(街道)按委托协议办理，部门不得另行立案。".into(),
                                        "The department has opened the case, but the item is entrusted to the town, which acts in the department's own name: there is one case in one name, not two bodies with jurisdiction; the town handles it under the agreement and the department must not open another.".into(),
                                    )
                                } else {
                                    (
                                        "原行政执法部门已立案，但过渡期满后部门对镇(街道)清单内事项只保留重大行政处罚案件的管辖（方案第13项），不构成两个以上机关都有管辖权；部门应将案件移交镇(街道)，属于重大行政处罚的除外。".into(),
                                        "The department has opened the case, but after the transition it keeps only the major-decision cases (Plan §13) of the town's listed items: there are not two bodies with jurisdiction; it must hand the case to the town, unless a major decision is in prospect.".into(),
                                    )
                                }
                            });
                        }
                        let mask = inner
                            .major_sanctions
                            .iter()
                            .rev()
                            .find(|(from, _)| *from <= d)
                            .map(|(_, m)| *m);
                        let proposed = case
                            .sanctions
                            .iter()
                            .fold(0u16, |m, s| m | sanction_bit(*s));
                        if proposed != 0 {
                            let mask = mask.ok_or_else(|| {
                                self.parameter_not_in_force("major_decision_sanctions", d)
                            })?;
                            if proposed & mask != 0 {
                                rules.insert(RuleId::MajorSanction);
                                t.step(Some(RuleId::MajorSanction), || {
                                    let (zh, en) = sanction_list(&case.sanctions, mask);
                                    (format!("拟作出{zh}，属于重大行政处罚，仍由行政执法部门管辖。"), format!("The proposed {en} is a major decision that stays with the department."))
                                });
                                disposition = Disposition::Transfer;
                            }
                        }
                        if let Some(fine) = case.fine {
                            let threshold = in_force(&inner.doc.parameters.major_decision_fine, d)
                                .ok_or_else(|| {
                                    self.parameter_not_in_force("major_decision_fine", d)
                                })?
                                .value;
                            if fine >= threshold {
                                rules.insert(RuleId::MajorFine);
                                t.step(Some(RuleId::MajorFine), || (
                                    format!("拟罚款 {fine} 元，达到 {threshold} 元以上（含本数），仍由行政执法部门管辖。"),
                                    format!("The proposed fine of {fine} yuan is {threshold} yuan or more (the number included): the case stays with the department."),
                                ));
                                disposition = Disposition::Transfer;
                            } else {
                                t.step(None, || (
                                    format!("拟罚款 {fine} 元，不满 {threshold} 元，不属于重大罚款。"),
                                    format!("The proposed fine of {fine} yuan is under {threshold} yuan: not a major fine."),
                                ));
                            }
                        }
                        if disposition == Disposition::Keep {
                            let grounds = [
                                (f.major_and_complex, DesignationGround::MajorAndComplex),
                                (f.needs_recusal, DesignationGround::NeedsRecusal),
                                (
                                    f.unsuited_to_town_level,
                                    DesignationGround::UnsuitedToTownLevel,
                                ),
                            ];
                            let mut n = 0;
                            for (set, g) in grounds {
                                if set {
                                    if let Some(slot) = designation.grounds.get_mut(n) {
                                        *slot = Some(g);
                                    }
                                    n += 1;
                                }
                            }
                            if n > 0 {
                                designation.may_request = true;
                                rules.insert(RuleId::DesignationRequestAvailable);
                                t.step(Some(RuleId::DesignationRequestAvailable), || (
                                    "镇(街道)可以报请区政府指定原行政执法部门管辖。".into(),
                                    "The town may ask the district government to designate the original department.".into(),
                                ));
                            }
                        }
                    }
                }
            }
        }
        // A department is needed but the items have several: the platform office rules (Plan §11).
        if matches!(disposition, Disposition::Department | Disposition::Transfer)
            && dept_body.is_none()
        {
            rules.insert(RuleId::MixedDepartments);
            t.step(Some(RuleId::MixedDepartments), || {
                (
                    format!("案件涉及多个部门的事项，提交{}裁定责任。", platform.name_zh),
                    format!(
                        "The case involves several departments' items: {} rules on responsibility.",
                        platform.name_en
                    ),
                )
            });
            disposition = Disposition::Platform;
        }

        // A major case the department itself opened is the department's already: no transfer.
        if disposition == Disposition::Transfer && department_filed.is_some() {
            disposition = Disposition::Department;
        }

        // Step 7: who answers for it.
        let mut handler = None;
        let mut name_of = None;
        let mut review_body = None;
        match (disposition, dept_body) {
            (Disposition::Keep, _) => {
                handler = Some(town);
                match entrusting {
                    Some(dep) => {
                        name_of = Some(dep);
                        rules.insert(RuleId::ResponsibilityEntrustment);
                    }
                    None => {
                        name_of = Some(town);
                        rules.insert(RuleId::ResponsibilityDelegation);
                    }
                }
            }
            (Disposition::Department | Disposition::Transfer, Some(dep)) => {
                handler = Some(dep);
                name_of = Some(dep);
                rules.insert(RuleId::ResponsibilityDepartment);
                if disposition == Disposition::Transfer {
                    transfer = Some(Movement {
                        from: town,
                        to: dep,
                    });
                }
            }
            // Several departments: the platform office handles it (steps 5–6). Set here, before a
            // centre's disposition becomes `handover` below, so a case the centre hands over keeps
            // it as handler (docs/routing.md §3: handler is whoever ends up handling the case).
            (Disposition::Platform, _) => handler = Some(platform),
            _ => {}
        }
        if let (Some(h), Some(n)) = (handler, name_of) {
            let rule = if n.kind == BodyKind::Department && h.kind != BodyKind::Department {
                RuleId::ResponsibilityEntrustment
            } else if n.kind == BodyKind::Department {
                RuleId::ResponsibilityDepartment
            } else {
                RuleId::ResponsibilityDelegation
            };
            t.step(Some(rule), || (
                format!("由{}办理，以{}的名义作出决定；{}承担法律责任，是行政复议被申请人和行政诉讼被告。", h.name_zh, n.name_zh, n.name_zh),
                format!("{} handles it and decides in the name of {}; {} bears the legal consequences and is the respondent in review and the defendant in court.", h.name_en, n.name_en, n.name_en),
            ));
        }
        let mut review_body_alternative = None;
        if let Some(n) = name_of {
            // A city department's branch (派出机构): the city government, and also the
            // government of the place (复议法 Art. 24 ¶4).
            match n.city_government.and_then(|c| self.body_at(c)) {
                Some(city) => {
                    review_body = Some(city);
                    review_body_alternative = Some(government);
                    rules.insert(RuleId::ReviewBodyBranch);
                    t.step(Some(RuleId::ReviewBodyBranch), || {
                        (
                            format!(
                                "{}是市级部门按行政区划设立的派出机构，对其行政行为申请行政复议的，由{}管辖，也可以由所在地的{}管辖。",
                                n.name_zh, city.name_zh, government.name_zh
                            ),
                            format!(
                                "{} is a branch a city department set up by district: review of its acts lies with {}, and may also lie with the government of the place, {}.",
                                n.name_en, city.name_en, government.name_en
                            ),
                        )
                    });
                }
                None => {
                    review_body = Some(government);
                    rules.insert(RuleId::ReviewBody);
                    t.step(Some(RuleId::ReviewBody), || {
                        (
                            format!(
                                "对{}的行政行为申请行政复议的，由{}管辖。",
                                n.name_zh, government.name_zh
                            ),
                            format!(
                                "Administrative review of {}'s acts lies with {}.",
                                n.name_en, government.name_en
                            ),
                        )
                    });
                }
            }
        }
        if centre.is_some() && handover.is_some() {
            disposition = Disposition::Handover;
        }

        // Step 8: hearing.
        let mut hearing = Hearing::default();
        let mut hn = 0;
        let mut add_hearing = |g: HearingGround, hearing: &mut Hearing| {
            if let Some(slot) = hearing.grounds.get_mut(hn) {
                *slot = Some(g);
            }
            hn += 1;
            hearing.right = true;
        };
        let party_amount = |a: &PartyAmounts| match (case.party, case.business_activity) {
            (Party::Individual, false) => a.individual_non_business,
            (Party::Organisation, false) => a.organisation_non_business,
            (Party::Individual, true) => a.individual_business,
            (Party::Organisation, true) => a.organisation_business,
        };
        if let Some(fine) = case.fine {
            let (large, standard) = self.large_fine(case, &items, name_of, d)?;
            // The standard's wording is formatted only when a trace is kept.
            if fine >= large {
                add_hearing(HearingGround::LargeFine, &mut hearing);
                if let Some(rule) = standard.rule() {
                    rules.insert(rule);
                }
                t.step(Some(RuleId::HearingRight), || {
                    let (basis_zh, basis_en) = standard.describe();
                    (
                        format!("拟罚款 {fine} 元，达到较大数额 {large} 元（{basis_zh}），当事人有权要求听证。"),
                        format!("The fine of {fine} yuan reaches the large amount of {large} yuan ({basis_en}): the party may ask for a hearing."),
                    )
                });
            } else {
                t.step(None, || {
                    let (basis_zh, basis_en) = standard.describe();
                    (
                        format!("拟罚款 {fine} 元，不满较大数额 {large} 元（{basis_zh}）。"),
                        format!("The fine of {fine} yuan is under the large amount of {large} yuan ({basis_en})."),
                    )
                });
            }
        }
        if let Some(conf) = case.confiscation.filter(|c| !c.is_zero()) {
            let large = party_amount(
                &in_force(&inner.doc.parameters.hearing_large_confiscation, d)
                    .ok_or_else(|| self.parameter_not_in_force("hearing_large_confiscation", d))?
                    .value,
            );
            if conf >= large {
                add_hearing(HearingGround::LargeConfiscation, &mut hearing);
                t.step(Some(RuleId::HearingRight), || (
                    format!("拟没收价值 {conf} 元，达到较大数额 {large} 元，当事人有权要求听证。"),
                    format!("The confiscation of {conf} yuan reaches the large amount of {large} yuan: the party may ask for a hearing."),
                ));
            }
        }
        for (s, g) in [
            (
                Sanction::LowerQualificationGrade,
                HearingGround::LowerQualificationGrade,
            ),
            (Sanction::RevokeLicence, HearingGround::RevokeLicence),
            (Sanction::OrderSuspension, HearingGround::OrderSuspension),
            (Sanction::OrderClosure, HearingGround::OrderClosure),
            (Sanction::RestrictPractice, HearingGround::RestrictPractice),
        ] {
            if case.sanctions.contains(&s) {
                add_hearing(g, &mut hearing);
                t.step(Some(RuleId::HearingRight), || {
                    (
                        format!("拟作出{}，当事人有权要求听证。", s.name_zh()),
                        format!(
                            "A proposed {} gives the party a right to a hearing.",
                            s.name_en()
                        ),
                    )
                });
            }
        }
        if hearing.right {
            rules.insert(RuleId::HearingRight);
        }

        // Step 9: legal review.
        let mut legal_review = LegalReview::default();
        let f = &case.flags;
        let mut ln = 0;
        for (set, g) in [
            (
                f.major_public_interest,
                LegalReviewGround::MajorPublicInterest,
            ),
            (
                hearing.right && f.hearing_requested,
                LegalReviewGround::MajorRightsAfterHearing,
            ),
            (
                f.complex_multiple_legal_relations,
                LegalReviewGround::ComplexMultipleLegalRelations,
            ),
            (f.review_required_by_law, LegalReviewGround::RequiredByLaw),
        ] {
            if set {
                if let Some(slot) = legal_review.grounds.get_mut(ln) {
                    *slot = Some(g);
                }
                ln += 1;
                legal_review.required = true;
            }
        }
        if legal_review.required {
            rules.insert(RuleId::LegalReview);
            t.step(Some(RuleId::LegalReview), || {
                (
                    "作出决定前须经法制审核，未经审核或审核未通过的不得作出决定。".into(),
                    "A legal review must pass before the decision is made.".into(),
                )
            });
        }

        // Step 10: warnings.
        let mut warnings = [None, None, None];
        if let Some(entrusted) = department_filed {
            warnings[2] = Some(RulingWarning::DepartmentFilingNotConcurrent {
                entrusted,
                major: disposition == Disposition::Department,
            });
        }
        if let (Some(filing), Some(decision)) = (dates.filing, dates.decision) {
            if let Some(last_day) = period_last_day_in_days(filing, 90, &inner.calendar) {
                if decision > last_day {
                    warnings[0] = Some(RulingWarning::DecisionOverdue { last_day });
                }
            }
        }
        // Art. 36 ¶2: a continuing violation counts from the day it ended.
        if let (Some(violation), Some(discovery)) =
            (dates.violation_end.or(dates.violation), dates.discovery)
        {
            if let Some(last_day) = period_last_day(violation, 24, &inner.calendar) {
                if discovery > last_day {
                    warnings[1] = Some(RulingWarning::LimitationTwoYears { last_day });
                }
            }
        }

        Ok(Ruling {
            relevant_date: d,
            relevant_date_basis: basis,
            location,
            disposition,
            handler,
            acts_in_name_of: name_of,
            legally_responsible: name_of,
            review_respondent: name_of,
            litigation_defendant: name_of,
            review_body,
            review_body_alternative,
            handover,
            transfer,
            transition,
            items,
            legal_review,
            hearing,
            designation,
            rules,
            warnings,
        })
    }
}

/// Why a matter counts as having arisen in a delegation's transition (Plan §12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arose {
    /// It was discovered on or before the transition's last day.
    Discovered(Date),
    /// The violation (or, for a continuing one, its end) fell within the transition.
    Occurred(Date),
}

impl Arose {
    fn describe(self) -> (String, String) {
        match self {
            Arose::Discovered(x) => (
                format!("违法行为于 {x} 即已发现"),
                format!("the violation was discovered on {x}, within or before the transition"),
            ),
            Arose::Occurred(x) => (
                format!("违法行为于过渡期内的 {x} 发生（终了）"),
                format!("the violation occurred (ended) on {x}, within the transition"),
            ),
        }
    }
}

/// Whether a matter arose by the end of a transition running from `effective` to
/// `last` (Plan §12: 过渡期内发生的相关问题……仍由原行政执法部门承担相应责任): it was
/// discovered by `last`, or the violation — its end, if continuing — fell in
/// `effective..=last`. A violation that ended before the grant took effect and was
/// discovered after the transition is the town's (docs/readings.md §3).
fn arose_by(dates: &CaseDates, effective: Date, last: Date) -> Option<Arose> {
    if let Some(x) = dates.discovery.filter(|x| *x <= last) {
        return Some(Arose::Discovered(x));
    }
    let end = dates.violation_end.or(dates.violation)?;
    (effective <= end && end <= last).then_some(Arose::Occurred(end))
}

/// Which standard set the "large fine" of a case (行政处罚法 Art. 63).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LargeFineStandard {
    /// The province's flat amounts (no recorded maximum for the party).
    Flat,
    /// A share of the penalty basis's maximum, not below the floor.
    ShareOfMaximum {
        /// The item whose maximum set the threshold.
        max: Money,
    },
    /// The floor of the share-of-maximum standard (the share came out lower).
    Floor,
    /// The sector standard of the department in whose name the decision is made.
    Sector,
}

impl LargeFineStandard {
    fn rule(self) -> Option<RuleId> {
        match self {
            LargeFineStandard::Flat => None,
            LargeFineStandard::ShareOfMaximum { .. } | LargeFineStandard::Floor => {
                Some(RuleId::HearingShareOfMaximum)
            }
            LargeFineStandard::Sector => Some(RuleId::HearingSectorStandard),
        }
    }

    fn describe(self) -> (String, String) {
        match self {
            LargeFineStandard::Flat => (
                "省定较大数额标准".into(),
                "the province's flat amount".into(),
            ),
            LargeFineStandard::ShareOfMaximum { max } => (
                format!("处罚依据规定的罚款上限 {max} 元的相应比例"),
                format!("the set share of the penalty basis's maximum of {max} yuan"),
            ),
            LargeFineStandard::Floor => (
                "按上限比例计算低于下限，适用下限金额".into(),
                "the share of the maximum falls below the floor, so the floor applies".into(),
            ),
            LargeFineStandard::Sector => (
                "以部门名义作出决定，适用该行业的较大数额标准".into(),
                "decided in the department's name, so its sector's standard applies".into(),
            ),
        }
    }
}

/// `ceil(max × share)` in fen, exact; `None` on overflow or a zero denominator.
fn share_of(max: Money, share: Ratio) -> Option<Money> {
    let num = u64::try_from(max.fen())
        .ok()?
        .checked_mul(u64::from(share.numerator))?;
    let den = u64::from(share.denominator);
    let fen = num.checked_add(den.checked_sub(1)?)? / den;
    Money::from_fen(i64::try_from(fen).ok()?)
}

impl Engine {
    /// The "large fine" of a case and the standard that set it (docs/readings.md §2):
    /// a sector standard binds decisions in its departments' name; otherwise, for each
    /// penalty item whose basis sets a maximum for the party, `max(⌈share × max⌉, floor)`,
    /// else the flat amount; the case takes the lowest of its items' amounts.
    fn large_fine(
        &self,
        case: &Case,
        items: &[ItemRuling<'_>],
        name_of: Option<&Body>,
        d: Date,
    ) -> Result<(Money, LargeFineStandard), InputError> {
        let p = &self.inner.doc.parameters;
        let pick = |a: &PartyAmounts| match (case.party, case.business_activity) {
            (Party::Individual, false) => a.individual_non_business,
            (Party::Organisation, false) => a.organisation_non_business,
            (Party::Individual, true) => a.individual_business,
            (Party::Organisation, true) => a.organisation_business,
        };
        if let Some(n) = name_of.filter(|n| n.kind == BodyKind::Department) {
            let sector = p
                .hearing_large_fine_sectors
                .iter()
                .find(|s| s.departments.contains(&n.id));
            if let Some(v) = sector.and_then(|s| in_force(&s.values, d)) {
                return Ok((pick(&v.value), LargeFineStandard::Sector));
            }
        }
        let flat = pick(
            &in_force(&p.hearing_large_fine, d)
                .ok_or_else(|| self.parameter_not_in_force("hearing_large_fine", d))?
                .value,
        );
        let (Some(share), Some(floor)) = (
            in_force(&p.hearing_large_fine_share_of_maximum, d),
            in_force(&p.hearing_large_fine_floor, d),
        ) else {
            return Ok((flat, LargeFineStandard::Flat));
        };
        let party = match case.party {
            Party::Individual => FineParty::Individual,
            Party::Organisation => FineParty::Organisation,
        };
        let floor = pick(&floor.value);
        let mut best: Option<(Money, LargeFineStandard)> = None;
        for it in items {
            let Some(item) = self.item(it.code) else {
                continue;
            };
            if item.spec.kind != ItemKind::Penalty {
                continue;
            }
            let this = match item.spec.fine_range(party).and_then(|r| r.max) {
                Some(max) => match share_of(max, share.value) {
                    Some(share) if share >= floor => {
                        (share, LargeFineStandard::ShareOfMaximum { max })
                    }
                    _ => (floor, LargeFineStandard::Floor),
                },
                None => (flat, LargeFineStandard::Flat),
            };
            if best.is_none_or(|(b, _)| this.0 < b) {
                best = Some(this);
            }
        }
        Ok(best.unwrap_or((flat, LargeFineStandard::Flat)))
    }
}

fn sanction_list(sanctions: &[Sanction], mask: u16) -> (String, String) {
    let major: Vec<&Sanction> = sanctions
        .iter()
        .filter(|s| sanction_bit(**s) & mask != 0)
        .collect();
    (
        major
            .iter()
            .map(|s| s.name_zh())
            .collect::<Vec<_>>()
            .join("、"),
        major
            .iter()
            .map(|s| s.name_en())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn item_sentence(
    code: &str,
    status: ItemStatus,
    grant: Option<&str>,
    town: &Body,
    dept: &Body,
    d: Date,
) -> (String, String) {
    let g = grant.unwrap_or("-");
    match status {
        ItemStatus::InTransition => (
            format!("事项 {code} 已赋予{}（{g}），但 {d} 仍在过渡期内，由{}负责。", town.name_zh, dept.name_zh),
            format!("Item {code} is delegated to {} ({g}), but {d} is within the transition period: {} remains responsible.", town.name_en, dept.name_en),
        ),
        ItemStatus::Delegated => (
            format!("事项 {code} 在{}的赋权清单内（{g}），{d} 有效且过渡期已满。", town.name_zh),
            format!("Item {code} is on {}'s delegated list ({g}), in force on {d} with the transition over.", town.name_en),
        ),
        ItemStatus::CarriedByDelegation => (
            format!("事项 {code} 随相关行政处罚权一并赋予{}（{g}）。", town.name_zh),
            format!("Item {code} comes with the related penalty power delegated to {} ({g}).", town.name_en),
        ),
        ItemStatus::Entrusted => (
            format!("事项 {code} 由{}委托{}行使（{g}），{d} 在委托期限内。", dept.name_zh, town.name_zh),
            format!("Item {code} is entrusted by {} to {} ({g}), within its term on {d}.", dept.name_en, town.name_en),
        ),
        ItemStatus::CarriedByEntrustment => (
            format!("检查事项 {code} 随受委托的行政处罚权一并由{}行使（{g}）。", town.name_zh),
            format!("Inspection {code} comes with the penalty power entrusted to {} ({g}).", town.name_en),
        ),
        ItemStatus::CompulsoryNotEntrustable => (
            format!("事项 {code} 是行政强制措施，不得委托，仍由{}实施。", dept.name_zh),
            format!("Item {code} is a compulsory measure, which cannot be entrusted: {} keeps it.", dept.name_en),
        ),
        ItemStatus::Revoked => (
            format!("事项 {code} 的赋权（{g}）已于 {d} 前回收，由{}负责。", dept.name_zh),
            format!("The grant of item {code} ({g}) was revoked by {d}: {} is responsible.", dept.name_en),
        ),
        ItemStatus::Expired => (
            format!("事项 {code} 的委托（{g}）期限已于 {d} 前届满，由{}负责。", dept.name_zh),
            format!("The entrustment of item {code} ({g}) ended before {d}: {} is responsible.", dept.name_en),
        ),
        ItemStatus::NotYetEffective => (
            format!("事项 {code} 的赋权（{g}）在 {d} 尚未生效，由{}负责。", dept.name_zh),
            format!("The grant of item {code} ({g}) is not yet in force on {d}: {} is responsible.", dept.name_en),
        ),
        ItemStatus::OutOfList => (
            format!("事项 {code} 不在{}的清单内，由{}负责。", town.name_zh, dept.name_zh),
            format!("Item {code} is not on {}'s list: {} is responsible.", town.name_en, dept.name_en),
        ),
    }
}
