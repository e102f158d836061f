import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { judge } from '../../core/check/judge.ts';
import { Keep } from '../../core/check/keep.ts';
import { EXIT } from '../../core/check/report.ts';
import { counted } from '../../core/counted.ts';
import { loadPolicies } from '../../core/policy/load-policies.ts';
import { type PortfolioEntry, portfolioEntry } from '../../core/portfolio/entry.ts';
import {
  buildPortfolio,
  DEFAULT_STALLED_AFTER_DAYS,
  type PortfolioModel,
} from '../../core/portfolio/model.ts';
import { readPolicySources } from '../../fs/read-policies.ts';
import { readSources, repoPathExists } from '../../fs/read-sources.ts';
import { headCommit } from '../../git/git.ts';
import { loadFlow } from '../../git/portfolio-flow.ts';
import { jsonDocument } from '../../report/json.ts';
import { renderPortfolioHtml } from '../../report/portfolio-html.ts';
import { renderPortfolioMarkdown } from '../../report/portfolio-markdown.ts';
import { renderPortfolioText } from '../../report/portfolio-text.ts';
import { renderProblems } from '../../report/text.ts';
import { type CommandIO, onTerminal, rootOption, writeChunks } from '../command-io.ts';
import { paint } from '../paint.ts';
import { withFilesProgress } from '../progress.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';
import { parseDate } from './check.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

interface PortfolioOptions {
  format: Format;
  html?: string;
  asOf?: string;
  root?: string;
}

export function portfolioCommand(io: CommandIO): Command {
  const command = new Command('portfolio')
    .summary('report the portfolio: counts, backlog, flow, reuse, adoption, risk, value; or the dashboard')
    .description(
      'Read every manifest under usecases/ with the policies, and report what a CoE lead shows executives: ' +
        'counts by stage, effective risk tier (and how many are declared below it), domain, pattern and ' +
        "audience; the backlog ranked by the rubric's weighted score with each score's parts; flow from the " +
        'git history; reuse of the assets in policies/registries/assets.yaml; adoption; incidents and policy ' +
        'violations; ROI targets against recorded actuals, hours saved × the loaded hourly rate of ' +
        'policies/registries/portfolio.yaml, and cost per request.\n\n' +
        'With --html FILE, also write the dashboard: one self-contained HTML file (inline CSS and SVG, no ' +
        'script, no request to any server) with the date and commit it was built from. See docs/portfolio.md.\n\n' +
        'Exit codes: 0 the report was written, 2 invalid input (a manifest or policy with problems) or usage.',
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option(
      '--html <file>',
      'also write the dashboard to <file> (then stdout gets one line, unless --format is given)',
    )
    .option('--as-of <date>', 'report as on this date, YYYY-MM-DD (default: today)')
    .addOption(rootOption())
    .addHelpText(
      'after',
      '\nExamples:\n  coe portfolio\n  coe portfolio --format json > portfolio.json\n  coe portfolio --format markdown >> "$GITHUB_STEP_SUMMARY"\n  coe portfolio --html site/index.html --as-of 2026-12-31',
    );
  return command.action(async (opts: PortfolioOptions) => {
    const root = resolveRoot(opts.root);
    const asOf = parseDate(opts.asOf);
    const model = await portfolioModel(root, asOf);
    if (typeof model === 'string') {
      process.stderr.write(model);
      io.setExit(EXIT.invalid);
      return;
    }
    const formatGiven = command.getOptionValueSource('format') === 'cli';
    if (opts.html !== undefined) {
      const file = resolve(opts.html);
      try {
        writeFileSync(file, renderPortfolioHtml(model));
      } catch (error) {
        const reason = (error as { code?: string }).code ?? String(error);
        throw new UsageError(`--html ${opts.html}: cannot write the file (${reason})`);
      }
      if (!formatGiven)
        io.out(`wrote ${opts.html}: the dashboard of ${model.counts.useCases} use cases as of ${asOf}\n`);
    }
    if (opts.html !== undefined && !formatGiven) return io.setExit(EXIT.ok);
    if (opts.format === 'json') {
      // In pieces: the whole text of a large portfolio is never held at once.
      await writeChunks(io, jsonDocument(model));
    } else
      io.out(opts.format === 'text' ? onTerminal(render(model, opts.format)) : render(model, opts.format));
    io.setExit(EXIT.ok);
  });
}

/**
 * The portfolio of the files at `root`, or the problems that stop it. Its own function so that the
 * entries it is built from can be collected once it is (at 50,000 use cases they are tens of MB).
 */
async function portfolioModel(root: string, asOf: string): Promise<PortfolioModel | string> {
  const collected = collect(root, asOf);
  if (!collected.ok) return collected.message;
  const stalledAfterDays = collected.policies.portfolio?.stalledAfterDays ?? DEFAULT_STALLED_AFTER_DAYS;
  const [commit, flow] = await Promise.all([headCommit(root), loadFlow(root, asOf, stalledAfterDays)]);
  return buildPortfolio(collected.entries, { asOf, commit, policies: collected.policies, flow });
}

type Collected =
  | { ok: true; entries: PortfolioEntry[]; policies: Parameters<typeof buildPortfolio>[1]['policies'] }
  | { ok: false; message: string };

/** Every manifest judged as coe check judges it, keeping only each one's portfolio row. */
function collect(root: string, asOf: string): Collected {
  const policySources = readPolicySources(root);
  if (!policySources) {
    throw new UsageError(
      `no policies/ folder in ${root}: the portfolio needs the rubric, the tiering policy and the registries`,
    );
  }
  const { sources, problems } = readSources(root);
  const entries: PortfolioEntry[] = [];
  const keep = new Keep();
  let policies: Parameters<typeof buildPortfolio>[1]['policies'] | undefined;
  const out = withFilesProgress('coe portfolio', (onProgress) =>
    judge({
      manifests: counted(sources, onProgress),
      policies: policySources,
      inputProblems: problems,
      today: asOf,
      linkExists: repoPathExists(root),
      keepJudgements: false,
      onEvaluated: (loaded, evaluation, set) => {
        policies ??= set;
        entries.push(portfolioEntry(loaded.manifest, evaluation, keep));
      },
    }),
  );
  if (out.check.problems.length) {
    return {
      ok: false,
      message: renderProblems(
        out.check.problems,
        paint,
        '; fix them (coe check shows the same) and run coe portfolio again',
      ),
    };
  }
  if (!policies) {
    // No manifest to evaluate: the policies loaded (or there would be problems above), read them here.
    const loaded = loadPolicies(policySources);
    if (!loaded.ok) throw new UsageError('the policies did not load; run coe check');
    policies = loaded.policies;
  }
  return { ok: true, entries, policies };
}

function render(model: PortfolioModel, format: Exclude<Format, 'json'>): string {
  if (format === 'markdown') return renderPortfolioMarkdown(model);
  return renderPortfolioText(model, paint);
}
