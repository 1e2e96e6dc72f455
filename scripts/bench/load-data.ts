import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CorpusDoc } from '../../matching/eval/dataset.ts';
import { type CreateNeedInput, createNeedInput } from '../../matching/needs/need-input.ts';
import { demoFiles } from '../demo/demo-files.ts';

const demoDir = new URL('../../schema/seed/demo/', import.meta.url);
const read = <T extends z.ZodType>(file: string, schema: T): z.infer<T>[] =>
  z.array(schema).parse(JSON.parse(readFileSync(new URL(file, demoDir), 'utf8')));

/** Phrases an enterprise adds when it posts a follow-up of a problem: titles stay realistic and distinct. */
const phases = ['', '二期', '扩产配套', '试点线', '升级改造', '新品导入', '降本', '工艺验证'];

/**
 * `n` need bodies from the Chinese demo set (schema/seed/demo/needs.json), cycling through it. Each title gets
 * a phase phrase and a run-scoped number so every posted need is distinct and can be found again by title;
 * every body is checked against the API's own schema here, so a 400 during the load is the service's doing.
 */
export function needBodies(n: number, runTag: string): CreateNeedInput[] {
  const demo = read('needs.json', demoFiles.need);
  if (demo.length === 0) throw new Error('the demo needs file is empty');
  return Array.from({ length: n }, (_, i) => {
    const base = demo[i % demo.length];
    if (!base) throw new Error('unreachable: demo index out of range');
    const { org: _org, chain, ...fields } = base;
    const phase = phases[Math.floor(i / demo.length) % phases.length] ?? '';
    const title = `${String(fields.title ?? '')}（${phase ? `${phase}·` : ''}需求${runTag}-${i + 1}）`;
    return createNeedInput.parse({ ...fields, title, chainId: chain ?? null });
  });
}

/** The demo achievements as a pool corpus for pipeline-setup's loadPool (which varies copies beyond 260). */
export function achievementCorpus(): CorpusDoc[] {
  return read('achievements.json', demoFiles.achievement).map((a, i) => ({
    id: `demo-achievement-${i + 1}`,
    title: String(a.title ?? ''),
    text: String(a.abstract ?? ''),
  }));
}

export type ManagerSpec = { name: string; chains: string[]; isChief: boolean };

/**
 * The demo's active managers (chains and chief flags as the demo has them), which between them cover every
 * chain the demo needs name; routing therefore always finds someone, and chiefs see and can race for the
 * pairs routed to others in their chains.
 */
export function managerSpecs(): ManagerSpec[] {
  return read('managers.json', demoFiles.manager)
    .filter((m) => m.active)
    .map((m) => ({ name: `负载经理人-${m.user}`, chains: m.chains, isChief: m.isChief }));
}

/** Chains the bodies name that no manager covers (should be none: those pairs would never be routed). */
export function uncoveredChains(bodies: readonly CreateNeedInput[], specs: readonly ManagerSpec[]): string[] {
  const covered = new Set(specs.flatMap((s) => s.chains));
  return [...new Set(bodies.flatMap((b) => (b.chainId ? [b.chainId] : [])))].filter((c) => !covered.has(c));
}
