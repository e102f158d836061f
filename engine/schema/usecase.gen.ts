// Generated from engine/schema/usecase.schema.json by `npm run generate`. Do not edit.

export type Text = string;
/**
 * Steps of today's process, in order.
 */
export type TextList = Text[];
/**
 * Systems the process touches.
 */
export type TextList1 = Text[];
/**
 * Manual or error-prone parts.
 */
export type TextList2 = Text[];
/**
 * Kinds of records or documents.
 */
export type TextList3 = Text[];
/**
 * Checks in place: completeness, duplicates, staleness, OCR accuracy and the like.
 */
export type TextList4 = Text[];
/**
 * Severity levels and what each means here.
 */
export type TextList5 = Text[];
/**
 * The groups of people the assessment compared (age bands, sex, disability, postcode areas standing in for ethnicity…); each needs a result under results. Required from pilot for a high-tier use case that shapes decisions about people.
 */
export type TextList6 = Text[];
/**
 * The people and groups it can affect, including those who never use it (applicants, claimants, the public).
 */
export type TextList7 = Text[];
/**
 * The potential impacts on them: on rights, safety, money, access to services.
 */
export type TextList8 = Text[];
/**
 * What keeps each impact down: controls, oversight, limits, redress.
 */
export type TextList9 = Text[];
/**
 * Id of a reusable asset in policies/registries/assets.yaml.
 */
export type AssetId = string;

/**
 * One AI use case in the portfolio: what it is for, what data and models it touches, how it is evaluated and operated, and where it stands in the lifecycle. Stage-dependent completeness (what a pilot or production use case must also have) is decided by the policies under policies/, not by this schema.
 */
export interface UseCase {
  /**
   * Version of the manifest format.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always UseCase.
   */
  kind: 'UseCase';
  metadata: Metadata;
  spec: Spec;
}
/**
 * Identity of the use case.
 */
export interface Metadata {
  /**
   * Unique, stable id in kebab-case. Must equal the file name without .yaml.
   */
  id: string;
  /**
   * Short human title.
   */
  title: string;
  /**
   * Business domain or unit in kebab-case. Must equal the folder under usecases/.
   */
  domain: string;
  /**
   * Accountable owner: a GitHub user or team.
   */
  owner: string;
  /**
   * Domain champion who speaks for the users in the business.
   */
  champion?: string;
  /**
   * Date the use case was first proposed.
   */
  created: string;
  /**
   * Date of the last material change.
   */
  updated?: string;
  /**
   * Free labels for search and reporting.
   */
  tags?: string[];
  source?: ImportSource;
}
/**
 * Where the use case was imported from (coe import omb): the inventory, its year, the agency and the row, and a fingerprint of what the import wrote, so a re-import updates the file only while nobody has changed it since.
 */
export interface ImportSource {
  /**
   * The inventory the row came from.
   */
  inventory: 'us-federal-ai-use-cases';
  /**
   * The inventory year the row was reported in.
   */
  year: number;
  /**
   * The reporting agency, abbreviated as in the inventory (e.g. DHS).
   */
  agency: string;
  /**
   * The use-case id the row carried in the inventory, as reported; absent when the row had none (metadata.id is then derived from the agency and the name).
   */
  rowId?: string;
  /**
   * Line of the row in the imported CSV file (the header is line 1).
   */
  line: number;
  /**
   * sha256 of the file as the import last wrote it (with this value blanked). A file that no longer matches was changed since: a re-import leaves it alone and reports a conflict.
   */
  fingerprint: string;
}
/**
 * Everything the CoE needs to judge the use case.
 */
export interface Spec {
  intake: Intake;
  classification: Classification;
  data?: Data;
  design?: Design;
  /**
   * Models the use case calls. Each must be on the approved-model registry.
   */
  models?: ModelUse[];
  /**
   * The prompt and workflow versions the use case runs (each model's version is spec.models[].version): what evaluation suites are matched against, and what a rollback goes back from. Pinned from pilot: a version that names "latest" is not pinned.
   */
  versions?: {
    /**
     * The prompt version, as the prompt store tags it (e.g. "email-reply v31"); not needed for classical ML.
     */
    prompt?: string;
    /**
     * The workflow or application release that calls the model (orchestration, tools, retrieval), e.g. "support-console 4.12".
     */
    workflow?: string;
  };
  /**
   * Tools and systems the use case may call on its own, whatever its pattern (an agent, a product feature, a copilot): each is scoped, and high-impact ones have an approval step.
   */
  tools?: Tool[];
  evaluation?: Evaluation;
  operations?: Operations;
  responsibleAI?: ResponsibleAI;
  /**
   * The risk register: each known risk with its likelihood, severity, mitigation, owner and what remains once mitigated.
   */
  risks?: Risk[];
  lifecycle: Lifecycle;
  /**
   * Reusable assets this use case builds on (connectors, prompt patterns, evaluation sets, workflow templates), by id from policies/registries/assets.yaml. coe portfolio reports each asset's users and the reuse rate.
   */
  reuses?: AssetId[];
  /**
   * Reusable assets this use case built and offers to others, by id from policies/registries/assets.yaml.
   */
  provides?: AssetId[];
  federal?: FederalInventory;
}
/**
 * The intake form: why, for whom, and what good looks like.
 */
export interface Intake {
  /**
   * The business goal in one or two sentences.
   */
  goal: string;
  /**
   * The kind of value the goal delivers.
   */
  goalType: 'revenue' | 'cost' | 'risk' | 'customer-experience';
  /**
   * Who uses it and how often.
   */
  users: {
    /**
     * The people or roles who use it.
     */
    who: string;
    /**
     * Roughly how many people.
     */
    count?: number;
    /**
     * How often a typical user relies on it.
     */
    frequency: 'continuous' | 'daily' | 'weekly' | 'monthly' | 'occasional';
  };
  /**
   * How the work is done today.
   */
  currentWorkflow?: {
    steps?: TextList;
    systems?: TextList1;
    painPoints?: TextList2;
  };
  /**
   * The input/output definition.
   */
  io?: {
    /**
     * What comes in.
     */
    inputs?: string;
    /**
     * What must come out.
     */
    outputs?: string;
    /**
     * How a reviewer tells a good output from a bad one.
     */
    goodLooksLike?: string;
  };
  /**
   * Expected return, each metric with a baseline and a target.
   */
  roi?: {
    /**
     * What is measured, e.g. hours saved per week.
     */
    metric: string;
    /**
     * Unit of the baseline and target.
     */
    unit: string;
    /**
     * Value today.
     */
    baseline: number;
    /**
     * Value the use case should reach.
     */
    target: number;
  }[];
  /**
   * Prioritisation rubric scores, 1 to 5 (5 is best: high value, easy, data ready, low risk, simple adoption). The rubric's weights live in policies/.
   */
  scores?: {
    /**
     * Measurable impact and how often the task occurs.
     */
    value: number;
    /**
     * Complexity, integrations and skills at hand.
     */
    feasibility: number;
    /**
     * Availability, quality and access approval of the data.
     */
    dataReadiness: number;
    /**
     * Sensitivity and regulatory or reputational exposure (5 = least).
     */
    risk: number;
    /**
     * Change required and stakeholder alignment (5 = easiest).
     */
    adoption: number;
  };
  /**
   * Target dates.
   */
  timeline?: {
    /**
     * Planned start of work.
     */
    start?: string;
    /**
     * Target date for pilot.
     */
    pilot?: string;
    /**
     * Target date for production.
     */
    production?: string;
  };
  /**
   * Integrations, approvals or change-management work this depends on.
   */
  dependencies?: Text[];
}
/**
 * What kind of use case this is; the inputs of risk tiering.
 */
export interface Classification {
  /**
   * Reference architecture: an internal copilot for knowledge work, AI inside an existing product, or workflow automation with agents that act through tools.
   */
  pattern: 'internal-copilot' | 'ai-in-product' | 'agentic-workflow';
  /**
   * Who sees the outputs.
   */
  audience: 'internal' | 'customer-facing' | 'TODO';
  /**
   * none: produces information only; assistive: a person decides with its help; automated: it decides or acts without a person in between.
   */
  decisionMode: 'none' | 'assistive' | 'automated' | 'TODO';
  /**
   * Regulated area the decisions fall in, or none.
   */
  regulatedDomain:
    | 'none'
    | 'credit'
    | 'insurance'
    | 'employment'
    | 'healthcare'
    | 'education'
    | 'essential-services'
    | 'legal'
    | 'biometrics'
    | 'critical-infrastructure'
    | 'law-enforcement'
    | 'other'
    | 'TODO';
  /**
   * Declared risk tier. Must not be below the tier the policies compute.
   */
  riskTier: 'low' | 'medium' | 'high';
  /**
   * Why the tier is what it is, in a sentence or two; required by policy when the declared tier is lowered.
   */
  rationale?: string;
  /**
   * High-impact in the US OMB sense (memorandum M-25-21): its output is a principal basis for decisions or actions with a legal, material, binding or similarly significant effect on people's rights or safety. High-impact use cases need an impact assessment before pilot, like high-tier ones.
   */
  highImpact?: boolean;
  euAiAct?: EuAiAct;
}
/**
 * The use case classified the way Regulation (EU) 2024/1689 (the AI Act) is built: prohibited practices (Art. 5), Annex III high-risk areas with the Art. 6(3) derogation, the organisation's role, and the Art. 50 transparency cases. Risk tiering reads these answers whatever the decision mode.
 */
export interface EuAiAct {
  /**
   * The organisation's role for this system under the AI Act.
   */
  role: 'provider' | 'deployer' | 'importer' | 'distributor' | 'TODO';
  /**
   * The Art. 5(1) questions, each answered. Any yes refuses the use case.
   */
  prohibitedPractices: {
    /**
     * Art. 5(1)(a). Does it use subliminal, manipulative or deceptive techniques that distort people's behaviour in ways likely to cause them significant harm?
     */
    manipulation: true | false | 'TODO';
    /**
     * Art. 5(1)(b). Does it exploit people's vulnerabilities due to age, disability or social or economic situation, distorting their behaviour in ways likely to cause significant harm?
     */
    exploitsVulnerabilities: true | false | 'TODO';
    /**
     * Art. 5(1)(c). Does it score or classify people over time by their social behaviour or personal traits, leading to unjustified or unrelated detrimental treatment?
     */
    socialScoring: true | false | 'TODO';
    /**
     * Art. 5(1)(d). Does it predict whether a person will commit a crime from profiling or personality traits alone?
     */
    crimePrediction: true | false | 'TODO';
    /**
     * Art. 5(1)(e). Does it build or expand facial recognition databases by untargeted scraping of images from the internet or CCTV?
     */
    facialScraping: true | false | 'TODO';
    /**
     * Art. 5(1)(f). Does it infer the emotions of people at work or in education (other than for medical or safety reasons)?
     */
    emotionRecognitionAtWork: true | false | 'TODO';
    /**
     * Art. 5(1)(g). Does it categorise people from biometric data to infer race, political opinions, union membership, religious or philosophical beliefs, sex life or sexual orientation?
     */
    biometricCategorisation: true | false | 'TODO';
    /**
     * Art. 5(1)(h). Does it identify people remotely and in real time from biometric data in publicly accessible spaces for law enforcement?
     */
    realTimeRemoteBiometricId: true | false | 'TODO';
  };
  /**
   * The Annex III point the use case falls under (area and point, such as 4(a)), or none. A point makes it high-risk unless the Art. 6(3) derogation applies.
   */
  annexIII:
    | 'none'
    | '1(a)'
    | '1(b)'
    | '1(c)'
    | '2(a)'
    | '3(a)'
    | '3(b)'
    | '3(c)'
    | '3(d)'
    | '4(a)'
    | '4(b)'
    | '5(a)'
    | '5(b)'
    | '5(c)'
    | '5(d)'
    | '6(a)'
    | '6(b)'
    | '6(c)'
    | '6(d)'
    | '6(e)'
    | '7(a)'
    | '7(b)'
    | '7(c)'
    | '7(d)'
    | '8(a)'
    | '8(b)'
    | 'TODO';
  /**
   * Whether it profiles people (evaluates personal aspects such as work performance, economic situation, health, preferences, behaviour or location). An Annex III use case that profiles people is high-risk whatever the derogation says.
   */
  profiling: true | false | 'TODO';
  /**
   * The Art. 6(3) ground on which an Annex III use case is not high-risk, with the documented assessment (Art. 6(4)). It does not apply when the use case profiles people.
   */
  derogation?: {
    /**
     * Which of the four grounds.
     */
    ground:
      | 'narrow-procedural-task'
      | 'improves-completed-human-work'
      | 'detects-decision-patterns'
      | 'preparatory-task';
    /**
     * Why it poses no significant risk of harm to health, safety or fundamental rights, or a link to the documented assessment.
     */
    assessment: string;
  };
  /**
   * The Art. 50 cases that apply: each needs spec.responsibleAI.disclosure to say how people are told.
   */
  transparency?: (
    | 'interacts-with-people'
    | 'synthetic-content'
    | 'emotion-or-biometric-categorisation'
    | 'deep-fake'
    | 'public-interest-text'
  )[];
  /**
   * The deployer is a body governed by public law or a private entity providing a public service (Art. 27(1)): then every Annex III use except critical infrastructure needs a fundamental rights impact assessment, and the use is registered before it starts (Art. 26(8), 49(3)).
   */
  publicService?: boolean;
  /**
   * The entry in the EU database for high-risk AI systems (Art. 49, 71): providers register an Annex III system before placing it on the market or into service, including one they judged not high-risk under Art. 6(3); public deployers register their use before it starts.
   */
  registration?: {
    /**
     * The registration number or reference the EU database gave.
     */
    id: string;
    /**
     * When it was registered.
     */
    date: string;
  };
}
/**
 * Data the use case reads or produces.
 */
export interface Data {
  /**
   * Each data source the use case reads or writes, with its sensitivity and readiness.
   */
  sources: DataSource[];
}
/**
 * One data source and its readiness.
 */
export interface DataSource {
  /**
   * What the data is.
   */
  name: string;
  /**
   * System of record it comes from.
   */
  system: string;
  documentTypes?: TextList3;
  /**
   * Sensitivity class of the data, as the organisation's data classification policy sets it.
   */
  classification: 'public' | 'internal' | 'confidential' | 'regulated';
  /**
   * Whether it holds personal data: none, pseudonymised, personal, or special-category (health, biometrics, beliefs and the like).
   */
  personalData: 'none' | 'pseudonymised' | 'personal' | 'special-category';
  /**
   * Access approval for the use case's service identity.
   */
  access?: {
    /**
     * Where the access request stands.
     */
    status: 'not-requested' | 'requested' | 'approved' | 'denied';
    /**
     * Data owner or privacy lead who approved.
     */
    approver?: string;
    /**
     * Date of the decision.
     */
    date?: string;
    /**
     * The access request: its id in the ticketing system (RITM0062237) or a link to it. Plain text, not a link CoE Gate checks.
     */
    ticket?: string;
    /**
     * Access is limited to the fields and rows the use case needs.
     */
    leastPrivilege?: boolean;
  };
  /**
   * Where the data comes from and what transforms it on the way.
   */
  lineage?: string;
  qualityChecks?: TextList4;
  /**
   * How long it is kept and how it is deleted.
   */
  retention?: {
    /**
     * Retention period, e.g. 90 days, 7 years.
     */
    period: string;
    /**
     * How and when it is deleted.
     */
    deletion: string;
  };
  /**
   * Where it is stored and processed; transfers across borders and their basis.
   */
  crossBorder?: string;
  /**
   * Legal basis or consent for this use.
   */
  consent?: string;
}
/**
 * Solution design decisions, made in discovery.
 */
export interface Design {
  /**
   * Whether it replaces a step (automation) or helps a person do it (augmentation).
   */
  mode?: 'automation' | 'augmentation';
  /**
   * Where a person reviews, approves or can override.
   */
  humanInTheLoop?: string;
  /**
   * Technical approach.
   */
  approach?: 'prompting' | 'retrieval-augmented' | 'fine-tuned' | 'classical-ml' | 'agentic' | 'hybrid';
  /**
   * Buy a product, build in-house, or extend a vendor platform.
   */
  sourcing?: 'buy' | 'build' | 'extend';
  /**
   * How success is measured, set before build starts.
   */
  successMetrics?: {
    /**
     * What is measured.
     */
    metric: string;
    /**
     * The value that counts as success.
     */
    target: string;
    /**
     * Value today, if known.
     */
    baseline?: string;
  }[];
}
/**
 * A model the use case calls.
 */
export interface ModelUse {
  /**
   * Id on the approved-model registry (policies/registries/models.yaml).
   */
  id: string;
  /**
   * What the model does here.
   */
  purpose: string;
  /**
   * Pinned model version or deployment (not "latest"): required from pilot, and what evaluation suites are matched against.
   */
  version?: string;
}
/**
 * A tool or system the use case may call without a person in between.
 */
export interface Tool {
  /**
   * Tool name as the agent sees it.
   */
  name: string;
  /**
   * The system behind it.
   */
  system: string;
  /**
   * What the tool may do in the system behind it; list only what the use case needs.
   *
   * @minItems 1
   */
  permissions: [
    'read' | 'create' | 'update' | 'delete' | 'send' | 'pay' | 'admin',
    ...('read' | 'create' | 'update' | 'delete' | 'send' | 'pay' | 'admin')[]
  ];
  /**
   * What it is limited to (records, amounts, recipients). Required from mvp for every tool, whatever the pattern.
   */
  scope?: string;
  /**
   * Why the tool needs the permissions it holds and nothing narrower will do. Required from mvp for a tool with admin permission.
   */
  justification?: string;
  /**
   * True for payments, deletions, customer communications, access or configuration changes (admin) and other actions hard to undo.
   */
  highImpact: boolean;
  /**
   * Kind of high-impact action.
   */
  impact?: 'payment' | 'deletion' | 'customer-communication' | 'access-change' | 'record-change' | 'other';
  /**
   * The human approval that guards a high-impact action.
   */
  approvalStep?: string;
}
/**
 * Evaluation evidence.
 */
export interface Evaluation {
  /**
   * Each evaluation suite with its latest result; which types a stage needs is set by the release-gate policy.
   */
  suites: EvalSuite[];
}
/**
 * One evaluation suite and its latest result.
 */
export interface EvalSuite {
  /**
   * What the suite tests.
   */
  type: 'offline' | 'regression' | 'safety' | 'grounding' | 'tool-use' | 'adversarial';
  /**
   * Suite name, if there are several of a type.
   */
  name?: string;
  /**
   * What the score measures, and on what, e.g. "answers rated correct by agents on 200 real tickets".
   */
  metric: string;
  /**
   * The latest result, in the metric's units (e.g. 0.92 for 92%).
   */
  score: number;
  /**
   * The minimum acceptable result (or maximum, with direction: lower-is-better).
   */
  threshold: number;
  /**
   * Whether higher or lower scores are better. Default higher-is-better.
   */
  direction?: 'higher-is-better' | 'lower-is-better';
  /**
   * How much worse than this score a re-run may be by chance alone, in the score's units (the suite's run-to-run noise). A change is judged by the tolerance recorded before it. Default 0.
   */
  tolerance?: number;
  /**
   * When the suite last ran.
   */
  date: string;
  /**
   * Report or run that backs the score.
   */
  evidence: string;
  /**
   * Free text on what was evaluated, kept from before evaluated existed; evaluated is what the gate compares with the declared versions.
   */
  version?: string;
  /**
   * The versions the suite ran on: required from pilot. A suite whose versions differ from the ones the use case declares (spec.models[].version, spec.versions) does not count for the evaluation rules until it is run again.
   */
  evaluated?: {
    /**
     * Each model the suite ran, with the version it ran.
     *
     * @minItems 1
     *
     * Items: One model the suite ran.
     */
    models?: [
      {
        /**
         * The model's id, as under spec.models.
         */
        id: string;
        /**
         * The version it ran, as spec.models[].version writes it.
         */
        version: string;
      },
      ...{
        /**
         * The model's id, as under spec.models.
         */
        id: string;
        /**
         * The version it ran, as spec.models[].version writes it.
         */
        version: string;
      }[]
    ];
    /**
     * The prompt version it ran, as spec.versions.prompt writes it.
     */
    prompt?: string;
    /**
     * The workflow version it ran, as spec.versions.workflow writes it.
     */
    workflow?: string;
  };
  /**
   * The test set it ran on.
   */
  dataset?: string;
  /**
   * How many examples it ran on.
   */
  cases?: number;
}
/**
 * How it is run once live.
 */
export interface Operations {
  /**
   * Signals watched in production, each with a threshold and a named owner.
   *
   * Items: One signal watched in production.
   */
  monitoring?: {
    /**
     * What is watched.
     */
    aspect: 'performance' | 'drift' | 'latency' | 'cost' | 'safety' | 'adoption';
    /**
     * The measure watched, e.g. "p95 response time".
     */
    signal: string;
    /**
     * When it alerts, e.g. "above 4 seconds for 15 minutes".
     */
    threshold: string;
    /**
     * Who answers the alert: a GitHub user or team.
     */
    owner: string;
  }[];
  /**
   * Incident plan.
   */
  incident?: {
    severities?: TextList5;
    /**
     * Who is called, in what order.
     */
    escalation?: string;
    /**
     * How to roll back each moving part to its last good version.
     */
    rollback?: {
      /**
       * Rolling back the model version.
       */
      model?: string;
      /**
       * Rolling back the prompt version.
       */
      prompt?: string;
      /**
       * Rolling back the workflow version.
       */
      workflow?: string;
    };
    /**
     * Who is told, including legal and compliance where needed.
     */
    communications?: string;
    /**
     * How reviews feed back into controls and tests.
     */
    postIncidentReview?: string;
    /**
     * The runbook.
     */
    runbook?: string;
  };
  /**
   * Latest measured adoption, for the portfolio's adoption metrics.
   */
  adoption?: {
    /**
     * People who used it in the 30 days up to date.
     */
    activeUsers: number;
    /**
     * Share of last period's active users still active this period, 0 to 1.
     */
    retention?: number;
    /**
     * When it was measured.
     */
    date: string;
  };
  /**
   * Average running cost of one request (model, tools, hosting), in the currency of policies/registries/portfolio.yaml.
   */
  costPerRequest?: number;
  /**
   * Incidents that happened in operation (the plan for them is `incident`). Append-only.
   */
  incidents?: {
    /**
     * When it started.
     */
    date: string;
    /**
     * How bad it was, sev1 the most severe.
     */
    severity: 'sev1' | 'sev2' | 'sev3' | 'sev4';
    /**
     * What happened, in a sentence.
     */
    summary: string;
    /**
     * The incident record or post-incident review.
     */
    link?: string;
    /**
     * A serious incident: death or serious harm to health, serious disruption of critical infrastructure, an infringement of fundamental rights, or serious harm to property or the environment. Serious incidents are reported to the authority within the pack's clock.
     */
    serious?: boolean;
    /**
     * What made a serious incident serious. Packs set the reporting clock by it: the EU AI Act allows 15 days, 10 after a death, 2 for a critical-infrastructure disruption or a widespread infringement.
     */
    harm?:
      | 'death'
      | 'health'
      | 'critical-infrastructure'
      | 'fundamental-rights'
      | 'property-or-environment'
      | 'widespread';
    /**
     * When the organisation learned that the incident was serious (and linked to the use case); a reporting clock starts here. Without it, the clock starts at date.
     */
    knownOn?: string;
    /**
     * Who was affected, and how many.
     */
    affected?: string;
    /**
     * Who it was reported to outside the team: the authority, the regulator, the provider.
     */
    reportedTo?: string;
    /**
     * When it was reported to them.
     */
    reportedOn?: string;
    /**
     * The post-incident review.
     */
    review?: string;
  }[];
  /**
   * Record-keeping: what is logged, for how long, and who can read it.
   */
  logging?: {
    /**
     * What each request leaves behind: inputs, outputs, model and prompt versions, the person who acted.
     */
    what: string;
    /**
     * How long logs are kept (the AI Act asks deployers of high-risk systems for at least six months).
     */
    retention: string;
    /**
     * Who can read them, and how access is controlled.
     */
    access: string;
  };
  /**
   * What happens when it fails or must be stopped.
   */
  failSafe?: {
    /**
     * How it degrades gracefully: what users get when the model, a tool or a data source is unavailable or out of bounds.
     */
    degradation: string;
    /**
     * How it is stopped at once, by whom, and what takes over (the manual process).
     */
    stop: string;
  };
}
/**
 * The responsible-AI checklist.
 */
export interface ResponsibleAI {
  /**
   * How users learn that AI is involved and that outputs need review.
   */
  disclosure?: string;
  /**
   * Who oversees it and how they can intervene.
   */
  humanOversight?: string;
  /**
   * How only the data needed is used.
   */
  dataMinimisation?: string;
  /**
   * System documentation for traceability.
   */
  documentation?: string;
  /**
   * Bias and fairness assessment.
   */
  fairness?: {
    /**
     * Whether outputs can treat groups of people differently. false needs a reason, and a high-tier use case that shapes decisions about people cannot set fairness aside.
     */
    relevant: boolean;
    /**
     * Why outputs cannot treat groups of people differently: required when relevant is false.
     */
    reason?: string;
    /**
     * The assessment, where relevant.
     */
    assessment?: string;
    /**
     * When it was done.
     */
    date?: string;
    /**
     * What the assessment found and what was done about it.
     */
    result?: string;
    groups?: TextList6;
    /**
     * The assessment's results by group: one entry per group and metric.
     *
     * @minItems 1
     *
     * Items: One metric measured for one group.
     */
    results?: [
      {
        /**
         * The group, as named under groups.
         */
        group: string;
        /**
         * What was measured for it, e.g. "share of claims flagged for review" or "false-positive rate".
         */
        metric: string;
        /**
         * The result for this group, in the metric's units.
         */
        value: number;
        /**
         * How it compares with the other groups, and what was done about a gap.
         */
        note?: string;
      },
      ...{
        /**
         * The group, as named under groups.
         */
        group: string;
        /**
         * What was measured for it, e.g. "share of claims flagged for review" or "false-positive rate".
         */
        metric: string;
        /**
         * The result for this group, in the metric's units.
         */
        value: number;
        /**
         * How it compares with the other groups, and what was done about a gap.
         */
        note?: string;
      }[]
    ];
  };
  /**
   * How an affected person contests an outcome.
   */
  appeal?: string;
  /**
   * The impact assessment: who and what the use case can affect and how the harm is kept down. Required before pilot for a high-tier or high-impact use case, and dated again when a watched change alters it (classification, data sources, models, tools).
   */
  impactAssessment?: {
    /**
     * What it is for and in which process, as the assessment understood it.
     */
    purpose: string;
    affected: TextList7;
    impacts: TextList8;
    mitigations: TextList9;
    /**
     * Who carried out the assessment.
     */
    assessedBy: string;
    /**
     * When it was completed or last reviewed.
     */
    date: string;
    /**
     * The full assessment document (for the AI Act's deployers, the fundamental-rights impact assessment of Art. 27).
     */
    evidence?: string;
    /**
     * How long and how often it is used (Art. 27(1)(b)): for example every working day for each new claim, for the two years of the contract.
     */
    usage?: string;
    /**
     * When the market surveillance authority was notified of the assessment's results (Art. 27(3)), for a fundamental rights impact assessment.
     */
    notifiedOn?: string;
  };
  /**
   * How the people who operate or oversee it are trained to use it and to spot its failures (AI literacy).
   */
  training?: {
    /**
     * Who is trained: operators, reviewers, approvers.
     */
    who: string;
    /**
     * How: course, briefing, certification, and how often it is repeated.
     */
    how: string;
    /**
     * Training material or completion records.
     */
    evidence?: string;
  };
  /**
   * How users and the people affected report problems or give feedback, and who reads it.
   */
  feedback?: string;
  /**
   * How and when the workers a use case at the workplace affects, and their representatives, were told before it was put into service (AI Act Art. 26(7)).
   */
  workersInformed?: {
    /**
     * When they were told.
     */
    date: string;
    /**
     * How: works council consultation, a notice to the staff concerned, a briefing.
     */
    how: string;
  };
  /**
   * A review by someone outside the team that builds and owns the use case: required before production for a high-tier use case.
   */
  independentReview?: {
    /**
     * Who reviewed it: not the owner or the champion.
     */
    reviewer: string;
    /**
     * When.
     */
    date: string;
    /**
     * What they concluded, and the conditions they set.
     */
    outcome: string;
    /**
     * The review report.
     */
    evidence?: string;
  };
}
/**
 * One risk in the register.
 */
export interface Risk {
  /**
   * Short id, unique in the use case, e.g. wrong-denial.
   */
  id: string;
  /**
   * What could go wrong, and for whom.
   */
  risk: string;
  /**
   * How likely it is before mitigation.
   */
  likelihood: 'low' | 'medium' | 'high';
  /**
   * How bad it would be.
   */
  severity: 'low' | 'medium' | 'high';
  /**
   * What is done about it.
   */
  mitigation: string;
  /**
   * Who owns the mitigation.
   */
  owner: string;
  /**
   * What remains once mitigated: high residual risk must be accepted by name before production.
   */
  residual: 'low' | 'medium' | 'high';
  /**
   * Where it stands.
   */
  status: 'open' | 'mitigated' | 'accepted' | 'closed';
}
/**
 * Where the use case stands and the record of how it got there.
 */
export interface Lifecycle {
  /**
   * Current stage.
   */
  stage: 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
  /**
   * Set while the use case is suspended: it stays at its stage, may not move on until the suspension is lifted, and its owner says why and what lifts it.
   */
  suspended?: {
    /**
     * When it was stopped.
     */
    since: string;
    /**
     * Why: the incident, finding or decision that stopped it.
     */
    reason: string;
    /**
     * What must be true to lift it.
     */
    until: string;
  };
  /**
   * The day by which the use case is next reviewed (its owner and the CoE confirm it still fits its stage, tier and controls); lifecycle.review-date fails once it has passed, and the daily compliance run reports it.
   */
  nextReview?: string;
  /**
   * Written by coe import: the stage the use case was at when it was imported (metadata.source says from where). Its approvals predate the repository, so the roles the RACI names for imports (raci.yaml imports), approving the pull request that adds the file, stand for that stage's approvals; once the use case moves on, or if the RACI names no import roles, it needs the approvals of each stage as any use case does. A baseline added to, changed in or removed from a use case already in the repository needs the roles of its stage again (docs/federal-inventory.md#the-baseline-approval).
   */
  baseline?: {
    /**
     * The stage the inventory gave when the use case was imported.
     */
    stage: 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
  };
  /**
   * Approvals given for entering a stage (or for a watched change within one). Append-only. Each counts only for the stage entry made in the pull request it names, and only with that person's approving review of this content (docs/action.md).
   *
   * Items: One person's approval, in a role, of entering a stage in a pull request.
   */
  approvals?: {
    /**
     * The stage entered (or, for a watched change, the stage the use case is at) in the pull request `pr`.
     */
    stage: 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
    /**
     * The role the approver holds, by its id in policies/registries/roles.yaml, e.g. security-lead.
     */
    role: string;
    /**
     * GitHub user who approved, written "@login" (quoted: in YAML a value cannot start with @); their approving review of the pull request is what counts.
     */
    login: string;
    /**
     * The day the approval was given.
     */
    date: string;
    /**
     * The pull request that entered the stage; the approval counts for that entry only.
     */
    pr: number;
  }[];
  /**
   * Waivers of soft rules. A waiver is an approval: it counts only with its approver's review in the pull request that adds it, for the stage it was granted at, until its expiry (at most the RACI's waivers.maxDays after it was granted).
   *
   * Items: One waiver of a soft rule, for a limited time.
   */
  waivers?: {
    /**
     * Id of the waived rule, <policy>.<rule>, e.g. release-gates.adversarial-testing; only soft rules can be waived.
     */
    rule: string;
    /**
     * Why the rule does not apply, or what compensates for it until the waiver expires.
     */
    reason: string;
    /**
     * The stage the waiver was granted at; it stops counting when the use case moves to another stage.
     */
    stage: 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
    /**
     * Last day the waiver counts.
     */
    expires: string;
    /**
     * Who granted it, written "@login": a holder of the waiver role the RACI names for the rule (waivers in policies/registries/raci.yaml).
     */
    approver: string;
    /**
     * The day the waiver was granted; not before the pull request that adds it was opened.
     */
    granted: string;
    /**
     * The pull request that adds the waiver; its approver approves that pull request.
     */
    pr: number;
  }[];
  /**
   * Actual value measured once live, matched to the ROI metrics.
   */
  value?: {
    /**
     * Metric name, as in intake.roi.
     */
    metric: string;
    /**
     * Measured value.
     */
    actual: number;
    /**
     * When the value was measured.
     */
    date: string;
    /**
     * Dashboard or report the measurement comes from.
     */
    evidence?: string;
    /**
     * Working hours a month this measurement shows saved; coe portfolio values them at the loaded hourly rate in policies/registries/portfolio.yaml.
     */
    hoursSavedPerMonth?: number;
  }[];
  /**
   * Why and when it was retired.
   */
  retirement?: {
    /**
     * Retirement date.
     */
    date: string;
    /**
     * Why it was retired, e.g. replaced, no longer used, or the risk outweighed the value.
     */
    reason: string;
    /**
     * Id of the use case that replaces it.
     */
    replacedBy?: string;
  };
}
/**
 * The answers of the US federal AI use-case inventory (OMB M-25-21) that have no other home in the manifest: coe import omb fills it, coe export omb writes the inventory from it and from the fields docs/federal-inventory.md lists. TODO marks a question the inventory left blank: not yet answered.
 */
export interface FederalInventory {
  /**
   * The agency's full name (agency_name).
   */
  agencyName?: string;
  /**
   * The bureau or component responsible (agency_bureau).
   */
  bureau?: string;
  /**
   * The email address of the person or team responsible, or the public inquiries address (contact_email).
   */
  contact?: string;
  /**
   * The use-case name as reported (use_case_name), when it does not fit metadata.title (longer than 120 characters, or on several lines).
   */
  name?: string;
  /**
   * Whether the use case is withheld from public reporting (is_withheld).
   */
  withheld?: 'no' | 'disclosure-risk' | 'prohibited-by-law' | 'other' | 'TODO';
  /**
   * The high-impact determination as reported (is_high_impact); spec.classification.highImpact holds the gate's yes or no.
   */
  highImpact?: 'high-impact' | 'presumed-not-high-impact' | 'not-high-impact' | 'TODO';
  /**
   * Why the use case is, or is not, high-impact (HI_justification).
   */
  highImpactJustification?: string;
  /**
   * The topic area (topic_area).
   */
  topicArea?:
    | 'administrative-functions'
    | 'cybersecurity'
    | 'emergency-management'
    | 'energy-and-environment'
    | 'benefits-processing'
    | 'health-and-medical'
    | 'human-resources'
    | 'information-technology'
    | 'international-affairs'
    | 'law-enforcement'
    | 'other'
    | 'procurement-and-finance'
    | 'science'
    | 'service-delivery'
    | 'transportation'
    | 'TODO';
  /**
   * The kind of AI (classification).
   */
  technique?:
    | 'agentic-ai'
    | 'classical-ml'
    | 'computer-vision'
    | 'generative-ai'
    | 'nlp'
    | 'reinforcement-learning'
    | 'other'
    | 'TODO';
  /**
   * The expected benefits and positive outcomes (benefits).
   */
  benefits?: string;
  /**
   * When it became or becomes operational, as reported (operational_date; the inventory allows any date form).
   */
  operationalDate?: string;
  /**
   * How much contracting built it (contracting_usage).
   */
  contracting?: 'vendor-purchased' | 'in-house' | 'contracting-and-in-house' | 'TODO';
  /**
   * The vendors that supplied or helped build it (vendor_name).
   */
  vendor?: string;
  /**
   * Whether the system has an authority to operate (have_ato).
   */
  ato?: 'yes' | 'no' | 'TODO';
  /**
   * The name of the system the authority to operate covers (system_name_ato).
   */
  atoSystem?: string;
  /**
   * The data used to train, fine-tune or evaluate it (data_description).
   */
  dataDescription?: string;
  /**
   * The link to that data on the Federal Data Catalog (link_to_data).
   */
  dataLink?: string;
  /**
   * Whether it uses personally identifiable information (has_pii). Unknown (TODO) is read as the riskier answer.
   */
  pii?: 'yes' | 'no' | 'TODO';
  /**
   * The link to the privacy impact assessment (pia_url).
   */
  privacyImpactAssessment?: string;
  /**
   * The demographic variables it uses (demographic_features), each as reported.
   */
  demographicFeatures?: Text[];
  /**
   * Whether custom code was developed for it (has_custom_code).
   */
  customCode?: 'yes' | 'no' | 'TODO';
  /**
   * The link to its open-source code (code_url).
   */
  codeUrl?: string;
  practices?: MinimumPractices;
}
/**
 * The answers on the minimum risk management practices for high-impact AI (OMB M-25-21), as reported in the inventory. The us-omb pack reads them with the records that show the practice (spec.evaluation, spec.responsibleAI.impactAssessment, .independentReview, spec.operations.monitoring).
 */
export interface MinimumPractices {
  /**
   * Pre-deployment testing in real-world conditions (hi_testing_conducted).
   */
  testing?: 'complete' | 'in-progress' | 'waived' | 'no' | 'TODO';
  /**
   * The AI impact assessment (hi_assessment_completed).
   */
  impactAssessment?: 'complete' | 'in-progress' | 'waived' | 'no' | 'TODO';
  /**
   * The potential impacts the agency identified (hi_potential_impacts).
   */
  potentialImpacts?: string;
  /**
   * Independent review of the testing and assessment (hi_independent_review).
   */
  independentReview?:
    'internal-review' | 'oversight-board' | 'caio-review' | 'in-progress' | 'waived' | 'no' | 'TODO';
  /**
   * Ongoing monitoring protocols (hi_ongoing_monitoring).
   */
  monitoring?: 'complete' | 'in-progress' | 'waived' | 'TODO';
  /**
   * Sufficient and periodic operator training (hi_training_established).
   */
  training?: 'complete' | 'in-progress' | 'waived' | 'TODO';
  /**
   * A fail-safe that minimises the risk of significant harm (hi_failsafe_presence).
   */
  failSafe?: 'complete' | 'not-applicable' | 'in-progress' | 'waived' | 'TODO';
  /**
   * An appeal process for people affected (hi_appeal_process).
   */
  appeal?: 'complete' | 'not-applicable' | 'in-progress' | 'precluded-by-law' | 'waived' | 'TODO';
  /**
   * Steps taken to consult end users and the public (hi_public_consultation), each as reported.
   */
  publicConsultation?: Text[];
}
