// PACE 2018 Steiner tree format (.gr, SteinLib-like) in and out. Node ids are 1-based in files and 0-based inside.
// Unknown sections (e.g. track 2's tree decompositions) are skipped; comments (#, %) and blank lines are tolerated.
import { InvalidParameter } from '../../errors.ts';
import type { SteinerTree } from './steiner.ts';
import { type WeightedGraph, WeightedGraphBuilder } from './weighted-graph.ts';

export interface PaceInstance {
  graph: WeightedGraph;
  /** 0-based terminal nodes, in file order, without duplicates. */
  terminals: number[];
}

/** A malformed .gr file; `line` is 1-based and also leads the message. */
export class MalformedPaceFile extends InvalidParameter {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`, { line });
  }
}

type Section = 'none' | 'graph' | 'terminals' | 'other';

export function parsePaceGr(text: string): PaceInstance {
  const lines = text.split(/\r?\n/);
  let section: Section = 'none';
  let nodeCount = -1;
  let declaredEdges = -1;
  let declaredTerminals = -1;
  let edgeLines = 0;
  let builder: WeightedGraphBuilder | undefined;
  let graph: WeightedGraph | undefined;
  const terminals: number[] = [];
  const seenTerminals = new Set<number>();
  let terminalsDone = false;

  const integer = (token: string | undefined, lineNo: number, what: string, min: number): number => {
    const value = token === undefined ? NaN : Number(token);
    if (!Number.isInteger(value) || value < min) throw new MalformedPaceFile(lineNo, `${what} must be an integer ≥ ${min}, got '${token ?? ''}'`);
    return value;
  };
  const node = (token: string | undefined, lineNo: number): number => {
    const id = integer(token, lineNo, 'node id', 1);
    if (id > nodeCount) throw new MalformedPaceFile(lineNo, `node ${id} is outside 1…${nodeCount}`);
    return id - 1;
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#') || line.startsWith('%')) continue;
    const tokens = line.split(/\s+/);
    const keyword = tokens[0].toUpperCase();
    if (section === 'none') {
      if (keyword === 'EOF') break;
      if (keyword !== 'SECTION') throw new MalformedPaceFile(lineNo, `expected 'SECTION …' or 'EOF', got '${tokens[0]}'`);
      const name = tokens.slice(1).join(' ').toLowerCase();
      if (name === 'graph') {
        if (builder || graph) throw new MalformedPaceFile(lineNo, 'second SECTION Graph');
        section = 'graph';
      } else if (name === 'terminals') {
        if (!graph) throw new MalformedPaceFile(lineNo, 'SECTION Terminals before SECTION Graph');
        if (terminalsDone) throw new MalformedPaceFile(lineNo, 'second SECTION Terminals');
        section = 'terminals';
      } else {
        section = 'other';
      }
      continue;
    }
    if (keyword === 'END') {
      if (section === 'graph') {
        if (!builder) throw new MalformedPaceFile(lineNo, "SECTION Graph ended without a 'Nodes' line");
        if (declaredEdges >= 0 && edgeLines !== declaredEdges) {
          throw new MalformedPaceFile(lineNo, `'Edges ${declaredEdges}' declared but ${edgeLines} edge line(s) found`);
        }
        graph = builder.build();
      } else if (section === 'terminals') {
        if (declaredTerminals >= 0 && terminals.length !== declaredTerminals) {
          throw new MalformedPaceFile(lineNo, `'Terminals ${declaredTerminals}' declared but ${terminals.length} distinct terminal(s) found`);
        }
        terminalsDone = true;
      }
      section = 'none';
      continue;
    }
    if (section === 'other') continue;
    if (section === 'graph') {
      if (keyword === 'NODES') {
        if (builder) throw new MalformedPaceFile(lineNo, "second 'Nodes' line");
        if (tokens.length !== 2) throw new MalformedPaceFile(lineNo, "expected 'Nodes n'");
        nodeCount = integer(tokens[1], lineNo, 'node count', 0);
        builder = new WeightedGraphBuilder(nodeCount);
      } else if (keyword === 'EDGES') {
        if (tokens.length !== 2) throw new MalformedPaceFile(lineNo, "expected 'Edges m'");
        declaredEdges = integer(tokens[1], lineNo, 'edge count', 0);
      } else if (keyword === 'E') {
        if (!builder) throw new MalformedPaceFile(lineNo, "edge before the 'Nodes' line");
        if (tokens.length !== 4) throw new MalformedPaceFile(lineNo, "expected 'E u v w'");
        const weight = Number(tokens[3]);
        if (!Number.isFinite(weight) || weight < 0) throw new MalformedPaceFile(lineNo, `edge weight must be a number ≥ 0, got '${tokens[3]}'`);
        builder.addEdge(node(tokens[1], lineNo), node(tokens[2], lineNo), weight);
        edgeLines++;
      } else {
        throw new MalformedPaceFile(lineNo, `unexpected '${tokens[0]}' in SECTION Graph`);
      }
      continue;
    }
    // section === 'terminals'
    if (keyword === 'TERMINALS') {
      if (tokens.length !== 2) throw new MalformedPaceFile(lineNo, "expected 'Terminals k'");
      declaredTerminals = integer(tokens[1], lineNo, 'terminal count', 0);
    } else if (keyword === 'T') {
      if (tokens.length !== 2) throw new MalformedPaceFile(lineNo, "expected 'T v'");
      const t = node(tokens[1], lineNo);
      // A repeated terminal is harmless: the set of terminals is what matters.
      if (!seenTerminals.has(t)) {
        seenTerminals.add(t);
        terminals.push(t);
      }
    } else {
      throw new MalformedPaceFile(lineNo, `unexpected '${tokens[0]}' in SECTION Terminals`);
    }
  }
  const lastLine = lines.length;
  if (section !== 'none') throw new MalformedPaceFile(lastLine, `file ends inside a SECTION (missing 'END')`);
  if (!graph) throw new MalformedPaceFile(lastLine, 'no SECTION Graph');
  if (!terminalsDone) throw new MalformedPaceFile(lastLine, 'no SECTION Terminals');
  return { graph, terminals };
}

/** PACE solution output: `VALUE w`, then one `u v` line (1-based) per tree edge. */
export function formatPaceSolution(graph: WeightedGraph, tree: SteinerTree): string {
  const lines = [`VALUE ${tree.weight}`];
  for (const e of tree.edges) lines.push(`${graph.edgeU[e] + 1} ${graph.edgeV[e] + 1}`);
  return lines.join('\n');
}
