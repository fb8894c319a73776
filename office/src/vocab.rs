//! The words districts write for the rule set's enumerations, both ways.

use fuquan::money::Money;
use fuquan::ruleset::source::{
    AgreementContents, FineParty, FineRange, GrantMode, ItemKind, TownClass, TownKind,
};
use fuquan::time::DateRange;

use crate::text;

/// 行政处罚 / 行政检查 / 行政强制措施.
pub fn item_kind_zh(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Penalty => "行政处罚",
        ItemKind::Inspection => "行政检查",
        ItemKind::CompulsoryMeasure => "行政强制措施",
    }
}

/// Reads an item kind (`行政处罚`, `处罚`, `penalty`, …).
pub fn item_kind(s: &str) -> Option<ItemKind> {
    match text::code(s).as_str() {
        "行政处罚" | "处罚" | "行政处罚权" | "penalty" => Some(ItemKind::Penalty),
        "行政检查" | "检查" | "行政检查权" | "inspection" => Some(ItemKind::Inspection),
        "行政强制" | "行政强制措施" | "强制措施" | "行政强制权" | "compulsory_measure" => {
            Some(ItemKind::CompulsoryMeasure)
        }
        _ => None,
    }
}

/// The kind an item's name shows: `对…的处罚`, `…的检查`, `查封…`/`扣押…`.
pub fn kind_from_name(name: &str) -> Option<ItemKind> {
    let n = text::clean(name);
    if n.contains("查封") || n.contains("扣押") || n.contains("强制") {
        Some(ItemKind::CompulsoryMeasure)
    } else if n.ends_with("处罚") || n.contains("的处罚") || n.contains("行政处罚") {
        Some(ItemKind::Penalty)
    } else if n.ends_with("检查") || n.contains("行政检查") || n.contains("监督检查") {
        Some(ItemKind::Inspection)
    } else {
        None
    }
}

/// 赋权 / 委托.
pub fn grant_mode_zh(m: GrantMode) -> &'static str {
    match m {
        GrantMode::Delegation => "赋权",
        GrantMode::Entrustment => "委托",
    }
}

/// Reads a grant mode.
/// A remark in brackets is ignored (`赋权(随处罚事项)` reads as 赋权).
pub fn grant_mode(s: &str) -> Option<GrantMode> {
    match crate::columns::header_key(s).as_str() {
        "赋权" | "下放" | "赋予" | "delegation" => Some(GrantMode::Delegation),
        "委托" | "委托执法" | "entrustment" => Some(GrantMode::Entrustment),
        _ => None,
    }
}

/// 经济发达镇 / 重点产业镇 / 主城区街道.
pub fn town_class_zh(c: TownClass) -> &'static str {
    match c {
        TownClass::DevelopedTown => "经济发达镇",
        TownClass::KeyIndustryTown => "重点产业镇",
        TownClass::MainUrbanSubdistrict => "主城区街道",
    }
}

/// Reads a town class (already folded with [`text::code`]).
pub fn town_class(s: &str) -> Option<TownClass> {
    match s {
        "经济发达镇" | "developed_town" => Some(TownClass::DevelopedTown),
        "重点产业镇" | "key_industry_town" => Some(TownClass::KeyIndustryTown),
        "主城区街道" | "main_urban_subdistrict" => Some(TownClass::MainUrbanSubdistrict),
        _ => None,
    }
}

/// 镇 / 街道 / 管理服务中心.
pub fn town_kind_zh(k: TownKind) -> &'static str {
    match k {
        TownKind::Town => "镇",
        TownKind::Subdistrict => "街道",
        TownKind::ManagementCentre => "管理服务中心",
    }
}

/// Reads a town kind.
pub fn town_kind(s: &str) -> Option<TownKind> {
    match text::code(s).as_str() {
        "镇" | "town" => Some(TownKind::Town),
        "街道" | "subdistrict" => Some(TownKind::Subdistrict),
        "管理服务中心" | "管理中心" | "management_centre" => {
            Some(TownKind::ManagementCentre)
        }
        _ => None,
    }
}

/// The kind a town's name shows.
pub fn town_kind_from_name(name: &str) -> Option<TownKind> {
    let n = text::name_key(name);
    if n.ends_with("街道") {
        Some(TownKind::Subdistrict)
    } else if n.ends_with('镇') {
        Some(TownKind::Town)
    } else if n.ends_with("中心") {
        Some(TownKind::ManagementCentre)
    } else {
        None
    }
}

/// Writes fine ranges: `个人:200~2000;单位:10000~` (an empty end: none);
/// `不罚款` for `[]`; `""` when not recorded.
pub fn fine_ranges_text(f: Option<&[FineRange]>) -> String {
    let Some(ranges) = f else {
        return String::new();
    };
    if ranges.is_empty() {
        return "不罚款".to_owned();
    }
    ranges
        .iter()
        .map(|r| {
            let party = match r.party {
                Some(FineParty::Individual) => "个人:",
                Some(FineParty::Organisation) => "单位:",
                None => "",
            };
            let end = |m: Option<Money>| m.map(|m| m.to_string()).unwrap_or_default();
            format!("{party}{}~{}", end(r.min), end(r.max))
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads what [`fine_ranges_text`] writes (`元` after a number is allowed);
/// `Err(())` when the text is not of that form (the caller places the diagnostic).
#[allow(clippy::result_unit_err)]
pub fn fine_ranges(s: &str) -> Result<Option<Vec<FineRange>>, ()> {
    let t = text::code(s);
    if t.is_empty() {
        return Ok(None);
    }
    if t == "不罚款" || t == "无罚款" {
        return Ok(Some(Vec::new()));
    }
    let mut out = Vec::new();
    for part in t.split([';', '；']).filter(|p| !p.is_empty()) {
        let (party, range) = if let Some(r) = part
            .strip_prefix("个人:")
            .or_else(|| part.strip_prefix("个人："))
        {
            (Some(FineParty::Individual), r)
        } else if let Some(r) = part
            .strip_prefix("单位:")
            .or_else(|| part.strip_prefix("单位："))
        {
            (Some(FineParty::Organisation), r)
        } else {
            (None, part)
        };
        let (a, b) = range.split_once(['~', '～', '-', '至']).ok_or(())?;
        let money = |x: &str| -> Result<Option<Money>, ()> {
            let x = x.trim_end_matches('元');
            if x.is_empty() {
                Ok(None)
            } else {
                x.parse::<Money>().map(Some).map_err(|_| ())
            }
        };
        out.push(FineRange {
            party,
            min: money(a)?,
            max: money(b)?,
        });
    }
    Ok(Some(out))
}

/// Reads `2024-05-15至2027-05-14` (any date spelling; `~` or `-` between).
pub fn date_range(s: &str) -> Option<DateRange> {
    let t = text::clean(s);
    let (a, b) = t
        .split_once('至')
        .or_else(|| t.split_once('~'))
        .or_else(|| t.split_once('～'))?;
    Some(DateRange {
        from: text::date(a)?,
        to: text::date(b)?,
    })
}

/// Writes a date range as [`date_range`] reads it.
pub fn date_range_text(r: &DateRange) -> String {
    format!("{}至{}", r.from, r.to)
}

const AGREEMENT_WORDS: [&str; 6] = ["依据", "事项", "权限", "期限", "权利义务", "责任"];

/// Writes agreement contents: the parts it states, `、`-separated, or `无`.
pub fn agreement_text(a: &AgreementContents) -> String {
    let flags = [
        a.basis,
        a.items,
        a.scope,
        a.term,
        a.rights_and_duties,
        a.liabilities,
    ];
    let parts: Vec<&str> = AGREEMENT_WORDS
        .iter()
        .zip(flags)
        .filter(|(_, f)| *f)
        .map(|(w, _)| *w)
        .collect();
    if parts.is_empty() {
        "无".to_owned()
    } else {
        parts.join("、")
    }
}

/// Reads what [`agreement_text`] writes.
pub fn agreement(s: &str) -> Option<AgreementContents> {
    let t = text::clean(s);
    let mut a = AgreementContents {
        basis: false,
        items: false,
        scope: false,
        term: false,
        rights_and_duties: false,
        liabilities: false,
    };
    if t == "无" {
        return Some(a);
    }
    for part in text::split_list(&t) {
        match part.as_str() {
            "依据" => a.basis = true,
            "事项" => a.items = true,
            "权限" => a.scope = true,
            "期限" => a.term = true,
            "权利义务" | "双方的权利与义务" => a.rights_and_duties = true,
            "责任" | "应承担的责任" => a.liabilities = true,
            _ => return None,
        }
    }
    Some(a)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn fine_ranges_both_ways() {
        let t = "个人:200~2000;单位:10000~";
        let f = fine_ranges(t).unwrap().unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].min, Some(Money::from_yuan(200).unwrap()));
        assert_eq!(f[1].max, None);
        assert_eq!(
            fine_ranges_text(Some(&f)),
            "个人:200.00~2000.00;单位:10000.00~"
        );
        assert_eq!(fine_ranges("不罚款").unwrap(), Some(vec![]));
        assert_eq!(fine_ranges("").unwrap(), None);
        assert!(fine_ranges("很多").is_err());
    }

    #[test]
    fn kinds_from_names() {
        assert_eq!(
            kind_from_name("对建设单位未取得施工许可证擅自施工的处罚"),
            Some(ItemKind::Penalty)
        );
        assert_eq!(
            kind_from_name("对建设工程施工许可和工程质量情况的行政检查"),
            Some(ItemKind::Inspection)
        );
        assert_eq!(
            kind_from_name("查封违法建设施工现场"),
            Some(ItemKind::CompulsoryMeasure)
        );
        assert_eq!(kind_from_name("其他事项"), None);
    }
}
