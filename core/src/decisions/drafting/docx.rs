//! `.docx` from the block model (docx-rs): A4, the GB/T 9704 margins, the title
//! in 方正小标宋简体 2号, the body in 仿宋_GB2312 3号, first-level headings in
//! 黑体, East Asian font attributes set on every run, tables with borders.

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableRow, WidthType,
};

use super::markup::Block;
use super::render::page;
use super::Drafted;
use crate::diagnostic::{Diagnostic, InputError};

/// Twips (1/1440 inch) in `mm` millimetres, rounded.
const fn twips(mm: u32) -> i32 {
    // 1 mm = 1440 / 25.4 twips = 14400 / 254.
    ((mm as i64 * 14400 + 127) / 254) as i32
}

/// Half-points, as `w:sz` counts them.
const fn half_points(pt: u32) -> usize {
    (pt * 2) as usize
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .east_asia(name)
        .cs(name)
}

fn run(text: &str, font: &str, pt: u32) -> Run {
    let mut r = Run::new().fonts(fonts(font)).size(half_points(pt));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

/// Fixed 28.9 pt lines: 22 lines in the 225 mm type area (GB/T 9704 §5.2.2).
fn spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(578)
        .before(0)
        .after(0)
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, page::BODY_FONT, page::BODY_PT))
        .line_spacing(spacing())
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .align(AlignmentType::Both)
}

fn plain(text: &str, align: AlignmentType, font: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, page::BODY_PT))
        .line_spacing(spacing())
        .align(align)
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(
        Paragraph::new()
            .add_run(run(text, page::BODY_FONT, 14))
            .align(AlignmentType::Center),
    )
}

/// The document as `.docx` bytes.
pub fn to_docx(d: &Drafted<'_>) -> Result<Vec<u8>, InputError> {
    blocks_to_docx(&d.blocks)
}

/// Blocks as `.docx` bytes.
pub fn blocks_to_docx(blocks: &[Block]) -> Result<Vec<u8>, InputError> {
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(twips(page::TOP_MM))
                .bottom(twips(page::BOTTOM_MM))
                .left(twips(page::LEFT_MM))
                .right(twips(page::RIGHT_MM)),
        )
        .default_fonts(fonts(page::BODY_FONT))
        .default_size(half_points(page::BODY_PT));
    for b in blocks {
        doc = match b {
            Block::Title(t) => doc.add_paragraph(
                Paragraph::new()
                    .add_run(run(t, page::TITLE_FONT, page::TITLE_PT))
                    .align(AlignmentType::Center)
                    .line_spacing(LineSpacing::new().after(300)),
            ),
            Block::Number(t) => doc.add_paragraph(plain(t, AlignmentType::Center, page::BODY_FONT)),
            Block::To(t) => doc.add_paragraph(plain(t, AlignmentType::Left, page::BODY_FONT)),
            Block::Heading(t) => doc.add_paragraph(
                Paragraph::new()
                    .add_run(run(t, page::HEADING_FONT, page::BODY_PT))
                    .line_spacing(spacing())
                    .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None),
            ),
            Block::Paragraph(t) | Block::Attachment(t) => doc.add_paragraph(body(t)),
            Block::Signature(t) | Block::Date(t) | Block::Seal(t) => {
                doc.add_paragraph(plain(t, AlignmentType::Right, page::BODY_FONT).indent(
                    None,
                    None,
                    Some(1280),
                    None,
                ))
            }
            Block::Table(t) => {
                let mut rows = vec![TableRow::new(t.header.iter().map(|h| cell(h)).collect())];
                for r in &t.rows {
                    rows.push(TableRow::new(r.iter().map(|c| cell(c)).collect()));
                }
                doc.add_table(Table::new(rows).width(5000, WidthType::Pct))
            }
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| {
        InputError::single(Diagnostic::error(
            "draft.docx_failed",
            "",
            format!("无法生成 .docx:{e}"),
            format!("the .docx could not be written: {e}"),
        ))
    })?;
    Ok(out.into_inner())
}
