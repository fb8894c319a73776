//! The line markup a document template renders to, and the typed block model
//! one parser reads it into. Text, HTML and `.docx` are renderers of the blocks.
//!
//! One line per block, `keyword: content` (blank lines are skipped):
//!
//! | keyword | block | GB/T 9704 element |
//! |---|---|---|
//! | `title:` | [`Block::Title`] | 标题 |
//! | `number:` | [`Block::Number`] | 发文字号 (文号 / 案号) |
//! | `to:` | [`Block::To`] | 主送机关 |
//! | `heading:` | [`Block::Heading`] | 一级标题 (一、…) |
//! | `p:` | [`Block::Paragraph`] | 正文段落 |
//! | `table:` | [`Block::Table`] (its header row) | 表格 |
//! | `row:` | a row of the table above | |
//! | `attachment:` | [`Block::Attachment`] | 附件说明 |
//! | `sign:` | [`Block::Signature`] | 发文机关署名 |
//! | `date:` | [`Block::Date`] | 成文日期 |
//! | `seal:` | [`Block::Seal`] | 印章 (a placeholder such as （盖章）) |
//!
//! Table cells are separated by `|`. Values the template inserts cannot break
//! the markup: the template formatter writes a `|` inside a value as
//! [`VALUE_BAR`] and a line break as [`VALUE_BREAK`], which the parser turns
//! back after splitting (a value's line break becomes a line break inside its
//! paragraph or cell).

use serde::Serialize;

/// A `|` inside an inserted value (a private-use character; restored by the parser).
pub const VALUE_BAR: char = '\u{E000}';
/// A line break inside an inserted value (restored by the parser).
pub const VALUE_BREAK: char = '\u{E001}';

/// One block of a drafted document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Block {
    /// 标题.
    Title(String),
    /// 发文字号 or 案号.
    Number(String),
    /// 主送机关.
    To(String),
    /// A first-level heading (一、…).
    Heading(String),
    /// A paragraph of the body.
    Paragraph(String),
    /// A table: its header, then its rows.
    Table(Table),
    /// One line of the 附件 list.
    Attachment(String),
    /// 发文机关署名.
    Signature(String),
    /// 成文日期.
    Date(String),
    /// The seal placeholder.
    Seal(String),
}

/// A table with borders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Table {
    /// The header cells.
    pub header: Vec<String>,
    /// The rows, each as many cells as it was written with.
    pub rows: Vec<Vec<String>>,
}

/// Why a rendered template is not valid markup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupError {
    /// The line (1-based) of the rendered markup.
    pub line: usize,
    /// What is wrong, in Chinese.
    pub zh: String,
    /// What is wrong, in English.
    pub en: String,
}

fn restore(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            VALUE_BAR => '|',
            VALUE_BREAK => '\n',
            c => c,
        })
        .collect()
}

/// Reads rendered markup into blocks.
pub fn parse(markup: &str) -> Result<Vec<Block>, MarkupError> {
    let mut out: Vec<Block> = Vec::new();
    for (i, raw) in markup.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let Some((keyword, rest)) = line.split_once(':') else {
            return Err(MarkupError {
                line: i + 1,
                zh: format!("第 {} 行缺少“关键字：”：{line}", i + 1),
                en: format!("line {} has no `keyword:`: {line}", i + 1),
            });
        };
        let text = restore(rest);
        let block = match keyword.trim() {
            "title" => Block::Title(text),
            "number" => Block::Number(text),
            "to" => Block::To(text),
            "heading" => Block::Heading(text),
            "p" => Block::Paragraph(text),
            "attachment" => Block::Attachment(text),
            "sign" => Block::Signature(text),
            "date" => Block::Date(text),
            "seal" => Block::Seal(text),
            "table" => Block::Table(Table {
                header: rest.split('|').map(restore).collect(),
                rows: Vec::new(),
            }),
            "row" => {
                let cells = rest.split('|').map(restore).collect();
                match out.last_mut() {
                    Some(Block::Table(t)) => {
                        t.rows.push(cells);
                        continue;
                    }
                    _ => {
                        return Err(MarkupError {
                            line: i + 1,
                            zh: format!("第 {} 行的 row: 前面没有 table:", i + 1),
                            en: format!("line {}: `row:` without a `table:` before it", i + 1),
                        })
                    }
                }
            }
            other => {
                return Err(MarkupError {
                    line: i + 1,
                    zh: format!("第 {} 行的关键字 {other:?} 未知", i + 1),
                    en: format!("line {}: unknown keyword {other:?}", i + 1),
                })
            }
        };
        out.push(block);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn lines_become_blocks_and_values_keep_their_bars_and_breaks() {
        let m = format!(
            "title: 案件移送书\n\np: 甲{VALUE_BAR}乙{VALUE_BREAK}丙\ntable: 名称|数量\nrow: 刀{VALUE_BAR}具|1\nsign: 某镇\n"
        );
        let b = parse(&m).unwrap();
        assert_eq!(
            b,
            vec![
                Block::Title("案件移送书".into()),
                Block::Paragraph("甲|乙\n丙".into()),
                Block::Table(Table {
                    header: vec!["名称".into(), "数量".into()],
                    rows: vec![vec!["刀|具".into(), "1".into()]],
                }),
                Block::Signature("某镇".into()),
            ]
        );
    }

    #[test]
    fn bad_lines_are_refused_with_their_line() {
        assert_eq!(parse("title: a\nno keyword here").unwrap_err().line, 2);
        assert_eq!(parse("row: a|b").unwrap_err().line, 1);
        assert_eq!(parse("\n\nbogus: x").unwrap_err().line, 3);
    }
}
