// Types for scripts/build-server.mjs, for the TypeScript that imports it (bench/cold-start.ts).
export declare const ROOT: string;
export declare function serverNeedsBuild(): boolean;
export declare function buildServer(): boolean;
