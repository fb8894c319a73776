//! `fuquan diff OLD NEW`: what changed between two versions of a rule set, per
//! town — items granted, revoked (taken back, Plan §14), moved between delegation
//! and entrustment, or with a changed legal basis — each with the day it takes
//! effect and the transition it starts: the annex an office publishes with an
//! adjustment (Plan 四(四) 动态调整赋权事项…并向社会公布).
//!
//! A version's list for a town is what its grants that are not revoked give the
//! town directly (a grant to a class reaches every town of the class); items
//! carried with a penalty follow their penalty and are not listed.

use std::collections::BTreeMap;
use std::path::Path;

use fuquan::ruleset::source::{GrantMode, GrantSpec, Grantee, RuleSetDocument};
use fuquan::time::Date;
use fuquan::Engine;
use serde::Serialize;

use crate::diag::OfficeError;
use crate::sheets::{self, Table};
use crate::vocab;

/// What happened to an item on a town's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Newly delegated or entrusted.
    Granted,
    /// No longer on the list (revoked, 依法回收).
    Revoked,
    /// Moved between delegation and entrustment.
    ModeChanged,
    /// Same grant, changed establishing or penalty basis.
    BasisChanged,
}

impl ChangeKind {
    /// Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            ChangeKind::Granted => "新增赋予",
            ChangeKind::Revoked => "收回",
            ChangeKind::ModeChanged => "方式调整",
            ChangeKind::BasisChanged => "依据变更",
        }
    }

    /// English label.
    pub fn en(self) -> &'static str {
        match self {
            ChangeKind::Granted => "granted",
            ChangeKind::Revoked => "revoked",
            ChangeKind::ModeChanged => "mode changed",
            ChangeKind::BasisChanged => "basis changed",
        }
    }
}

/// Which legal basis of an item a clause belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BasisKind {
    /// 设定依据 (the provision that establishes the power).
    Establishing,
    /// 处罚依据 (the provision that sets the penalty).
    Penalty,
}

impl BasisKind {
    /// Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            BasisKind::Establishing => "设定依据",
            BasisKind::Penalty => "处罚依据",
        }
    }

    /// English label.
    pub fn en(self) -> &'static str {
        match self {
            BasisKind::Establishing => "establishing basis",
            BasisKind::Penalty => "penalty basis",
        }
    }
}

/// A clause added to or removed from one of an item's legal bases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BasisClause {
    /// Which basis.
    pub basis: BasisKind,
    /// `true` added in the new version, `false` removed from it.
    pub added: bool,
    /// The clause as the list writes it, e.g. `《威海市城市管理条例》(2021年)第二十条`.
    pub clause: String,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Town id.
    pub town: String,
    /// Town name.
    pub town_zh: String,
    /// Town name in English.
    pub town_en: String,
    /// What happened.
    pub kind: ChangeKind,
    /// Item code.
    pub item: String,
    /// Item name.
    pub item_zh: String,
    /// Item name in English.
    pub item_en: String,
    /// Before (mode or basis), empty when new.
    pub before: String,
    /// After, empty when revoked.
    pub after: String,
    /// First day of the change.
    pub effective: Option<Date>,
    /// The transition it starts (Plan §12 for a delegation), in Chinese.
    pub transition_zh: String,
    /// The transition in English.
    pub transition_en: String,
    /// The grant document (number) behind the change.
    pub document: String,
    /// For a changed basis: the clauses added and removed, basis by basis
    /// (what the annex's reader needs, where `before`/`after` give whole texts).
    pub basis_clauses: Vec<BasisClause>,
}

/// How one item's example reports (`intake_examples`, 诉求样例) changed between
/// the versions: they steer intake (`docs/intake.md` step 4), so a clerk who
/// imported a platform's export sees what moved. Not part of the published
/// annex: the reports are the district's own records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExampleChange {
    /// Item code; `None` for the reports outside the catalogue (清单外).
    pub item: Option<String>,
    /// Item name (empty outside the catalogue).
    pub item_zh: String,
    /// Item name in English.
    pub item_en: String,
    /// Reports in the new version that the old one lacks (counted with repeats).
    pub added: usize,
    /// Reports of the old version that the new one lacks.
    pub removed: usize,
}

/// The whole diff.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    /// Old version (`meta.version`).
    pub old_version: String,
    /// New version.
    pub new_version: String,
    /// New version's `meta.effective_from`.
    pub new_effective_from: Option<Date>,
    /// The changes, by town then kind then item.
    pub changes: Vec<Change>,
    /// The example reports' changes, by item code, those outside the catalogue last.
    pub intake_examples: Vec<ExampleChange>,
}

/// Reports added and removed per item: a multiset difference of (item, text).
fn example_changes(
    o: &RuleSetDocument,
    n: &RuleSetDocument,
    item_name: impl Fn(&str) -> (String, String),
) -> Vec<ExampleChange> {
    let mut count: BTreeMap<(Option<&str>, &str), i64> = BTreeMap::new();
    for e in &o.intake_examples {
        *count
            .entry((e.item.as_deref(), e.text.as_str()))
            .or_default() -= 1;
    }
    for e in &n.intake_examples {
        *count
            .entry((e.item.as_deref(), e.text.as_str()))
            .or_default() += 1;
    }
    let mut per_item: BTreeMap<Option<&str>, (usize, usize)> = BTreeMap::new();
    for ((item, _), c) in count {
        let slot = per_item.entry(item).or_default();
        if c > 0 {
            slot.0 += c.unsigned_abs() as usize;
        } else if c < 0 {
            slot.1 += c.unsigned_abs() as usize;
        }
    }
    // BTreeMap puts None first; the reports outside the catalogue go last.
    let mut out: Vec<ExampleChange> = per_item
        .into_iter()
        .filter(|(_, (a, r))| a + r > 0)
        .map(|(item, (added, removed))| {
            let (item_zh, item_en) = item.map(&item_name).unwrap_or_default();
            ExampleChange {
                item: item.map(str::to_owned),
                item_zh,
                item_en,
                added,
                removed,
            }
        })
        .collect();
    out.sort_by_key(|c| c.item.is_none());
    out
}

struct Standing<'d> {
    mode: GrantMode,
    grant: &'d GrantSpec,
}

fn standing<'d>(doc: &'d RuleSetDocument, town: &str) -> BTreeMap<String, Standing<'d>> {
    let class = doc
        .towns
        .iter()
        .find(|t| t.id == town)
        .and_then(|t| t.class);
    let mut out: BTreeMap<String, Standing<'d>> = BTreeMap::new();
    for g in doc.grants.iter().filter(|g| g.revoked.is_none()) {
        let reaches = match &g.grantee {
            Grantee::Class(c) => Some(*c) == class,
            Grantee::Towns(t) => t.iter().any(|x| x == town),
        };
        if !reaches {
            continue;
        }
        for item in &g.items {
            let replace = out
                .get(item)
                .is_none_or(|s| s.grant.effective <= g.effective);
            if replace {
                out.insert(
                    item.clone(),
                    Standing {
                        mode: g.mode,
                        grant: g,
                    },
                );
            }
        }
    }
    out
}

fn basis(doc: &RuleSetDocument, code: &str) -> (String, String) {
    doc.items
        .iter()
        .find(|i| i.code == code)
        .map_or_else(Default::default, |i| {
            (
                i.establishing_basis.clone(),
                i.penalty_basis.clone().unwrap_or_default(),
            )
        })
}

/// The clauses of a basis text: lists write several provisions separated by
/// `；` (or `;`), each naming its law once.
fn clauses(text: &str) -> Vec<&str> {
    text.split(['；', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// What was added to and removed from each basis, in the lists' own order.
fn clause_changes(old: &(String, String), new: &(String, String)) -> Vec<BasisClause> {
    let mut out = Vec::new();
    for (kind, o, n) in [
        (BasisKind::Establishing, &old.0, &new.0),
        (BasisKind::Penalty, &old.1, &new.1),
    ] {
        let (o, n) = (clauses(o), clauses(n));
        for c in o.iter().filter(|c| !n.contains(c)) {
            out.push(BasisClause {
                basis: kind,
                added: false,
                clause: (*c).to_owned(),
            });
        }
        for c in n.iter().filter(|c| !o.contains(c)) {
            out.push(BasisClause {
                basis: kind,
                added: true,
                clause: (*c).to_owned(),
            });
        }
    }
    out
}

/// Compares two versions (both must load).
pub fn diff(old: &Engine, new: &Engine) -> Diff {
    let (o, n) = (old.document(), new.document());
    let mut changes = Vec::new();
    let item_name = |code: &str| {
        n.items
            .iter()
            .chain(o.items.iter())
            .find(|i| i.code == code)
            .map(|i| (i.name_zh.clone(), i.name_en.clone()))
            .unwrap_or_default()
    };
    for town in &n.towns {
        let before = standing(o, &town.id);
        let after = standing(n, &town.id);
        let transition = |g: &GrantSpec| -> (String, String) {
            match g.mode {
                GrantMode::Delegation => match new
                    .grants()
                    .iter()
                    .find(|x| x.id == g.id)
                    .and_then(|x| x.transition_last_day)
                {
                    Some(last) => (
                        format!(
                            "过渡期{}至{last}，期间由原行使部门负责（方案第12项）",
                            g.effective
                        ),
                        format!(
                            "transition {} to {last}: the department stays responsible (Plan §12)",
                            g.effective
                        ),
                    ),
                    None => (String::new(), String::new()),
                },
                GrantMode::Entrustment => (
                    "以委托部门名义实施，委托部门承担法律责任".to_owned(),
                    "exercised in the entrusting department's name, which answers for it"
                        .to_owned(),
                ),
            }
        };
        let mut push = |kind,
                        item: &str,
                        before: String,
                        after: String,
                        effective,
                        tr: (String, String),
                        document: String,
                        basis_clauses: Vec<BasisClause>| {
            let (item_zh, item_en) = item_name(item);
            changes.push(Change {
                town: town.id.clone(),
                town_zh: town.name_zh.clone(),
                town_en: town.name_en.clone(),
                kind,
                item: item.to_owned(),
                item_zh,
                item_en,
                before,
                after,
                effective,
                transition_zh: tr.0,
                transition_en: tr.1,
                document,
                basis_clauses,
            });
        };
        for (code, s) in &after {
            match before.get(code) {
                None => push(
                    ChangeKind::Granted,
                    code,
                    String::new(),
                    vocab::grant_mode_zh(s.mode).to_owned(),
                    Some(s.grant.effective),
                    transition(s.grant),
                    s.grant.document.number.clone(),
                    Vec::new(),
                ),
                Some(b) if b.mode != s.mode => push(
                    ChangeKind::ModeChanged,
                    code,
                    vocab::grant_mode_zh(b.mode).to_owned(),
                    vocab::grant_mode_zh(s.mode).to_owned(),
                    Some(s.grant.effective),
                    transition(s.grant),
                    s.grant.document.number.clone(),
                    Vec::new(),
                ),
                Some(_) => {
                    let (ob, nb) = (basis(o, code), basis(n, code));
                    if ob != nb {
                        let show = |b: &(String, String)| {
                            if b.1.is_empty() {
                                b.0.clone()
                            } else {
                                format!("设定依据：{}；处罚依据：{}", b.0, b.1)
                            }
                        };
                        push(
                            ChangeKind::BasisChanged,
                            code,
                            show(&ob),
                            show(&nb),
                            n.meta.effective_from,
                            (String::new(), String::new()),
                            s.grant.document.number.clone(),
                            clause_changes(&ob, &nb),
                        );
                    }
                }
            }
        }
        for (code, b) in &before {
            if after.contains_key(code) {
                continue;
            }
            // The grant revoked in the new version, if it says so; else the new version's first day.
            let revoked = n
                .grants
                .iter()
                .find(|g| g.id == b.grant.id)
                .and_then(|g| g.revoked)
                .or(n.meta.effective_from);
            push(
                ChangeKind::Revoked,
                code,
                vocab::grant_mode_zh(b.mode).to_owned(),
                String::new(),
                revoked,
                ("自收回之日起由原行使部门管辖；已受理未办结案件按移交程序处理（方案第14项）".to_owned(), "from that day the department is competent again; open cases are handed over (Plan §14)".to_owned()),
                b.grant.document.number.clone(),
                Vec::new(),
            );
        }
    }
    changes.sort_by(|a, b| {
        (a.town.as_str(), a.kind, a.item.as_str()).cmp(&(b.town.as_str(), b.kind, b.item.as_str()))
    });
    // Keep the rule set's town order.
    let order: Vec<&str> = n.towns.iter().map(|t| t.id.as_str()).collect();
    changes.sort_by_key(|c| {
        order
            .iter()
            .position(|t| *t == c.town)
            .unwrap_or(usize::MAX)
    });
    Diff {
        old_version: o.meta.version.clone(),
        new_version: n.meta.version.clone(),
        new_effective_from: n.meta.effective_from,
        changes,
        intake_examples: example_changes(o, n, item_name),
    }
}

/// The diff as a table (the annex).
pub fn table(d: &Diff) -> Table {
    Table {
        sheet: "调整事项".into(),
        title: Some(format!(
            "镇(街道)赋权事项调整情况（{} → {}）",
            d.old_version, d.new_version
        )),
        subtitle: d.new_effective_from.map(|e| format!("自{e}起施行")),
        headers: [
            "序号",
            "镇(街道)",
            "调整类型",
            "事项代码",
            "事项名称",
            "调整前",
            "调整后",
            "依据增删",
            "生效日期",
            "过渡安排",
            "文件",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        widths: vec![
            6.0, 14.0, 10.0, 10.0, 36.0, 24.0, 24.0, 30.0, 11.0, 36.0, 18.0,
        ],
        rows: d
            .changes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    (i + 1).to_string(),
                    c.town_zh.clone(),
                    c.kind.zh().to_owned(),
                    c.item.clone(),
                    c.item_zh.clone(),
                    c.before.clone(),
                    c.after.clone(),
                    c.basis_clauses
                        .iter()
                        .map(|b| {
                            let verb = if b.added { "增加" } else { "删除" };
                            format!("{}{verb}：{}", b.basis.zh(), b.clause)
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                    c.effective.map(|e| e.to_string()).unwrap_or_default(),
                    c.transition_zh.clone(),
                    c.document.clone(),
                ]
            })
            .collect(),
    }
}

/// The diff as text, one town after another: in Chinese, or in English with
/// the English names of towns, items and modes. A changed basis lists the
/// clauses added and removed rather than both whole texts (the workbook and the
/// JSON keep both).
pub fn text(d: &Diff, english: bool) -> String {
    let mut s = String::new();
    if english {
        s.push_str(&format!(
            "Changes {} → {} ({} change{})\n",
            d.old_version,
            d.new_version,
            d.changes.len(),
            if d.changes.len() == 1 { "" } else { "s" }
        ));
    } else {
        s.push_str(&format!(
            "调整情况 {} → {}（共 {} 项）\n",
            d.old_version,
            d.new_version,
            d.changes.len()
        ));
    }
    let mut town = "";
    for c in &d.changes {
        if c.town != town {
            town = &c.town;
            s.push_str(&format!(
                "\n{}\n",
                if english { &c.town_en } else { &c.town_zh }
            ));
        }
        let eff = c
            .effective
            .map(|e| e.to_string())
            .unwrap_or_else(|| "—".into());
        let mode = |m: &str| -> String {
            if english {
                match crate::vocab::grant_mode(m) {
                    Some(GrantMode::Delegation) => "delegation".into(),
                    Some(GrantMode::Entrustment) => "entrustment".into(),
                    None => m.to_owned(),
                }
            } else {
                m.to_owned()
            }
        };
        let detail = match c.kind {
            ChangeKind::BasisChanged => String::new(),
            ChangeKind::Granted => format!("  [{}]", mode(&c.after)),
            ChangeKind::Revoked => format!("  [{}]", mode(&c.before)),
            ChangeKind::ModeChanged => format!("  [{} → {}]", mode(&c.before), mode(&c.after)),
        };
        let (kind, name) = if english {
            (c.kind.en(), &c.item_en)
        } else {
            (c.kind.zh(), &c.item_zh)
        };
        // The row (kind, code, mode, day) stays short; the name follows on its own
        // line, so rows fit 100 columns whatever the name's length.
        s.push_str(&format!(
            "  {kind}  {}{detail}  {eff}\n    {name}\n",
            c.item
        ));
        for b in &c.basis_clauses {
            if english {
                let verb = if b.added { "added" } else { "removed" };
                s.push_str(&format!("    {} {verb}: {}\n", b.basis.en(), b.clause));
            } else {
                let verb = if b.added { "增加" } else { "删除" };
                s.push_str(&format!("    {}{verb}：{}\n", b.basis.zh(), b.clause));
            }
        }
        let tr = if english {
            &c.transition_en
        } else {
            &c.transition_zh
        };
        // The transition note on its own line keeps rows within 100 columns.
        if !tr.is_empty() {
            s.push_str(&format!("    {tr}\n"));
        }
    }
    example_text(&mut s, &d.intake_examples, english);
    s
}

/// The example reports' part of [`text`]: totals, then a row per item.
fn example_text(s: &mut String, changes: &[ExampleChange], english: bool) {
    if changes.is_empty() {
        return;
    }
    let added: usize = changes.iter().map(|c| c.added).sum();
    let removed: usize = changes.iter().map(|c| c.removed).sum();
    if english {
        s.push_str(&format!(
            "\nExample reports (for intake; not in the published annex): {added} added, {removed} removed\n"
        ));
    } else {
        s.push_str(&format!(
            "\n诉求样例（受理分办用，不列入公布附件）：新增 {added} 条，删除 {removed} 条\n"
        ));
    }
    for c in changes {
        let code = c
            .item
            .as_deref()
            .unwrap_or(if english { "outside" } else { "清单外" });
        let name = if english { &c.item_en } else { &c.item_zh };
        let mut counts = Vec::new();
        if c.added > 0 {
            counts.push(format!("+{}", c.added));
        }
        if c.removed > 0 {
            counts.push(format!("-{}", c.removed));
        }
        let counts = counts.join(" ");
        if name.is_empty() {
            s.push_str(&format!("  {code}  {counts}\n"));
        } else {
            s.push_str(&format!("  {code}  {counts}  {name}\n"));
        }
    }
}

/// Writes the annex workbook.
pub fn write_xlsx(d: &Diff, path: &Path) -> Result<(), OfficeError> {
    sheets::write_xlsx(&[table(d)], path)
}
