// What `npx tweeling steiner FILE.gr [--edges]` prints; main.ts reads the file and prints the returned text.
import { formatPaceSolution, parsePaceGr } from './pace-gr.ts';
import { solveSteinerTree } from './steiner.ts';

export interface SteinerCliOptions {
  /** Also print the tree in PACE output format (VALUE line and one edge per line). */
  edges: boolean;
  timeLimitMs?: number;
}

/**
 * Solves the .gr instance in `text`. The last line is always the tree weight alone, so scripts can `tail -n1`.
 * No trailing newline (print with console.log). Throws MalformedPaceFile or DisconnectedTerminals.
 */
export function runSteinerCli(text: string, options: SteinerCliOptions): string {
  const { graph, terminals } = parsePaceGr(text);
  const tree = solveSteinerTree(graph, terminals, { timeLimitMs: options.timeLimitMs });
  const lines: string[] = [];
  if (options.edges) lines.push(formatPaceSolution(graph, tree));
  lines.push(String(tree.weight));
  return lines.join('\n');
}
