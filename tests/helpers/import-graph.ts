/**
 * The import graph of the sources, read with the TypeScript parser rather than a regular expression:
 * imports span lines, and `import type`, `export … from` and `import('…')` types all tie one file to
 * another for a reader, so they all count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Path from the repository root, with `/` (e.g. `src/teams/bot.ts`). */
  path: string;
  /** Files of the repository this one imports (same form). */
  local: string[];
  /** Package specifiers as written (`botbuilder`, `node:fs`, `csv-parse/sync`). */
  packages: string[];
}

function specifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every `.ts` file under `dir` (relative to `root`) with what it imports; a relative `./x.js` is the file `x.ts`. */
export function readImports(root: string, dir: string): SourceFile[] {
  const toPath = (absolute: string) => relative(root, absolute).split('\\').join('/');
  return tsFiles(resolve(root, dir)).map((file) => {
    const all = specifiers(file, readFileSync(file, 'utf8'));
    const local = all.filter((s) => s.startsWith('.')).map((s) => toPath(resolve(dirname(file), s.replace(/\.js$/, '.ts'))));
    return { path: toPath(file), local: [...new Set(local)], packages: [...new Set(all.filter((s) => !s.startsWith('.')))] };
  });
}

/**
 * The groups of files that import one another, directly or through others (strongly connected
 * components, Tarjan), each written as one cycle through it (`a.ts → b.ts → a.ts`), so that a
 * failure shows which imports to break. Edges to files outside the graph are ignored.
 */
export function importCycles(graph: Map<string, string[]>): Array<{ files: string[]; cycle: string[] }> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return groups.map((files) => ({ files, cycle: cycleThrough(files, graph) }));
}

/** A shortest path from the group's first file back to itself, staying inside the group (breadth first). */
function cycleThrough(files: string[], graph: Map<string, string[]>): string[] {
  const inGroup = new Set(files);
  const start = files[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inGroup.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = previous.get(u)!) path.unshift(u);
        path.unshift(start);
        return path;
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return files;
}

/** Every file reachable from `start` by imports, `start` included. */
export function reachableFrom(start: string, graph: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const visit = (v: string) => {
    if (seen.has(v)) return;
    seen.add(v);
    for (const w of graph.get(v) ?? []) visit(w);
  };
  visit(start);
  return seen;
}
