import type { Translated } from "../messages.js";
import type { PlansKey } from "./en.js";

export const plansZh: Translated<PlansKey> = {
  "inPlace.C": "合规", "inPlace.LC": "基本合规", "inPlace.PC": "部分合规", "inPlace.NC": "不合规", "inPlace.N/A": "不适用",
  "working.High": "高", "working.Substantial": "较高", "working.Moderate": "中等", "working.Low": "低",
  "notRated": "未评级",
  "stepStatus.not-started": "未开始", "stepStatus.planned": "已计划", "stepStatus.in-progress": "进行中", "stepStatus.done": "已完成", "stepStatus.not-applicable": "不适用",
  "actionStatus.planned": "已计划", "actionStatus.in-progress": "进行中", "actionStatus.done": "已完成", "actionStatus.blocked": "受阻", "actionStatus.cancelled": "已取消",
  "reason.notApplicable": "评为不适用",
  "reason.compliance": "距完全落实还差 {{gap}}（满分 3）",
  "reason.effectiveness": "距有效运作还差 {{gap}}（满分 3）",
  "reason.paper": "书面上已落实，但实践中成效较差",
  "reason.answers": "针对：{{items}}，即该国 Nexus Watch 评估中居首的表现形式",
  "statement.complete": "范围内的每项做法均已就落实情况和有效性进行评级。",
  "statement.gaps": "{{parts}}。差距和优先事项并不反映这些做法的情况。",
  "statement.notAssessed": "{{total}} 项做法中有 {{count}} 项未评估（{{items}}）",
  "statement.onlyOnPaper": "{{count}} 项已就落实情况评级，但尚未评估其有效性（{{items}}）",
  "action.why": "{{practice}}：第 {{step}} 步$t(plans.msg.stepStatus.{{status}})；{{reasons}}",
  "warn.startsBefore": "于 {{start}} 开始，早于“{{title}}”的截止日期 {{due}}",
  "gap": "落实：{{inPlace}}；有效性：{{working}}",
};
