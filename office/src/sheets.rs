//! Writing tables: `.xlsx` formatted for printing (rust_xlsxwriter), CSV with a
//! BOM (so Excel opens Chinese text correctly), and files written whole or not at all.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use crate::diag::{codes, OfficeError, Place, Severity};

/// One table: a sheet of a workbook, a CSV file, a table of a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Sheet name (at most 31 characters; `[]:*?/\` are replaced).
    pub sheet: String,
    /// Title printed above the header (merged across the columns), if any.
    pub title: Option<String>,
    /// A line under the title (date, document), if any.
    pub subtitle: Option<String>,
    /// Column headers.
    pub headers: Vec<String>,
    /// Column widths in Excel character units, one per header.
    pub widths: Vec<f64>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
}

fn io_error(path: &Path, e: &dyn std::fmt::Display) -> OfficeError {
    OfficeError::single(Place::file(&path.display().to_string()).diag(
        codes::IO,
        Severity::Error,
        "",
        format!("无法写入：{e}"),
        format!("cannot write: {e}"),
    ))
}

/// Writes bytes to a temporary file beside `path`, then renames it onto `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), OfficeError> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| io_error(path, &e))?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io_error(path, &e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(path, &e)
    })
}

fn sheet_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if cleaned.is_empty() {
        "Sheet1".to_owned()
    } else {
        cleaned
    }
}

fn xlsx_error(e: &rust_xlsxwriter::XlsxError) -> OfficeError {
    OfficeError::single(Place::default().diag(
        codes::IO,
        Severity::Error,
        "",
        format!("无法生成工作簿：{e}"),
        format!("cannot build the workbook: {e}"),
    ))
}

/// Builds a workbook of tables, each formatted for printing: A4 landscape, fit
/// to the page width, header row bold with borders and repeated on every
/// printed page, frozen under the header, wrapped text, page numbers in the footer.
pub fn workbook_bytes(tables: &[Table]) -> Result<Vec<u8>, OfficeError> {
    let mut book = Workbook::new();
    let title_f = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let sub_f = Format::new().set_align(FormatAlign::Center);
    let head_f = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(0xD9E1F2);
    let cell_f = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    for t in tables {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&t.sheet))
            .map_err(|e| xlsx_error(&e))?;
        let last_col = u16::try_from(t.headers.len().saturating_sub(1)).unwrap_or(0);
        let mut row: u32 = 0;
        if let Some(title) = &t.title {
            if last_col > 0 {
                ws.merge_range(row, 0, row, last_col, title, &title_f)
                    .map_err(|e| xlsx_error(&e))?;
            } else {
                ws.write_string_with_format(row, 0, title, &title_f)
                    .map_err(|e| xlsx_error(&e))?;
            }
            ws.set_row_height(row, 30).map_err(|e| xlsx_error(&e))?;
            row += 1;
        }
        if let Some(sub) = &t.subtitle {
            if last_col > 0 {
                ws.merge_range(row, 0, row, last_col, sub, &sub_f)
                    .map_err(|e| xlsx_error(&e))?;
            } else {
                ws.write_string_with_format(row, 0, sub, &sub_f)
                    .map_err(|e| xlsx_error(&e))?;
            }
            row += 1;
        }
        let header_row = row;
        for (c, h) in t.headers.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            ws.write_string_with_format(header_row, c, h, &head_f)
                .map_err(|e| xlsx_error(&e))?;
        }
        for (c, w) in t.widths.iter().enumerate() {
            ws.set_column_width(u16::try_from(c).unwrap_or(u16::MAX), *w)
                .map_err(|e| xlsx_error(&e))?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            let rr = header_row + 1 + u32::try_from(i).unwrap_or(u32::MAX - header_row - 1);
            for (c, v) in r.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                ws.write_string_with_format(rr, c, v, &cell_f)
                    .map_err(|e| xlsx_error(&e))?;
            }
        }
        ws.set_paper_size(9); // A4
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(header_row, header_row)
            .map_err(|e| xlsx_error(&e))?;
        ws.set_freeze_panes(header_row + 1, 0)
            .map_err(|e| xlsx_error(&e))?;
        ws.set_footer("&C第 &P 页，共 &N 页");
    }
    book.save_to_buffer().map_err(|e| xlsx_error(&e))
}

/// Writes a workbook of tables to `path` (atomically).
pub fn write_xlsx(tables: &[Table], path: &Path) -> Result<(), OfficeError> {
    let bytes = workbook_bytes(tables)?;
    write_atomically(path, &bytes)
}

/// A table as CSV text: UTF-8 with a BOM (Excel reads the BOM as "this is
/// UTF-8"), header row then the rows; the title is not written.
pub fn csv_bytes(t: &Table) -> Result<Vec<u8>, OfficeError> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(&t.headers)
        .map_err(|e| io_error(Path::new(&t.sheet), &e))?;
    for r in &t.rows {
        w.write_record(r)
            .map_err(|e| io_error(Path::new(&t.sheet), &e))?;
    }
    let body = w
        .into_inner()
        .map_err(|e| io_error(Path::new(&t.sheet), &e))?;
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(body);
    Ok(out)
}

/// Escapes text for HTML.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// A static HTML page of tables (no script), with print styles (A4 landscape,
/// the header repeated on each printed page).
pub fn html_page(title: &str, tables: &[Table]) -> String {
    let mut s = String::new();
    s.push_str("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n");
    s.push_str(&format!("<title>{}</title>\n", html_escape(title)));
    s.push_str("<style>\nbody{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:1.5em;color:#111}\nh1{font-size:1.4em;text-align:center}h2{font-size:1.15em;text-align:center;margin-top:2em}\np.sub{text-align:center;color:#444}\ntable{border-collapse:collapse;width:100%;font-size:.9em;margin-bottom:1.5em}\nth,td{border:1px solid #888;padding:.3em .45em;vertical-align:top}\nth{background:#d9e1f2;white-space:nowrap}\nthead{display:table-header-group}\nnav a{margin-right:1em}\n@page{size:A4 landscape;margin:12mm}\n@media print{nav{display:none}section{break-before:page}section:first-of-type{break-before:auto}}\n</style>\n</head>\n<body>\n");
    s.push_str(&format!("<h1>{}</h1>\n", html_escape(title)));
    if tables.len() > 1 {
        s.push_str("<nav>");
        for (i, t) in tables.iter().enumerate() {
            s.push_str(&format!(
                "<a href=\"#t{i}\">{}</a>",
                html_escape(t.title.as_deref().unwrap_or(&t.sheet))
            ));
        }
        s.push_str("</nav>\n");
    }
    for (i, t) in tables.iter().enumerate() {
        s.push_str(&format!(
            "<section id=\"t{i}\">\n<h2>{}</h2>\n",
            html_escape(t.title.as_deref().unwrap_or(&t.sheet))
        ));
        if let Some(sub) = &t.subtitle {
            s.push_str(&format!("<p class=\"sub\">{}</p>\n", html_escape(sub)));
        }
        s.push_str("<table>\n<thead><tr>");
        for h in &t.headers {
            s.push_str(&format!("<th>{}</th>", html_escape(h)));
        }
        s.push_str("</tr></thead>\n<tbody>\n");
        for r in &t.rows {
            s.push_str("<tr>");
            for v in r {
                s.push_str(&format!("<td>{}</td>", html_escape(v)));
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody>\n</table>\n</section>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// Writes files into a directory without leaving anything half-written: into a
/// fresh temporary directory beside `target`, renamed onto it at the end. An
/// existing non-empty `target` is replaced only when `replace` is set.
pub fn write_dir_atomically(
    target: &Path,
    files: &[(String, Vec<u8>)],
    replace: bool,
) -> Result<(), OfficeError> {
    let io = |zh: &str, en: &str, e: &dyn std::fmt::Display| {
        OfficeError::single(Place::file(&target.display().to_string()).diag(
            codes::IO,
            Severity::Error,
            "",
            format!("{zh}:{e}"),
            format!("{en}: {e}"),
        ))
    };
    if target.exists() && !replace {
        let empty = std::fs::read_dir(target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(io(
                "目标已存在且不为空，未写入（加 --force 替换）",
                "the target exists and is not empty; nothing written (use --force to replace it)",
                &target.display(),
            ));
        }
    }
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| io("无法创建上级目录", "cannot create the parent directory", &e))?;
    let name = target
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir(&tmp).map_err(|e| {
        io(
            "无法创建临时目录",
            "cannot create the temporary directory",
            &e,
        )
    })?;
    let result = (|| -> Result<(), OfficeError> {
        for (file, bytes) in files {
            std::fs::write(tmp.join(file), bytes).map_err(|e| {
                io(
                    &format!("无法写入 {file}"),
                    &format!("cannot write {file}"),
                    &e,
                )
            })?;
        }
        if target.exists() {
            let old = parent.join(format!(".{name}.old-{}", std::process::id()));
            std::fs::rename(target, &old)
                .map_err(|e| io("无法移开原目录", "cannot move the old directory aside", &e))?;
            if let Err(e) = std::fs::rename(&tmp, target) {
                let _ = std::fs::rename(&old, target);
                return Err(io(
                    "无法改名为目标目录",
                    "cannot rename onto the target",
                    &e,
                ));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&tmp, target)
                .map_err(|e| io("无法改名为目标目录", "cannot rename onto the target", &e))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}
