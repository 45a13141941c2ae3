import type { NetworkKey } from "./en.js";

/** Messages of the institutions directory and the partnership map in Chinese. */
export const networkZh: Record<NetworkKey, string> = {
  "gap.noInstitution": "图中没有机构承担“{{actor}}”的角色",
  "gap.noChannel": "其机构分成 {{count}} 组，组与组之间没有有效渠道：{{groups}}",
  "seat.filled": "{{actor}}：图中可担任此席位的机构数：{{count}}",
  "seat.empty": "{{actor}}：图中尚无机构担任此席位；请在会前找到一个",
};
