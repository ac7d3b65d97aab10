// PACE 2018 .gr reading and solution writing, and the `tweeling steiner` output.
import { describe, expect, it } from 'vitest';
import { MalformedPaceFile, formatPaceSolution, parsePaceGr } from '../../server/scenarios/fibre/pace-gr.ts';
import { runSteinerCli } from '../../server/scenarios/fibre/steiner-cli.ts';
import { DisconnectedTerminals, solveSteinerTree } from '../../server/scenarios/fibre/steiner.ts';

/** A 4-cycle 1–2–3–4 with a hub 5 joined to every corner; terminals 1 and 3. Optimum: 1–5–3 at 2 + 2 = 4. */
function createGrText(): string {
  return [
    '# comment before the graph',
    'SECTION Graph',
    'Nodes 5',
    'Edges 8',
    'E 1 2 3',
    'E 2 3 3',
    'E 3 4 3',
    'E 4 1 3',
    '',
    'E 1 5 2',
    'E 2 5 2',
    'E 3 5 2',
    'E 4 5 2',
    'END',
    '',
    'SECTION Terminals',
    'Terminals 2',
    'T 1',
    'T 3',
    'END',
    '',
    'EOF',
  ].join('\n');
}

function parseError(text: string): MalformedPaceFile {
  try {
    parsePaceGr(text);
  } catch (error) {
    if (error instanceof MalformedPaceFile) return error;
    throw error;
  }
  throw new Error('expected MalformedPaceFile');
}

function replaceLine(text: string, lineNo: number, replacement: string): string {
  const lines = text.split('\n');
  lines[lineNo - 1] = replacement;
  return lines.join('\n');
}

describe('parsePaceGr', () => {
  it('reads nodes, edges and terminals with 0-based ids, tolerating comments and blank lines', () => {
    const { graph, terminals } = parsePaceGr(createGrText());
    expect(graph.nodeCount).toBe(5);
    expect(graph.edgeCount).toBe(8);
    expect(terminals).toEqual([0, 2]);
  });

  it('names the line of an edge to a node outside the graph', () => {
    const error = parseError(replaceLine(createGrText(), 6, 'E 2 9 3'));
    expect(error.line).toBe(6);
    expect(error.message).toMatch(/^line 6: node 9 is outside 1…5/);
  });

  it('names the line of a malformed weight', () => {
    expect(parseError(replaceLine(createGrText(), 5, 'E 1 2 three')).message).toMatch(/^line 5: edge weight/);
  });

  it('names the END line when the edge count does not match', () => {
    expect(parseError(replaceLine(createGrText(), 4, 'Edges 9')).message).toBe("line 14: 'Edges 9' declared but 8 edge line(s) found");
  });

  it('names the line of an unexpected keyword', () => {
    expect(parseError(replaceLine(createGrText(), 18, 'X 1')).message).toBe("line 18: unexpected 'X' in SECTION Terminals");
  });

  it('reports a missing terminal section at the last line', () => {
    const text = createGrText().split('\n').slice(0, 14).join('\n');
    expect(parseError(text).message).toBe('line 14: no SECTION Terminals');
  });
});

describe('formatPaceSolution and runSteinerCli', () => {
  it('writes VALUE then 1-based edges', () => {
    const { graph, terminals } = parsePaceGr(createGrText());
    const tree = solveSteinerTree(graph, terminals);
    expect(formatPaceSolution(graph, tree).split('\n')).toEqual(['VALUE 4', '1 5', '3 5']);
  });

  it('prints the weight alone on the last line, after the PACE output with --edges', () => {
    expect(runSteinerCli(createGrText(), { edges: false })).toBe('4');
    expect(runSteinerCli(createGrText(), { edges: true }).split('\n')).toEqual(['VALUE 4', '1 5', '3 5', '4']);
  });

  it('passes DisconnectedTerminals on for terminals in another component', () => {
    // Node 6 has no edges.
    const text = replaceLine(replaceLine(createGrText(), 3, 'Nodes 6'), 19, 'T 6');
    expect(() => runSteinerCli(text, { edges: false })).toThrow(DisconnectedTerminals);
  });
});
