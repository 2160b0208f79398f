/**
 * Sums a V8 CPU profile's self time by package (node_modules/<name>), by Partix file (src/…) and
 * by node's own code, to see where a turn or a start goes: `npm run bench -- --profile DIR`, then
 *
 *   npx tsx bench/cpuprofile-summary.ts DIR/*.cpuprofile [--files] [--top 25]
 *
 * `--files` splits packages by file too. Prints the share of the sampled time, largest first.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const byFile = args.includes('--files');
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 25;
const files = args.filter((a, i) => a.endsWith('.cpuprofile') && args[i - 1] !== '--top');

function bucketOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + 'node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return byFile ? `${pkg}: ${rest.slice(pkg.split('/').length).join('/')}` : pkg;
  }
  const src = path.search(/\/(src|bench|tests)\//);
  if (src >= 0) return path.slice(src + 1);
  if (path.startsWith('node:')) return 'node:*';
  return path;
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id)!;
    const dt = profile.timeDeltas[i] ?? 0;
    const key = bucketOf(node.callFrame.url, node.callFrame.functionName);
    totals.set(key, (totals.get(key) ?? 0) + dt);
    all += dt;
  });
  const busy = all - (totals.get('(idle)') ?? 0);
  console.log(`${file}: ${(all / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy (shares below are of the busy time)`);
  const rows = [...totals].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, us] of rows) console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}
