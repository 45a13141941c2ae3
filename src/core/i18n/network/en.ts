/** Messages of the institutions directory and the partnership map (decision 0035), in English; keyed without `network.msg.`. */
export const networkEn = {
  "gap.noInstitution": "No institution on the map plays the part of {{actor}}",
  "gap.noChannel": "Its institutions fall into {{count}} groups with no live channel between them: {{groups}}",
  "seat.filled": "{{actor}}: institutions on the map that can take this seat: {{count}}",
  "seat.empty": "{{actor}}: no institution on the map takes this seat yet; find one before the session",
} as const;
export type NetworkKey = keyof typeof networkEn;
