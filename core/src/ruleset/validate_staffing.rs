//! Validation of the optional staffing parameters (Plan §3, §7, §8): date order and
//! ranges. An absent parameter is not a defect here; a decision that needs it
//! answers `parameter.not_in_force`.

use super::{cite, Validator};
use crate::citation::{Instrument, StaticCitation};
use crate::ruleset::source::{Dated, Ratio};
use crate::time::Date;

/// Plan §3 (centre staff), §7 (rotation, secondment), §8 (legal reviewers), by index.
const PLAN_3_7_8: [StaticCitation; 3] = [
    cite(Instrument::Plan, "第二部分第3项", "§3"),
    cite(Instrument::Plan, "第二部分第7项", "§7"),
    cite(Instrument::Plan, "第二部分第8项", "§8"),
];

impl Validator<'_> {
    /// Checks the optional staffing parameters.
    pub(super) fn check_staffing_parameters(&mut self) {
        let p = &self.doc.parameters;
        self.check_optional_order(
            "centre_min_formal_staff",
            &p.centre_min_formal_staff
                .iter()
                .map(|d| d.from)
                .collect::<Vec<_>>(),
        );
        for (i, d) in p.centre_min_formal_staff.iter().enumerate() {
            if d.value == 0 || d.value > 10_000 {
                self.range_error(
                    format!("parameters.centre_min_formal_staff[{i}].value"),
                    format!(
                        "综合执法中心最少正式人员数应在 1 至 10000 之间，实际为 {}",
                        d.value
                    ),
                    format!(
                        "the centre's minimum formal staff must be between 1 and 10000, got {}",
                        d.value
                    ),
                    0,
                );
            }
        }
        self.check_ratios("legal_reviewer_share", &p.legal_reviewer_share, 2);
        self.check_optional_order(
            "rotation_years",
            &p.rotation_years.iter().map(|d| d.from).collect::<Vec<_>>(),
        );
        for (i, d) in p.rotation_years.iter().enumerate() {
            let y = d.value;
            if y.may == 0 || y.must <= y.may || y.must > 60 {
                self.range_error(
                    format!("parameters.rotation_years[{i}].value"),
                    format!(
                        "轮岗年限应满足 0 < 可交流年限 < 必须交流年限 ≤ 60，实际为 {} / {}",
                        y.may, y.must
                    ),
                    format!(
                        "rotation years must satisfy 0 < may < must <= 60, got {} / {}",
                        y.may, y.must
                    ),
                    1,
                );
            }
        }
        self.check_ratios("district_secondment_share", &p.district_secondment_share, 1);
    }

    pub(super) fn check_optional_order(&mut self, name: &str, froms: &[Date]) {
        // Optional: an empty list is allowed (the decision then reports `parameter.not_in_force`).
        if !froms.is_empty() {
            self.check_dated_order(name, froms);
        }
    }

    fn check_ratios(&mut self, name: &str, values: &[Dated<Ratio>], clause: usize) {
        self.check_optional_order(name, &values.iter().map(|d| d.from).collect::<Vec<_>>());
        for (i, d) in values.iter().enumerate() {
            let r = d.value;
            if r.denominator == 0 || r.numerator > r.denominator {
                self.range_error(
                    format!("parameters.{name}[{i}].value"),
                    format!(
                        "比例 {}/{} 无效：分母应大于零且不小于分子",
                        r.numerator, r.denominator
                    ),
                    format!(
                        "share {}/{} is invalid: the denominator must be more than zero and not less than the numerator",
                        r.numerator, r.denominator
                    ),
                    clause,
                );
            }
        }
    }

    fn range_error(&mut self, path: String, zh: String, en: String, clause: usize) {
        let c = PLAN_3_7_8.get(clause).copied();
        self.error("parameter.out_of_range", path, zh, en, c);
    }
}

#[cfg(all(test, feature = "embedded"))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use crate::ruleset::source::{Ratio, RotationYears};
    use crate::ruleset::validate::validate;
    use crate::Engine;

    #[test]
    fn staffing_parameters_are_checked_and_optional() {
        let mut doc = Engine::embedded().unwrap().document().clone();
        assert!(validate(&doc).iter().all(|d| !d.is_error()));
        let p = &mut doc.parameters;
        let mut later = p.legal_reviewer_share[0].clone();
        later.value = Ratio {
            numerator: 5,
            denominator: 0,
        };
        p.legal_reviewer_share.push(later); // same `from`: out of order, and a zero denominator
        p.rotation_years[0].value = RotationYears { may: 6, must: 6 };
        p.district_secondment_share.clear(); // optional: absent is not a defect
        let codes: Vec<(String, String)> = validate(&doc)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| (d.code, d.path))
            .collect();
        assert_eq!(
            codes,
            vec![
                (
                    "parameter.dates_out_of_order".to_owned(),
                    "parameters.legal_reviewer_share[1].from".to_owned()
                ),
                (
                    "parameter.out_of_range".to_owned(),
                    "parameters.legal_reviewer_share[1].value".to_owned()
                ),
                (
                    "parameter.out_of_range".to_owned(),
                    "parameters.rotation_years[0].value".to_owned()
                ),
            ]
        );
    }
}
