//! Report dispatch (Plan §2, §10, 三(二)): where a problem reported by a grid
//! worker, the 12345 hotline, digital city management or a patrol goes — the
//! town's enforcement team, the district platform for dispatch to a named
//! department (吹哨报到), or the platform office's weekly ruling when
//! responsibility is unclear. See `docs/dispatch.md`.
//!
//! List membership is read from the routing engine ([`Engine::route`]), so a
//! report and a case about the same item on the same day never disagree.

mod answer;
pub mod operation;

pub use answer::{DispatchAnswer, DispatchItemView, HandoverView};

use serde::{Deserialize, Serialize};

use crate::answer::Tracer;
use crate::diagnostic::{Diagnostic, InputError};
use crate::routing::{ItemRuling, TraceStep};
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::source::Domain;
use crate::ruleset::{Body, BodyKind, Engine};
use crate::schedule::MeetingDate;
use crate::time::Date;

/// Where the report comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 网格员.
    GridWorker,
    /// 12345 政务服务热线.
    #[serde(rename = "hotline_12345")]
    Hotline12345,
    /// 数字城管.
    DigitalCityManagement,
    /// 巡查 (including the management centre's patrols).
    Patrol,
}

crate::vocabulary::labelled!(Source, "dispatch_source", "线索来源", "source of the report", {
    GridWorker => "grid_worker", "网格员", "grid worker";
    Hotline12345 => "hotline_12345", "12345政务服务热线", "12345 hotline";
    DigitalCityManagement => "digital_city_management", "数字城管", "digital city management";
    Patrol => "patrol", "巡查发现", "patrol";
});

impl Source {
    fn zh(self) -> &'static str {
        match self {
            Source::GridWorker => "网格员",
            Source::Hotline12345 => "12345政务服务热线",
            Source::DigitalCityManagement => "数字城管",
            Source::Patrol => "巡查",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Source::GridWorker => "a grid worker",
            Source::Hotline12345 => "the 12345 hotline",
            Source::DigitalCityManagement => "digital city management",
            Source::Patrol => "a patrol",
        }
    }
}

/// A report: the request of the `dispatch` decision. Give `item` when the
/// power item is known, else `domain`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Free text echoed back.
    #[serde(default)]
    pub report_id: Option<String>,
    /// Where the report comes from.
    pub source: Source,
    /// A town, subdistrict or management centre id.
    pub place: String,
    /// The day of the report (decides which lists apply).
    pub date: Date,
    /// The item code, when known.
    #[serde(default)]
    pub item: Option<String>,
    /// The domain id, when the item is not known (must match the item's if both are given).
    #[serde(default)]
    pub domain: Option<String>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

/// Where the report goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// The town's enforcement team.
    TownTeam,
    /// The district platform, which dispatches the named department.
    DistrictPlatform,
    /// The platform office's weekly meeting rules on responsibility.
    PlatformRuling,
}

crate::vocabulary::labelled!(Destination, "dispatch_destination", "派往", "dispatched to", {
    TownTeam => "town_team", "镇(街道)综合执法队", "the town's enforcement team";
    DistrictPlatform => "district_platform", "区级综合执法平台", "the district platform";
    PlatformRuling => "platform_ruling", "平台周例会裁定责任", "the platform's weekly ruling";
});

/// How it is passed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// 网格员呼叫、执法队报到.
    GridCallTeamReports,
    /// 镇(街道)派单、执法队接单.
    TownDispatchesTeamAccepts,
    /// 吹哨报到: the platform dispatches the department and follows up.
    WhistleAndReport,
    /// 周例会快速裁定责任范围.
    WeeklyRuling,
}

crate::vocabulary::labelled!(Mode, "dispatch_mode", "派单方式", "dispatch mode", {
    GridCallTeamReports => "grid_call_team_reports", "网格员呼叫、执法队报到", "grid worker calls, team reports";
    TownDispatchesTeamAccepts => "town_dispatches_team_accepts", "镇(街道)派单、执法队接单", "town dispatches, team accepts";
    WhistleAndReport => "whistle_and_report", "吹哨报到", "whistle and report";
    WeeklyRuling => "weekly_ruling", "周例会快速裁定责任范围", "weekly meeting rules on responsibility";
});

/// The dispatch decision.
#[derive(Clone, Debug)]
pub struct Dispatch<'e> {
    /// Where the report was made.
    pub place: &'e Body,
    /// The town whose list applies (the centre's town for the management centre).
    pub town: &'e Body,
    /// The domain, when given or read from the item.
    pub domain: Option<&'e Domain>,
    /// Where it goes.
    pub destination: Destination,
    /// How it is passed on.
    pub mode: Mode,
    /// Who dispatches it.
    pub dispatcher: &'e Body,
    /// Who handles it (null while the platform office rules).
    pub handler: Option<&'e Body>,
    /// The department named (for the district platform).
    pub department: Option<&'e Body>,
    /// In whose name the town acts (for the town team).
    pub acts_in_name_of: Option<&'e Body>,
    /// Management centre → town.
    pub handover: Option<(&'e Body, &'e Body)>,
    /// The weekly meeting that rules (for an unclear matter).
    pub weekly_meeting: Option<MeetingDate>,
    /// Each item looked at, with its status at the town.
    pub items: Vec<ItemRuling<'e>>,
    /// The rules applied.
    pub rules: RuleSet,
}

fn err(code: &str, path: &str, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, path, zh, en)
}

impl Engine {
    /// Dispatches a report.
    pub fn dispatch<'e>(&'e self, report: &Report) -> Result<Dispatch<'e>, InputError> {
        self.dispatch_with(report, Tracer(None))
    }

    /// [`Engine::dispatch`] with the step-by-step explanation recorded in `trace`.
    pub fn dispatch_traced<'e>(
        &'e self,
        report: &Report,
        trace: &mut Vec<TraceStep>,
    ) -> Result<Dispatch<'e>, InputError> {
        self.dispatch_with(report, Tracer(Some(trace)))
    }

    fn dispatch_with<'e>(
        &'e self,
        r: &Report,
        mut t: Tracer<'_>,
    ) -> Result<Dispatch<'e>, InputError> {
        let mut errors = Vec::new();
        let place = self.body(&r.place).filter(|b| {
            matches!(
                b.kind,
                BodyKind::Town | BodyKind::Subdistrict | BodyKind::ManagementCentre
            )
        });
        if place.is_none() {
            errors.push(
                err(
                    "dispatch.unknown_place",
                    "place",
                    format!("{} 不是规则集中的镇、街道或管理服务中心", r.place),
                    format!(
                        "{:?} is not a town, subdistrict or management centre of the rule set",
                        r.place
                    ),
                )
                .expected("a town, subdistrict or management centre id"),
            );
        }
        let domains = &self.document().domains;
        let item = match &r.item {
            Some(code) => {
                let it = self.item(code);
                if it.is_none() {
                    errors.push(
                        err(
                            "dispatch.unknown_item",
                            "item",
                            format!("规则集中没有事项 {code}"),
                            format!("no item {code:?} in the rule set"),
                        )
                        .expected("an item code of the rule set"),
                    );
                }
                it
            }
            None => None,
        };
        let domain = match &r.domain {
            Some(id) => {
                let d = domains.iter().find(|d| d.id == *id);
                match (d, item) {
                    (None, _) => errors.push(
                        err(
                            "dispatch.unknown_domain",
                            "domain",
                            format!("规则集中没有领域 {id}"),
                            format!("no domain {id:?} in the rule set"),
                        )
                        .expected("a domain id of the rule set"),
                    ),
                    (Some(d), Some(it)) if it.spec.domain != d.id => errors.push(
                        err(
                            "dispatch.domain_mismatch",
                            "domain",
                            format!(
                                "事项 {} 属于领域 {}，不是 {id}",
                                it.spec.code, it.spec.domain
                            ),
                            format!(
                                "item {} is in domain {}, not {id}",
                                it.spec.code, it.spec.domain
                            ),
                        )
                        .expected(it.spec.domain.clone()),
                    ),
                    _ => {}
                }
                d
            }
            None => item.and_then(|it| domains.iter().find(|d| d.id == it.spec.domain)),
        };
        if r.item.is_none() && r.domain.is_none() {
            errors.push(
                err(
                    "dispatch.no_matter",
                    "item",
                    "应提供事项编码（item）或领域（domain）".into(),
                    "give the item code (item) or, when it is not known, the domain (domain)"
                        .into(),
                )
                .expected("item or domain"),
            );
        }
        let (Some(place), true) = (place, errors.is_empty()) else {
            return Err(InputError {
                diagnostics: errors,
            });
        };
        let town = match place.kind {
            BodyKind::ManagementCentre => place
                .hands_over_to
                .and_then(|i| self.body_at(i))
                .ok_or_else(|| {
                    InputError::single(err(
                        "town.centre_without_handover",
                        "place",
                        "管理服务中心未指明移交的镇".into(),
                        "the management centre names no town to hand over to".into(),
                    ))
                })?,
            _ => place,
        };
        let centre = (place.kind == BodyKind::ManagementCentre).then_some(place);
        let (_, office) = self.district_bodies()?;

        // The items to look at: the one given, or every item of the domain.
        let codes: Vec<String> = match (item, domain) {
            (Some(it), _) => vec![it.spec.code.clone()],
            (None, Some(d)) => self
                .items()
                .iter()
                .filter(|i| i.spec.domain == d.id)
                .map(|i| i.spec.code.clone())
                .collect(),
            (None, None) => Vec::new(),
        };
        let mut rules = RuleSet::new();
        let items: Vec<ItemRuling<'e>> = if codes.is_empty() {
            Vec::new()
        } else {
            // Reuse routing: the item statuses at the town (the centre's town) on the date.
            let ruling = self.route(&crate::routing::Case::bare(codes, r.place.clone(), r.date))?;
            ruling.items
        };
        t.step(None, || {
            (
                format!(
                    "{} {}报告{}发现的问题。",
                    r.date,
                    r.source.zh(),
                    place.name_zh
                ),
                format!(
                    "On {} {} reports a problem found in {}.",
                    r.date,
                    r.source.en(),
                    place.name_en
                ),
            )
        });
        for it in &items {
            rules.insert(it.status.rule());
            t.step(Some(it.status.rule()), || {
                (
                    format!(
                        "事项 {} 在 {} 于{}的状态为 {}。",
                        it.code,
                        r.date,
                        town.name_zh,
                        status_name(it)
                    ),
                    format!(
                        "Item {} stands at {} on {} as {}.",
                        it.code,
                        town.name_en,
                        r.date,
                        status_name(it)
                    ),
                )
            });
        }
        let competent: Vec<&ItemRuling<'e>> =
            items.iter().filter(|i| i.status.town_competent()).collect();
        let not_competent: Vec<&ItemRuling<'e>> = items
            .iter()
            .filter(|i| !i.status.town_competent())
            .collect();
        let mut departments: Vec<&'e Body> = Vec::new();
        for it in &not_competent {
            if !departments.iter().any(|d| d.id == it.department.id) {
                departments.push(it.department);
            }
        }

        let mut weekly_meeting = None;
        let mut handover = None;
        let mut acts_in_name_of = None;
        let (destination, mode, dispatcher, handler, department) = if !items.is_empty()
            && not_competent.is_empty()
        {
            // On the town's list: the town's team.
            if let Some(c) = centre {
                handover = Some((c, town));
                rules.insert(RuleId::CentreHandover);
                t.step(Some(RuleId::CentreHandover), || {
                    (
                        format!(
                            "{}发现的问题属于{}赋权清单，按程序移交{}处理。",
                            c.name_zh, town.name_zh, town.name_zh
                        ),
                        format!(
                            "What {} found is on {}'s list: it goes to {}.",
                            c.name_en, town.name_en, town.name_en
                        ),
                    )
                });
            }
            // Delegated items are decided in the town's name, entrusted ones in the department's.
            let mut name_of: Option<&'e Body> = None;
            let mut one_name = true;
            for it in &competent {
                let n = match it.status {
                    crate::routing::ItemStatus::Entrusted
                    | crate::routing::ItemStatus::CarriedByEntrustment => it
                        .grant
                        .and_then(|g| self.body_at(g.grantor))
                        .unwrap_or(it.department),
                    _ => town,
                };
                match name_of {
                    None => name_of = Some(n),
                    Some(x) if x.id != n.id => one_name = false,
                    Some(_) => {}
                }
            }
            acts_in_name_of = if one_name { name_of } else { None };
            rules.insert(RuleId::DispatchTownTeam);
            let mode = if r.source == Source::GridWorker {
                Mode::GridCallTeamReports
            } else {
                Mode::TownDispatchesTeamAccepts
            };
            t.step(Some(RuleId::DispatchTownTeam), || match mode {
                Mode::GridCallTeamReports => (
                    format!("网格员呼叫、执法队报到：由{}综合执法队处置。", town.name_zh),
                    format!("The grid worker calls and the team reports: {}'s enforcement team handles it.", town.name_en),
                ),
                _ => (
                    format!("{}派单、执法队接单。", town.name_zh),
                    format!("{} dispatches and its enforcement team accepts.", town.name_en),
                ),
            });
            (Destination::TownTeam, mode, town, Some(town), None)
        } else if competent.is_empty() && departments.len() == 1 {
            // Off the list, one department: whistle to the district platform.
            if centre.is_some() {
                rules.insert(RuleId::CentreNotATown);
            }
            rules.insert(RuleId::DispatchWhistle);
            let dep = departments.first().copied();
            t.step(Some(RuleId::DispatchWhistle), || {
                let (zh, en) = dep.map_or(("-", "-"), |d| (d.name_zh.as_str(), d.name_en.as_str()));
                (
                    format!("不在{}清单内（或仍在过渡期）：吹哨至{}，由平台向{}派单并督导执行。", town.name_zh, office.name_zh, zh),
                    format!("Not on {}'s list (or still in transition): whistled to {}, which dispatches {} and follows up.", town.name_en, office.name_en, en),
                )
            });
            (
                Destination::DistrictPlatform,
                Mode::WhistleAndReport,
                office,
                dep,
                dep,
            )
        } else {
            // Split between town and department, or several departments: the weekly ruling.
            if centre.is_some() {
                rules.insert(RuleId::CentreNotATown);
            }
            let (weekly, _) = self.weekly_meeting(r.date)?;
            weekly_meeting = Some(weekly);
            rules.insert(RuleId::DispatchUnclear);
            rules.insert(RuleId::PlatformWeeklyMeeting);
            t.step(Some(RuleId::DispatchUnclear), || {
                (
                    format!(
                        "只知领域，其事项分属镇(街道)与部门或多个部门（{} 项在清单内，{} 项属 {} 个部门），职责不清：提交{} {} 的周例会快速裁定。",
                        competent.len(), not_competent.len(), departments.len(), office.name_zh, weekly.held
                    ),
                    format!(
                        "Only the domain is known and its items are split ({} on the list, {} with {} department(s)): responsibility is unclear, so {} rules at its weekly meeting of {}.",
                        competent.len(), not_competent.len(), departments.len(), office.name_en, weekly.held
                    ),
                )
            });
            (
                Destination::PlatformRuling,
                Mode::WeeklyRuling,
                office,
                None,
                None,
            )
        };
        Ok(Dispatch {
            place,
            town,
            domain,
            destination,
            mode,
            dispatcher,
            handler,
            department,
            acts_in_name_of,
            handover,
            weekly_meeting,
            items,
            rules,
        })
    }
}

/// The wire name of an item's status.
pub(crate) fn status_name(it: &ItemRuling<'_>) -> String {
    match serde_json::to_value(it.status) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
