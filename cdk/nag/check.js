#!/usr/bin/env node
// Runs cdk-nag's AwsSolutionsChecks over templates the C# app synthesized.
// cdk-nag is npm-only (no NuGet package restores here), so each template is loaded back into a
// throwaway node app with CfnInclude; suppressions travel inside the templates as `cdk_nag`
// resource metadata written by the C# app, so they are honoured here exactly as in-app.
//
// Usage: node cdk/nag/check.js <cdk.out dir | template.json>...
// Prints one JSON report on stdout; exits 1 when any finding (or rule error) is not suppressed.
'use strict';

const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks } = require('cdk-nag');

const { templatesIn } = require('../templates');

class CollectingLogger {
  constructor(report) { this.report = report; }
  entry(data, extra) {
    return {
      template: this.report.currentTemplate,
      resource: data.resource.logicalId ? cdk.Stack.of(data.resource).resolve(data.resource.logicalId) : data.resource.node.path,
      rule: data.ruleId,
      finding: data.findingId,
      info: data.ruleInfo,
      ...extra,
    };
  }
  onCompliance() {}
  onNotApplicable() {}
  onNonCompliance(data) { this.report.findings.push(this.entry(data)); }
  onSuppressed(data) { this.report.suppressed.push(this.entry(data, { reason: data.suppressionReason })); }
  onError(data) { this.report.errors.push(this.entry(data, { error: data.errorMessage })); }
  onSuppressedError(data) { this.report.suppressed.push(this.entry(data, { reason: data.errorSuppressionReason })); }
}

function main(args) {
  if (args.length === 0) {
    console.error('usage: node cdk/nag/check.js <cdk.out dir | template.json>...');
    return 2;
  }
  const files = templatesIn(args);
  if (files.length === 0) {
    console.error(`no *.template.json found in ${args.join(', ')}`);
    return 2;
  }
  const report = { templates: files, findings: [], suppressed: [], errors: [], currentTemplate: '' };
  for (const file of files) {
    report.currentTemplate = path.basename(file);
    const app = new cdk.App({ outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'frgm-nag-')) });
    const stack = new cdk.Stack(app, 'Checked', { synthesizer: new cdk.LegacyStackSynthesizer() });
    new CfnInclude(stack, 'Template', { templateFile: file });
    cdk.Aspects.of(app).add(new AwsSolutionsChecks({ additionalLoggers: [new CollectingLogger(report)], verbose: false }));
    app.synth();
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
  delete report.currentTemplate;
  report.summary = `${files.length} templates, ${report.findings.length} unsuppressed findings, `
    + `${report.errors.length} rule errors, ${report.suppressed.length} suppressed`;
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return report.findings.length === 0 && report.errors.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
