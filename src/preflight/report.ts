// A preflight report as text (one line per failed check, with its pages, and a summary) and as JSON.
import path from "node:path";
import type { Finding, Report } from "./finding.ts";

interface Rule {
  id: string;
  findings: Finding[];
}

/** The findings grouped by rule, in the order the checks ran. */
function rules(report: Report): Rule[] {
  const byId = new Map<string, Finding[]>();
  for (const f of report.findings) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  return [...byId.entries()].map(([id, findings]) => ({ id, findings }));
}

function pagesOf(findings: Finding[]): string {
  const pages = [...new Set(findings.map((f) => f.page).filter((p): p is number => p !== undefined))].sort(
    (a, b) => a - b,
  );
  if (pages.length === 0) return "";
  const shown = pages.length > 12 ? `${pages.slice(0, 12).join(", ")} … (${pages.length} pages)` : pages.join(", ");
  return ` (page${pages.length === 1 ? "" : "s"} ${shown})`;
}

/** One line per failed rule: its id, its pages and its first message; with `verbose`, every message under it. */
export function failureLines(report: Report, options: { verbose?: boolean } = {}): string[] {
  return ruleLines(report, "fail", "✗", options);
}

/** The same for the rules that warn: reported, but the preflight still passes. */
export function warningLines(report: Report, options: { verbose?: boolean } = {}): string[] {
  return ruleLines(report, "warn", "!", options);
}

function ruleLines(report: Report, status: Finding["status"], mark: string, options: { verbose?: boolean }): string[] {
  const lines: string[] = [];
  for (const rule of rules(report)) {
    const found = rule.findings.filter((f) => f.status === status);
    if (found.length === 0) continue;
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : "";
    lines.push(`${mark} ${rule.id}${pagesOf(found)}: ${found[0].message}${more}`);
    if (options.verbose && found.length > 1) for (const f of found) lines.push(`    ${f.message}`);
  }
  return lines;
}

export function summaryLine(report: Report): string {
  const { pass, fail, warn, skip, problems } = report.counts;
  const failed = fail
    ? `${fail} check${fail === 1 ? "" : "s"} failed (${problems} problem${problems === 1 ? "" : "s"}), `
    : "";
  return `${failed}${pass} passed${warn ? `, ${warn} with warnings` : ""}${skip ? `, ${skip} skipped` : ""} on ${report.pages} page${report.pages === 1 ? "" : "s"} in ${(report.ms / 1000).toFixed(2)} s`;
}

/** The message of the error a failed preflight throws: the failed checks, every failure listed. */
export function failureText(report: Report): string {
  const lines = failureLines(report, { verbose: true });
  return `${report.file ? `${path.basename(report.file)}: ` : ""}${summaryLine(report)}\n${lines.join("\n")}`;
}

export function formatReport(report: Report, options: { verbose?: boolean; cwd?: string } = {}): string {
  const name = report.file ? path.relative(options.cwd ?? process.cwd(), report.file) || report.file : "the PDF";
  const rel = (f: string) => path.relative(options.cwd ?? process.cwd(), f) || f;
  const lines = [
    `preflight ${name}: ${report.pages} page${report.pages === 1 ? "" : "s"}${report.html ? `, compared with ${rel(report.html)}` : ""}`,
  ];
  lines.push(...failureLines(report, options).map((l) => `  ${l}`));
  lines.push(...warningLines(report, options).map((l) => `  ${l}`));
  if (options.verbose) {
    for (const rule of rules(report)) {
      const f = rule.findings[0];
      if (f.status === "pass" || f.status === "skip")
        lines.push(`  ${f.status === "pass" ? "✓" : "-"} ${rule.id}: ${f.message}`);
    }
  }
  lines.push(`${report.passed ? "passed" : "FAILED"}: ${summaryLine(report)}`);
  return lines.join("\n");
}

export function reportToJson(report: Report): unknown {
  return {
    file: report.file,
    html: report.html,
    pages: report.pages,
    passed: report.passed,
    counts: report.counts,
    ms: Math.round(report.ms),
    findings: report.findings,
  };
}
