/**
 * Checker findings as GitHub annotations and a job summary. GitHub shows at
 * most 10 annotations of each type per step, so the summary line comes first,
 * errors before warnings, and the job summary carries the full list.
 */
import * as core from '@actions/core';
import type { Finding } from '../core/findings.ts';
import { summaryLine } from '../core/report/format-text.ts';
import { escapeHtml } from '../core/text/escape-html.ts';

export async function reportToActions(findings: readonly Finding[], checkedCount: number): Promise<void> {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const line = summaryLine(findings, checkedCount);
  core.info(line);
  if (findings.length > 10)
    core.info('GitHub shows only the first 10 annotations of each kind; the job summary lists every finding.');
  for (const f of errors) core.error(`${f.message}\n${f.hint}`, annotation(f));
  for (const f of warnings) core.warning(`${f.message}\n${f.hint}`, annotation(f));
  core.setOutput('errors', errors.length);
  core.setOutput('warnings', warnings.length);
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const summary = core.summary.addHeading('Incident check', 2).addRaw(`<p>${escapeHtml(line)}</p>`, true);
  if (findings.length) {
    summary.addTable([
      [
        { data: 'Location', header: true },
        { data: 'Rule', header: true },
        { data: 'Severity', header: true },
        { data: 'Problem', header: true },
        { data: 'What right looks like', header: true },
      ],
      ...findings.map((f) => [
        escapeHtml(`${f.file}:${f.line}:${f.column}`),
        f.code,
        f.severity,
        escapeHtml(f.message),
        escapeHtml(f.hint),
      ]),
    ]);
  }
  await summary.write();
}

function annotation(f: Finding): core.AnnotationProperties {
  return { title: f.code, file: f.file, startLine: f.line, startColumn: f.column };
}
