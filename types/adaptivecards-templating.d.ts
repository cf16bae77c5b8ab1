// The package's own declarations import adaptivecards' TypeScript sources, which do not
// compile under this project's settings; tsconfig "paths" points here instead. Only what we use.
export interface IEvaluationContext {
  $root?: unknown;
}
export declare class Template {
  constructor(payload: unknown);
  expand(context: IEvaluationContext): unknown;
}
