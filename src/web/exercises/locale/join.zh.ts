import type { joinEn } from "./join.en.js";
import type { Table } from "./types.js";

/** 加入演练页面（/join）的简体中文文字。 */
export const joinZh: Table<typeof joinEn> = {
  join: {
    title: "加入演练", lead: "无需账户：输入主持人展示的代码，并填写一个演练中使用的名称。",
    continue: "以{{name}}的身份返回“{{title}}”", code: "加入代码", codeHint: "屏幕上显示的六位字母和数字。评估员：请输入较长的评估员代码。",
    pseudonym: "您在本次演练中的名称", pseudonymHint: "名字或昵称；其他人可以看到。不要使用全名。",
    language: "语言", consentTitle: "加入之前",
    consent1: "您仅以此名称参加。",
    consent2: "您的回答和意见将用于本次演练及其报告。",
    consent3: "我们不收集任何个人数据：不需要全名、电子邮件或电话号码。",
    consent: "我同意按上述条件参加", consentNeeded: "请先勾选同意，再加入。",
    roleFromLink: "您的角色：{{role}}（来自您的链接）",
    placeTitle: "您的角色或桌次", placeLead: "欢迎，{{name}}。请选择角色卡上的角色，或填写您所在桌次的名称，也可两者兼填。",
    role: "您的角色", roleHint: "主持人分配给您的角色。", noRole: "无角色（我在某一桌参演）", rolesLoading: "正在加载角色…",
    table: "桌次（可选）", tableHint: "如您以小组形式参演，请填写小组名称或编号，例如第 3 桌。",
    placeNeeded: "请选择角色或填写桌次。", back: "返回", next: "继续", submit: "加入演练", joining: "正在加入…",
    network: "无法连接服务器。请检查网络连接后重试。", tooMany: "来自此网络的尝试次数过多。请等待一分钟后重试。",
  },
};
