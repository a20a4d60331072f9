/**
 * The example team stack: the constructs composed, clean under the whole policy and cdk-nag,
 * and the connectivity picture in the README drawn from it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { factsOfTemplate } from '../../../cdk/records';
import { TeamExampleStack } from '../../../cdk/team-example';
import { renderMermaidGraph } from '../../../constructs/report/graph';
import { findingLines, nagViolations, newApp, templateOf } from './helpers';

describe('GIVEN the example team stack', () => {
  let stack: Stack;
  beforeAll(() => {
    stack = new TeamExampleStack(newApp(), 'Team', { env: { region: 'eu-west-1' } });
  });

  it('THEN the whole policy finds nothing', () => {
    expect(findingLines(stack)).toEqual([]);
  });

  it('THEN cdk-nag AwsSolutions reports no error', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('THEN the README shows its connectivity, as compliance-check --graph mermaid draws it', () => {
    const graph = renderMermaidGraph(factsOfTemplate(templateOf(stack), { stack: 'Team' }));
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const block = /<!-- graph: TeamExampleStack -->\s*```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1];
    // To refresh: synthesize TeamExampleStack and paste `compliance-check --graph mermaid` of it.
    expect(block).toBe(graph);
    expect(graph).toContain('internet -->|"tcp/443, tcp/80"| Team_WebSecurityGroupF444D504');
  });
});
