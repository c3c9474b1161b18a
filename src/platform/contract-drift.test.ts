// The web imports the server's contracts instead of copying them, so a server schema that
// changes without the web following fails the type check (`npm run check`). This test shows
// it: it type-checks web files against edited copies of a contract, kept in memory.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

interface Edit {
  file: string;
  from: string;
  to: string;
}

function webProgram(edits: Edit[], oldProgram?: ts.Program): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json unreadable');
  const webFiles = config.fileNames.filter((f) => f.startsWith(path.join(root, 'web/src')) && !f.includes('/e2e/'));
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => {
    const text = readFile(file);
    const edit = edits.find((e) => path.join(root, e.file) === path.resolve(file));
    if (text === undefined || !edit) return text;
    if (!text.includes(edit.from)) throw new Error(`${edit.file} no longer contains ${edit.from}`);
    return text.replace(edit.from, edit.to);
  };
  return ts.createProgram({ rootNames: webFiles, options: config.options, host, ...(oldProgram ? { oldProgram } : {}) });
}

/** The type errors of one web file (the whole program is checked as far as that file needs). */
function errorsIn(program: ts.Program, file: string): string[] {
  const source = program.getSourceFile(path.join(root, file));
  if (!source) throw new Error(`${file} is not part of the web program`);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

// Engine-independent: it runs once, in the PGlite run of the suite.
describe.skipIf(Boolean(process.env.DATABASE_URL))('the web follows the server contracts', () => {
  it('type-checks as it is, and fails where the web uses a changed schema', () => {
    const asIs = webProgram([]);
    const importJob = 'web/src/features/registry/components/import-job.tsx';
    const buildingPage = 'web/src/features/registry/pages/building-page.tsx';
    expect(errorsIn(asIs, importJob)).toEqual([]);
    expect(errorsIn(asIs, buildingPage)).toEqual([]);

    // a state added on the server: the web's table of colours per import status lacks it
    const added = webProgram([{ file: 'src/modules/registry/contract.ts', from: "'discarded', 'interrupted'] as const", to: "'discarded', 'interrupted', 'archived'] as const" }], asIs);
    expect(errorsIn(added, importJob).join('\n')).toContain("'archived'");

    // a response field renamed: the building page still reads the old name
    const renamed = webProgram([{ file: 'src/modules/registry/contract.ts', from: 'householdCount: int, residentCount: int });', to: 'householdCount: int, peopleCount: int });' }], asIs);
    expect(errorsIn(renamed, buildingPage).join('\n')).toContain("'residentCount'");
  }, 300_000);
});
