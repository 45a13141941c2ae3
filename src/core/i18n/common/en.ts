/** Words every namespace uses: practices named by framework and number, never by id (decision 0025). */
export const commonEn = {
  "practice.hague": "Hague GP {{n}}",
  "practice.addendum": "Addendum GP {{n}}",
  "practice.icct": "ICCT Rec. {{n}}",
  "titled": "{{label}}: {{title}}",
  "none": "none",
  "text": "{{text}}",
  "percent": "{{n}}%",
} satisfies Record<string, string>;
export type CommonKey = keyof typeof commonEn;
