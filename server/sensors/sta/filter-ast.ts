// The syntax tree a $filter or $orderby expression parses into; compiled to SQL by filter-sql.ts.
export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';

export type Expr =
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'null'; pos: number }
  | { kind: 'datetime'; ms: number; pos: number }
  | { kind: 'geo'; wkt: string; pos: number }
  | { kind: 'path'; segments: string[]; pos: number }
  | { kind: 'call'; name: string; args: Expr[]; pos: number }
  | { kind: 'logical'; op: 'and' | 'or'; left: Expr; right: Expr; pos: number }
  | { kind: 'not'; operand: Expr; pos: number }
  | { kind: 'compare'; op: ComparisonOp; left: Expr; right: Expr; pos: number }
  | { kind: 'arith'; op: ArithmeticOp; left: Expr; right: Expr; pos: number }
  | { kind: 'negate'; operand: Expr; pos: number }
  | { kind: 'in'; left: Expr; list: Expr[]; pos: number };

export interface OrderByItem {
  expr: Expr;
  descending: boolean;
}
