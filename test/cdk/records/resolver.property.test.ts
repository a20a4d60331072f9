/**
 * Property test of intrinsic resolution: for generated templates of literal inputs, what the
 * resolver makes of an expression equals what CloudFormation would produce, as computed by a
 * small reference evaluator written here from the intrinsic function reference.
 *
 * `Fn::If` is not decided (conditions are evaluated only at deploy), so both evaluate to the
 * set of values the expression may take: each combination of branches. A combination that
 * CloudFormation would reject (an index out of range) must come out of the resolver as
 * unknown, never as a value. `Fn::Base64` is left out on purpose: the resolver keeps the text
 * it encodes, which is what the checks read (user data).
 */
import fc from 'fast-check';
import { alternatives, isLiteral, TemplateResolver } from '../../../cdk/records/resolver';
import type { CfnTemplate } from '../../../cdk/records/template';
import type { Value } from '../../../cdk/records/values';
import type { Json } from '../fixtures';

/** The template every expression is resolved in: parameters, a mapping and a VPC. */
const PARAMETERS: Record<string, { Type: string; Default: Json }> = {
  Env: { Type: 'String', Default: 'prod' },
  Count: { Type: 'Number', Default: 2 },
  Zones: { Type: 'CommaDelimitedList', Default: 'a, b ,c' },
  Sep: { Type: 'String', Default: '-' },
  Odd: { Type: 'String', Default: '${Env} {x} $' },
};
const MAPPINGS: Record<string, Record<string, Record<string, Json>>> = {
  Sizes: { prod: { name: 'large', zones: ['eu-1', 'eu-2'] }, dev: { name: 'small', zones: ['eu-3'] } },
};
const VPC_CIDR = '10.1.0.0/16';
const TEMPLATE = {
  Parameters: PARAMETERS,
  Mappings: MAPPINGS,
  Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: VPC_CIDR } } },
} as unknown as CfnTemplate;

/** A value CloudFormation would produce, or its refusal of the template. */
type Outcome = string | readonly string[] | 'INVALID';
const INVALID = 'INVALID' as const;

// ---- the reference evaluator ----------------------------------------------------------------

/** The values a string parameter passes: its default, as text. */
function refParameter(name: string): Outcome[] {
  const p = PARAMETERS[name];
  if (p.Type === 'CommaDelimitedList') return [String(p.Default).split(',').map((s) => s.trim())];
  return [String(p.Default)];
}

/** Every combination of the inputs' outcomes, each passed to `f`. */
function product(inputs: Outcome[][], f: (values: Outcome[]) => Outcome): Outcome[] {
  let combos: Outcome[][] = [[]];
  for (const options of inputs) combos = combos.flatMap((c) => options.map((o) => [...c, o]));
  return combos.map((c) => (c.includes(INVALID) ? INVALID : f(c)));
}

const isText = (o: Outcome): o is string => typeof o === 'string' && o !== INVALID;
const isList = (o: Outcome): o is readonly string[] => Array.isArray(o);

/** What CloudFormation makes of an expression: each possible value (Fn::If branches), or INVALID. */
function evaluate(node: Json): Outcome[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return product(node.map(evaluate), (items) => (items.every(isText) ? (items as string[]) : INVALID));
  if (node === null || typeof node !== 'object') return [INVALID];
  const [fn] = Object.keys(node);
  const arg = node[fn];
  switch (fn) {
    case 'Ref':
      return refParameter(arg as string);
    case 'Fn::GetAtt':
      // A VPC's CidrBlock attribute is its CidrBlock property.
      return [VPC_CIDR];
    case 'Fn::If': {
      const [, yes, no] = arg as Json[];
      return [...evaluate(yes), ...evaluate(no)];
    }
    case 'Fn::Join': {
      const [delimiter, list] = arg as [string, Json];
      return product([evaluate(list)], ([l]) => (isList(l) ? l.join(delimiter) : INVALID));
    }
    case 'Fn::Split': {
      const [delimiter, source] = arg as [string, Json];
      return product([evaluate(source)], ([s]) => (isText(s) ? s.split(delimiter) : INVALID));
    }
    case 'Fn::Select': {
      const [index, list] = arg as [string | number, Json];
      // Of a literal list only the selected element counts: one that would be rejected elsewhere
      // in the list makes a template that does not deploy, whatever the resolver says of it.
      if (Array.isArray(list)) {
        const i = Number(index);
        return i >= 0 && i < list.length ? evaluate(list[i]) : [INVALID];
      }
      return product([evaluate(list)], ([l]) => {
        const i = Number(index);
        return isList(l) && i >= 0 && i < l.length ? l[i] : INVALID;
      });
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = arg as [string, Json, string];
      return product([evaluate(top)], ([t]) => {
        const v = isText(t) ? MAPPINGS[map]?.[t]?.[second] : undefined;
        return v === undefined ? INVALID : (v as Outcome);
      });
    }
    case 'Fn::Sub': {
      const [text, variables] = (Array.isArray(arg) ? arg : [arg, {}]) as [string, Record<string, Json>];
      const names = [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((m) => m[1]);
      const unique = [...new Set(names)];
      return product(
        unique.map((n) => (n in variables ? evaluate(variables[n]) : n === 'Vpc.CidrBlock' ? [VPC_CIDR] : refParameter(n))),
        (values) => {
          if (!values.every(isText)) return INVALID;
          const byName = new Map(unique.map((n, i) => [n, values[i] as string]));
          // `${!Name}` is the literal `${Name}`; `${Name}` is its value.
          return text.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => (bang === '!' ? `\${${name}}` : (byName.get(name) as string)));
        },
      );
    }
    default:
      return [INVALID];
  }
}

// ---- generated expressions ------------------------------------------------------------------

/** Literal text, with characters that mean something elsewhere (`$`, `{`, `,`) but no dynamic reference. */
const literal = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '0', '-', ',', ' ', '/', '$', '{', '}', '!', '.'), maxLength: 6 });
const delimiter = fc.constantFrom(',', '-', '', ', ', '/', '|');
const splitter = fc.constantFrom(',', '-', '/', '|', 'a');

/** Text for a Fn::Sub template: literal pieces (no `$`), variables, parameters and escapes. */
const subTemplate = (variables: readonly string[]): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.string({ unit: fc.constantFrom('a', 'b', '-', ':', '/', ' ', '{', '}', '!'), maxLength: 4 }),
        fc.constantFrom(...variables, 'Env', 'Sep', 'Odd', 'Vpc.CidrBlock').map((n) => `\${${n}}`),
        fc.constantFrom('${!Env}', '${!Literal}'),
      ),
      { maxLength: 5 },
    )
    .map((parts) => parts.join(''));

interface Exprs {
  str: Json;
  list: Json;
}

const exprs = fc.letrec<Exprs>((tie) => {
  const str = (): fc.Arbitrary<Json> => tie('str') as fc.Arbitrary<Json>;
  const list = (): fc.Arbitrary<Json> => tie('list') as fc.Arbitrary<Json>;
  return {
    str: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal,
      fc.constantFrom<Json>({ Ref: 'Env' }, { Ref: 'Count' }, { Ref: 'Sep' }, { Ref: 'Odd' }, { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }),
      fc.tuple(delimiter, list()).map(([d, l]): Json => ({ 'Fn::Join': [d, l] })),
      fc.tuple(fc.oneof(fc.nat(3), fc.nat(3).map(String)), list()).map(([i, l]): Json => ({ 'Fn::Select': [i, l] })),
      fc.tuple(fc.oneof(fc.constant<Json>('prod'), fc.constant<Json>('dev'), fc.constant<Json>('test'), fc.constant<Json>({ Ref: 'Env' }))).map(([k]): Json => ({ 'Fn::FindInMap': ['Sizes', k, 'name'] })),
      fc.tuple(str(), str()).map(([a, b]): Json => ({ 'Fn::If': ['Cond', a, b] })),
      subTemplate([]).map((t): Json => ({ 'Fn::Sub': t })),
      fc.tuple(subTemplate(['v1', 'v2']), str(), str()).map(([t, a, b]): Json => ({ 'Fn::Sub': [t, { v1: a, v2: b }] })),
    ),
    list: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.array(str(), { maxLength: 4 }),
      fc.constant<Json>({ Ref: 'Zones' }),
      fc.tuple(splitter, str()).map(([d, s]): Json => ({ 'Fn::Split': [d, s] })),
      fc.constantFrom<Json>('prod', 'dev').map((k): Json => ({ 'Fn::FindInMap': ['Sizes', k, 'zones'] })),
    ),
  };
});

/** The resolver's value as a set of outcomes: each alternative, JSON-encoded; unknowns INVALID. */
function outcomes(v: Value): string[] {
  return [...new Set(alternatives(v).map((a) => (isLiteral(a) ? JSON.stringify(a) : INVALID)))].sort();
}

const expected = (node: Json): string[] => [...new Set(evaluate(node).map((o) => (o === INVALID ? INVALID : JSON.stringify(o))))].sort();

describe('intrinsic resolution against a reference evaluator', () => {
  it('property: a string expression resolves to exactly the values CloudFormation may produce', () => {
    let invalid = 0;
    let branching = 0;
    fc.assert(
      fc.property(exprs.str, (node) => {
        const want = expected(node);
        // Beyond the resolver's 64 alternatives it answers unknown, which is fail-closed; keep below.
        fc.pre(want.length <= 32);
        if (want.includes(INVALID)) invalid++;
        if (want.length > 1) branching++;
        const got = outcomes(new TemplateResolver(TEMPLATE).resolve(node));
        expect([JSON.stringify(node), got]).toEqual([JSON.stringify(node), want]);
      }),
      { numRuns: 1500 },
    );
    expect(invalid).toBeGreaterThan(20);
    expect(branching).toBeGreaterThan(50);
  });

  it('property: a list expression joined with a delimiter resolves as CloudFormation joins it', () => {
    fc.assert(
      fc.property(exprs.list, delimiter, (list, d) => {
        const node: Json = { 'Fn::Join': [d, list] };
        const want = expected(node);
        fc.pre(want.length <= 32);
        expect([JSON.stringify(node), outcomes(new TemplateResolver(TEMPLATE).resolve(node))]).toEqual([JSON.stringify(node), want]);
      }),
      { numRuns: 800 },
    );
  });
});
