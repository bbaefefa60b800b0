import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** Module IDs are repository-relative paths without extension: stable, readable in the deployed code. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface InlineBundle {
  /** One CommonJS script: what CloudFormation writes to the function's `index.js`. */
  readonly code: string;
  /** The IDs of the bundled modules, entry first. */
  readonly modules: string[];
}

/**
 * Bundle a TypeScript file and the local files it imports into one CommonJS script, from their source, at synth
 * time. Imports of packages (`@aws-sdk/client-s3`) stay `require` calls for the Lambda runtime to resolve.
 *
 * Why not a committed copy of the runtime helper: it would drift from `src/runtime`. Why not `Code.fromAsset` on
 * `lib/`: `lib/` exists only after a jsii build. Transpiling the source keeps the integ apps runnable with
 * `ts-node` alone and the deployed helper identical to the one the package ships.
 *
 * @param entryFile absolute path of the entry `.ts` file
 * @param main the statement that runs last, given the expression that loads the entry module
 */
export function bundleInline(entryFile: string, main: (loadEntry: string) => string): InlineBundle {
  const sources = new Map<string, string>();
  const visit = (file: string): string => {
    const id = moduleId(file);
    if (sources.has(id)) return id;
    sources.set(id, '');
    sources.set(id, rewriteLocalRequires(transpile(file), file, visit));
    return id;
  };
  const entryId = visit(entryFile);
  const definitions = [...sources].map(([id, code]) =>
    `${JSON.stringify(id)}: function (exports, __load) {\n${code}\n}`);
  const code = [
    '"use strict";',
    `const __modules = {\n${definitions.join(',\n')}\n};`,
    'const __cache = {};',
    'function __load(id) {',
    '  if (!(id in __cache)) { const m = { exports: {} }; __cache[id] = m; __modules[id](m.exports, __load); }',
    '  return __cache[id].exports;',
    '}',
    main(`__load(${JSON.stringify(entryId)})`),
    '',
  ].join('\n');
  return { code, modules: [...sources.keys()] };
}

function moduleId(file: string): string {
  return path.relative(REPO_ROOT, file).replace(/\.ts$/, '').split(path.sep).join('/');
}

function transpile(file: string): string {
  const output = ts.transpileModule(fs.readFileSync(file, 'utf-8'), {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      // The oldest Node.js runtime Lambda still runs reads ES2022.
      target: ts.ScriptTarget.ES2022,
      removeComments: true,
      sourceMap: false,
      inlineSourceMap: false,
    },
  });
  return output.outputText.trim();
}

/** `require("./x")` becomes `__load("<id of x>")`; a local import that cannot be found fails the synth. */
function rewriteLocalRequires(code: string, file: string, visit: (file: string) => string): string {
  return code.replace(/\brequire\("(\.{1,2}\/[^"]+)"\)/g, (_whole, request: string) => {
    const base = path.resolve(path.dirname(file), request);
    const found = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
    if (!found) throw new Error(`bundleInline: ${moduleId(file)} imports '${request}', which is not a .ts file of this repository`);
    return `__load(${JSON.stringify(visit(found))})`;
  });
}
