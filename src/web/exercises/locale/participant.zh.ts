import type { participantEn } from "./participant.en.js";
import type { Table } from "./types.js";

/** 演练手机页面和投影页面的简体中文文字。 */
export const participantZh: Table<typeof participantEn> = {
  conn: { connecting: "正在连接…", reconnecting: "连接已断开：正在重新连接…", refused: "此屏幕无法加入该场次：{{message}}" },
  status: { lobby: "等待开始", briefing: "情况介绍", running: "进行中", paused: "已暂停", ended: "已结束" },
  timer: { label: "剩余时间", aria: "剩余 {{minutes}} 分 {{seconds}} 秒", up: "时间到" },
  feed: {
    title: "已发生的情况", empty: "尚未发布任何内容。",
    kind: { situation: "情况", news: "新闻", intelligence: "情报", request: "请求", report: "报告", media: "媒体", call: "来电" },
  },
  results: {
    units_one: "已计入 {{count}} 个答案。", units_other: "已计入 {{count}} 个答案。", noWinner: "没有单一选项胜出。", chosen: "（已选定）",
    count_one: "{{count}} 票 · {{pct}} %", count_other: "{{count}} 票 · {{pct}} %",
    points_one: "{{count}} 分 · {{pct}} %", points_other: "{{count}} 分 · {{pct}} %",
    alignment: { aligned: "符合良好做法", partial: "部分符合", misaligned: "不符合" },
  },
  play: {
    you: "您：{{name}}", youPlay: "{{name}} · {{role}}", youEvaluate: "{{name}} · 评估员",
    briefing: "您的情况介绍：{{role}}", summary: "演练简介", decisions: "决定", resultsTitle: "结果",
    help: {
      lobby: "欢迎。演练即将开始：请先阅读您的情况介绍。", lobbyEvaluator: "演练开始后即可记录观察。",
      briefing: "主持人正在进行情况介绍。", paused: "演练已暂停。", ended: "演练已结束。感谢您的参与。",
    },
    scope: {
      individual: "每人各自作答。", role: "每个角色计一个答案：以最新答案为准。",
      table: "每桌计一个答案：以本桌最新答案为准。", plenary: "全场共同决定。",
    },
    decidingRoles: "作答角色：{{roles}}。", notYourDecision: "您的角色无需回答此题：请与作答者共同讨论。",
    closed: "作答已关闭。接下来将公布结果。", chooseOne: "选择一个选项", chooseMany: "选择一个或多个选项",
    rank: { legend: "为选项排序，最重要的在前", up: "上移：{{option}}", down: "下移：{{option}}", moved: "{{option}}现为第 {{position}} 位。" },
    textAnswer: "您的回答", answerNeeded: "请先选择或填写回答。", submit: "发送我的回答", change: "发送我的新回答",
    yourAnswer: "您已记录的回答：", sending: "正在发送…", recorded: "您的回答已记录。",
    err: {
      network: "未发送：连接已断开。连接恢复后将重新发送。", tooLong: "内容过长，无法发送。请缩短。",
      outOfTurn: "当前不接受：{{message}}", forbidden: "不允许：{{message}}", badInput: "不接受：{{message}}",
    },
    notJoinedTitle: "您尚未加入本次演练", notJoined: "此设备不在本场次中。请使用主持人提供的代码加入。",
    joinLink: "加入演练", joinAgain: "重新加入",
  },
  hotwash: {
    title: "即时复盘", lead: "关于本次演练的几个简短问题。请按意愿作答。", scale: "1 = 差，5 = 优秀",
    anonymous: "匿名作答", submit: "发送我的反馈", thanks: "谢谢：您的反馈已记录。",
  },
  observe: {
    title: "记录观察", count_one: "本场次已记录 {{count}} 条观察。", count_other: "本场次已记录 {{count}} 条观察。",
    rating: "评级", ratingNeeded: "请选择评级。",
    meaning: { P: "顺利执行", S: "执行中遇到一些困难", M: "执行中遇到重大困难", U: "无法执行" },
    target: "做法或目标", choose: "请选择…", objectives: "目标", practices: "做法", targetNeeded: "请选择做法或目标。",
    note: "备注", submit: "记录观察", recorded: "观察已记录。",
  },
  projector: {
    title: "投影", noKey: "此地址没有投影密钥。请从主持人控制台打开投影链接。",
    fullscreen: "全屏", joinTitle: "用手机加入", codeAria: "加入代码 {{code}}",
    joined_one: "已有 {{count}} 名参与者加入", joined_other: "已有 {{count}} 名参与者加入",
    answered_one: "目前已有 {{count}} 个回答", answered_other: "目前已有 {{count}} 个回答",
    answering: "请现在用手机作答。", closed: "作答已关闭。", results: "结果", now: "当前", ended: "演练已结束。谢谢。",
  },
};
