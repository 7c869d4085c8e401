#!/usr/bin/env node
// Runs cfn-guard 3.1.1 with the AWS Control Tower proactive rules (both bundled in npm
// @cdklabs/cdk-validator-cfnguard) over templates the C# app synthesized, beside cdk-nag (cdk/nag/check.js).
// cfn-guard has no suppression mechanism of its own, so accepted findings are listed in
// cdk/guard/suppressions.json (rule, resource type, optional environments and logical-id pattern, reason) or carried by a
// resource's `cfn_guard` metadata (`rules_to_suppress` with `id` and `reason`), as cdk-nag's are.
//
// Usage: node cdk/guard/check.js <cdk.out dir | template.json>...
// Prints one JSON report on stdout; exits 1 when any violation is not suppressed or a suppression lacks a reason.
'use strict';

const fs = require('fs');
const path = require('path');
const { CfnGuardValidator } = require('@cdklabs/cdk-validator-cfnguard');

const MIN_REASON = 40;

const { templatesIn } = require('../templates');

function loadSuppressions() {
  const file = path.join(__dirname, 'suppressions.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).suppressions;
}

// "Frgm-prod-Data.template.json" -> "prod"
function environmentOf(file) {
  const m = /^Frgm-([a-z0-9]+)-/.exec(path.basename(file));
  return m ? m[1] : null;
}

function reasonFor(rule, file, template, logicalId, central) {
  const resource = logicalId ? (template.Resources || {})[logicalId] : undefined;
  const own = resource?.Metadata?.cfn_guard?.rules_to_suppress?.find(s => s.id === rule);
  if (own) return { reason: own.reason, source: 'metadata' };
  const type = resource?.Type;
  const env = environmentOf(file);
  const match = central.find(s => s.rule === rule
    && (s.resourceType === '*' || s.resourceType === type)
    && (!s.environments || s.environments.includes(env))
    && (!s.logicalIdPattern || new RegExp(s.logicalIdPattern).test(logicalId || '')));
  return match ? { reason: match.reason, source: 'suppressions.json' } : null;
}

function main(args) {
  if (args.length === 0) {
    console.error('usage: node cdk/guard/check.js <cdk.out dir | template.json>...');
    return 2;
  }
  const files = templatesIn(args);
  if (files.length === 0) {
    console.error(`no *.template.json found in ${args.join(', ')}`);
    return 2;
  }
  const central = loadSuppressions();
  const weak = central.filter(s => typeof s.reason !== 'string' || s.reason.length < MIN_REASON);
  const result = new CfnGuardValidator({}).validate({ templatePaths: files });
  const templates = Object.fromEntries(files.map(f => [f, JSON.parse(fs.readFileSync(f, 'utf8'))]));
  const report = { templates: files, findings: [], suppressed: [], weakSuppressions: weak };
  for (const violation of result.violations) {
    for (const where of violation.violatingResources) {
      const file = where.templatePath;
      const logicalId = where.resourceLogicalId || (where.locations?.[0] || '').split('/')[2] || null;
      const entry = { template: path.basename(file), resource: logicalId, rule: violation.ruleName, description: violation.description, locations: where.locations };
      const suppression = reasonFor(violation.ruleName, file, templates[file] || {}, logicalId, central);
      if (suppression && typeof suppression.reason === 'string' && suppression.reason.length >= MIN_REASON) {
        report.suppressed.push({ ...entry, reason: suppression.reason, source: suppression.source });
      } else {
        report.findings.push(entry);
      }
    }
  }
  report.summary = `${files.length} templates, ${report.findings.length} unsuppressed findings, `
    + `${report.suppressed.length} suppressed, ${weak.length} suppressions without a reason`;
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return report.findings.length === 0 && weak.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
