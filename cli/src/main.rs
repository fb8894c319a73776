//! `fuquan`: route cases, validate rule sets, and show the engine at work.

// The CLI reads answers as serde_json::Value, whose `[]` returns Null for a
// missing key or index and never panics.
#![allow(clippy::indexing_slicing)]

mod coordination;
mod decisions;
mod draft;
mod help_zh;
mod input;
mod office;
mod oversight;
mod render;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use fuquan::{api, Engine};
use serde_json::Value;

/// fuquan (赋权): who may act on an enforcement case, in whose name, and why.
#[derive(Parser)]
#[command(name = "fuquan", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output language for human-readable output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// 中文.
    Zh,
    /// English.
    En,
}

/// What `fuquan list` lists (the `lookup` operation's `list`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ListKind {
    /// 镇(街道) and the management centre.
    Towns,
    /// 部门.
    Departments,
    /// Every body.
    Bodies,
    /// 执法事项.
    Items,
    /// 执法领域.
    Domains,
    /// 镇街类型.
    Classes,
}

#[derive(clap::Args)]
pub(crate) struct Output {
    /// Print the JSON answer instead of text.
    #[arg(long)]
    json: bool,
    /// Language of the text output.
    #[arg(long, value_enum, default_value = "zh")]
    lang: Lang,
}

#[derive(Subcommand)]
enum Command {
    /// Route a case (JSON from a file, or stdin when no file or `-` is given).
    Route {
        /// The case file.
        case: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long, conflicts_with = "history")]
        rules: Option<PathBuf>,
        /// A directory holding one rule-set directory per version: the case is
        /// routed with the version in force on its relevant date.
        #[arg(long)]
        history: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Validate a rule-set directory and list every diagnostic.
    Validate {
        /// The rule-set directory (ruleset.json plus departments/towns/items/grants.json).
        #[arg(required_unless_present = "request")]
        dir: Option<PathBuf>,
        /// A rule-set document as one JSON file (`-`: stdin), as `fuquan call validate` takes it.
        #[arg(long, value_name = "FILE", conflicts_with = "dir")]
        request: Option<PathBuf>,
        #[command(flatten)]
        out: Output,
    },
    /// Route the sample cases against the embedded default rule set and print a table.
    Demo {
        #[command(flatten)]
        out: Output,
    },
    /// List every rule the engine applies, with its citations.
    Rules {
        #[command(flatten)]
        out: Output,
    },
    /// Check a town's staffing roster (JSON from a file, or stdin when no file or `-` is given;
    /// or a .xlsx/.csv 花名册 with --town and --as-of).
    Staffing {
        /// The roster file (see fixtures/demo/roster-zhangcun.json).
        roster: Option<PathBuf>,
        #[command(flatten)]
        sheet: office::RosterSheetArgs,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Check the district's secondment share and a table of town rosters.
    StaffingDistrict {
        /// The request file (`as_of`, `district_strength`, `seconded`, `rosters`).
        file: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Screen one item for a town class (Plan §1: priority / cautious / neither).
    Screen {
        /// The item code, e.g. SR-P001.
        #[arg(required_unless_present = "request")]
        item: Option<String>,
        /// The town class: developed_town, key_industry_town or main_urban_subdistrict.
        #[arg(long, required_unless_present = "request")]
        class: Option<String>,
        /// The JSON request `fuquan call screen` takes, from a file (`-`: stdin), instead of the arguments.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["item", "class"])]
        request: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Screen the whole catalogue for a town class and print the suggested list.
    ScreenCatalogue {
        /// The town class: developed_town, key_industry_town or main_urban_subdistrict.
        #[arg(long, required_unless_present = "request")]
        class: Option<String>,
        /// The JSON request `fuquan call screen_catalogue` takes, from a file (`-`: stdin), instead of --class.
        #[arg(long, value_name = "FILE", conflicts_with = "class")]
        request: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        #[command(flatten)]
        out: Output,
    },
    /// Replay a jurisdiction dispute (Plan §14): `{dispute|state, events}` from a file or stdin.
    Dispute {
        /// The dispute file.
        file: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Answer a designation request (Plan §14) from a file or stdin.
    Designation {
        /// The request file.
        file: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Draft a document (Plan §1, §13, §14 — docs/drafting.md): transfer,
    /// handover, designation_request, designation_decision, dispute_submission
    /// from the source request file; delegation_acceptance, entrustment_agreement
    /// with --grant and --town. Text to stdout unless --out; blanks listed on stderr.
    Draft(draft::DraftArgs),
    /// The platform office's meetings and report for a submission date (Plan §11).
    PlatformSchedule {
        /// The submission date, YYYY-MM-DD.
        #[arg(required_unless_present = "request")]
        date: Option<String>,
        /// A unit that failed to act (joint ruling and referral).
        #[arg(long)]
        failed_unit: Option<String>,
        /// The JSON request `fuquan call platform_schedule` takes, from a file (`-`: stdin), instead of the arguments.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["date", "failed_unit"])]
        request: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Dispatch a report (Plan §2, §10) from a file or stdin.
    Dispatch {
        /// The report file.
        file: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Read a citizen's or grid worker's sentence: the matter, the competent body and the
    /// dispatch (Plan §2, §10, 三(二)); e.g. `fuquan intake "小区里有人半夜露天烧烤"`.
    Intake {
        /// What the caller or the grid worker said.
        #[arg(required_unless_present = "request")]
        text: Option<String>,
        /// The JSON request `fuquan call intake` takes, from a file (`-`: stdin), instead of the arguments.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["text", "place", "date"])]
        request: Option<PathBuf>,
        /// A town, subdistrict or management centre id (else a place named in the text).
        #[arg(long)]
        place: Option<String>,
        /// The day of the report, YYYY-MM-DD (default: today, UTC).
        #[arg(long)]
        date: Option<String>,
        /// Where the report comes from: hotline_12345, grid_worker, digital_city_management, patrol.
        #[arg(long, default_value = "hotline_12345")]
        source: String,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Show, per item and town, who is competent on each day of a range (coverage timeline).
    Coverage {
        /// First day, e.g. 2024-05-01.
        #[arg(long, required_unless_present = "request")]
        from: Option<String>,
        /// Last day, included.
        #[arg(long, required_unless_present = "request")]
        to: Option<String>,
        /// The JSON request `fuquan call coverage` takes, from a file (`-`: stdin), instead of the options.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["from", "to", "town", "item"])]
        request: Option<PathBuf>,
        /// A town or subdistrict id (repeatable; default: every one).
        #[arg(long)]
        town: Vec<String>,
        /// An item code (repeatable; default: every one).
        #[arg(long)]
        item: Vec<String>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Plan combined inspections (Plan §5 综合查一次) from a file or stdin.
    InspectionPlan {
        /// The request file (`period`, `list`, `objects`).
        file: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Flag 违法不罚 / 有法不依 and take-back candidates (Plan §14) from per-town statistics.
    Supervision {
        /// The request file (`stats`).
        file: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Any decision by its operation name (`fuquan operations` lists them): the
    /// JSON request the generic entry point takes, from a file or stdin.
    Call {
        /// The operation, e.g. `route`, `dispatch`, `coverage`.
        operation: String,
        /// The request file (stdin when absent or `-`).
        request: Option<PathBuf>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Show the step-by-step trace.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        out: Output,
    },
    /// List the towns, departments, items, domains or town classes of the rule
    /// set (ids with Chinese and English names), or find what a name means:
    /// `fuquan list towns 张村`, `fuquan list departments 市场监管局`.
    List {
        /// What to list: towns, departments, bodies, items, domains or classes.
        #[arg(value_enum, required_unless_present = "request")]
        what: Option<ListKind>,
        /// The JSON request `fuquan call lookup` takes, from a file (`-`: stdin), instead of the arguments.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["what", "query"])]
        request: Option<PathBuf>,
        /// A name, short form or id to look up (all entries when absent).
        query: Option<String>,
        /// A rule-set directory to use instead of the embedded default.
        #[arg(long)]
        rules: Option<PathBuf>,
        #[command(flatten)]
        out: Output,
    },
    /// List the labels of the codes answers carry (dispositions, stages, …):
    /// every vocabulary, or the ones named.
    Labels {
        /// Vocabulary names, e.g. disposition dispute_stage (all when none).
        vocabularies: Vec<String>,
        /// The JSON request `fuquan call labels` takes, from a file (`-`: stdin), instead of the names.
        #[arg(long, value_name = "FILE", conflicts_with = "vocabularies")]
        request: Option<PathBuf>,
        #[command(flatten)]
        out: Output,
    },
    /// List the operations of the generic entry point, from the decision registry.
    Operations {
        #[command(flatten)]
        out: Output,
    },
    /// Write the JSON Schemas of the contract into a directory.
    Schema {
        /// Target directory.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
        /// Language of the messages.
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
    /// Serve every decision over HTTP (docs/serve.md): POST /v1/{operation},
    /// GET /openapi.json, /metrics, /healthz; SIGHUP reloads, SIGTERM drains.
    Serve(serve::ServeArgs),
    /// Import a district's spreadsheets (.xlsx/.csv) into a rule-set directory, with a report.
    Import(office::ImportArgs),
    /// Import labelled 12345 / grid reports (.xlsx/.csv: 诉求内容, 事项编码) as the rule set's example reports for intake.
    ImportReports(office::ImportReportsArgs),
    /// Export a rule set's lists as one workbook that `import` reads back.
    Export(office::ExportArgs),
    /// Publish each town's 执法事项清单 and 巡查事项清单 and the district summary for a date.
    Publish(office::PublishArgs),
    /// What changed between two rule-set versions, per town (text, JSON, xlsx).
    Diff(office::DiffArgs),
}

const DEMO_CASES: &str = include_str!("../data/demo/cases.json");

/// What `fuquan --version` prints after the name: the CLI's version, then the
/// engine's and the JSON contract's.
fn version_line() -> String {
    format!(
        "{} (engine {}, contract {})",
        env!("CARGO_PKG_VERSION"),
        fuquan::ENGINE_VERSION,
        fuquan::CONTRACT_VERSION
    )
}

/// The output language the command line asks for before clap has parsed it
/// (`--lang en`, `--lang=en`), for messages printed outside a subcommand.
fn lang_of_args() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let en = args
        .windows(2)
        .any(|w| w.first().is_some_and(|a| a == "--lang") && w.get(1).is_some_and(|v| v == "en"))
        || args.iter().any(|a| a == "--lang=en");
    if en {
        Lang::En
    } else {
        Lang::Zh
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let mut command = Cli::command().version(version_line());
    if help_zh::wanted(&args, |k| std::env::var(k).ok()) {
        command = help_zh::localize(command);
    }
    let matches = command.clone().get_matches();
    // The Chinese command tree has its own `help` subcommand (clap's cannot be
    // translated): `fuquan help [SUBCOMMAND]`.
    if let Some(("help", m)) = matches.subcommand() {
        command.build();
        let target = m.get_one::<String>("subcommand");
        let text = match target.and_then(|t| command.find_subcommand_mut(t)) {
            Some(sub) => sub.render_help(),
            None => command.render_help(),
        };
        print!("{text}");
        return ExitCode::SUCCESS;
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // Exit codes (docs/cli.md): 0 decided, 1 request refused, 2 usage (clap),
    // 3 a file or the rule set could not be read.
    let json = std::env::args().any(|a| a == "--json");
    match run(cli.command) {
        Ok(code) => code,
        Err(message) => {
            if json {
                let (zh, en) = message.split_once('\n').unwrap_or((&message, &message));
                let answer = serde_json::json!({
                    "status": "error",
                    "errors": [{
                        "code": "cli.unreadable",
                        "severity": "error",
                        "path": "",
                        "message_zh": zh,
                        "message_en": en,
                    }],
                    "warnings": [],
                });
                println!(
                    "{}",
                    serde_json::to_string_pretty(&answer).unwrap_or_default()
                );
            } else {
                // A two-line message is Chinese, then English: the language
                // asked for; a longer one (a sheet's row diagnostics) is shown whole.
                match message.split_once('\n') {
                    Some((zh, en)) if !en.contains('\n') => {
                        eprintln!(
                            "fuquan: {}",
                            if lang_of_args() == Lang::En { en } else { zh }
                        );
                    }
                    _ => eprintln!("fuquan: {message}"),
                }
            }
            ExitCode::from(3)
        }
    }
}

/// Runs one decision (an `api::call` operation) on a JSON request — or on text that
/// is not JSON, so the engine reports it with its code — and prints the answer as
/// JSON or through `render`. Exit code 1 when the request was refused.
pub(crate) fn run_decision(
    operation: &str,
    request: Result<Value, String>,
    rules: Option<&PathBuf>,
    trace: bool,
    out: &Output,
    render: fn(&str, &Value, Lang, &Engine) -> String,
) -> Result<ExitCode, String> {
    let engine = load_engine(rules)?;
    let answer = match request {
        Ok(mut request) => {
            if trace {
                if let Value::Object(map) = &mut request {
                    map.insert("trace".into(), Value::Bool(true));
                }
            }
            api::call(&engine, operation, request)
        }
        Err(text) => serde_json::from_str(&api::call_json_str(&engine, operation, &text))
            .unwrap_or(Value::Null),
    };
    let ok = answer["status"] == "ok";
    if out.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&answer).unwrap_or_default()
        );
    } else {
        print!("{}", render(operation, &answer, out.lang, &engine));
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub(crate) fn load_engine(rules: Option<&PathBuf>) -> Result<Engine, String> {
    let result = match rules {
        Some(dir) => Engine::from_dir(dir),
        None => Engine::embedded(),
    };
    result.map_err(|e| {
        let lines: Vec<String> = e.diagnostics.iter().map(ToString::to_string).collect();
        format!(
            "规则集无法加载 / the rule set does not load:\n  {}",
            lines.join("\n  ")
        )
    })
}

/// The request of a subcommand that takes flags: the JSON of `--request FILE`
/// (`-`: stdin) when given, the same request `fuquan call` reads, else the one
/// the flags build. Malformed JSON is passed on as text for the engine to report.
fn flags_or_request(
    request: Option<&PathBuf>,
    from_flags: impl FnOnce() -> Value,
) -> Result<Result<Value, String>, String> {
    match request {
        Some(file) => decisions::request_from_file(Some(file)),
        None => Ok(Ok(from_flags())),
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Route {
            case,
            rules,
            history,
            trace,
            out,
        } => {
            let history = match history {
                Some(dir) => Some(fuquan::ruleset::RuleSetHistory::from_dir(&dir).map_err(
                    |e| {
                        let lines: Vec<String> =
                            e.diagnostics.iter().map(ToString::to_string).collect();
                        format!("the history does not load:\n  {}", lines.join("\n  "))
                    },
                )?),
                None => None,
            };
            let engine = load_engine(rules.as_ref())?;
            let text = input::read_text(case.as_ref())?;
            let mut request: Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                // Let the engine report malformed JSON with its code and position.
                Err(_) => serde_json::from_str(&api::route_json_str(&engine, &text))
                    .unwrap_or(Value::Null),
            };
            if trace {
                if let Value::Object(map) = &mut request {
                    map.insert("trace".into(), Value::Bool(true));
                }
            }
            let answer = if request.get("status").is_some() {
                request
            } else if let Some(h) = &history {
                match api::case_from_value(request) {
                    Ok(case) => api::route_history_case(h, &case),
                    Err(e) => api::error_value(e.diagnostics),
                }
            } else {
                api::route_value(&engine, request)
            };
            let ok = answer["status"] == "ok";
            if out.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&answer).unwrap_or_default()
                );
            } else {
                print!("{}", render::route(&answer, out.lang, &engine));
                let r = &answer["ruling"]["ruleset"];
                if answer.get("history").is_some() {
                    println!(
                        "{} {} {} ({} {}; sha256 {})",
                        if out.lang == Lang::Zh {
                            "适用版本"
                        } else {
                            "Version"
                        },
                        r["id"].as_str().unwrap_or(""),
                        r["version"].as_str().unwrap_or(""),
                        if out.lang == Lang::Zh {
                            "施行日"
                        } else {
                            "in force from"
                        },
                        r["effective_from"].as_str().unwrap_or("—"),
                        r["content_hash"].as_str().unwrap_or("")
                    );
                }
            }
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Validate {
            dir: None,
            request,
            out,
        } => run_decision(
            "validate",
            decisions::request_from_file(request.as_ref())?,
            None,
            false,
            &out,
            |_, answer, lang, _| render::validation(answer, "", lang),
        ),
        Command::Validate {
            dir: Some(dir),
            request: _,
            out,
        } => {
            let answer = api::validate_dir(&dir);
            let ok = answer["status"] == "ok";
            if out.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&answer).unwrap_or_default()
                );
            } else {
                print!(
                    "{}",
                    render::validation(&answer, &dir.display().to_string(), out.lang)
                );
            }
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Demo { out } => {
            let engine = load_engine(None)?;
            let cases: Vec<Value> =
                serde_json::from_str(DEMO_CASES).map_err(|e| format!("demo cases: {e}"))?;
            let answers: Vec<(Value, Value)> = cases
                .into_iter()
                .map(|c| {
                    let answer = api::route_value(&engine, c.clone());
                    (c, answer)
                })
                .collect();
            if out.json {
                let list: Vec<Value> = answers.into_iter().map(|(_, a)| a).collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).unwrap_or_default()
                );
            } else {
                print!("{}", render::demo(&engine, &answers, out.lang));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { out } => {
            let engine = load_engine(None)?;
            print!("{}", render::rules(&engine, out.json, out.lang));
            Ok(ExitCode::SUCCESS)
        }
        Command::Staffing {
            roster,
            sheet,
            rules,
            trace,
            out,
        } => decisions::run(
            "staffing",
            office::staffing_request(roster.as_ref(), &sheet, rules.as_ref())?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::StaffingDistrict {
            file,
            rules,
            trace,
            out,
        } => decisions::run(
            "staffing_district",
            decisions::request_from_file(file.as_ref())?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::Screen {
            item,
            class,
            request,
            rules,
            trace,
            out,
        } => decisions::run(
            "screen",
            flags_or_request(request.as_ref(), || {
                decisions::screen_request(
                    item.as_deref().unwrap_or(""),
                    class.as_deref().unwrap_or(""),
                )
            })?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::ScreenCatalogue {
            class,
            request,
            rules,
            out,
        } => decisions::run(
            "screen_catalogue",
            flags_or_request(request.as_ref(), || {
                decisions::catalogue_request(class.as_deref().unwrap_or(""))
            })?,
            rules.as_ref(),
            false,
            &out,
        ),
        Command::Dispute {
            file,
            rules,
            trace,
            out,
        } => coordination::run(
            "dispute",
            coordination::request_from_file(file.as_ref())?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::Designation {
            file,
            rules,
            trace,
            out,
        } => coordination::run(
            "designation_request",
            coordination::request_from_file(file.as_ref())?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::Draft(args) => draft::run(&args),
        Command::PlatformSchedule {
            date,
            failed_unit,
            request,
            rules,
            trace,
            out,
        } => coordination::run(
            "platform_schedule",
            flags_or_request(request.as_ref(), || {
                coordination::schedule_request(
                    date.as_deref().unwrap_or(""),
                    failed_unit.as_deref(),
                )
            })?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::Dispatch {
            file,
            rules,
            trace,
            out,
        } => coordination::run(
            "dispatch",
            coordination::request_from_file(file.as_ref())?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::Intake {
            text,
            request,
            place,
            date,
            source,
            rules,
            trace,
            out,
        } => coordination::run(
            "intake",
            flags_or_request(request.as_ref(), || {
                coordination::intake_request(
                    text.as_deref().unwrap_or(""),
                    place.as_deref(),
                    date.as_deref(),
                    &source,
                )
            })?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::Coverage {
            from,
            to,
            request,
            town,
            item,
            rules,
            trace,
            out,
        } => oversight::run(
            "coverage",
            flags_or_request(request.as_ref(), || {
                oversight::coverage_request(
                    from.as_deref().unwrap_or(""),
                    to.as_deref().unwrap_or(""),
                    &town,
                    &item,
                )
            })?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::InspectionPlan {
            file,
            rules,
            trace,
            out,
        } => oversight::run(
            "inspection_plan",
            coordination::request_from_file(file.as_ref())?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::Supervision {
            file,
            rules,
            trace,
            out,
        } => oversight::run(
            "supervision",
            coordination::request_from_file(file.as_ref())?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::Call {
            operation,
            request,
            rules,
            trace,
            out,
        } => decisions::run_generic(
            &operation,
            decisions::request_from_file(request.as_ref())?,
            rules.as_ref(),
            trace,
            &out,
        ),
        Command::List {
            what,
            request,
            query,
            rules,
            out,
        } => {
            let request = flags_or_request(request.as_ref(), || {
                let list = match what {
                    Some(ListKind::Towns) | None => "towns",
                    Some(ListKind::Departments) => "departments",
                    Some(ListKind::Bodies) => "bodies",
                    Some(ListKind::Items) => "items",
                    Some(ListKind::Domains) => "domains",
                    Some(ListKind::Classes) => "classes",
                };
                let mut request = serde_json::json!({ "list": list });
                if let Some(q) = query {
                    request["query"] = Value::String(q);
                }
                request
            })?;
            run_decision(
                "lookup",
                request,
                rules.as_ref(),
                false,
                &out,
                render::lookup,
            )
        }
        Command::Labels {
            vocabularies,
            request,
            out,
        } => run_decision(
            "labels",
            flags_or_request(
                request.as_ref(),
                || serde_json::json!({ "vocabularies": vocabularies }),
            )?,
            None,
            false,
            &out,
            render::labels,
        ),
        Command::Operations { out } => {
            print!("{}", render::operations(out.json, out.lang));
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => serve::run(args),
        Command::Import(args) => office::run_import(args),
        Command::ImportReports(args) => office::run_import_reports(args),
        Command::Export(args) => office::run_export(args),
        Command::Publish(args) => office::run_publish(args),
        Command::Diff(args) => office::run_diff(args),
        Command::Schema { out, lang } => {
            std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            for (name, schema) in fuquan::schema::all() {
                let path = out.join(name);
                let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
                match lang {
                    Lang::Zh => println!("已写入 {}", path.display()),
                    Lang::En => println!("wrote {}", path.display()),
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
