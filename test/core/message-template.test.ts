// A rule's message, fix and path as written in a policy: {{path}} replaced by the value the
// evaluation context holds there, nothing evaluated.
import { describe, expect, it } from 'vitest';
import { renderTemplate, templatePaths } from '../../engine/core/policy/template.ts';
import { read } from '../../engine/core/read-path.ts';

describe('renderTemplate', () => {
  const context = {
    tier: { computed: 'high' },
    manifest: { spec: { data: { sources: ['crm', 'claims'] }, owner: null } },
    n: 3,
  };
  const render = (template: string, data: object = context) => renderTemplate(template, (p) => read(data, p));

  it('puts each value where its path is written, at the start, the end, side by side, with spaces in the braces', () => {
    expect(render('tier {{tier.computed}} needs it')).toBe('tier high needs it');
    expect(render('{{ tier.computed }}')).toBe('high');
    expect(render('{{n}}{{tier.computed}} and {{n}}')).toBe('3high and 3');
    expect(render('sources: {{manifest.spec.data.sources}}.')).toBe('sources: crm, claims.');
    expect(render('owner {{manifest.spec.owner}}, {{nothing.here}}')).toBe('owner (none), (none)');
  });

  it('leaves text without a path, and braces that hold no path, as written', () => {
    expect(render('no values here')).toBe('no values here');
    expect(render('')).toBe('');
    expect(render('{{ }} {{1x}} {x} $& $1')).toBe('{{ }} {{1x}} {x} $& $1');
  });

  it('renders one template again with other values: only the split is kept, never a value', () => {
    const template = 'tier {{tier.computed}} with {{n}} sources';
    expect(render(template)).toBe('tier high with 3 sources');
    expect(render(template, { tier: { computed: 'low' }, n: 0 })).toBe('tier low with 0 sources');
    expect(render(template, {})).toBe('tier (none) with (none) sources');
  });

  it('templatePaths lists the paths the renderer reads, in order', () => {
    expect(templatePaths('{{n}}{{ tier.computed }} and {{n}} {{1x}}')).toEqual(['n', 'tier.computed', 'n']);
  });
});
