//! The rule registry: every rule the engine applies, with its stable id,
//! bilingual title and the clauses it rests on.
//!
//! Ids are part of the JSON contract and never change meaning. Answers carry
//! the ids of the rules that determined them (`rule_ids`), always.

use crate::citation::{Instrument, StaticCitation};

const fn cite(instrument: Instrument, zh: &'static str, en: &'static str) -> StaticCitation {
    StaticCitation { instrument, zh, en }
}

const PLAN_PREAMBLE: StaticCitation = cite(Instrument::Plan, "前言", "preamble");
const PLAN_1: StaticCitation = cite(Instrument::Plan, "第二部分第1项", "§1");
const PLAN_4: StaticCitation = cite(Instrument::Plan, "第二部分第4项", "§4");
const PLAN_11: StaticCitation = cite(Instrument::Plan, "第二部分第11项", "§11");
const PLAN_12: StaticCitation = cite(Instrument::Plan, "第二部分第12项", "§12");
const PLAN_13: StaticCitation = cite(Instrument::Plan, "第二部分第13项", "§13");
const PLAN_14: StaticCitation = cite(Instrument::Plan, "第二部分第14项", "§14");
const PLAN_3: StaticCitation = cite(Instrument::Plan, "第二部分第3项", "§3");
const PLAN_7: StaticCitation = cite(Instrument::Plan, "第二部分第7项", "§7");
const PLAN_8: StaticCitation = cite(Instrument::Plan, "第二部分第8项", "§8");
const PLAN_9: StaticCitation = cite(Instrument::Plan, "第二部分第9项", "§9");
const MFD_201: StaticCitation = cite(Instrument::Mfd, "第二百零一条", "Art. 201");
const MFD_202: StaticCitation = cite(Instrument::Mfd, "第二百零二条", "Art. 202");
const MFD_203: StaticCitation = cite(Instrument::Mfd, "第二百零三条", "Art. 203");
/// The grant document (赋权决定 / 委托书) the item's status rests on, named in the answer's `items[].grant`.
const GRANT_DOCUMENT: StaticCitation = cite(
    Instrument::Other,
    "赋权决定或委托书(见 items[].grant)",
    "the grant document (see items[].grant)",
);
const MFD_1259: StaticCitation = cite(Instrument::Mfd, "第一千二百五十九条", "Art. 1259");

macro_rules! rules {
    // `[feature = "x"]` before a variant: the rule exists only with that cargo
    // feature (the drafting rules: the npm main module, built without it, must
    // not carry their texts).
    ($( $(#[$doc:meta])* $([feature = $feat:literal])? $variant:ident = $id:literal, $zh:literal, $en:literal, [$($c:expr),* $(,)?]; )*) => {
        /// A rule the engine applies. The string id ([`RuleId::id`]) is stable.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum RuleId { $( $(#[$doc])* $(#[cfg(feature = $feat)])? $variant, )* }

        impl RuleId {
            /// Every rule, in registry order.
            pub const ALL: &'static [RuleId] = &[ $( $(#[cfg(feature = $feat)])? RuleId::$variant, )* ];

            /// The stable string id, e.g. `route.major_fine`.
            pub const fn id(self) -> &'static str {
                match self { $( $(#[cfg(feature = $feat)])? RuleId::$variant => $id, )* }
            }

            /// Chinese title.
            pub const fn title_zh(self) -> &'static str {
                match self { $( $(#[cfg(feature = $feat)])? RuleId::$variant => $zh, )* }
            }

            /// English title.
            pub const fn title_en(self) -> &'static str {
                match self { $( $(#[cfg(feature = $feat)])? RuleId::$variant => $en, )* }
            }

            /// The clauses the rule rests on.
            pub const fn citations(self) -> &'static [StaticCitation] {
                match self { $( $(#[cfg(feature = $feat)])? RuleId::$variant => { const C: &[StaticCitation] = &[$($c),*]; C } )* }
            }
        }
    };
}

rules! {
    /// The date that decides which grants and parameters apply.
    RelevantDate = "route.relevant_date", "以立案日（未立案的以发现日、再以违法行为发生日）确定适用的清单和参数",
        "The filing date (else the discovery date, else the violation date) decides which lists and parameters apply",
        [PLAN_12];
    /// Jurisdiction follows the place of the violation.
    PlaceOfViolation = "route.place_of_violation", "行政处罚由违法行为发生地的行政机关管辖",
        "A penalty case belongs to the authority of the place where the violation occurred",
        [cite(Instrument::Xzcff, "第二十二条", "Art. 22")];
    /// The management centre hands list matters to its town.
    CentreHandover = "route.centre_handover", "管理服务中心发现赋权清单内违法行为需要立案的，按程序移交镇政府处理",
        "The management centre hands a violation on the town's delegated list over to that town to open the case",
        [PLAN_13];
    /// An entrusted item the centre finds goes to the entrusting department.
    CentreEntrustedToDepartment = "route.centre_entrusted_to_department", "管理服务中心只将赋权事项清单内的违法行为移交镇政府；委托事项不在赋权清单内，由原行政执法部门（委托部门）处理",
        "The management centre hands the town only violations on its delegated list; an entrusted item is not on it and goes to the original (entrusting) department",
        [PLAN_13, PLAN_4, cite(Instrument::Xzcff, "第二十条", "Art. 20")];
    /// The management centre is not a town government.
    CentreNotATown = "route.centre_not_a_town", "管理服务中心不是乡镇人民政府、街道办事处，不能承接行政处罚权",
        "The management centre is not a town government or subdistrict office and cannot hold penalty powers",
        [cite(Instrument::Xzcff, "第二十四条", "Art. 24"), PLAN_13];
    /// During the transition period the department stays responsible.
    Transition = "route.transition", "赋权设3个月过渡期，过渡期内及至过渡期结束时未办结事项仍由原行政执法部门负责",
        "A delegation has a 3-month transition during which, and for matters still open at its end, the original department remains responsible",
        [PLAN_12, cite(Instrument::Mfd, "第二百零一条", "Art. 201"), cite(Instrument::Mfd, "第二百零二条", "Art. 202"), cite(Instrument::Mfd, "第二百零三条", "Art. 203")];
    /// A matter that arose in the transition stays with the department after it ends.
    TransitionCarryover = "route.transition_carryover", "过渡期内发生的相关问题（违法行为在过渡期内发生或终了，或在过渡期结束前已发现），过渡期结束后立案的，仍由原行政执法部门承担相应责任",
        "A matter that arose in the transition (the violation occurred or ended in it, or was discovered by its end) stays with the original department even when the case is filed after it",
        [PLAN_12];
    /// The item is on the town's delegated list.
    ListDelegated = "route.list_delegated", "事项在镇(街道)赋权清单内，由镇(街道)以自己的名义行使",
        "The item is on the town's delegated list: the town exercises it in its own name",
        [cite(Instrument::Xzcff, "第二十四条", "Art. 24"), PLAN_1];
    /// A grant of a penalty carries its related inspection (and, for a delegation, compulsory) powers.
    ScopeCarried = "route.scope_carried", "赋予行政处罚权的同时赋予与之相关的行政检查权、行政强制措施权（以赋权决定文件和方案前言为据；委托只按规则集所引依据带有检查权，不含行政强制措施）",
        "A grant of a penalty power carries the related inspection powers and, for a delegation, the related compulsory measures (on the grant document and the Plan's preamble; an entrustment carries inspections only on the basis the rule set cites, never compulsory measures)",
        [GRANT_DOCUMENT, PLAN_PREAMBLE];
    /// An entrustment carries the related inspections, on the basis the rule set cites.
    ScopeCarriedEntrustment = "route.scope_carried_entrustment", "受委托实施行政处罚的镇(街道)一并实施与之相关的行政检查（依据为规则集参数 entrustment_carries_inspections 所引，示例数据引《山东省乡镇人民政府工作条例》第八条），不含行政强制措施",
        "A town entrusted with a penalty also carries out the related inspections (on the basis cited by the rule set's entrustment_carries_inspections parameter; the sample cites the Shandong Regulations on the Work of Township Governments Art. 8), never compulsory measures",
        [GRANT_DOCUMENT, cite(Instrument::Xzcff, "第二十条第二款", "Art. 20(2)"), cite(Instrument::Other, "《山东省乡镇人民政府工作条例》第八条（规则集所引）", "Shandong Regulations on the Work of Township Governments Art. 8 (as the rule set cites it)")];
    /// The item is entrusted to the town.
    ListEntrusted = "route.list_entrusted", "事项依法委托镇(街道)行使，由镇(街道)以委托部门的名义实施",
        "The item is entrusted to the town: the town acts in the entrusting department's name",
        [cite(Instrument::Xzcff, "第二十条", "Art. 20"), PLAN_1];
    /// Compulsory measures cannot be entrusted.
    EntrustmentExcludesCompulsory = "route.entrustment_excludes_compulsory", "行政强制措施权不得委托，仍由原行政执法部门实施",
        "Compulsory-measure powers cannot be entrusted: they stay with the original department",
        [cite(Instrument::Xzqzf, "第十七条第一款", "Art. 17(1)")];
    /// The grant was revoked (powers taken back).
    GrantRevoked = "route.grant_revoked", "赋权已依法回收，事项回到区级部门",
        "The grant has been revoked (powers taken back): the item is the department's again",
        [PLAN_14];
    /// The entrustment's term has ended.
    GrantExpired = "route.grant_expired", "委托期限已届满，委托不再有效",
        "The entrustment's term has ended: it no longer has effect",
        [cite(Instrument::Xzcff, "第二十条第二款", "Art. 20(2)")];
    /// The grant is not yet in force.
    GrantNotYetEffective = "route.grant_not_yet_effective", "赋权或委托尚未生效，事项仍属区级部门",
        "The grant has not yet taken effect: the item is still the department's",
        [PLAN_4];
    /// Out-of-list items stay with district departments.
    OutOfList = "route.out_of_list", "清单外事项由区级部门负责",
        "Items not on the town's list stay with the district departments",
        [PLAN_4];
    /// Several departments: the platform office rules.
    MixedDepartments = "route.mixed_departments", "涉及多个部门、职责不清的，由区级综合执法平台办公室裁定责任",
        "Where several departments are involved and responsibility is unclear, the district platform office rules on it",
        [PLAN_11];
    /// Delegated and entrusted matters cannot be decided in one name.
    MixedModes = "route.mixed_modes", "赋权事项以镇(街道)名义、委托事项以委托部门名义实施，同一案件不能以两个名义作出决定，应分别处理",
        "Delegated matters are decided in the town's name and entrusted ones in the department's: one case cannot be decided in two names and must be split",
        [cite(Instrument::Xzcff, "第二十条", "Art. 20"), cite(Instrument::Xzcff, "第二十四条", "Art. 24")];
    /// The district government designated the department.
    Designated = "route.designated", "区政府指定原行政执法部门管辖",
        "The district government has designated the original department to handle the case",
        [PLAN_14];
    /// The first body to open the case keeps it.
    FirstFiled = "route.first_filed", "两个以上行政机关都有管辖权的，由最先立案的行政机关管辖",
        "Where several authorities have jurisdiction, the one that opened the case first handles it",
        [cite(Instrument::Xzcff, "第二十五条第一款", "Art. 25(1)")];
    /// A department's filing in a town-competent matter does not take the case.
    DepartmentFilingNotConcurrent = "route.department_filing_not_concurrent", "最先立案规则以两个以上行政机关都有管辖权为前提：过渡期满后部门对镇(街道)赋权清单内事项只保留重大行政处罚案件的管辖，委托事项由镇(街道)以部门名义实施，部门立案不取得镇(街道)的案件",
        "Filing first decides only between bodies that both have jurisdiction: after the transition the department keeps only the major-decision cases of the town's listed items, and an entrusted town acts in the department's own name, so the department's filing does not take the town's case",
        [cite(Instrument::Xzcff, "第二十五条第一款", "Art. 25(1)"), cite(Instrument::Xzcff, "第二十四条", "Art. 24"), cite(Instrument::Xzcff, "第二十条第四款", "Art. 20(4)"), PLAN_13];
    /// A major sanction sends the case to the department.
    MajorSanction = "route.major_sanction", "拟作出降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业等重大行政处罚的，仍由行政执法部门管辖，镇(街道)应当及时移送",
        "A case that may lower a qualification grade, revoke a licence, or order suspension, closure or restricted practice stays with the department; the town must transfer it",
        [PLAN_13];
    /// A fine of the threshold or more sends the case to the department.
    MajorFine = "route.major_fine", "拟处罚款5万元以上（含本数）的，仍由行政执法部门管辖，镇(街道)应当及时移送",
        "A case with a proposed fine of 50,000 yuan or more (the number included) stays with the department; the town must transfer it",
        [PLAN_13, cite(Instrument::Mfd, "第一千二百五十九条", "Art. 1259")];
    /// The town may ask the district government to designate the department.
    DesignationRequestAvailable = "route.designation_request_available", "镇(街道)认为案件重大复杂、需要回避或不宜本级管辖的，可以报请区政府指定原行政执法部门管辖",
        "A town that finds the case major and complex, needing recusal or unsuited to its level may ask the district government to designate the department",
        [PLAN_14];
    /// The district government designates the department on its own initiative.
    DesignationGovernmentInitiative = "designation.government_initiative", "区政府认为案件重大复杂或镇(街道)承办可能影响公正处理的，可以指定原行政执法部门管辖",
        "The district government may designate the original department on its own initiative where the case is major and complex or town handling could affect its fair handling",
        [PLAN_14];
    /// A jurisdiction dispute is first negotiated.
    DisputeNegotiate = "dispute.negotiate", "镇(街道)与行政执法部门对行政处罚案件管辖权存在争议的，应当协商解决",
        "A jurisdiction dispute between a town and a department is first settled by negotiation",
        [PLAN_14, cite(Instrument::Xzcff, "第二十五条第二款", "Art. 25(2)")];
    /// Failing negotiation, the district platform studies and resolves it.
    DisputePlatform = "dispute.platform", "协商不成的，提交区级综合执法平台研究解决（月联席会议研究解决争议事项）",
        "If negotiation fails, the dispute goes to the district enforcement platform to study and resolve (its monthly joint meeting resolves disputes)",
        [PLAN_14, PLAN_11];
    /// Where the platform cannot move it, the district government decides.
    DisputeGovernment = "dispute.district_government", "平台难以推进的，提请区政府决定（共同的上一级行政机关指定管辖）",
        "Where the platform cannot move it forward, it goes to the district government (the common superior) to decide",
        [PLAN_14, cite(Instrument::Xzcff, "第二十五条第二款", "Art. 25(2)")];
    /// The common superior may designate directly at any time.
    DisputeDirectDesignation = "dispute.direct_designation", "对管辖发生争议的，也可以直接由共同的上一级行政机关（区政府）指定管辖",
        "The common superior (the district government) may also designate jurisdiction directly",
        [cite(Instrument::Xzcff, "第二十五条第二款", "Art. 25(2)"), PLAN_14];
    /// A resolved dispute names the deciding body and the handler.
    DisputeResolved = "dispute.resolved", "争议经协商一致、平台研究解决、区政府决定或指定管辖后，由确定的机关管辖",
        "A dispute settled by agreement, by the platform, by the district government's decision or by designation leaves the case with the body so determined",
        [cite(Instrument::Xzcff, "第二十五条", "Art. 25"), PLAN_14];
    /// The platform office's weekly meeting rules on unclear and out-of-list matters.
    PlatformWeeklyMeeting = "platform.weekly_meeting", "区级综合执法平台办公室每周召开专题会议，对职责不清或清单外事项快速裁定责任范围，并函告相关单位处理",
        "The platform office meets weekly and quickly rules on responsibility for unclear or out-of-list matters, notifying the units concerned in writing",
        [PLAN_11];
    /// The monthly joint meeting handles hard cases and disputes.
    PlatformMonthlyMeeting = "platform.monthly_meeting", "区级综合执法平台每月组织编办、司法局、执法部门及镇(街道)召开联席会议，会商处理重难点问题，研究解决争议事项",
        "Each month the platform holds a joint meeting of the staffing office, justice bureau, departments and towns on hard problems and disputes",
        [PLAN_11];
    /// The office director reports quarterly.
    PlatformQuarterlyReport = "platform.quarterly_report", "区级综合执法平台办公室主任每季度向区委常委会会议、区政府常务会议汇报工作开展情况",
        "Each quarter the platform office director reports to the district Party standing committee meeting and the government executive meeting",
        [PLAN_11];
    /// A unit that fails to act triggers a joint ruling and referral.
    PlatformJointRuling = "platform.joint_ruling", "对于责任单位落实不力或拒不落实的，启动联合裁定程序，并向纪委监委、组织部移交线索",
        "A responsible unit that fails or refuses to act triggers the joint ruling procedure, and clues go to the discipline commission and the organisation department",
        [PLAN_11];
    /// In-list reports go to the town's enforcement team.
    DispatchTownTeam = "dispatch.town_team", "清单内事项由镇(街道)派单、执法队接单；网格员呼叫、执法队报到",
        "A matter on the town's list goes to its enforcement team: the town dispatches and the team accepts; a grid worker calls and the team reports",
        [cite(Instrument::Plan, "第二部分第10项", "§10"), PLAN_4, cite(Instrument::Plan, "第二部分第3项", "§3")];
    /// Out-of-list reports are whistled to the district platform, which dispatches the department.
    DispatchWhistle = "dispatch.whistle", "清单外事项由区级部门负责：吹哨至区级综合执法平台，由平台向职能部门派单并督导执行（吹哨报到）",
        "A matter off the town's list is the department's: it is whistled to the district platform, which dispatches the department and follows up (whistle-and-report)",
        [cite(Instrument::Plan, "第二部分第2项", "§2"), PLAN_4, cite(Instrument::Plan, "第三部分（二）", "Part III(2)")];
    /// Unclear responsibility goes to the platform office's weekly ruling.
    DispatchUnclear = "dispatch.unclear", "职责不清的事项提交区级综合执法平台办公室周例会快速裁定责任范围",
        "A matter whose responsibility is unclear goes to the platform office's weekly meeting for a quick ruling",
        [PLAN_11, cite(Instrument::Plan, "第二部分第2项", "§2")];
    /// A sentence is matched to the catalogue's items by their names, legal bases and everyday words.
    IntakeMatch = "intake.match", "群众、网格员、12345热线或数字城管所述问题，按事项名称、设立和处罚依据及日常用语与执法事项清单比对，列出候选事项并说明把握程度",
        "What a citizen, grid worker, the 12345 hotline or digital city management describes is compared with the catalogue's items by their names, legal bases and everyday words: the candidates are listed with how sure the match is",
        [cite(Instrument::Plan, "第二部分第2项", "§2"), cite(Instrument::Plan, "第二部分第10项", "§10"), cite(Instrument::Plan, "第三部分（二）", "Part III(2)")];
    /// The rule set's labelled example reports weigh in on the ranking.
    IntakeExamples = "intake.examples", "规则集载有已标注的诉求样例的，将所述内容与各事项的样例及不属于清单事项的样例比对：用语相近的提高排序；与不属于清单事项的样例更相近的，不归入事项；事项用语均不足而与某一事项的样例明显相近的，按样例列出候选事项",
        "Where the rule set carries labelled example reports, the sentence is compared with each item's examples and with those outside the catalogue: closeness raises an item's rank; a sentence closer to the examples outside the catalogue is not put on an item; where no word is strong enough but one item's examples are clearly closest, the candidates are listed by the examples",
        [cite(Instrument::Plan, "第二部分第2项", "§2"), cite(Instrument::Plan, "第三部分（二）", "Part III(2)")];
    /// A clear match is dispatched like a report of that item (or, when only the domain is clear, of that domain).
    IntakeClear = "intake.clear", "匹配明确的，按该事项（仅领域明确的，按该领域）派单：清单内由镇(街道)执法队处置，清单外吹哨至区级综合执法平台",
        "A clear match is dispatched as a report of that item (of that domain when only the domain is clear): to the town's team if on its list, else whistled to the district platform",
        [cite(Instrument::Plan, "第二部分第10项", "§10"), cite(Instrument::Plan, "第二部分第2项", "§2"), cite(Instrument::Plan, "第三部分（二）", "Part III(2)")];
    /// Close candidates in several domains: a person chooses.
    IntakeNeedsPerson = "intake.needs_person", "候选事项分数接近且分属不同领域，不作猜测，由受理人员从候选事项中选择",
        "Close candidates in different domains: no guess is made, the operator chooses among the candidates",
        [cite(Instrument::Plan, "第三部分（二）", "Part III(2)"), PLAN_11];
    /// Nothing in the catalogue matches: not forced onto an item.
    IntakeNoItem = "intake.no_item", "所述问题与执法事项清单中的事项均不相符的，不强行归入事项，由受理人员按其他渠道处理",
        "Nothing in the catalogue matches: the matter is not forced onto an item and the operator handles it through other channels",
        [cite(Instrument::Plan, "第三部分（二）", "Part III(2)")];
    /// A place named in the sentence stands for the report's place.
    IntakePlaceFromText = "intake.place_from_text", "未指明地点的，以所述内容中提到的镇(街道)为问题发生地",
        "When no place is given, the town or subdistrict named in the sentence is taken as where the problem is",
        [cite(Instrument::Xzcff, "第二十二条", "Art. 22")];
    /// Under delegation the town answers for its acts.
    ResponsibilityDelegation = "responsibility.delegation", "赋权事项由镇(街道)以自己名义作出，承担法律责任，是行政复议被申请人和行政诉讼被告",
        "Under delegation the town acts in its own name, bears the legal consequences, and is the respondent in review and the defendant in court",
        [cite(Instrument::Xzcff, "第二十四条", "Art. 24"), cite(Instrument::Xzfyf, "第十九条第一款", "Art. 19(1)"), cite(Instrument::Xzssf, "第二十六条第一款", "Art. 26(1)")];
    /// Under entrustment the department answers.
    ResponsibilityEntrustment = "responsibility.entrustment", "受委托的镇(街道)以委托部门名义实施，委托部门承担法律责任，是行政复议被申请人和行政诉讼被告",
        "Under entrustment the town acts in the department's name; the department bears the consequences and is the respondent in review and the defendant in court",
        [cite(Instrument::Xzcff, "第二十条", "Art. 20"), cite(Instrument::Xzfyf, "第十九条第三款", "Art. 19(3)"), cite(Instrument::Xzssf, "第二十六条第五款", "Art. 26(5)")];
    /// The department handles and answers.
    ResponsibilityDepartment = "responsibility.department", "由原行政执法部门（区级部门或市级部门的派出机构）以自己名义作出，承担法律责任，是行政复议被申请人和行政诉讼被告",
        "The original department (a district department, or a city department's branch) acts in its own name, bears the consequences, and is the respondent in review and the defendant in court",
        [cite(Instrument::Xzfyf, "第十九条第一款", "Art. 19(1)"), cite(Instrument::Xzssf, "第二十六条第一款", "Art. 26(1)")];
    /// The district government hears administrative review.
    ReviewBody = "responsibility.review_body", "对区政府工作部门、镇人民政府、街道办事处的行政行为不服的，由区政府管辖行政复议",
        "Review of acts of the district's departments, town governments and subdistrict offices lies with the district government",
        [cite(Instrument::Xzfyf, "第二十四条第一款", "Art. 24(1)")];
    /// A city department's branch: the city government hears review, and the district government may too.
    ReviewBodyBranch = "responsibility.review_body_branch", "对设区的市人民政府工作部门按照行政区划设立的派出机构作出的行政行为不服的，由设区的市人民政府管辖行政复议，也可以由其所在地的区人民政府管辖",
        "Review of acts of a branch that a city department set up by district lies with the city government, and may also lie with the district government of the place",
        [cite(Instrument::Xzfyf, "第二十四条第四款", "Art. 24(4)")];
    /// The party must be told of the right to a hearing.
    HearingRight = "hearing.right", "拟作出较大数额罚款、没收较大数额财物、降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业等决定的，应告知当事人有要求听证的权利",
        "Before a large fine or confiscation, lowering a grade, revoking a licence, or ordering suspension, closure or restricted practice, the party must be told of the right to a hearing",
        [cite(Instrument::Xzcff, "第六十三条", "Art. 63")];
    /// The large fine measured against the penalty basis's maximum.
    HearingShareOfMaximum = "hearing.large_fine_share_of_maximum", "处罚依据规定罚款上限的，拟罚款达到上限的规定比例以上（含本数）、且不低于下限金额的，为较大数额罚款（山东省标准，数值为规则集参数）",
        "Where the penalty basis sets a maximum, a fine of at least the set share of it (the share included), and not below the floor, is a large fine (Shandong's standard; the figures are rule-set parameters)",
        [cite(Instrument::Xzcff, "第六十三条第一款第（一）项", "Art. 63(1)(i)")];
    /// A sector standard of the large fine binds decisions in its departments' name.
    HearingSectorStandard = "hearing.large_fine_sector", "行业主管部门对较大数额罚款另有规定的，从其规定：以该部门名义作出的决定（含受委托的镇(街道)以部门名义作出的）适用该标准",
        "A sector's own large-fine standard prevails for decisions made in its department's name, including those a town makes in that name under an entrustment",
        [cite(Instrument::Xzcff, "第六十三条第一款第（一）项", "Art. 63(1)(i)"), cite(Instrument::Xzcff, "第二十条第四款", "Art. 20(4)")];
    /// Legal review before the decision.
    LegalReview = "legal_review.required", "有涉及重大公共利益、经听证的重大权益、疑难复杂涉及多个法律关系或法律法规规定情形之一的，作出决定前应当进行法制审核，未经审核或审核未通过的不得作出决定",
        "Where the case involves a major public interest, major rights after a hearing, complex facts with several legal relations, or a law so requires, a legal review must pass before the decision is made",
        [cite(Instrument::Xzcff, "第五十八条", "Art. 58")];
    /// The town's enforcement centre has at least the minimum of formal staff.
    StaffingCentreMinimum = "staffing.centre_min_staff", "镇(街道)综合执法中心配备不少于15名正式工作人员（含本数）",
        "The town's enforcement centre has at least 15 formal staff (the number included)",
        [PLAN_3];
    /// Legal reviewers are at least the set share of the enforcement staff.
    StaffingReviewerShare = "staffing.legal_reviewer_share", "按照不少于镇(街道)执法人员总数5%的要求明确法制审核人员（向上取整）",
        "Legal reviewers number at least 5% of the town's enforcement staff, rounded up",
        [PLAN_8];
    /// Administrative staff, and career staff doing enforcement, hold valid certificates.
    StaffingCertificates = "staffing.certificates", "行政编制人员以及从事执法工作的事业编制人员应全员持有有效执法证",
        "Every administrative-establishment member, and every career-establishment member doing enforcement, holds a valid enforcement certificate",
        [PLAN_8, cite(Instrument::Xzcff, "第四十二条第一款", "Art. 42(1)")];
    /// Auxiliary staff only assist and hold no enforcement role.
    StaffingAuxiliary = "staffing.auxiliary_assist_only", "执法辅助人员只配合执法人员从事辅助性事务，不承担执法或法制审核岗位",
        "Auxiliary staff only assist enforcement officers and hold no enforcement or legal-review post",
        [PLAN_9, cite(Instrument::Xzcff, "第四十二条第一款", "Art. 42(1)")];
    /// First-time legal reviewers hold the legal-profession qualification.
    StaffingReviewerQualification = "staffing.first_time_reviewer_qualification", "初次从事行政处罚决定法制审核的人员，应当取得法律职业资格",
        "A person reviewing penalty decisions for the first time must hold the legal-profession qualification",
        [cite(Instrument::Xzcff, "第五十八条第二款", "Art. 58(2)")];
    /// At least two certified officers.
    StaffingTwoOfficers = "staffing.two_officers", "行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人",
        "Penalties are enforced by certified officers, never fewer than two",
        [cite(Instrument::Xzcff, "第四十二条第一款", "Art. 42(1)")];
    /// Cadres with the first period on the front line may be rotated.
    StaffingRotationMay = "staffing.rotation_may", "在镇(街道)执法一线工作满3年的干部，可以适当进行交流（满期自期间最后一日届满的次日起算）",
        "Cadres with 3 full years on the town's front line may be rotated (from the day after the period's last day)",
        [PLAN_7, MFD_201, MFD_202, MFD_203, MFD_1259];
    /// Cadres with the second period on the front line must be rotated.
    StaffingRotationMust = "staffing.rotation_must", "在镇(街道)执法一线工作满6年的干部，必须进行交流",
        "Cadres with 6 full years on the town's front line must be rotated",
        [PLAN_7, MFD_201, MFD_202, MFD_203, MFD_1259];
    /// The district seconds at least the set share of its enforcement strength to towns.
    StaffingDistrictSecondment = "staffing.district_secondment", "区级90%以上（含本数）的执法力量下沉镇(街道)执法一线",
        "90% or more (the number included) of the district's enforcement strength is seconded to the towns' front line",
        [PLAN_7, MFD_1259];
    /// Priority for devolution.
    ScreeningPriority = "screening.priority", "优先下放高频多发、易发现易处置、专业要求适宜，或与属地管理事项责任清单相关联的行政执法权事项",
        "Devolve first items that are high-frequency, easy to detect and handle and of suitable professional demand, or linked to the territorial-responsibility list",
        [PLAN_1];
    /// Caution before devolution.
    ScreeningCautious = "screening.cautious", "审慎下放事关人民群众生产生活安全，且专业要求高、执法难度大、镇(街道)暂无法承接的行政执法权事项",
        "Devolve with caution items that concern people's safety in production and life and are highly professional, hard to enforce and not yet manageable by the town",
        [PLAN_1];
    /// Caution prevails where both apply.
    ScreeningCautiousPrevails = "screening.cautious_prevails", "同时符合优先下放和审慎下放情形的，按审慎下放处理：行政处罚权只能交由能够有效承接的镇(街道)行使",
        "Where both apply, caution prevails: penalty powers may only go to towns that can effectively take them on",
        [PLAN_1, cite(Instrument::Xzcff, "第二十四条", "Art. 24")];
    /// Neither clause applies.
    ScreeningNeither = "screening.neither", "既不属于优先下放也不属于审慎下放的事项，根据镇(街道)实际需要和承接能力确定",
        "An item in neither category is decided on the town's actual needs and capacity",
        [PLAN_1];
    /// In the guiding catalogue: may be delegated.
    ScreeningDelegable = "screening.delegable", "《指导目录》内的事项可以赋权镇(街道)行使",
        "An item in the provincial guiding catalogue may be delegated to the town",
        [PLAN_1, cite(Instrument::Xzcff, "第二十四条", "Art. 24")];
    /// Outside the catalogue: entrustment only.
    ScreeningEntrustOnly = "screening.entrust_only", "《指导目录》外的事项不能赋权，只能依法委托镇(街道)行使",
        "An item outside the guiding catalogue cannot be delegated, only entrusted",
        [PLAN_1, cite(Instrument::Xzcff, "第二十条", "Art. 20")];
    /// Outside the catalogue and a compulsory measure: neither.
    ScreeningNotDevolvable = "screening.not_devolvable", "《指导目录》外的行政强制措施既不能赋权，也不得委托",
        "A compulsory measure outside the guiding catalogue can be neither delegated nor entrusted",
        [PLAN_1, cite(Instrument::Xzqzf, "第十七条第一款", "Art. 17(1)")];
    /// Every (item, town, day) has exactly one competent body.
    CoverageOneBody = "coverage.one_competent_body", "清单内事项由镇(街道)负责（过渡期内及赋权回收、委托期满后由原行政执法部门负责），清单外事项由区级部门负责：同一事项在同一镇(街道)同一日有且只有一个有权机关",
        "An item on the town's list is the town's (the original department's during the transition and after revocation or expiry), an item off it the department's: each item at each town on each day has exactly one competent body",
        [PLAN_4, PLAN_12, PLAN_14, cite(Instrument::Xzcff, "第二十条", "Art. 20"), cite(Instrument::Xzcff, "第二十四条", "Art. 24")];
    /// Two grants in force give the town the same item.
    CoverageOverlap = "coverage.overlap", "同一事项在同一期间对同一镇(街道)有两个以上赋权或委托同时有效，权责不清，应予清理",
        "Two or more grants in force give the same town the same item at once: responsibility is unclear and the lists must be cleaned up",
        [cite(Instrument::Xzcff, "第二十条", "Art. 20"), cite(Instrument::Xzcff, "第二十四条", "Art. 24"), PLAN_4];
    /// No body is competent on some day.
    CoverageGap = "coverage.gap", "某日没有任何有权机关，清单外事项应由区级部门负责",
        "On some day no body is competent, although items off the town's list belong to the district departments",
        [PLAN_4];
    /// One object is inspected for all its domains in one visit.
    InspectionCombined = "inspection.combined_once", "编制巡查事项一体化清单，统筹安排检查频次，推进“综合查一次”，对同一监管对象的多个监管领域一次检查到位",
        "One inspection list across domains, with frequencies scheduled together, so that one object is inspected for all its domains in one visit",
        [cite(Instrument::Plan, "第二部分第5项", "§5"), cite(Instrument::Plan, "第三部分（三）", "Part III(3)")];
    /// Drafting: the town's 案件移送书 for a case the department keeps.
    [feature = "drafting"]
    DraftTransfer = "draft.transfer", "镇(街道)对仍由行政执法部门管辖的重大行政处罚案件应当及时移送：制作案件移送书，载明移送理由及依据、当事人、涉嫌违法行为、调查情况、涉案物品和移送材料",
        "The town must promptly transfer a case the department keeps: the transfer letter states the grounds and their basis, the party, the suspected violation, the investigation, the items involved and the materials sent",
        [PLAN_13];
    /// Drafting: the centre's 案件移交函 to its town.
    [feature = "drafting"]
    DraftHandover = "draft.handover", "里口山管理服务中心发现赋权事项清单内违法行为需要立案查处的，按程序以移交函移交张村镇政府处理",
        "The management centre hands a violation on the town's delegated list over to the town government by a handover letter",
        [PLAN_13];
    /// Drafting: the designation request and decision.
    [feature = "drafting"]
    DraftDesignation = "draft.designation", "镇(街道)报请区政府指定原行政执法部门管辖的申请书，以及区政府指定管辖的决定书，载明情形、事项和被指定的机关",
        "The town's request to the district government to designate the original department, and the government's decision, state the grounds, the items and the body designated",
        [PLAN_14];
    /// Drafting: the submission of a jurisdiction dispute to the next rung.
    [feature = "drafting"]
    DraftDisputeSubmission = "draft.dispute_submission", "管辖争议协商不成的提交区级综合执法平台研究解决，难以推进的提请区政府决定：提请书载明争议双方、事项、所处阶段和此前经过",
        "A dispute not settled by negotiation goes to the district platform, and one it cannot move to the district government: the submission states the parties, the items, the rung reached and the ladder so far",
        [PLAN_14, PLAN_11, cite(Instrument::Xzcff, "第二十五条第二款", "Art. 25(2)")];
    /// Drafting: the acceptance confirmation of a delegation.
    [feature = "drafting"]
    DraftDelegationAcceptance = "draft.delegation_acceptance", "事项交由镇(街道)行使后，原行政执法部门与镇(街道)签订赋权事项承接确认书，明确行政执法部门与镇(街道)的实施权限",
        "Once items are given to the town, the original department and the town sign an acceptance confirmation that sets out the department's and the town's powers of implementation",
        [PLAN_1, PLAN_13, PLAN_12, cite(Instrument::Xzcff, "第二十四条", "Art. 24")];
    /// Drafting: the entrustment agreement.
    [feature = "drafting"]
    DraftEntrustmentAgreement = "draft.entrustment_agreement", "委托执法经司法局审核并报区政府批准后签订委托协议，明确委托的依据、事项、权限、期限、双方的权利与义务和应承担的责任；委托书应当向社会公布",
        "An entrustment is reviewed by the justice bureau and approved by the district government before the agreement is signed; it states the basis, items, powers, term, both sides' rights and duties and liabilities, and is made public",
        [PLAN_1, cite(Instrument::Xzcff, "第二十条", "Art. 20"), cite(Instrument::Xzcff, "第二十一条", "Art. 21")];
    /// The platform office supervises the towns' delegated enforcement.
    SupervisionMonitoring = "supervision.monitoring", "区级综合执法平台办公室对镇(街道)赋权执法情况进行监督检查",
        "The platform office supervises and checks the towns' exercise of delegated powers",
        [PLAN_14, cite(Instrument::Plan, "第四部分（四）", "Part IV(4)")];
    /// Signal of 违法不罚.
    SupervisionUnpunished = "supervision.unpunished", "立案（含移送）占发现、决定占立案的比例不满规则集阈值的（不含本数；阈值为示例参数，方案未规定），列为“违法不罚”迹象，交督办核查",
        "Where cases filed (or transferred) per case found, or decided per filed, fall short of the rule set's threshold (不满: the value itself excluded; the threshold is a sample parameter, not Plan text), the town shows a sign of 违法不罚 (violations left unpunished) for review",
        [PLAN_14, MFD_1259];
    /// Signal of 有法不依.
    SupervisionLawNotFollowed = "supervision.law_not_followed", "复议、诉讼中被撤销、变更或确认违法的决定占决定数的比例超过规则集阈值的（不含本数；阈值为示例参数，方案未规定），列为“有法不依”迹象，交督办核查",
        "Where decisions overturned in review or litigation per decision made exceed the rule set's threshold (超过: the value itself excluded; the threshold is a sample parameter, not Plan text), the town shows a sign of 有法不依 (law not followed) for review",
        [PLAN_14, MFD_1259];
    /// Candidates for taking powers back.
    SupervisionTakeBack = "supervision.take_back", "连续多个期间（期数为规则集示例参数）出现迹象或同期两种迹象并存的，列为依法回收执法权限、动态调整赋权事项的审查对象",
        "A town flagged in consecutive periods (their number a sample rule-set parameter), or with both signs in one period, is a candidate for taking powers back and adjusting its list",
        [PLAN_14, cite(Instrument::Plan, "第四部分（四）", "Part IV(4)")];
}

/// A set of rules, kept as a bit set so that collecting them costs nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RuleSet(u128);

impl RuleSet {
    /// The empty set.
    pub const fn new() -> RuleSet {
        RuleSet(0)
    }

    /// Adds a rule.
    pub fn insert(&mut self, rule: RuleId) {
        self.0 |= 1u128 << (rule as u8);
    }

    /// Whether the set holds `rule`.
    pub const fn contains(self, rule: RuleId) -> bool {
        self.0 & (1u128 << (rule as u8)) != 0
    }

    /// The rules, in registry order.
    pub fn iter(self) -> impl Iterator<Item = RuleId> {
        RuleId::ALL
            .iter()
            .copied()
            .filter(move |r| self.contains(*r))
    }

    /// The rules' string ids, sorted alphabetically (the order of `rule_ids` on the wire).
    pub fn sorted_ids(self) -> Vec<&'static str> {
        let mut ids: Vec<&'static str> = self.iter().map(RuleId::id).collect();
        ids.sort_unstable();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_fits_the_bit_set_and_ids_are_unique() {
        assert!(RuleId::ALL.len() <= 128);
        let mut ids: Vec<_> = RuleId::ALL.iter().map(|r| r.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RuleId::ALL.len());
        for r in RuleId::ALL {
            assert!(!r.citations().is_empty(), "{} cites nothing", r.id());
            assert!(!r.title_zh().is_empty() && !r.title_en().is_empty());
        }
    }

    #[test]
    fn set_round_trips() {
        let mut s = RuleSet::new();
        s.insert(RuleId::MajorFine);
        s.insert(RuleId::PlaceOfViolation);
        assert!(s.contains(RuleId::MajorFine));
        assert!(!s.contains(RuleId::MajorSanction));
        assert_eq!(
            s.sorted_ids(),
            vec!["route.major_fine", "route.place_of_violation"]
        );
    }
}
