// Generated from engine/schema/portfolio.schema.json by `npm run generate`. Do not edit.

/**
 * The portfolio model behind every coe portfolio output and the dashboard (docs/portfolio.md).
 */
export interface PortfolioReport {
  /**
   * The date the report is as of (--as-of).
   */
  asOf: string;
  /**
   * HEAD when built; null outside a git repository.
   */
  commit: string | null;
  /**
   * The report's sections, in order; the dashboard's and docs/templates/kpi-dashboard-outline.md's.
   */
  sections: {
    id: 'counts' | 'flow' | 'backlog' | 'reuse' | 'adoption' | 'risk-quality' | 'financial';
    title: string;
  }[];
  settings: {
    currency: string | null;
    loadedHourlyRate: number | null;
    stalledAfterDays: number;
  };
  counts: {
    useCases: number;
    byStage: {
      [k: string]: number;
    };
    byTier: {
      [k: string]: number;
    };
    /**
     * Use cases whose declared tier is below the computed one.
     */
    underDeclared: number;
    byDomain: {
      [k: string]: number;
    };
    byPattern: {
      [k: string]: number;
    };
    byAudience: {
      [k: string]: number;
    };
  };
  /**
   * From the git history (cycle times, time in stage, stalled); null when not available.
   */
  flow: null | {
    asOf: string;
    stalledAfterDays: number;
    cycleTimes: {
      from: string;
      to: string;
      overall: {
        count: number;
        medianDays: number | null;
        p90Days: number | null;
      };
      byDomain: {
        [k: string]: {
          count: number;
          medianDays: number | null;
          p90Days: number | null;
        };
      };
    }[];
    useCases: {
      id: string;
      domain: string;
      stage: string;
      since: string | null;
      daysInStage: number | null;
      lastChange: string | null;
      stalled: boolean;
    }[];
  };
  backlog: {
    weights: {
      [k: string]: number;
    };
    ranked: {
      rank: number;
      id: string;
      title: string;
      domain: string;
      stage: string;
      /**
       * The rubric's weighted score: the sum of the parts' points, to 2 decimals.
       */
      score: number;
      parts: {
        criterion: string;
        score: number;
        weight: number;
        points: number;
      }[];
    }[];
    unscored: string[];
  };
  reuse: {
    assets: {
      id: string;
      kind: 'connector' | 'prompt-pattern' | 'evaluation-set' | 'workflow-template';
      title: string;
      owner: string;
      providers: string[];
      users: string[];
    }[];
    byQuarter: {
      quarter: string;
      created: number;
      reusing: number;
      rate: number | null;
    }[];
    overall: {
      created: number;
      reusing: number;
      rate: number | null;
    };
  };
  adoption: {
    measured: number;
    activeUsers: number;
    meanRetention: number | null;
    useCases: {
      id: string;
      title: string;
      domain: string;
      activeUsers: number;
      retention: number | null;
      date: string;
    }[];
  };
  riskQuality: {
    byTier: {
      [k: string]: number;
    };
    underDeclared: {
      id: string;
      title: string;
      declared: string;
      computed: string;
    }[];
    blocked: string[];
    incidents: {
      total: number;
      bySeverity: {
        sev1: number;
        sev2: number;
        sev3: number;
        sev4: number;
      };
      byQuarter: {
        quarter: string;
        sev1: number;
        sev2: number;
        sev3: number;
        sev4: number;
      }[];
      useCases: {
        id: string;
        title: string;
        total: number;
        sev1: number;
        sev2: number;
        sev3: number;
        sev4: number;
      }[];
    };
  };
  financial: {
    currency: string | null;
    loadedHourlyRate: number | null;
    hoursSavedPerMonth: number;
    valuePerMonth: number | null;
    useCases: {
      id: string;
      title: string;
      hoursSavedPerMonth: number;
      valuePerMonth: number | null;
    }[];
    roi: {
      id: string;
      metric: string;
      unit: string;
      baseline: number;
      target: number;
      actual: number | null;
      actualDate: string | null;
      progress: number | null;
      met: boolean | null;
    }[];
    costPerRequest: {
      id: string;
      title: string;
      costPerRequest: number;
    }[];
  };
}
