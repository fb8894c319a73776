//! Plain text and printable HTML from the block model.
//!
//! The HTML page follows GB/T 9704-2012 (党政机关公文格式) where a browser can:
//! A4 paper, 天头 37 mm and 订口 28 mm with a 156 × 225 mm type area (so
//! 35 mm below and 26 mm on the right), the title in 2号 (22 pt) 方正小标宋简体,
//! the body in 3号 (16 pt) 仿宋_GB2312, first-level headings in 黑体
//! (`docs/drafting.md` quotes the clauses).

use std::fmt::Write;

use super::markup::{Block, Table};

/// Page and font figures shared by the HTML and `.docx` renderers.
pub mod page {
    /// A4 width, mm.
    pub const WIDTH_MM: u32 = 210;
    /// A4 height, mm.
    pub const HEIGHT_MM: u32 = 297;
    /// 天头 (top margin), mm.
    pub const TOP_MM: u32 = 37;
    /// Bottom margin, mm: 297 − 37 − 225.
    pub const BOTTOM_MM: u32 = 35;
    /// 订口 (left margin), mm.
    pub const LEFT_MM: u32 = 28;
    /// Right margin, mm: 210 − 28 − 156.
    pub const RIGHT_MM: u32 = 26;
    /// 3号 in points (the body).
    pub const BODY_PT: u32 = 16;
    /// 2号 in points (the title).
    pub const TITLE_PT: u32 = 22;
    /// The title font.
    pub const TITLE_FONT: &str = "方正小标宋简体";
    /// The body font.
    pub const BODY_FONT: &str = "仿宋_GB2312";
    /// The first-level heading font.
    pub const HEADING_FONT: &str = "黑体";
}

/// The document as plain text: one block a paragraph, tables as `|` rows.
pub fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => {
                let _ = writeln!(out, "{t}\n");
            }
            Block::Number(t) | Block::Signature(t) | Block::Date(t) | Block::Seal(t) => {
                let _ = writeln!(out, "{t}");
            }
            Block::To(t) => {
                let _ = writeln!(out, "\n{t}");
            }
            Block::Heading(t) => {
                let _ = writeln!(out, "{t}");
            }
            Block::Paragraph(t) => {
                for line in t.lines() {
                    let _ = writeln!(out, "　　{line}");
                }
            }
            Block::Attachment(t) => {
                let _ = writeln!(out, "{t}");
            }
            Block::Table(Table { header, rows }) => {
                let _ = writeln!(out, "| {} |", header.join(" | "));
                let _ = writeln!(
                    out,
                    "|{}|",
                    header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
                );
                for r in rows {
                    let cells: Vec<String> = r.iter().map(|c| c.replace('\n', " ")).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
            }
        }
    }
    out
}

/// Escapes text for HTML; a blank ＿＿＿＿ becomes `<span class="blank">`,
/// shaded on screen (not in print) so that nothing looks complete that isn't.
fn esc(s: &str) -> String {
    escape(s).replace(
        super::BLANK,
        &format!("<span class=\"blank\">{}</span>", super::BLANK),
    )
}

fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\n' => o.push_str("<br>"),
            c => o.push(c),
        }
    }
    o
}

/// A complete printable HTML page (A4, GB/T 9704 margins and fonts).
pub fn html(title: &str, blocks: &[Block]) -> String {
    use page::*;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n\
@page {{ size: A4; margin: {TOP_MM}mm {RIGHT_MM}mm {BOTTOM_MM}mm {LEFT_MM}mm; }}\n\
body {{ font-family: \"{BODY_FONT}\", \"FangSong_GB2312\", \"仿宋\", \"FangSong\", \"STFangsong\", serif; font-size: {BODY_PT}pt; line-height: 28.9pt; margin: 0; }}\n\
.page {{ max-width: {w}mm; margin: 0 auto; }}\n\
@media screen {{ .page {{ padding: {TOP_MM}mm {RIGHT_MM}mm {BOTTOM_MM}mm {LEFT_MM}mm; max-width: {w}mm; box-shadow: 0 0 4px #999; background: #fff; }} body {{ background: #eee; }} }}\n\
h1 {{ font-family: \"{TITLE_FONT}\", \"FZXiaoBiaoSong-B05S\", \"{HEADING_FONT}\", \"SimHei\", sans-serif; font-size: {TITLE_PT}pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 0.5em; }}\n\
h2 {{ font-family: \"{HEADING_FONT}\", \"SimHei\", sans-serif; font-size: {BODY_PT}pt; font-weight: normal; text-indent: 2em; margin: 0; }}\n\
p {{ margin: 0; text-indent: 2em; text-align: justify; }}\n\
p.number {{ text-align: center; text-indent: 0; }}\n\
p.to {{ text-indent: 0; }}\n\
p.attachment {{ text-indent: 2em; }}\n\
p.sign, p.date, p.seal {{ text-align: right; text-indent: 0; padding-right: 4em; }}\n\
table {{ border-collapse: collapse; width: 100%; margin: 0.3em 0; font-size: 14pt; line-height: 1.5; }}\n\
th, td {{ border: 1px solid #000; padding: 2pt 4pt; text-align: center; font-weight: normal; }}\n\
@media screen {{ .blank {{ background: #fff3b0; }} }}\n\
</style>\n</head>\n<body>\n<div class=\"page\">\n",
        esc(title),
        w = WIDTH_MM - LEFT_MM - RIGHT_MM,
    );
    for b in blocks {
        match b {
            Block::Title(t) => {
                let _ = writeln!(out, "<h1>{}</h1>", esc(t));
            }
            Block::Number(t) => {
                let _ = writeln!(out, "<p class=\"number\">{}</p>", esc(t));
            }
            Block::To(t) => {
                let _ = writeln!(out, "<p class=\"to\">{}</p>", esc(t));
            }
            Block::Heading(t) => {
                let _ = writeln!(out, "<h2>{}</h2>", esc(t));
            }
            Block::Paragraph(t) => {
                let _ = writeln!(out, "<p>{}</p>", esc(t));
            }
            Block::Attachment(t) => {
                let _ = writeln!(out, "<p class=\"attachment\">{}</p>", esc(t));
            }
            Block::Signature(t) => {
                let _ = writeln!(out, "<p class=\"sign\">{}</p>", esc(t));
            }
            Block::Date(t) => {
                let _ = writeln!(out, "<p class=\"date\">{}</p>", esc(t));
            }
            Block::Seal(t) => {
                let _ = writeln!(out, "<p class=\"seal\">{}</p>", esc(t));
            }
            Block::Table(Table { header, rows }) => {
                out.push_str("<table>\n<thead><tr>");
                for h in header {
                    let _ = write!(out, "<th>{}</th>", esc(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        let _ = write!(out, "<td>{}</td>", esc(c));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out.push_str("</div>\n</body>\n</html>\n");
    out
}
