//! `--help` in Chinese: the same clap command, its texts replaced at run time.
//!
//! The English help is the rustdoc of the argument structs (clap's derive); the
//! Chinese help is this module's tables, applied with clap's builder API
//! (`mut_subcommand`, `mut_arg`, a help template with Chinese headings and
//! Chinese `-h`/`-V` flags) when [`wanted`] says so: `--lang zh` on the command
//! line, or, without `--lang`, a locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the
//! first one set) that starts with `zh`. A test checks that every subcommand and
//! every argument has its Chinese text, so a new option cannot be added without it.

use clap::{Arg, ArgAction, Command};

/// Whether the help should be Chinese: `--lang zh` / `--lang=zh`, else a
/// Chinese locale; `--lang en` always gives English.
pub(crate) fn wanted(args: &[String], env: impl Fn(&str) -> Option<String>) -> bool {
    let mut lang = None;
    for (i, a) in args.iter().enumerate() {
        if a == "--lang" {
            lang = args.get(i + 1).cloned();
        } else if let Some(v) = a.strip_prefix("--lang=") {
            lang = Some(v.to_owned());
        }
    }
    if let Some(l) = lang {
        return l == "zh";
    }
    // POSIX order: LC_ALL overrides LC_MESSAGES, which overrides LANG.
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| env(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| v.starts_with("zh"))
}

/// The Chinese description of each subcommand (the first line of `fuquan --help`).
const ABOUT: &[(&str, &str)] = &[
    ("", "fuquan（赋权）：执法案件由谁办理、以谁的名义、依据什么"),
    ("route", "判定一个案件由谁管辖（读取案件 JSON 文件；不给文件或给 - 时读取标准输入）"),
    ("validate", "校验一个规则集目录，列出全部问题"),
    ("demo", "用内置规则集判定示例案件，输出一览表"),
    ("rules", "列出引擎适用的全部规则及其依据"),
    ("staffing", "核查一个镇(街道)的人员配备（名册 JSON，或加 --town、--as-of 的 .xlsx/.csv 花名册）"),
    ("staffing-district", "核查区级执法力量下沉比例和各镇(街道)名册"),
    ("screen", "按镇街类型筛选一个事项（方案第1项：优先下放、审慎下放或其他）"),
    ("screen-catalogue", "按镇街类型筛选全部事项，输出建议清单"),
    ("dispute", "推演一起管辖争议（方案第14项）：协商、平台研究、区政府决定"),
    ("designation", "答复一份指定管辖请求（方案第14项）"),
    ("draft", "起草文书（方案第1项、第13项、第14项）：案件移送书、案件移交函、指定管辖申请书/决定书、管辖争议提请书（读取源决策的请求）；赋权事项承接确认书、行政处罚委托书（用 --grant、--town）。默认把正文输出到标准输出，待填写项列在标准错误"),
    ("platform-schedule", "平台办公室的周例会、月联席会议和季度汇报日期（方案第11项）"),
    ("dispatch", "派单（方案第2项、第10项）：清单内由镇(街道)执法队处置，清单外吹哨报到"),
    ("intake", "读一句群众或网格员反映的问题：对应事项、主管机关和派单；如 fuquan intake \"小区里有人半夜露天烧烤\""),
    ("coverage", "按日列出每个事项在每个镇(街道)由谁行使（有无重叠、空白）"),
    ("inspection-plan", "编排“综合查一次”的检查计划（方案第5项）"),
    ("supervision", "依各镇(街道)统计数字查找“违法不罚”“有法不依”迹象和回收审查对象（方案第14项）"),
    ("call", "按决策类型调用任一决策（fuquan operations 列出全部类型）：读取通用入口的 JSON 请求"),
    ("list", "列出镇(街道)、部门、事项、领域或镇街类型（编号与中英文名称），或查找名称所指：fuquan list towns 张村"),
    ("labels", "列出答复中各代码的中英文名称（处置方式、争议阶段等）"),
    ("operations", "列出通用入口的全部决策类型"),
    ("schema", "把请求和答复的 JSON Schema 写入一个目录"),
    ("serve", "以 HTTP 服务提供全部决策（见 docs/serve.md）"),
    ("import", "把本区的 .xlsx/.csv 清单导入为规则集目录，并出具导入报告"),
    ("import-reports", "把已标注的 12345/网格诉求（.xlsx/.csv：诉求内容、事项编码）导入为规则集的诉求样例，供受理识别比对"),
    ("export", "把规则集的各清单导出为一个工作簿（import 可原样读回）"),
    ("publish", "生成某日各镇(街道)的执法事项清单、巡查事项清单和全区汇总"),
    ("diff", "比较两个规则集版本，按镇(街道)列出调整情况"),
    ("help", "显示本说明，或指定子命令的说明"),
];

/// The Chinese help of an argument: `(subcommand, argument id, text)`; the
/// subcommand `*` is any subcommand without its own line.
const ARGS: &[(&str, &str, &str)] = &[
    ("*", "json", "输出 JSON 答复，而不是文字"),
    ("*", "lang", "文字输出的语言：zh（中文）或 en（英文）"),
    ("*", "rules", "使用该规则集目录，而不是内置的默认规则集"),
    ("*", "trace", "同时输出逐步推理过程"),
    ("*", "request", "从文件读取 fuquan call 所用的同一 JSON 请求（- 表示标准输入），代替上面的参数"),
    ("*", "file", "请求文件（不给或给 - 时读取标准输入）"),
    ("route", "case", "案件文件（不给或给 - 时读取标准输入）"),
    ("draft", "document", "文书：transfer（案件移送书）、handover（案件移交函）、designation_request（指定管辖申请书）、designation_decision（指定管辖决定书）、dispute_submission（管辖争议提请书）、delegation_acceptance（赋权事项承接确认书）、entrustment_agreement（行政处罚委托书）"),
    ("draft", "request", "源决策的请求文件（案件、指定管辖或争议请求），或整个 draft 请求；不给时读取标准输入（给了 --grant 时除外）"),
    ("draft", "fill", "承办人填写的内容（JSON：case_number 案号、party 当事人、facts 违法事实、evidence 涉案物品等）"),
    ("draft", "grant", "赋权或委托文件编号（承接确认书、委托书用）"),
    ("draft", "town", "镇(街道)编号或名称（承接确认书、委托书用）"),
    ("draft", "format", "输出格式：text（文字）、html（可打印网页）、docx（Word 文档）"),
    ("draft", "out", "写入该文件（docx 格式必须给出）"),
    ("draft", "rules", "使用该规则集目录，而不是内置的默认规则集（其中 templates/<文书>.j2 替换内置模板）"),
    ("route", "history", "存放各版本规则集的目录：按案件的相关日期选用当时施行的版本"),
    ("validate", "dir", "规则集目录(ruleset.json 及 departments/towns/items/grants.json)"),
    ("validate", "request", "整个规则集文档(一个 JSON 文件,- 表示标准输入),即 fuquan call validate 的请求"),
    ("staffing", "roster", "名册文件(见 fixtures/demo/roster-zhangcun.json),或 .xlsx/.csv 花名册"),
    ("staffing", "town", "花名册（.xlsx/.csv）所属的镇(街道)编号或名称"),
    ("staffing", "as_of", "花名册的核查日期，YYYY-MM-DD"),
    ("staffing-district", "file", "请求文件(as_of、district_strength、seconded、rosters)"),
    ("screen", "item", "事项编码或名称，如 SR-P001"),
    ("screen", "class", "镇街类型：经济发达镇、重点产业镇、主城区街道（或 developed_town 等代码）"),
    ("screen-catalogue", "class", "镇街类型：经济发达镇、重点产业镇、主城区街道（或 developed_town 等代码）"),
    ("platform-schedule", "date", "事项的提交日期,YYYY-MM-DD"),
    ("platform-schedule", "failed_unit", "落实不力的责任单位（启动联合裁定并移交线索）"),
    ("intake", "text", "群众或网格员反映的问题（一句话）"),
    ("intake", "place", "镇、街道或管理服务中心（不给时按所述内容识别）"),
    ("intake", "date", "反映问题的日期，YYYY-MM-DD（默认今天，UTC）"),
    ("intake", "source", "来源:hotline_12345(12345热线)、grid_worker(网格员)、digital_city_management(数字城管)、patrol(巡查)"),
    ("coverage", "from", "起始日，如 2024-05-01"),
    ("coverage", "to", "截止日（含当日）"),
    ("coverage", "town", "镇(街道)编号或名称（可重复；默认全部）"),
    ("coverage", "item", "事项编码（可重复；默认全部）"),
    ("inspection-plan", "file", "请求文件(period、list、objects;不给或给 - 时读取标准输入)"),
    ("supervision", "file", "请求文件（stats；不给或给 - 时读取标准输入）"),
    ("call", "operation", "决策类型,如 route、dispatch、coverage"),
    ("call", "request", "请求文件（不给或给 - 时读取标准输入）"),
    ("list", "what", "列出什么:towns(镇街)、departments(部门)、bodies(全部机关)、items(事项)、domains(领域)、classes(镇街类型)"),
    ("list", "query", "要查找的名称、简称或编号（不给时列出全部）"),
    ("labels", "vocabularies", "词表名称,如 disposition dispute_stage(不给时列出全部)"),
    ("schema", "out", "目标目录"),
    ("schema", "lang", "提示信息的语言：zh（中文）或 en（英文）"),
    ("serve", "rules", "提供服务所用的规则集目录（可重新加载），代替内置的默认规则集"),
    ("serve", "history", "存放各版本规则集的目录：按服务器当日（UTC）施行的版本答复（可重新加载）"),
    ("serve", "addr", "监听地址"),
    ("serve", "admin_token_file", "存放管理令牌的文件（启用 POST /v1/admin/reload；无此文件时该接口答复 403）"),
    ("serve", "max_body_bytes", "请求体的最大字节数（各决策另有各自的上限）"),
    ("serve", "concurrency", "同时处理的决策请求数，其余排队等候"),
    ("serve", "request_timeout", "一个请求（含读取请求体）的时限，秒（超时答复 408）"),
    ("serve", "header_timeout", "客户端发送请求头的时限，秒"),
    ("serve", "shutdown_timeout", "收到 SIGTERM/SIGINT 后等待处理中请求完成的时限，秒"),
    ("serve", "workers", "工作线程数（默认每个处理器核一个）"),
    ("serve", "log", "标准错误输出的日志级别:off、error、warn、info、debug、trace"),
    ("import", "files", "要导入的文件：.xlsx（事项、赋权、镇街、部门等任意工作表）或 .csv"),
    ("import", "out", "要写入的规则集目录（全部写入或一概不写）"),
    ("import", "base", "作为基础的规则集（meta、区、领域、参数、日历；表中未给出时也取其镇街和部门），默认内置规则集"),
    ("import", "mapping", "列名映射文件（JSON）：{\"headers\": {\"本表列名\": \"事项名称\", …}}"),
    ("import", "document", "清单没有「文号」列时使用的赋权文件文号，如 威环政发〔2024〕5号"),
    ("import", "document_title", "该赋权文件的标题"),
    ("import", "effective", "清单没有「生效日期」列时使用的生效日期"),
    ("import", "set_version", "导入结果的版本号(meta.version)"),
    ("import", "effective_from", "导入结果的施行日(meta.effective_from)"),
    ("import", "force", "替换已存在且不为空的目标目录"),
    ("import", "partial", "有被拒绝的行时仍写入规则集（略去这些行）"),
    ("import", "report", "另把导入报告以 JSON 写入该文件"),
    ("import-reports", "files", "要导入的文件：.xlsx 或 .csv，含「诉求内容」和「事项编码」列（不属于清单事项的填「清单外」或「-」）"),
    ("import-reports", "out", "要写入的规则集目录：基础规则集，以这些诉求作为其诉求样例"),
    ("import-reports", "base", "诉求所归事项所在的规则集，默认内置规则集"),
    ("import-reports", "mapping", "列名映射文件（JSON）：{\"headers\": {\"本表列名\": \"诉求内容\", …}}"),
    ("import-reports", "append", "追加到基础规则集原有的诉求样例之后，而不是替换"),
    ("import-reports", "force", "替换已存在且不为空的目标目录"),
    ("import-reports", "partial", "有被拒绝的行时仍写入规则集（略去这些行）"),
    ("export", "out", "要写入的 .xlsx 工作簿（工作表：事项、赋权、镇街、部门）"),
    ("publish", "date", "清单的施行日期,YYYY-MM-DD"),
    ("publish", "out", "要写入的目录（全部写入或一概不写）"),
    ("publish", "format", "格式，逗号分隔：xlsx,csv,html（默认三种都写）"),
    ("publish", "force", "替换已存在且不为空的目标目录"),
    ("diff", "old", "旧版本规则集目录"),
    ("diff", "new", "新版本规则集目录"),
    ("diff", "xlsx", "另把调整情况写成 .xlsx 附件"),
];

/// The help template with Chinese headings (clap's own headings of the argument
/// lists are replaced by per-argument headings, see [`localize`]).
const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法: {usage}\n\n{all-args}{after-help}";

fn about(name: &str) -> Option<&'static str> {
    ABOUT.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

fn arg_help(sub: &str, id: &str) -> Option<&'static str> {
    ARGS.iter()
        .find(|(s, a, _)| *s == sub && *a == id)
        .or_else(|| ARGS.iter().find(|(s, a, _)| *s == "*" && *a == id))
        .map(|(_, _, t)| *t)
}

/// One command (the root or a subcommand named `name`) in Chinese: its
/// description, every argument's help under the heading 参数 or 选项, and
/// Chinese `-h/--help` (and, on the root, `-V/--version`).
fn localize_one(cmd: Command, name: &str) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("子命令")
        .disable_help_flag(true)
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            let help = arg_help(name, a.get_id().as_str());
            // clap words the default value and the possible values in English:
            // the default goes into the Chinese text, the values are in it already.
            let default: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let takes_values = a.get_action().takes_values();
            let a = a
                .help_heading(heading)
                .hide_possible_values(takes_values)
                .hide_default_value(takes_values);
            match (help, default.is_empty()) {
                (Some(h), true) => a.help(h),
                (Some(h), false) => a.help(format!("{h}（默认：{}）", default.join("、"))),
                (None, _) => a,
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示本说明")
                .help_heading("选项"),
        );
    if let Some(text) = about(name) {
        cmd = cmd.about(text).long_about(None);
    }
    cmd
}

/// The whole command tree in Chinese.
pub(crate) fn localize(cmd: Command) -> Command {
    let cmd = localize_one(cmd, "")
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        )
        .disable_help_subcommand(true)
        .subcommand(
            Command::new("help")
                .about(about("help").unwrap_or_default())
                .arg(
                    Arg::new("subcommand")
                        .help("子命令名称")
                        .help_heading("参数"),
                ),
        );
    cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_owned();
        localize_one(sub, &name)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use clap::CommandFactory;

    fn han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every subcommand and every argument has its Chinese text: a new option
    /// without one fails here.
    #[test]
    fn every_subcommand_and_argument_has_chinese_help() {
        let cmd = crate::Cli::command();
        assert!(about("").is_some());
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            assert!(
                about(name).is_some_and(han),
                "no Chinese description for {name}"
            );
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                assert!(
                    arg_help(name, id).is_some_and(han),
                    "no Chinese help for {name} {id}"
                );
            }
        }
    }

    #[test]
    fn chinese_when_asked_or_in_a_chinese_locale() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let none = |_: &str| None;
        let zh_cn = |k: &str| (k == "LANG").then(|| "zh_CN.UTF-8".to_owned());
        assert!(wanted(&args(&["fuquan", "--help", "--lang", "zh"]), none));
        assert!(wanted(&args(&["fuquan", "--lang=zh", "--help"]), none));
        assert!(!wanted(&args(&["fuquan", "--help"]), none));
        assert!(wanted(&args(&["fuquan", "--help"]), zh_cn));
        assert!(!wanted(&args(&["fuquan", "--help", "--lang", "en"]), zh_cn));
        // LC_ALL overrides LANG.
        let c_over_zh = |k: &str| match k {
            "LC_ALL" => Some("C".to_owned()),
            "LANG" => Some("zh_CN.UTF-8".to_owned()),
            _ => None,
        };
        assert!(!wanted(&args(&["fuquan", "--help"]), c_over_zh));
    }

    #[test]
    fn the_localized_command_is_valid_and_chinese() {
        let mut cmd = localize(crate::Cli::command());
        cmd.build();
        cmd.clone().debug_assert();
        let help = cmd.render_help().to_string();
        // clap writes `heading:` with an ASCII colon; the usage line matches it.
        assert!(help.contains(concat!("用法", ":")), "{help}");
        assert!(help.contains(concat!("子命令", ":")), "{help}");
        assert!(help.contains("判定一个案件由谁管辖"), "{help}");
        let route = cmd.find_subcommand_mut("route").expect("route");
        let help = route.render_help().to_string();
        assert!(help.contains("同时输出逐步推理过程"), "{help}");
        assert!(
            help.contains(concat!("参数", ":")) && help.contains(concat!("选项", ":")),
            "{help}"
        );
    }
}
