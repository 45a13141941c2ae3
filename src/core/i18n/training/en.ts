/** Messages of the learning paths (decision 0038), in English; keyed without `training.msg.`. */
export const trainingEn = {
  "audience.prosecutors": "Prosecutors",
  "audience.judges": "Judges",
  "audience.police": "Police and investigators",
  "audience.fiu": "Financial intelligence units",
  "audience.prison-probation": "Prison and probation",
  "audience.border-customs": "Border and customs",
  "audience.policy-makers": "Policy makers",
  "audience.civil-society": "Civil society",
  "module.nexus": "Understanding the nexus",
  "objective.manifestations": "Tell apart the six ways crime and terrorism come together",
  "objective.watchpoints": "Know the watch points that signal a nexus and what each asks",
} as const;
export type TrainingKey = keyof typeof trainingEn;
