// Recursive-descent parser for the SensorThings expression language (OData 4 subset), precedence low → high:
// or, and, not, comparison/in, add/sub, mul/div/mod, unary minus, primary. Errors carry the character position.
import type { ArithmeticOp, ComparisonOp, Expr, OrderByItem } from './filter-ast.ts';
import { FilterSyntaxError, type Token, tokenize } from './filter-lexer.ts';

/** Deepest nesting accepted; deeper input is refused instead of exhausting the stack (RELIABILITY.md #18). */
const MAX_DEPTH = 64;

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

export function parseFilter(text: string): Expr {
  const p = new Parser(tokenize(text));
  if (p.peek().kind === 'end') throw new FilterSyntaxError('empty expression', 0);
  const expr = p.expression(0);
  p.expectEnd();
  return expr;
}

/** `expr [asc|desc], …` */
export function parseOrderBy(text: string): OrderByItem[] {
  const p = new Parser(tokenize(text));
  const items: OrderByItem[] = [];
  for (;;) {
    const expr = p.expression(0);
    let descending = false;
    const t = p.peek();
    if (t.kind === 'ident' && (t.text === 'asc' || t.text === 'desc')) {
      descending = t.text === 'desc';
      p.next();
    }
    items.push({ expr, descending });
    if (!p.acceptPunct(',')) break;
  }
  p.expectEnd();
  return items;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.i];
  }

  next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'end') this.i++;
    return t;
  }

  acceptPunct(text: string): boolean {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === text) {
      this.i++;
      return true;
    }
    return false;
  }

  expectPunct(text: string): void {
    if (!this.acceptPunct(text)) throw new FilterSyntaxError(`expected '${text}' but found ${describe(this.peek())}`, this.peek().pos);
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'end') throw new FilterSyntaxError(`unexpected ${describe(t)}`, t.pos);
  }

  private keyword(word: string): Token | undefined {
    const t = this.peek();
    if (t.kind === 'ident' && t.text === word) {
      this.i++;
      return t;
    }
    return undefined;
  }

  expression(depth: number): Expr {
    if (depth > MAX_DEPTH) throw new FilterSyntaxError(`expression nested deeper than ${MAX_DEPTH} levels`, this.peek().pos);
    return this.or(depth);
  }

  private or(depth: number): Expr {
    let left = this.and(depth);
    for (let t = this.keyword('or'); t; t = this.keyword('or')) left = { kind: 'logical', op: 'or', left, right: this.and(depth), pos: t.pos };
    return left;
  }

  private and(depth: number): Expr {
    let left = this.not(depth);
    for (let t = this.keyword('and'); t; t = this.keyword('and')) left = { kind: 'logical', op: 'and', left, right: this.not(depth), pos: t.pos };
    return left;
  }

  private not(depth: number): Expr {
    const t = this.keyword('not');
    if (t) return { kind: 'not', operand: this.notDeeper(depth + 1), pos: t.pos };
    return this.comparison(depth);
  }

  private notDeeper(depth: number): Expr {
    if (depth > MAX_DEPTH) throw new FilterSyntaxError(`expression nested deeper than ${MAX_DEPTH} levels`, this.peek().pos);
    return this.not(depth);
  }

  private comparison(depth: number): Expr {
    const left = this.additive(depth);
    const t = this.peek();
    if (t.kind === 'ident' && COMPARISONS.has(t.text)) {
      this.next();
      return { kind: 'compare', op: t.text as ComparisonOp, left, right: this.additive(depth), pos: t.pos };
    }
    if (t.kind === 'ident' && t.text === 'in') {
      this.next();
      this.expectPunct('(');
      const list: Expr[] = [this.additive(depth)];
      while (this.acceptPunct(',')) list.push(this.additive(depth));
      this.expectPunct(')');
      return { kind: 'in', left, list, pos: t.pos };
    }
    return left;
  }

  private additive(depth: number): Expr {
    let left = this.multiplicative(depth);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'ident' || (t.text !== 'add' && t.text !== 'sub')) return left;
      this.next();
      left = { kind: 'arith', op: t.text as ArithmeticOp, left, right: this.multiplicative(depth), pos: t.pos };
    }
  }

  private multiplicative(depth: number): Expr {
    let left = this.unary(depth);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'ident' || (t.text !== 'mul' && t.text !== 'div' && t.text !== 'mod')) return left;
      this.next();
      left = { kind: 'arith', op: t.text as ArithmeticOp, left, right: this.unary(depth), pos: t.pos };
    }
  }

  private unary(depth: number): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '-') {
      this.next();
      if (depth > MAX_DEPTH) throw new FilterSyntaxError(`expression nested deeper than ${MAX_DEPTH} levels`, t.pos);
      const operand = this.unary(depth + 1);
      if (operand.kind === 'number') return { ...operand, value: -operand.value, pos: t.pos };
      return { kind: 'negate', operand, pos: t.pos };
    }
    return this.primary(depth);
  }

  private primary(depth: number): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.value, pos: t.pos };
      case 'number':
        return { kind: 'number', value: t.value, pos: t.pos };
      case 'datetime':
        return { kind: 'datetime', ms: t.ms, pos: t.pos };
      case 'geo':
        return { kind: 'geo', wkt: t.wkt, pos: t.pos };
      case 'punct':
        if (t.text === '(') {
          const inner = this.expression(depth + 1);
          this.expectPunct(')');
          return inner;
        }
        throw new FilterSyntaxError(`unexpected '${t.text}'`, t.pos);
      case 'end':
        throw new FilterSyntaxError('unexpected end of expression', t.pos);
      case 'ident': {
        if (t.text === 'true' || t.text === 'false') return { kind: 'boolean', value: t.text === 'true', pos: t.pos };
        if (t.text === 'null') return { kind: 'null', pos: t.pos };
        if (this.acceptPunct('(')) {
          const args: Expr[] = [];
          if (!this.acceptPunct(')')) {
            args.push(this.expression(depth + 1));
            while (this.acceptPunct(',')) args.push(this.expression(depth + 1));
            this.expectPunct(')');
          }
          return { kind: 'call', name: t.text, args, pos: t.pos };
        }
        if (/^(and|or|not|eq|ne|gt|ge|lt|le|add|sub|mul|div|mod|in)$/.test(t.text)) {
          throw new FilterSyntaxError(`operator '${t.text}' where a value was expected`, t.pos);
        }
        return { kind: 'path', segments: t.text.split('/'), pos: t.pos };
      }
    }
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'end of expression';
    case 'ident':
      return `'${t.text.slice(0, 40)}'`;
    case 'punct':
      return `'${t.text}'`;
    case 'string':
      return 'a string';
    case 'number':
      return `number ${t.value}`;
    default:
      return `a ${t.kind} literal`;
  }
}
