//! Writes the test workbooks of `fixtures/import/` (run from the repository root:
//! `cargo run -p fuquan-office --example make_fixtures`). The same cells every
//! run (the workbooks' creation time in docProps differs). The rows come from the embedded default's items plus
//! synthetic items of the same departments; a few rows are broken on purpose
//! (see fixtures/import/README.md for the expected diagnostics).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::Path;

use fuquan::ruleset::source::{GrantMode, Grantee, ItemKind, RuleSetDocument, TownClass};
use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook};

const OBJECTS: [&str; 12] = [
    "经营单位",
    "施工单位",
    "物业服务企业",
    "生产经营单位",
    "个体工商户",
    "建设单位",
    "养殖场户",
    "餐饮服务提供者",
    "房地产开发企业",
    "危险化学品经营单位",
    "农产品生产企业",
    "户外广告设置人",
];
const ACTS: [&str; 14] = [
    "未按规定设置警示标志",
    "未按规定建立管理台账",
    "擅自占用公共场地",
    "未按规定公示信息",
    "未采取防尘降噪措施",
    "违规堆放物料",
    "未按规定进行安全检查",
    "超范围经营",
    "未按规定配备专职人员",
    "未按要求开展隐患排查",
    "拒不配合监督检查",
    "未按规定报送资料",
    "擅自改变用途",
    "未履行告知义务",
];
const LAWS: [&str; 6] = [
    "《山东省安全生产条例》(2017年修订)",
    "《山东省物业管理条例》(2023年修正)",
    "《城市市容和环境卫生管理条例》(2017年修订)",
    "《山东省大气污染防治条例》(2018年修正)",
    "《中华人民共和国农产品质量安全法》(2022年修订)",
    "《威海市城市管理条例》(2021年)",
];
const CN: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

fn cn_num(n: usize) -> String {
    if n < 10 {
        return CN[n].to_owned();
    }
    let (t, u) = (n / 10, n % 10);
    format!(
        "{}十{}",
        if t == 1 { "" } else { CN[t] },
        if u == 0 { "" } else { CN[u] }
    )
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(u32::from(c) + 0xfee0).unwrap()
            } else {
                c
            }
        })
        .collect()
}

struct Row {
    name: String,
    department: String,
    establishing: String,
    penalty: Option<String>,
    code: String,
    towns: Vec<String>,
    class: Option<TownClass>,
}

fn class_zh(c: TownClass) -> &'static str {
    match c {
        TownClass::DevelopedTown => "经济发达镇",
        TownClass::KeyIndustryTown => "重点产业镇",
        TownClass::MainUrbanSubdistrict => "主城区街道",
    }
}

/// The embedded items with the towns they are delegated to, then synthetic ones.
fn rows(doc: &RuleSetDocument, synthetic: usize) -> Vec<Row> {
    let town_names = |c: TownClass| -> Vec<String> {
        doc.towns
            .iter()
            .filter(|t| t.class == Some(c))
            .map(|t| t.name_zh.clone())
            .collect()
    };
    let short = |id: &str| -> String {
        let d = doc.departments.iter().find(|d| d.id == id).unwrap();
        d.name_zh.replace("威海市环翠区", "区")
    };
    let mut out = Vec::new();
    for item in &doc.items {
        let grant = doc.grants.iter().find(|g| {
            g.mode == GrantMode::Delegation
                && g.revoked.is_none()
                && g.items.contains(&item.code)
                && matches!(g.grantee, Grantee::Class(_))
        });
        let class = grant.and_then(|g| match g.grantee {
            Grantee::Class(c) => Some(c),
            Grantee::Towns(_) => None,
        });
        out.push(Row {
            name: item.name_zh.clone(),
            department: short(&item.department),
            establishing: item.establishing_basis.clone(),
            penalty: item.penalty_basis.clone(),
            code: item.code.clone(),
            towns: class.map(town_names).unwrap_or_default(),
            class,
        });
    }
    let departments: Vec<&str> = [
        "housing_construction",
        "comprehensive_enforcement",
        "emergency",
        "agriculture_rural",
        "market_regulation",
    ]
    .into_iter()
    .filter(|d| doc.departments.iter().any(|x| x.id == *d))
    .collect();
    let classes = [
        TownClass::DevelopedTown,
        TownClass::KeyIndustryTown,
        TownClass::MainUrbanSubdistrict,
    ];
    for i in 0..synthetic {
        let object = OBJECTS[i % OBJECTS.len()];
        let act = ACTS[(i / OBJECTS.len()) % ACTS.len()];
        let inspection = i % 4 == 3;
        let name = if inspection {
            format!("对{object}{act}情况的行政检查")
        } else {
            format!("对{object}{act}行为的处罚")
        };
        let law = LAWS[i % LAWS.len()];
        let article = 10 + (i * 7) % 60;
        let class = classes[i % 3];
        out.push(Row {
            name,
            department: short(departments[i % departments.len()]),
            establishing: format!("{law}第{}条", cn_num(article)),
            penalty: (!inspection).then(|| format!("{law}第{}条", cn_num(article + 1))),
            code: format!("SY-{}{:03}", if inspection { 'I' } else { 'P' }, i + 1),
            towns: town_names(class),
            class: Some(class),
        });
    }
    out
}

fn main() {
    let doc = fuquan::Engine::embedded().unwrap().document().clone();
    let dir = Path::new("fixtures/import");
    std::fs::create_dir_all(dir).unwrap();
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);

    // Shape A: 序号 | 赋权事项名称 | 原行使部门 | 赋权范围 | 赋权事项的执法依据 | 赋权街镇 (+ 文号, 生效日期).
    let mut rows_a = rows(&doc, 330);
    rows_a.retain(|r| !r.towns.is_empty());
    rows_a.sort_by(|a, b| a.department.cmp(&b.department));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("赋权事项清单").unwrap();
    ws.merge_range(0, 0, 0, 7, "威海市环翠区镇(街道)赋权事项清单", &title)
        .unwrap();
    for (c, h) in [
        "序号",
        "赋权事项名称",
        "原行使部门",
        "赋权范围",
        "赋权事项的执法依据",
        "赋权街镇",
        "赋权文件文号",
        "生效日期",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(2, c as u16, *h, &head).unwrap();
    }
    let mut r = 3u32;
    let mut groups: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut last_dept = String::new();
    for (i, row) in rows_a.iter().enumerate() {
        if row.department != last_dept && i > 0 {
            r += 1; // a blank row between departments
        }
        last_dept.clone_from(&row.department);
        let seq = (i + 1).to_string();
        if i % 50 == 7 {
            ws.write_formula(
                r,
                0,
                Formula::new(format!("=ROW()-{}", r + 1 - (i as u32 + 1))).set_result(&seq),
            )
            .unwrap();
        } else {
            ws.write_string(r, 0, if i % 9 == 0 { full_width(&seq) } else { seq })
                .unwrap();
        }
        ws.write_string(r, 1, &row.name).unwrap();
        let g = groups.entry(row.department.clone()).or_insert((r, r));
        g.1 = r;
        ws.write_string(
            r,
            3,
            if i % 5 == 0 {
                "部分(仅限一般程序案件)"
            } else {
                "全部"
            },
        )
        .unwrap();
        let basis = match &row.penalty {
            Some(p) => format!("设定依据:{}\n处罚依据:{}", row.establishing, p),
            None => row.establishing.clone(),
        };
        ws.write_string(r, 4, &basis).unwrap();
        let towns = if i % 2 == 0 {
            row.class.map(class_zh).unwrap_or_default().to_owned()
        } else {
            row.towns.join("、")
        };
        ws.write_string(r, 5, &towns).unwrap();
        ws.write_string(
            r,
            6,
            if i % 3 == 0 {
                "鲁政字[2024]35号"
            } else {
                "鲁政字〔2024〕35号"
            },
        )
        .unwrap();
        ws.write_string(
            r,
            7,
            if i % 2 == 0 {
                "2024年5月15日"
            } else {
                "2024.5.15"
            },
        )
        .unwrap();
        r += 1;
    }
    // The department cell merged down each group, as published lists do.
    for (dept, (top, bottom)) in &groups {
        if top == bottom {
            ws.write_string(*top, 2, dept).unwrap();
        } else {
            ws.merge_range(*top, 2, *bottom, 2, dept, &Format::new())
                .unwrap();
        }
    }
    // Broken rows, after a blank row.
    r += 1;
    let broken_a = r;
    let bad: [[&str; 8]; 4] = [
        [
            "901",
            "对物业服务企业未按规定公示收费标准的处罚",
            "区住房和城乡建设局",
            "全部",
            "",
            "张村镇",
            "鲁政字〔2024〕35号",
            "2024年5月15日",
        ],
        [
            "902",
            "对餐饮服务提供者未按规定设置油烟净化设施的处罚",
            "区综合行政执法局",
            "全部",
            "《山东省大气污染防治条例》第五十条",
            "东山镇",
            "鲁政字〔2024〕35号",
            "2024年5月15日",
        ],
        [
            "903",
            "对气象设施保护范围内违法建设行为的处罚",
            "区气象局",
            "全部",
            "《气象设施和气象探测环境保护条例》第二十四条",
            "张村镇",
            "鲁政字〔2024〕35号",
            "2024年5月15日",
        ],
        [
            "904",
            "对建设单位未按规定移交档案资料的处罚",
            "区住房和城乡建设局",
            "全部",
            "《城市建设档案管理规定》第十一条",
            "羊亭镇",
            "鲁政字〔2024〕35号",
            "2024年13月1日",
        ],
    ];
    for b in bad {
        for (c, v) in b.iter().enumerate() {
            ws.write_string(r, c as u16, *v).unwrap();
        }
        r += 1;
    }
    book.save(dir.join("shape-a-赋权事项清单.xlsx")).unwrap();
    println!(
        "shape A: {} data rows, broken rows from row {}",
        rows_a.len(),
        broken_a + 1
    );

    // Shape B: 序号 | 事项名称 | 事项类型 | 执法主体 | 执法依据 — one list per town, one CSV.
    let mut csv = String::from(
        "\u{feff}环翠区各镇(街道)执法事项清单,,,,\n序号,事项名称,事项类型,执法主体,执法依据\n",
    );
    let mut n = 0;
    let kind_zh = |k: ItemKind| match k {
        ItemKind::Penalty => "行政处罚",
        ItemKind::Inspection => "行政检查",
        ItemKind::CompulsoryMeasure => "行政强制措施",
    };
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for town in doc.towns.iter().filter(|t| t.class.is_some()) {
        let items: Vec<_> = doc
            .items
            .iter()
            .filter(|i| {
                doc.grants.iter().any(|g| {
                    g.mode == GrantMode::Delegation
                        && g.revoked.is_none()
                        && g.items.contains(&i.code)
                        && match &g.grantee {
                            Grantee::Class(c) => Some(*c) == town.class,
                            Grantee::Towns(t) => t.contains(&town.id),
                        }
                })
            })
            .collect();
        for item in items {
            n += 1;
            let subject = if town.name_zh.ends_with("街道") {
                format!("{}办事处", town.name_zh)
            } else {
                format!("{}人民政府", town.name_zh)
            };
            let basis = match &item.penalty_basis {
                Some(p) => format!("设定依据:{}；处罚依据:{}", item.establishing_basis, p),
                None => item.establishing_basis.clone(),
            };
            let seq = if n % 7 == 0 {
                full_width(&n.to_string())
            } else {
                n.to_string()
            };
            csv.push_str(&format!(
                "{seq},{},{},{},{}\n",
                q(&item.name_zh),
                kind_zh(item.kind),
                q(&subject),
                q(&basis)
            ));
            if n == 150 {
                csv.push_str("序号,事项名称,事项类型,执法主体,执法依据\n");
            }
            if n % 60 == 0 {
                csv.push_str(",,,,\n");
            }
        }
    }
    let body_lines = csv.lines().count();
    csv.push_str("9001,对未经许可从事餐饮经营活动的处罚,行政许可,张村镇人民政府,《中华人民共和国食品安全法》第一百二十二条\n");
    csv.push_str("9002,,行政处罚,羊亭镇人民政府,《中华人民共和国食品安全法》第一百二十六条\n");
    std::fs::write(dir.join("shape-b-镇街执法事项清单.csv"), csv).unwrap();
    println!(
        "shape B: {n} data rows, broken rows at {} and {}",
        body_lines + 1,
        body_lines + 2
    );

    // Shape C: 事项代码 | 事项名称 | 设定依据 | 处罚依据 | 划出部门 — a catalogue, no towns.
    let rows_c = rows(&doc, 300);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("事项目录").unwrap();
    ws.merge_range(0, 0, 0, 4, "环翠区综合行政执法事项目录", &title)
        .unwrap();
    ws.merge_range(1, 0, 1, 4, "(2024年5月15日起施行)", &Format::new())
        .unwrap();
    for (c, h) in ["事项代码", "事项名称", "设定依据", "处罚依据", "划出部门"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(2, c as u16, *h, &head).unwrap();
    }
    let mut r = 3u32;
    for (i, row) in rows_c.iter().enumerate() {
        ws.write_string(
            r,
            0,
            if i % 11 == 0 {
                full_width(&row.code).replace('-', "－")
            } else {
                row.code.clone()
            },
        )
        .unwrap();
        ws.write_string(
            r,
            1,
            if i % 13 == 0 {
                format!(" {}\u{3000}", row.name)
            } else {
                row.name.clone()
            },
        )
        .unwrap();
        ws.write_string(r, 2, &row.establishing).unwrap();
        ws.write_string(r, 3, row.penalty.as_deref().unwrap_or(""))
            .unwrap();
        ws.write_string(r, 4, &row.department).unwrap();
        r += 1;
    }
    let broken_c = r;
    for b in [
        [
            "SY-P901",
            "对户外广告设置人未按规定维护广告设施的处罚",
            "《威海市城市管理条例》(2021年)第三十条",
            "",
            "区综合行政执法局",
        ],
        [
            "CJ-P001",
            "对施工单位未按规定设置围挡的处罚",
            "《威海市城市管理条例》(2021年)第二十条",
            "《威海市城市管理条例》(2021年)第五十条",
            "区住房和城乡建设局",
        ],
    ] {
        for (c, v) in b.iter().enumerate() {
            ws.write_string(r, c as u16, *v).unwrap();
        }
        r += 1;
    }
    book.save(dir.join("shape-c-事项目录.xlsx")).unwrap();
    println!(
        "shape C: {} data rows, broken rows from row {}",
        rows_c.len(),
        broken_c + 1
    );

    // A roster (花名册) from the portal's sample, and one with broken rows.
    let sample: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("bindings-wasm/portal/sample-roster.json").unwrap(),
    )
    .unwrap();
    let headers = [
        "序号",
        "姓名",
        "编制类型",
        "岗位",
        "是否纳入中心",
        "执法证号",
        "有效期",
        "法制审核人员",
        "法律职业资格",
        "下沉来源部门",
        "下沉日期",
        "到一线工作日",
    ];
    let est = |s: &str| match s {
        "administrative" => "行政编制",
        "career" => "事业编制",
        _ => "执法辅助人员",
    };
    let post = |s: &str| match s {
        "centre_head" => "综合执法中心主任",
        "deputy_head" => "副主任",
        "enforcement_officer" => "执法人员",
        "legal_reviewer" => "法制审核人员",
        "clerk" => "内勤",
        _ => "辅助岗位",
    };
    let mut lines: Vec<Vec<String>> = Vec::new();
    for (i, p) in sample["people"].as_array().unwrap().iter().enumerate() {
        let cert = &p["certificate"];
        let dept = p["secondment"]["from"]
            .as_str()
            .and_then(|id| doc.departments.iter().find(|d| d.id == id))
            .map(|d| d.name_zh.clone())
            .unwrap_or_default();
        let yn = |b: bool| if b { "是" } else { "否" }.to_owned();
        lines.push(vec![
            (i + 1).to_string(),
            p["name"].as_str().unwrap().to_owned(),
            est(p["establishment"].as_str().unwrap()).to_owned(),
            post(p["role"].as_str().unwrap()).to_owned(),
            yn(p["centre_staff"].as_bool().unwrap_or(false)),
            cert["number"].as_str().unwrap_or("").to_owned(),
            cert["valid_from"]
                .as_str()
                .map(|f| {
                    format!(
                        "{}至{}",
                        f.replace('-', "."),
                        cert["valid_to"].as_str().unwrap().replace('-', ".")
                    )
                })
                .unwrap_or_default(),
            yn(p["legal_reviewer"].as_bool().unwrap_or(false)),
            yn(p["legal_qualification"].as_bool().unwrap_or(false)),
            dept,
            p["secondment"]["since"]
                .as_str()
                .map(|d| {
                    let v: Vec<&str> = d.split('-').collect();
                    format!(
                        "{}年{}月{}日",
                        v[0],
                        v[1].trim_start_matches('0'),
                        v[2].trim_start_matches('0')
                    )
                })
                .unwrap_or_default(),
            p["front_line_since"].as_str().unwrap_or("").to_owned(),
        ]);
    }
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("花名册").unwrap();
    ws.merge_range(0, 0, 0, 11, "张村镇综合执法队伍花名册", &title)
        .unwrap();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &head).unwrap();
    }
    for (i, l) in lines.iter().enumerate() {
        for (c, v) in l.iter().enumerate() {
            ws.write_string(2 + i as u32, c as u16, v).unwrap();
        }
    }
    book.save(dir.join("roster-zhangcun.xlsx")).unwrap();
    let mut csv = String::from("\u{feff}");
    csv.push_str(&headers.join(","));
    csv.push('\n');
    for l in &lines {
        csv.push_str(&l.iter().map(|v| q(v)).collect::<Vec<_>>().join(","));
        csv.push('\n');
    }
    csv.push_str("99,赵六,合同工,执法人员,是,,,否,否,,,\n");
    csv.push_str("100,钱七,行政编制,执法人员,是,鲁威执29999,2024-01-01,否,否,,,2024-02-30\n");
    std::fs::write(dir.join("roster-broken.csv"), csv).unwrap();
    println!(
        "roster: {} people; roster-broken.csv rows {} and {}",
        lines.len(),
        lines.len() + 2,
        lines.len() + 3
    );

    // An adjustment: the export workbook of a 2025 version (one delegation revoked,
    // one entrustment turned into a delegation, one basis amended, one item added).
    let mut v2 = doc.clone();
    v2.meta.version = "2025.1".into();
    v2.meta.effective_from = fuquan::time::Date::from_ymd(2025, 1, 1);
    let code = "CJ-P003";
    for g in &mut v2.grants {
        if g.id == "G-2024-DEV-ZJ" {
            g.items.retain(|c| c != code);
        }
    }
    if let Some(i) = v2.items.iter_mut().find(|i| i.code == "SR-P001") {
        i.establishing_basis
            .push_str("；《威海市城市管理条例》(2021年)第二十条");
    }
    std::fs::write(
        dir.join("adjustment-2025.xlsx"),
        fuquan_office::export::workbook_bytes(&v2).unwrap(),
    )
    .unwrap();
    println!("adjustment-2025.xlsx written");
}
