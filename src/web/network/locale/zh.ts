import type { networkEn } from "./en.js";
import type { Table } from "../../exercises/locale/types.js";

/** 机构名录和伙伴关系网络图的中文文本。 */
export const networkZh: Table<typeof networkEn> = {
  title: "机构与伙伴关系",
  titleFor: "机构与伙伴关系 — {{name}}",
  lead: "本工作区合作的各类机构、法院、金融情报中心、监狱部门、非政府组织、企业和区域机构，它们之间的渠道，以及存在的缺口：某项做法缺少哪些机构，谁与谁之间没有渠道，谁应当参与其中。",
  open: "机构与伙伴关系",
  tabs: { label: "视图", directory: "名录", map: "网络图", gaps: "缺口", table: "谁应当参与其中" },
  withheld: "须说明理由方可读取的条目：{{count}} 条。请从本工作区的记录中说明理由后打开。",
  readOnly: "您可以查看名录；添加条目需要修改记录的权限。",
  kind: {
    ministry: "部委或政府机构", police: "警察或执法机构", prosecution: "检察机关", court: "法院",
    fiu: "金融情报中心", "customs-border": "海关或边境管理机构", "prison-probation": "监狱或缓刑管理机构",
    intelligence: "情报机构", regulator: "监管或监督机构", oversight: "监察或反腐败机构",
    "local-authority": "地方当局", ngo: "非政府组织或社区组织", academia: "大学或研究中心",
    "private-company": "私营公司", "regional-body": "区域机构", "international-body": "国际组织", other: "其他",
  },
  pkind: {
    mou: "谅解备忘录", "joint-task-force": "联合工作队", "liaison-officer": "联络官",
    "secure-channel": "安全渠道", "fusion-centre": "融合中心成员资格", network: "区域或国际网络",
  },
  network: { interpol: "INTERPOL", europol: "Europol", afripol: "AFRIPOL", ameripol: "AMERIPOL", aseanapol: "ASEANAPOL", egmont: "埃格蒙特集团", gctf: "全球反恐论坛", other: "其他网络" },
  status: { planned: "计划中", active: "运行中", suspended: "已暂停", ended: "已结束" },
  inst: {
    list: "机构", none: "尚无机构。请添加与您合作的机构，或从 CSV 文件导入。",
    name: "名称", nameHint: "该机构的正式名称，即其合作伙伴所熟知的名称。",
    kind: "类型", country: "国家", noCountry: "无（区域或国际机构）", mandate: "职责", mandateHint: "用一两句话说明其职责。",
    actors: "所担角色", actorsHint: "本机构在工具包分类中对应的行为体。缺口视图将其与各项做法的主要行为体进行匹配。",
    mailbox: "职能邮箱", mailboxHint: "共享地址，如 liaison@… 或 desk@…，切勿填写个人地址：名录不保存任何个人数据。",
    parent: "隶属于", noParent: "不隶属于其他机构",
    add: "添加机构", added: "已添加机构。", migrated: "由{{what}}升级生成；请核对其类型和角色。",
    fromUnit: "自我评估中的单位", fromSource: "Nexus Watch 来源", edit: "编辑", editing: "编辑 {{name}}", save: "保存更改", saved: "已保存。", cancel: "取消",
  },
  part: {
    list: "伙伴关系和渠道", none: "尚无伙伴关系。",
    kind: "类型", members: "所联结的机构", membersHint: "两个或以上；加入网络或融合中心只需一个。",
    network: "网络", networkName: "网络或中心的名称", status: "状态", start: "起始", end: "截止",
    practices: "所服务的做法", practicesHint: "此渠道帮助落实的良好做法。", notes: "备注",
    add: "添加伙伴关系", added: "已添加伙伴关系。", live: "运行中", notLive: "未运行", what: "伙伴关系", dates: "日期",
  },
  csv: {
    title: "CSV 导入和导出", exportInstitutions: "下载机构（CSV）", exportPartnerships: "下载伙伴关系（CSV）",
    what: "文件内容", file: "CSV 文件", fileHint: "列与导出文件相同。列表各项以 \";\" 分隔。成员和上级机构可按确切名称填写。",
    import: "导入", imported: "已导入：{{count}}。", refused: "未导入任何内容。被拒绝的行：{{count}}。",
    row: "第 {{row}} 条记录（第 {{line}} 行），{{field}}：{{message}}",
  },
  map: {
    filters: "筛选网络图", practice: "做法", actor: "所担角色", country: "国家", any: "任意", apply: "显示",
    label: "由 {{nodes}} 个机构和网络、{{edges}} 条连接构成的网络", empty: "按这些筛选条件没有可绘制的内容。",
    legend: "实线：运行中的渠道。虚线：计划中、已暂停或已结束的渠道。方块：网络和融合中心。",
    print: "打印网络图", links: "连接列表", from: "从", to: "至", loading: "正在绘制网络图…",
  },
  gaps: {
    lead: "网络图上没有任何机构担任其主要行为体的做法，以及所涉机构分成若干组、组间没有运行中渠道的做法。",
    none: "按这些筛选条件没有缺口。", practice: "做法", gap: "缺口",
  },
  table: {
    lead: "演练或培训所需的席位（依据情景中的角色、做法的主要行为体或培训对象确定），以及网络图上可担任各席位的机构。",
    scenario: "演练情景", noScenario: "无情景", practices: "做法", actors: "培训对象", country: "国家",
    show: "显示席位", seat: "席位", institutions: "网络图上的机构", empty: "暂无",
  },
};
