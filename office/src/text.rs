//! Cell text as clerks write it: full-width digits and spaces, Chinese dates,
//! 〔〕 or [] around a document's year, 是/否.

use fuquan::time::Date;

/// Trims spaces of every width (ASCII, U+3000 ideographic, no-break) and line
/// breaks at both ends. Inside the text nothing changes.
pub fn clean(s: &str) -> String {
    s.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
    })
    .to_owned()
}

/// Folds full-width ASCII (`０-９`, `Ａ-Ｚ`, `－`, …) to half-width and the
/// ideographic space to a space; other characters are kept.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// A code or id: trimmed, width-folded, inner spaces removed.
pub fn code(s: &str) -> String {
    fold_width(&clean(s))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A document number: width-folded digits, `[2024]`, `【2024】`, `(2024)` and
/// `（2024）` around the year written `〔2024〕` as GB/T 9704 prescribes.
pub fn document_number(s: &str) -> String {
    let folded: String = code(s);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let close = match c {
            '[' => Some(']'),
            '【' => Some('】'),
            '(' => Some(')'),
            '（' => Some('）'),
            '〔' => Some('〕'),
            _ => None,
        };
        if let Some(close) = close {
            let year: String = chars.iter().skip(i + 1).take(4).collect();
            if year.len() == 4
                && year.chars().all(|d| d.is_ascii_digit())
                && chars.get(i + 5) == Some(&close)
            {
                out.push('〔');
                out.push_str(&year);
                out.push('〕');
                i += 6;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Reads a date as clerks write it: `2024-05-15`, `2024/5/15`, `2024.5.15`,
/// `2024年5月15日`, with full-width digits, or an Excel serial day number
/// (1900 date system, days after 1899-12-30). `None` when it is not a real date.
pub fn date(s: &str) -> Option<Date> {
    let t = code(s);
    if t.is_empty() {
        return None;
    }
    if let Some(serial) = excel_serial(&t) {
        return Some(serial);
    }
    let t = t.strip_suffix('日').unwrap_or(&t).to_owned();
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str| -> Option<u32> {
        if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    if y.len() != 4 {
        return None;
    }
    let year = i32::try_from(num(y)?).ok()?;
    Date::from_ymd(year, num(m)?, num(d)?)
}

/// An Excel serial day written as a number (a date cell read as a plain number).
fn excel_serial(t: &str) -> Option<Date> {
    if t.len() > 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: i64 = t.parse().ok()?;
    // 1 = 1900-01-01; below 61 the 1900 leap-year bug shifts days. Rule-set dates
    // are far later: accept 1955 (20,000) to 2173 (100,000) only.
    if !(20_000..=100_000).contains(&days) {
        return None;
    }
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let d = base.checked_add_signed(chrono::TimeDelta::try_days(days)?)?;
    Some(Date(d))
}

/// Reads 是/否 and their usual spellings. `None` when it is neither.
pub fn yes_no(s: &str) -> Option<bool> {
    match code(s).to_lowercase().as_str() {
        "是" | "有" | "y" | "yes" | "true" | "1" | "√" | "✓" | "✔" | "纳入" => Some(true),
        "否" | "无" | "n" | "no" | "false" | "0" | "×" | "✗" | "" | "未纳入" | "不是" => {
            Some(false)
        }
        _ => None,
    }
}

/// 是 / 否.
pub fn yes_no_zh(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}

/// Splits a list cell (`张村镇、羊亭镇`, `CJ-I001;CJ-I002`) on 、，,；; / and line breaks.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', '；', ';', '/', '\n', '\r', '|'])
        .map(clean)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A comparable form of a body's name: width-folded, spaces removed, and the
/// district prefixes and the government suffixes dropped (`威海市环翠区住房和城乡建设局`
/// and `环翠区住房和城乡建设局` and `区住房和城乡建设局` compare equal; `张村镇人民政府`
/// equals `张村镇`).
pub fn name_key(s: &str) -> String {
    let mut k = code(s);
    for prefix in ["威海市环翠区", "环翠区", "区"] {
        if let Some(rest) = k.strip_prefix(prefix) {
            if rest.chars().count() >= 2 {
                k = rest.to_owned();
                break;
            }
        }
    }
    for suffix in ["人民政府", "办事处", "政府"] {
        if let Some(rest) = k.strip_suffix(suffix) {
            if !rest.is_empty() {
                k = rest.to_owned();
                break;
            }
        }
    }
    k
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_as_clerks_write_them() {
        assert_eq!(date("2024年5月15日"), Some(d("2024-05-15")));
        assert_eq!(date("2024.5.15"), Some(d("2024-05-15")));
        assert_eq!(date("２０２４年５月１５日"), Some(d("2024-05-15")));
        assert_eq!(date(" 2024/05/15 "), Some(d("2024-05-15")));
        assert_eq!(date("2024-05-15"), Some(d("2024-05-15")));
        // Excel serial 45427 is 2024-05-15.
        assert_eq!(date("45427"), Some(d("2024-05-15")));
        assert_eq!(date("2024年2月30日"), None);
        assert_eq!(date("24.5.15"), None);
        assert_eq!(date("五月十五日"), None);
        assert_eq!(date(""), None);
    }

    #[test]
    fn document_numbers_take_hexagonal_brackets() {
        assert_eq!(document_number("鲁政字[2024]35号"), "鲁政字〔2024〕35号");
        assert_eq!(
            document_number("鲁政字【２０２４】３５号"),
            "鲁政字〔2024〕35号"
        );
        assert_eq!(
            document_number("威环政发（2024）2号"),
            "威环政发〔2024〕2号"
        );
        assert_eq!(
            document_number("威环政发〔2024〕2号"),
            "威环政发〔2024〕2号"
        );
        assert_eq!(document_number("[草案]"), "[草案]");
    }

    #[test]
    fn widths_spaces_and_lists() {
        assert_eq!(clean("\u{3000} 张村镇 \n"), "张村镇");
        assert_eq!(code("ＣＪ－Ｐ００１"), "CJ-P001");
        assert_eq!(
            split_list("张村镇、羊亭镇；温泉镇"),
            vec!["张村镇", "羊亭镇", "温泉镇"]
        );
        assert_eq!(yes_no("是"), Some(true));
        assert_eq!(yes_no("否"), Some(false));
        assert_eq!(yes_no("也许"), None);
        assert_eq!(name_key("威海市环翠区住房和城乡建设局"), "住房和城乡建设局");
        assert_eq!(name_key("区住房和城乡建设局"), "住房和城乡建设局");
        assert_eq!(name_key("张村镇人民政府"), "张村镇");
        assert_eq!(name_key("环翠楼街道办事处"), "环翠楼街道");
    }
}
