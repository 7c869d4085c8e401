'use strict';
// The synthesized templates named on a checker's command line: each argument is a cdk.out folder (its
// *.template.json files, sorted) or one template file. Shared by cdk/nag/check.js and cdk/guard/check.js.
const fs = require('fs');
const path = require('path');

function templatesIn(args) {
  const files = [];
  for (const arg of args) {
    if (fs.statSync(arg).isDirectory()) {
      for (const name of fs.readdirSync(arg).sort()) {
        if (name.endsWith('.template.json')) files.push(path.join(arg, name));
      }
    } else {
      files.push(arg);
    }
  }
  return files;
}

module.exports = { templatesIn };
