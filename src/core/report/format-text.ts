/** Human output of the checker: grouped by file, clickable file:line:col, a hint under each, one summary line. */
import type { Finding } from '../findings.ts';

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  green(s: string): string;
}

export const noPaint: Paint = { red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s, green: (s) => s };

export function formatText(findings: readonly Finding[], checkedCount: number, paint: Paint = noPaint): string {
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    out.push(paint.bold(file));
    for (const f of list) {
      const label = f.severity === 'error' ? paint.red(f.code) : paint.yellow(f.code);
      const message = f.severity === 'warning' ? `warning: ${f.message}` : f.message;
      out.push(`  ${f.file}:${f.line}:${f.column}  ${label}  ${message}`);
      out.push(paint.dim(`      hint: ${f.hint}`));
    }
    out.push('');
  }
  out.push(summaryLine(findings, checkedCount, paint));
  return out.join('\n') + '\n';
}

export function summaryLine(findings: readonly Finding[], checkedCount: number, paint: Paint = noPaint): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const files = new Set(findings.map((f) => f.file)).size;
  const checked = `${checkedCount} incident file${checkedCount === 1 ? '' : 's'} checked`;
  if (!findings.length) return paint.green(`✔ ${checked}, no problems`);
  const parts = [
    errors && `${errors} error${errors === 1 ? '' : 's'}`,
    warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`,
  ].filter(Boolean);
  const mark = errors ? paint.red('✖') : paint.yellow('⚠');
  return `${mark} ${parts.join(', ')} in ${files} file${files === 1 ? '' : 's'} (${checked})`;
}
